// The CPU cost of scraping model servers end to end: two HttpServerSources (HttpFetcher, Qt's
// HTTP stack, the Prometheus parser, the counters) polling two vLLM /metrics at 1 Hz, as a machine
// list of two servers does. The servers are this program again (`--serve`), in child processes,
// so this process's CPU time (getrusage RUSAGE_SELF, every thread) is the client's alone.
// Target: a 1 Hz scrape of two servers costs < 0.1 % of one core.

#include "benchutil.h"
#include "fakehttpserver.h"
#include "httpserversource.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>

#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <unistd.h>

namespace {

// A vLLM V1 /metrics of a realistic size: the names and label sets of docs/design/metrics.md
// (SOURCES.md A.2), one model on two engines, every documented histogram with 20 buckets, and the
// Python process metrics its prometheus_client adds. `small` is the SOURCES.md sample alone.
QByteArray vllmExposition(int n, bool small)
{
    const QByteArray model = "model_name=\"meta-llama/Llama-3.1-8B-Instruct\"";
    auto f = [](double v) { return QByteArray::number(v, 'f', 1); };
    const double tokens = 27453.0 + 180.0 * n;
    QByteArray text;
    text += "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
            "# TYPE vllm:num_requests_running gauge\n";
    text += "vllm:num_requests_running{engine=\"0\"," + model + "} " + f(n) + "\n";
    text += "# HELP vllm:generation_tokens_total Number of generation tokens processed.\n"
            "# TYPE vllm:generation_tokens_total counter\n";
    text += "vllm:generation_tokens_total{engine=\"0\"," + model + "} " + f(tokens) + "\n";
    text += "# HELP vllm:request_success_total Count of successfully processed requests.\n"
            "# TYPE vllm:request_success_total counter\n";
    text += "vllm:request_success_total{engine=\"0\",finished_reason=\"length\"," + model + "} " + f(131 + n) + "\n";
    text += "vllm:request_success_total{engine=\"0\",finished_reason=\"abort\"," + model + "} 0.0\n";
    if (small)
        return text;

    for (const char *engine : { "1" }) {
        const QByteArray labels = QByteArray("engine=\"") + engine + "\"," + model;
        text += "vllm:num_requests_running{" + labels + "} 8.0\n";
        text += "vllm:generation_tokens_total{" + labels + "} " + f(tokens * 0.9) + "\n";
        text += "vllm:request_success_total{" + labels + ",finished_reason=\"stop\"} " + f(2 * n) + "\n";
    }
    const char *gauges[] = { "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc" };
    const char *counters[] = { "vllm:prefix_cache_queries", "vllm:prefix_cache_hits", "vllm:prompt_tokens_total" };
    const char *histograms[] = {
        "vllm:request_prompt_tokens",
        "vllm:request_generation_tokens",
        "vllm:time_to_first_token_seconds",
        "vllm:inter_token_latency_seconds",
        "vllm:e2e_request_latency_seconds",
        "vllm:request_queue_time_seconds",
        "vllm:request_prefill_time_seconds",
        "vllm:request_decode_time_seconds",
        "vllm:request_time_per_output_token_seconds",
    };
    for (const char *engine : { "0", "1" }) {
        const QByteArray labels = QByteArray("engine=\"") + engine + "\"," + model;
        for (const char *g : gauges)
            text += QByteArray("# TYPE ") + g + " gauge\n" + g + "{" + labels + "} 0.25\n";
        for (const char *c : counters)
            text += QByteArray("# TYPE ") + c + " counter\n" + c + "{" + labels + "} " + f(1000.0 * n) + "\n";
        for (const char *h : histograms) {
            text += QByteArray("# HELP ") + h + " Histogram of the quantity.\n# TYPE " + h + " histogram\n";
            double le = 0.001;
            for (int b = 0; b < 20; ++b, le *= 2)
                text += QByteArray(h) + "_bucket{" + labels + ",le=\"" + QByteArray::number(le) + "\"} "
                    + f(std::min(131.0, 7.0 * b)) + "\n";
            text += QByteArray(h) + "_bucket{" + labels + ",le=\"+Inf\"} " + f(131 + n) + "\n";
            text += QByteArray(h) + "_count{" + labels + "} " + f(131 + n) + "\n";
            text += QByteArray(h) + "_sum{" + labels + "} " + f(12.5 * n) + "\n";
        }
    }
    const char *process[] = { "python_gc_objects_collected_total{generation=\"0\"} 11438.0",
        "python_gc_objects_collected_total{generation=\"1\"} 3124.0",
        "python_gc_collections_total{generation=\"0\"} 1843.0",
        "python_info{implementation=\"CPython\",major=\"3\",minor=\"12\",patchlevel=\"3\","
        "version=\"3.12.3\"} 1.0",
        "process_virtual_memory_bytes 3.4359738368e+10", "process_resident_memory_bytes 2.147483648e+09",
        "process_start_time_seconds 1.7629e+09", "process_cpu_seconds_total 1234.56", "process_open_fds 87.0",
        "process_max_fds 1.048576e+06" };
    for (const char *line : process)
        text += QByteArray(line) + "\n";
    return text;
}

// Child: a fake vLLM on a free loopback port, printed on stdout; ends when stdin closes.
int serve(QCoreApplication &app, bool small)
{
    FakeHttpServer server;
    if (!server.listen()) {
        std::fprintf(stderr, "bench_scrape --serve: cannot listen\n");
        return 1;
    }
    server.route(QStringLiteral("/metrics"), [small](const FakeHttpServer::Request &r) {
        return FakeHttpServer::text(200, vllmExposition(r.number, small));
    });
    QSocketNotifier stdinClosed(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinClosed, &QSocketNotifier::activated, &app, [&app] {
        char buffer[64];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
            app.quit();
    });
    QTimer::singleShot(15 * 60 * 1000, &app, &QCoreApplication::quit); // never outlive a lost parent
    std::printf("%d\n", server.port());
    std::fflush(stdout);
    return app.exec();
}

// CPU time of each thread of this process so far, in ns (/proc/self/task/*/schedstat), by name.
QMap<QString, double> threadCpuNs()
{
    QMap<QString, double> byName;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/schedstat")));
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!stat.open(QIODevice::ReadOnly) || !comm.open(QIODevice::ReadOnly))
            continue;
        const QString name = QString::fromUtf8(comm.readAll().trimmed());
        byName[name] += stat.readAll().split(' ').value(0).toDouble();
    }
    return byName;
}

// One measured run: `scrape` is called on every 1 Hz tick; the first kWarmUpTicks are not counted.
struct Run
{
    double steadyCpu = 0;     // s, this process, every thread
    double steadySeconds = 0; // wall
    int scrapes = 0;          // started in the steady window
    double answered = 0;      // answered in the steady window
    QMap<QString, double> threadNs;
    double wholeCpu = 0;
    double wholeSeconds = 0;
};

constexpr int kWarmUpTicks = 2;

Run measure(QCoreApplication &app, int seconds, int scrapesPerTick, const std::function<void(int)> &scrape,
    const std::function<double()> &answered)
{
    // Ticks 1 and 2 open the connections and warm Qt's HTTP stack up; the steady state is measured
    // from tick 3 to the last, at the same point of a tick, so one tick's scrapes are in per tick.
    const int ticks = kWarmUpTicks + seconds;
    Run run;
    const double cpuAtStart = Bench::cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    double cpuSteady = 0;
    QMap<QString, double> threadsSteady;
    qint64 wallSteadyMs = 0;
    double answeredSteady = 0;
    int tick = 0;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(1000);
    QObject::connect(&timer, &QTimer::timeout, &app, [&] {
        ++tick;
        scrape(tick);
        if (tick == kWarmUpTicks + 1) {
            cpuSteady = Bench::cpuSeconds();
            threadsSteady = threadCpuNs();
            wallSteadyMs = wall.elapsed();
            answeredSteady = answered();
        } else if (tick == ticks + 1) {
            app.quit();
        }
    });
    timer.start();
    app.exec();
    const double cpuEnd = Bench::cpuSeconds();
    const QMap<QString, double> threadsEnd = threadCpuNs();
    run.steadyCpu = cpuEnd - cpuSteady;
    run.steadySeconds = double(wall.elapsed() - wallSteadyMs) / 1000.0;
    run.scrapes = scrapesPerTick * seconds;
    run.answered = answered() - answeredSteady;
    for (auto it = threadsEnd.cbegin(); it != threadsEnd.cend(); ++it)
        run.threadNs[it.key()] = it.value() - threadsSteady.value(it.key());
    run.wholeCpu = cpuEnd - cpuAtStart;
    run.wholeSeconds = double(wall.elapsed()) / 1000.0;
    return run;
}

QString perThread(const Run &run)
{
    QStringList threads;
    for (auto it = run.threadNs.cbegin(); it != run.threadNs.cend(); ++it) {
        const double us = it.value() / 1e3 / run.scrapes;
        if (us >= 1)
            threads << QStringLiteral("%1 %2 us").arg(it.key()).arg(us, 0, 'f', 0);
    }
    return threads.join(QStringLiteral(", "));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    bool small = false;
    bool baseline = false;
    int seconds = 20;
    if (args.value(0) == QLatin1String("--serve"))
        return serve(app, args.value(1) == QLatin1String("small"));
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--seconds") && i + 1 < args.size()) {
            seconds = std::max(3, args[++i].toInt());
        } else if (args[i] == QLatin1String("--small")) {
            small = true;
        } else if (args[i] == QLatin1String("--baseline")) {
            baseline = true;
        } else {
            std::fprintf(stderr, "usage: bench_scrape [--seconds N] [--small] [--baseline]\n");
            return 2;
        }
    }

    // Two servers, each in its own process.
    std::vector<std::unique_ptr<QProcess>> servers;
    QList<QUrl> urls;
    for (int i = 0; i < 2; ++i) {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(QCoreApplication::applicationFilePath(),
            { QStringLiteral("--serve"), small ? QStringLiteral("small") : QStringLiteral("full") });
        if (!process->waitForReadyRead(10000)) {
            std::fprintf(
                stderr, "bench_scrape: the server process did not start: %s\n", qPrintable(process->errorString()));
            return 1;
        }
        urls << QUrl(QStringLiteral("http://127.0.0.1:%1").arg(process->readLine().trimmed().toInt()));
        servers.push_back(std::move(process));
    }
    auto stopServers = [&servers] {
        for (auto &process : servers) {
            process->closeWriteChannel();
            if (!process->waitForFinished(3000)) {
                process->kill();
                process->waitForFinished(3000);
            }
        }
    };
    const qsizetype bodyBytes = vllmExposition(1, small).size();

    // The sources, as a machine list of two vLLM servers makes them. Each server reports its
    // request number as the running-requests gauge: the scrapes each source had answered.
    std::vector<std::unique_ptr<HttpServerSource>> sources;
    double answered[2] = { 0, 0 };
    double tokensPerSecond = 0;
    for (int i = 0; i < 2; ++i) {
        HttpServerSource::Options options;
        options.baseUrl = urls[i];
        options.kind = ServerKind::Vllm;
        sources.push_back(std::make_unique<HttpServerSource>(options));
        QObject::connect(sources.back().get(), &Source::sampleReady, &app,
            [&answered, &tokensPerSecond, i](quint64, const Sample &s) {
                if (s.has(Metric::ActiveRequests))
                    answered[i] = s.value(Metric::ActiveRequests);
                if (s.has(Metric::TokensPerSecond))
                    tokensPerSecond = s.value(Metric::TokensPerSecond);
            });
    }

    std::printf("bench_scrape: 2 HttpServerSources (vLLM /metrics of %.1f KB%s) at 1 Hz for %d s after %d s "
                "warm-up; servers in child processes\n",
        double(bodyBytes) / 1024.0, small ? ", the SOURCES.md sample" : "", seconds, kWarmUpTicks);
    std::fflush(stdout);
    const Run run = measure(
        app, seconds, 2,
        [&sources](int tick) {
            for (auto &source : sources)
                source->requestSample(quint64(tick));
        },
        [&answered] { return answered[0] + answered[1]; });
    sources.clear();
    if (run.answered < run.scrapes - 2) {
        stopServers();
        std::fprintf(stderr, "bench_scrape: only %.0f of %d scrapes were answered\n", run.answered, run.scrapes);
        return 1;
    }
    const double perScrapeUs = run.steadyCpu * 1e6 / run.scrapes;
    const double percent = 100.0 * run.steadyCpu / run.steadySeconds;
    Bench::report("scrape CPU, client, end to end", perScrapeUs, "us per scrape",
        "< 500 us, 0.1 % of a core over 2 a second", perScrapeUs < 500);
    Bench::report("1 Hz scrape of two servers", percent, "% of one core", "< 0.1 %", percent < 0.1);
    Bench::note(QStringLiteral("%1 ms CPU over %2 s, %3 scrapes answered (%4 started); tokens/s read: %5")
                    .arg(run.steadyCpu * 1000, 0, 'f', 2)
                    .arg(run.steadySeconds, 0, 'f', 1)
                    .arg(run.answered)
                    .arg(run.scrapes)
                    .arg(tokensPerSecond, 0, 'f', 0));
    Bench::note(QStringLiteral("per scrape by thread: ") + perThread(run));
    Bench::note(QStringLiteral("whole run, start-up and warm-up included: %1 ms CPU in %2 s (%3 % of one core)")
                    .arg(run.wholeCpu * 1000, 0, 'f', 1)
                    .arg(run.wholeSeconds, 0, 'f', 1)
                    .arg(100.0 * run.wholeCpu / run.wholeSeconds, 0, 'f', 3));

    if (baseline) {
        // The same GETs with a bare QNetworkAccessManager per server (as HttpFetcher has one), the
        // body read and dropped: what Qt's HTTP stack alone costs.
        std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
        for (int i = 0; i < 2; ++i)
            managers.push_back(std::make_unique<QNetworkAccessManager>());
        double finished = 0;
        const Run bare = measure(
            app, seconds, 2,
            [&](int) {
                for (int i = 0; i < 2; ++i) {
                    QNetworkRequest request(urls[i].resolved(QUrl(QStringLiteral("/metrics"))));
                    QNetworkReply *reply = managers[size_t(i)]->get(request);
                    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &finished] {
                        finished += reply->readAll().isEmpty() ? 0 : 1;
                        reply->deleteLater();
                    });
                }
            },
            [&finished] { return finished; });
        Bench::report(
            "baseline: bare QNetworkAccessManager GET", bare.steadyCpu * 1e6 / bare.scrapes, "us per request");
        Bench::note(QStringLiteral("%1 of %2 answered; per request by thread: %3")
                        .arg(bare.answered)
                        .arg(bare.scrapes)
                        .arg(perThread(bare)));
    }
    stopServers();
    return 0;
}
