// Parse throughput of parsePrometheusText(): the node_exporter capture of tests/fixtures and a
// ~1 MB synthetic vLLM exposition (two engines, several models, histograms). Each parse includes
// building and freeing the result. Target: >= 200 MB/s.

#include "benchutil.h"
#include "prometheusparser.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <ctime>

namespace {

// A vLLM /metrics body in the shape the V1 engine writes (SOURCES.md §A.2): every series labelled
// with model_name and engine, counters with _created twins, and the request histograms.
QByteArray syntheticVllm(qsizetype targetBytes)
{
    const QList<QByteArray> models { "meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct",
        "mistralai/Mistral-7B-Instruct-v0.3", "sql-lora" };
    const QList<QByteArray> buckets { "0.001", "0.005", "0.01", "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5",
        "0.75", "1.0", "2.5", "5.0", "7.5", "10.0", "20.0", "+Inf" };
    const QList<QByteArray> histograms { "time_to_first_token_seconds", "inter_token_latency_seconds",
        "e2e_request_latency_seconds", "request_queue_time_seconds", "request_prefill_time_seconds",
        "request_decode_time_seconds" };
    QByteArray out;
    out.reserve(targetBytes + 64 * 1024);
    quint64 n = 12345;
    auto next = [&n] { return n = n * 6364136223846793005ULL + 1442695040888963407ULL; };
    for (int round = 0; out.size() < targetBytes; ++round) {
        for (int engine = 0; engine < 2; ++engine) {
            for (const QByteArray &model : models) {
                const QByteArray labels
                    = "engine=\"" + QByteArray::number(engine + 2 * round) + "\",model_name=\"" + model + '"';
                out += "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
                       "# TYPE vllm:num_requests_running gauge\n";
                out += "vllm:num_requests_running{" + labels + "} " + QByteArray::number(next() % 64) + ".0\n";
                out += "vllm:num_requests_waiting{" + labels + "} " + QByteArray::number(next() % 16) + ".0\n";
                out += "vllm:kv_cache_usage_perc{" + labels + "} 0." + QByteArray::number(next() % 100000) + '\n';
                out += "# TYPE vllm:generation_tokens_total counter\n";
                out += "vllm:generation_tokens_total{" + labels + "} " + QByteArray::number(next() % 100000000)
                    + ".0\n";
                out += "vllm:generation_tokens_created{" + labels + "} 1.7637264019283e+09\n";
                for (const char *reason : { "stop", "length", "abort" })
                    out += "vllm:request_success_total{" + labels + ",finished_reason=\"" + reason + "\"} "
                        + QByteArray::number(next() % 100000) + ".0\n";
                for (const QByteArray &h : histograms) {
                    out += "# HELP vllm:" + h + " Histogram of " + h + ".\n# TYPE vllm:" + h + " histogram\n";
                    quint64 count = 0;
                    for (const QByteArray &le : buckets) {
                        count += next() % 50;
                        out += "vllm:" + h + "_bucket{" + labels + ",le=\"" + le + "\"} " + QByteArray::number(count)
                            + ".0\n";
                    }
                    out += "vllm:" + h + "_count{" + labels + "} " + QByteArray::number(count) + ".0\n";
                    out += "vllm:" + h + "_sum{" + labels + "} "
                        + QByteArray::number(double(next() % 1000000) / 7.0, 'g', 17) + '\n';
                }
            }
        }
    }
    return out;
}

struct Run
{
    double cpuMBps = 0;  // bytes over this thread's CPU time: steadier on a shared machine
    double wallMBps = 0; // bytes over wall time
    qsizetype samples = 0;
    qsizetype warnings = 0;
    QString spread;
};

double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Parses `body` again and again, `rounds` rounds of about `seconds` / `rounds` each; the median
// round's MB/s (MiB, as everywhere in bench/).
Run measure(const QByteArray &body, double seconds, int rounds)
{
    Run run;
    QList<double> cpuRates;
    QList<double> wallRates;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = threadCpuSeconds();
        qint64 bytes = 0;
        do {
            const PromParseResult result = parsePrometheusText(body);
            run.samples = result.samples.size();
            run.warnings = result.warnings.size();
            bytes += body.size();
        } while (timer.nsecsElapsed() < qint64(seconds * 1e9 / rounds));
        const double mib = double(bytes) / (1024.0 * 1024.0);
        cpuRates << mib / (threadCpuSeconds() - cpuBefore);
        wallRates << mib / (double(timer.nsecsElapsed()) / 1e9);
    }
    run.cpuMBps = Bench::median(cpuRates);
    run.wallMBps = Bench::median(wallRates);
    run.spread = QStringLiteral("CPU time: min %1, max %2 MB/s; wall time: median %3, min %4, max %5 MB/s (%6 rounds)")
                     .arg(QString::fromLatin1(Bench::figure(Bench::minimum(cpuRates))),
                         QString::fromLatin1(Bench::figure(Bench::maximum(cpuRates))),
                         QString::fromLatin1(Bench::figure(run.wallMBps)),
                         QString::fromLatin1(Bench::figure(Bench::minimum(wallRates))),
                         QString::fromLatin1(Bench::figure(Bench::maximum(wallRates))))
                     .arg(rounds);
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr double kTarget = 200.0;

    QFile file(QStringLiteral(PERFDASH_FIXTURES_DIR "/node_exporter_debian12.txt"));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_prometheus: cannot read %s\n", qPrintable(file.fileName()));
        return 1;
    }
    const QByteArray node = file.readAll();
    const QByteArray vllm = syntheticVllm(1024 * 1024);

    std::printf("bench_prometheus: parsePrometheusText(), median of 9 rounds of ~0.3 s, MB/s of CPU time\n");
    std::printf("(a) node_exporter capture, %lld bytes\n", qlonglong(node.size()));
    const Run a = measure(node, 3.0, 9);
    Bench::report("parse node_exporter", a.cpuMBps, "MB/s", ">= 200 MB/s", a.cpuMBps >= kTarget);
    Bench::note(a.spread);
    Bench::note(QStringLiteral("%1 samples, %2 warnings per parse").arg(a.samples).arg(a.warnings));

    std::printf("(b) synthetic vLLM exposition, %lld bytes\n", qlonglong(vllm.size()));
    const Run b = measure(vllm, 3.0, 9);
    Bench::report("parse vLLM 1 MB", b.cpuMBps, "MB/s", ">= 200 MB/s", b.cpuMBps >= kTarget);
    Bench::note(b.spread);
    Bench::note(QStringLiteral("%1 samples, %2 warnings per parse").arg(b.samples).arg(b.warnings));
    return a.warnings == 0 && b.warnings == 0 ? 0 : 2;
}
