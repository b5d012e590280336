// Loading a session log: LogReader::read() on logs of 100,000 and 1,000,000 rows of two machines
// (about 10 and 100 MB) written in the writer's format (LogLayout::row), then the full analysis
// (Analysis::analyze() of the whole file, as `perfdash analyze --run all` does). Targets for the
// 1,000,000 rows: < 0.5 s wall and a peak memory (VmHWM) < 3x the file size. Each load runs in a
// child process of its own (this program with --load), so that its VmHWM counts the load alone.

#include "analysis.h"
#include "benchutil.h"
#include "loglayout.h"
#include "logreader.h"
#include "logtime.h"
#include "synthetic.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <charconv>
#include <cstdio>
#include <ctime>

namespace {

// 2026-11-22T13:30:22.125Z; the logs are written in Europe/Paris (+01:00) like a real session.
constexpr qint64 kStartMs = 1795354222125;
constexpr int kIntervalMs = 1000;
constexpr int kOffsetSeconds = 3600;

// The cells LogLayout::row writes, formatted without a QString per cell so that a million rows
// take seconds; checked against LogLayout::row on the first rows.
void appendFixed(QByteArray &out, double v, int decimals)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    out.append(buf, r.ptr - buf);
}

void appendTime(QByteArray &out, qint64 ms)
{
    const qint64 wall = ms + qint64(kOffsetSeconds) * 1000;
    const time_t seconds = time_t(wall / 1000);
    tm t {};
    gmtime_r(&seconds, &t);
    char buf[40];
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+01:00", t.tm_year + 1900,
        t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, int(wall % 1000));
    out.append(buf, n);
}

void appendRow(QByteArray &out, qint64 ms, const std::array<Sample, 2> &samples)
{
    appendTime(out, ms);
    for (const Sample &s : samples) {
        for (Metric m : kCoreMetrics) {
            out += ',';
            const double v = s.value(m);
            switch (m) {
            case Metric::ServerUp:
            case Metric::ActiveRequests:
            case Metric::RequestsTotal:
                appendFixed(out, v, 0);
                break;
            case Metric::TokensPerSecond:
                appendFixed(out, v, 2);
                break;
            default:
                appendFixed(out, v, 1);
            }
        }
    }
    out += ",,\n";
}

struct Machine
{
    SyntheticMachine synthetic;
    double requests = 0;

    Sample next(qint64 ms, int i)
    {
        Sample s = synthetic.next(ms);
        const int active = (i / 7) % 5;
        requests += active;
        s.set(Metric::ServerUp, i % 500 == 0 ? 0 : 1);
        s.set(Metric::TokensPerSecond, active * 11.25 + (i % 13) * 0.37);
        s.set(Metric::ActiveRequests, active);
        s.set(Metric::RequestsTotal, requests);
        return s;
    }
};

// Writes a log of `rows` rows; false (with a message) when the fast format differs from LogLayout::row.
bool writeLog(const QString &path, int rows)
{
    const QStringList ids { QStringLiteral("mac1"), QStringLiteral("mac2") };
    const LogLayout layout = LogLayout::forMachines(ids);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "bench_logreader: cannot write %s\n", qPrintable(path));
        return false;
    }
    std::array<Machine, 2> machines { Machine { SyntheticMachine(1) }, Machine { SyntheticMachine(2) } };
    QByteArray chunk = layout.header();
    for (int i = 0; i < rows; ++i) {
        const qint64 ms = kStartMs + qint64(i) * kIntervalMs + (i % 3);
        const std::array<Sample, 2> samples { machines[0].next(ms, i), machines[1].next(ms, i + 3) };
        const qsizetype before = chunk.size();
        appendRow(chunk, ms, samples);
        if (i < 2000) {
            const QByteArray expected = layout.row(ms, { { ids[0], samples[0] }, { ids[1], samples[1] } });
            if (chunk.mid(before) != expected) {
                std::fprintf(stderr, "bench_logreader: row %d differs from LogLayout::row:\n%s%s", i,
                    chunk.mid(before).constData(), expected.constData());
                return false;
            }
        }
        if (chunk.size() > (1 << 20)) {
            file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    return file.error() == QFileDevice::NoError;
}

// Child: loads the file, analyses it and prints "<load seconds> <VmHWM KiB after the load> <VmRSS KiB
// before> <snapshots> <warnings> <analysis seconds> <VmHWM KiB after the analysis> <issues>".
int loadOnce(const QString &path)
{
    const qint64 before = Bench::statusKiB("VmRSS");
    QElapsedTimer timer;
    timer.start();
    const LogReadResult result = LogReader::read(path);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!result.data) {
        std::fprintf(stderr, "bench_logreader: %s\n", qPrintable(result.error));
        return 1;
    }
    const qint64 loadPeak = Bench::statusKiB("VmHWM");
    timer.restart();
    const AnalysisResult analysis = Analysis::analyze(*result.data, {}, RunSelection::all());
    const double analysisSeconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("%.6f %lld %lld %lld %lld %.6f %lld %lld\n", seconds, static_cast<long long>(loadPeak),
        static_cast<long long>(before), static_cast<long long>(result.data->snapshotCount()),
        static_cast<long long>(result.data->warnings.size()), analysisSeconds,
        static_cast<long long>(Bench::statusKiB("VmHWM")), static_cast<long long>(analysis.issues.size()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == QLatin1String("--load"))
        return loadOnce(args[2]);
    if (args.size() == 4 && args[1] == QLatin1String("--write")) // --write ROWS PATH: the log alone, to profile
        return writeLog(args[3], args[2].toInt()) ? 0 : 1;

    qputenv("TZ", "Europe/Paris");
    tzset();
    LogTime::timeZoneChanged();
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench_logreader: no temporary directory\n");
        return 1;
    }
    constexpr int kRuns = 5;
    std::printf("bench_logreader: LogReader::read(), 2 machines, each load in a fresh child process, "
                "median of %d\n",
        kRuns);
    for (int rows : { 100'000, 1'000'000 }) {
        const QString path = dir.filePath(QStringLiteral("performance_log_%1.csv").arg(rows));
        QElapsedTimer gen;
        gen.start();
        if (!writeLog(path, rows))
            return 1;
        const double fileMb = double(QFile(path).size()) / (1 << 20);
        QList<double> times;
        QList<double> analysisTimes;
        QList<double> totalTimes;
        qint64 peakKiB = 0;
        qint64 totalPeakKiB = 0;
        qint64 baseKiB = 0;
        QByteArray last;
        for (int run = 0; run < kRuns; ++run) {
            QProcess child;
            child.start(app.applicationFilePath(), { QStringLiteral("--load"), path });
            if (!child.waitForFinished(120'000) || child.exitCode() != 0) {
                std::fprintf(
                    stderr, "bench_logreader: the load failed: %s\n", child.readAllStandardError().constData());
                return 1;
            }
            last = child.readAllStandardOutput().trimmed();
            const QList<QByteArray> parts = last.split(' ');
            if (parts.size() != 8)
                return 1;
            times << parts[0].toDouble();
            analysisTimes << parts[5].toDouble();
            totalTimes << parts[0].toDouble() + parts[5].toDouble();
            peakKiB = std::max(peakKiB, parts[1].toLongLong());
            totalPeakKiB = std::max(totalPeakKiB, parts[6].toLongLong());
            baseKiB = parts[2].toLongLong();
        }
        const QList<QByteArray> parts = last.split(' ');
        std::printf("%d rows: %s MB file (written in %.1f s), %s snapshots read, %s warnings, %s issues\n", rows,
            Bench::figure(fileMb).constData(), double(gen.nsecsElapsed()) / 1e9, parts[3].constData(),
            parts[4].constData(), parts[7].constData());
        const double seconds = Bench::median(times);
        const double peakMb = Bench::mib(peakKiB);
        const QByteArray name = QByteArray::number(rows / 1000) + "k rows, load";
        if (rows == 1'000'000) {
            Bench::report(name.constData(), seconds, "s wall", "< 0.5 s", seconds < 0.5);
            Bench::report("1000k rows, peak memory (VmHWM)", peakMb, "MB", "< 3 x file size", peakMb < 3 * fileMb);
        } else {
            Bench::report(name.constData(), seconds, "s wall");
            Bench::report("100k rows, peak memory (VmHWM)", peakMb, "MB");
        }
        Bench::note(QStringLiteral("min %1 s, max %2 s; %3 MB/s; peak %4x the file; %5 MB before loading")
                        .arg(QString::fromLatin1(Bench::figure(Bench::minimum(times))),
                            QString::fromLatin1(Bench::figure(Bench::maximum(times))),
                            QString::fromLatin1(Bench::figure(fileMb / seconds)),
                            QString::fromLatin1(Bench::figure(peakMb / fileMb)),
                            QString::fromLatin1(Bench::figure(Bench::mib(baseKiB)))));
        const double total = Bench::median(totalTimes);
        const double totalPeakMb = Bench::mib(totalPeakKiB);
        const QByteArray totalName = QByteArray::number(rows / 1000) + "k rows, load + analysis";
        const QByteArray totalPeakName = QByteArray::number(rows / 1000) + "k rows, load + analysis peak (VmHWM)";
        if (rows == 1'000'000) {
            Bench::report(totalName.constData(), total, "s wall", "< 0.5 s", total < 0.5);
            Bench::report(totalPeakName.constData(), totalPeakMb, "MB", "< 3 x file size", totalPeakMb < 3 * fileMb);
        } else {
            Bench::report(totalName.constData(), total, "s wall");
            Bench::report(totalPeakName.constData(), totalPeakMb, "MB");
        }
        Bench::note(QStringLiteral("analysis alone: median %1 s (min %2 s, max %3 s)")
                        .arg(QString::fromLatin1(Bench::figure(Bench::median(analysisTimes))),
                            QString::fromLatin1(Bench::figure(Bench::minimum(analysisTimes))),
                            QString::fromLatin1(Bench::figure(Bench::maximum(analysisTimes)))));
        QFile::remove(path);
    }
    return 0;
}
