// Loading a session log: LogReader::read() on logs of 100,000 and 1,000,000 rows of two machines
// (about 10 and 100 MB) written in the writer's format (LogLayout::row), then the full analysis
// (Analysis::analyze() of the whole file, as `perfdash analyze --run all` does). Targets for the
// 1,000,000 rows: < 0.5 s wall and a peak memory (VmHWM) < 3x the file size. Each load runs in a
// child process of its own (this program with --load), so that its VmHWM counts the load alone.
// Then the two shapes of issue 18 (item 9): 10,000 machines x 100 rows (~31 MB), and the 100,000-row
// log followed by a tail of NULs, written (--nul-tail-mb, default 256) and as a 2 GiB hole.

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
#include <optional>
#include <vector>

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

void appendRow(QByteArray &out, qint64 ms, const std::vector<Sample> &samples)
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

// Writes a log of `rows` rows of `machineCount` machines (mac1, mac2, …); false (with a message) when
// the fast format differs from LogLayout::row.
bool writeLog(const QString &path, int rows, int machineCount = 2)
{
    QStringList ids;
    std::vector<Machine> machines;
    for (int m = 0; m < machineCount; ++m) {
        ids << QStringLiteral("mac%1").arg(m + 1);
        machines.push_back(Machine { SyntheticMachine(unsigned(m) + 1) });
    }
    const LogLayout layout = LogLayout::forMachines(ids);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "bench_logreader: cannot write %s\n", qPrintable(path));
        return false;
    }
    const int checked = machineCount > 2 ? 2 : 2000; // rows compared with LogLayout::row
    QByteArray chunk = layout.header();
    std::vector<Sample> samples(static_cast<size_t>(machineCount));
    for (int i = 0; i < rows; ++i) {
        const qint64 ms = kStartMs + qint64(i) * kIntervalMs + (i % 3);
        for (int m = 0; m < machineCount; ++m)
            samples[size_t(m)] = machines[size_t(m)].next(ms, i + 3 * m);
        const qsizetype before = chunk.size();
        appendRow(chunk, ms, samples);
        if (i < checked) {
            QHash<QString, Sample> byId;
            for (int m = 0; m < machineCount; ++m)
                byId.insert(ids[m], samples[size_t(m)]);
            const QByteArray expected = layout.row(ms, byId);
            if (chunk.mid(before) != expected) {
                std::fprintf(stderr, "bench_logreader: row %d differs from LogLayout::row:\n%s%s", i,
                    chunk.mid(before).left(300).constData(), expected.left(300).constData());
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

// Appends `writtenMb` MiB of NUL bytes to the file, then makes it `holeMb` MiB longer without writing
// (a hole, as a crash or `truncate -s` leaves).
bool appendNuls(const QString &path, qint64 writtenMb, qint64 holeMb)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append))
        return false;
    const QByteArray nuls(1 << 20, '\0');
    for (qint64 i = 0; i < writtenMb; ++i) {
        if (file.write(nuls) != nuls.size())
            return false;
    }
    return file.resize(file.size() + (holeMb << 20));
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

// The medians of `runs` loads of the file, each in a fresh child process.
struct Loads
{
    double load = 0;     // median wall of LogReader::read()
    double analysis = 0; // median wall of Analysis::analyze() after it
    double total = 0;    // median of the two added
    QList<double> times;
    QList<double> analysisTimes;
    qint64 loadPeakKiB = 0;  // the largest VmHWM after the load
    qint64 totalPeakKiB = 0; // the largest VmHWM after the analysis
    qint64 baseKiB = 0;      // VmRSS before the load
    QList<QByteArray> last;  // the last child's figures: snapshots [3], warnings [4], issues [7]
};

std::optional<Loads> loadRuns(const QString &self, const QString &path, int runs)
{
    Loads l;
    QList<double> totals;
    for (int run = 0; run < runs; ++run) {
        QProcess child;
        child.start(self, { QStringLiteral("--load"), path });
        if (!child.waitForFinished(300'000) || child.exitCode() != 0) {
            std::fprintf(stderr, "bench_logreader: the load failed: %s\n", child.readAllStandardError().constData());
            return std::nullopt;
        }
        l.last = child.readAllStandardOutput().trimmed().split(' ');
        if (l.last.size() != 8)
            return std::nullopt;
        l.times << l.last[0].toDouble();
        l.analysisTimes << l.last[5].toDouble();
        totals << l.last[0].toDouble() + l.last[5].toDouble();
        l.loadPeakKiB = std::max(l.loadPeakKiB, l.last[1].toLongLong());
        l.totalPeakKiB = std::max(l.totalPeakKiB, l.last[6].toLongLong());
        l.baseKiB = l.last[2].toLongLong();
    }
    l.load = Bench::median(l.times);
    l.analysis = Bench::median(l.analysisTimes);
    l.total = Bench::median(totals);
    return l;
}

QString spread(const QList<double> &values)
{
    return QStringLiteral("min %1 s, max %2 s")
        .arg(QString::fromLatin1(Bench::figure(Bench::minimum(values))),
            QString::fromLatin1(Bench::figure(Bench::maximum(values))));
}

double fileMib(const QString &path)
{
    return double(QFile(path).size()) / (1 << 20);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("TZ", "Europe/Paris"); // the writer's rows are checked in +01:00
    tzset();
    LogTime::timeZoneChanged();
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == QLatin1String("--load"))
        return loadOnce(args[2]);
    if (args.size() == 4 && args[1] == QLatin1String("--write")) // --write ROWS PATH: the log alone, to profile
        return writeLog(args[3], args[2].toInt()) ? 0 : 1;
    // --write-wide MACHINES ROWS PATH: a log of many machines alone
    if (args.size() == 5 && args[1] == QLatin1String("--write-wide"))
        return writeLog(args[4], args[3].toInt(), args[2].toInt()) ? 0 : 1;
    qint64 nulTailMb = 256;
    if (args.size() == 3 && args[1] == QLatin1String("--nul-tail-mb"))
        nulTailMb = args[2].toLongLong();

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench_logreader: no temporary directory\n");
        return 1;
    }
    const QString self = app.applicationFilePath();
    constexpr int kRuns = 5;
    std::printf("bench_logreader: LogReader::read(), 2 machines, each load in a fresh child process, "
                "median of %d\n",
        kRuns);
    double fullRate = 0; // MB/s of load + analysis of the 1M-row log, and its peak per MB
    double fullPeakPerMb = 0;
    for (int rows : { 100'000, 1'000'000 }) {
        const QString path = dir.filePath(QStringLiteral("performance_log_%1.csv").arg(rows));
        QElapsedTimer gen;
        gen.start();
        if (!writeLog(path, rows))
            return 1;
        const double fileMb = fileMib(path);
        const std::optional<Loads> l = loadRuns(self, path, kRuns);
        if (!l)
            return 1;
        std::printf("%d rows: %s MB file (written in %.1f s), %s snapshots read, %s warnings, %s issues\n", rows,
            Bench::figure(fileMb).constData(), double(gen.nsecsElapsed()) / 1e9, l->last[3].constData(),
            l->last[4].constData(), l->last[7].constData());
        const double peakMb = Bench::mib(l->loadPeakKiB);
        const QByteArray name = QByteArray::number(rows / 1000) + "k rows, load";
        if (rows == 1'000'000) {
            Bench::report(name.constData(), l->load, "s wall", "< 0.5 s", l->load < 0.5);
            Bench::report("1000k rows, peak memory (VmHWM)", peakMb, "MB", "< 3 x file size", peakMb < 3 * fileMb);
        } else {
            Bench::report(name.constData(), l->load, "s wall");
            Bench::report("100k rows, peak memory (VmHWM)", peakMb, "MB");
        }
        Bench::note(QStringLiteral("%1; %2 MB/s; peak %3x the file; %4 MB before loading")
                        .arg(spread(l->times), QString::fromLatin1(Bench::figure(fileMb / l->load)),
                            QString::fromLatin1(Bench::figure(peakMb / fileMb)),
                            QString::fromLatin1(Bench::figure(Bench::mib(l->baseKiB)))));
        const double totalPeakMb = Bench::mib(l->totalPeakKiB);
        const QByteArray totalName = QByteArray::number(rows / 1000) + "k rows, load + analysis";
        const QByteArray totalPeakName = QByteArray::number(rows / 1000) + "k rows, load + analysis peak (VmHWM)";
        if (rows == 1'000'000) {
            Bench::report(totalName.constData(), l->total, "s wall", "< 0.5 s", l->total < 0.5);
            Bench::report(totalPeakName.constData(), totalPeakMb, "MB", "< 3 x file size", totalPeakMb < 3 * fileMb);
            fullRate = fileMb / l->total;
            fullPeakPerMb = totalPeakMb / fileMb;
        } else {
            Bench::report(totalName.constData(), l->total, "s wall");
            Bench::report(totalPeakName.constData(), totalPeakMb, "MB");
        }
        Bench::note(QStringLiteral("analysis alone: median %1 s (%2)")
                        .arg(QString::fromLatin1(Bench::figure(l->analysis)), spread(l->analysisTimes)));
        if (rows == 1'000'000)
            QFile::remove(path);
    }

    // Issue 18, item 9: as many machines as a row has room for. Per byte it cannot match the 1M-row
    // log's memory (a cell of ~4.5 bytes of text is kept as a double of 8), so its targets are its own.
    {
        constexpr int kMachines = 10'000;
        constexpr int kRows = 100;
        const QString path = dir.filePath(QStringLiteral("performance_log_wide.csv"));
        if (!writeLog(path, kRows, kMachines))
            return 1;
        const double fileMb = fileMib(path);
        const std::optional<Loads> l = loadRuns(self, path, kRuns);
        if (!l)
            return 1;
        const double columnsMb = double(kMachines) * kCoreMetrics.size() * kRows * sizeof(double) / (1 << 20);
        std::printf("%d machines x %d rows: %s MB file, %s snapshots read, %s warnings, %s issues\n", kMachines, kRows,
            Bench::figure(fileMb).constData(), l->last[3].constData(), l->last[4].constData(), l->last[7].constData());
        Bench::report("10k machines, load", l->load, "s wall");
        Bench::report("10k machines, load + analysis", l->total, "s wall", "< 0.3 s", l->total < 0.3);
        Bench::report("10k machines, load + analysis peak (VmHWM)", Bench::mib(l->totalPeakKiB), "MB",
            "< 2 x the columns + 3 x file size", Bench::mib(l->totalPeakKiB) < 2 * columnsMb + 3 * fileMb);
        Bench::note(QStringLiteral("load %1; analysis %2 s (%3); %4 MB/s load + analysis (1M rows: %5 MB/s); the "
                                   "columns alone are %6 MB; peak %7x the file (1M rows: %8x)")
                        .arg(spread(l->times), QString::fromLatin1(Bench::figure(l->analysis)),
                            spread(l->analysisTimes), QString::fromLatin1(Bench::figure(fileMb / l->total)),
                            QString::fromLatin1(Bench::figure(fullRate)), QString::fromLatin1(Bench::figure(columnsMb)),
                            QString::fromLatin1(Bench::figure(Bench::mib(l->totalPeakKiB) / fileMb)),
                            QString::fromLatin1(Bench::figure(fullPeakPerMb))));
        QFile::remove(path);
    }

    // Issue 18, item 9: the 100k-row log followed by NULs, written and as a hole: skipped as one
    // damaged range, never resident.
    const QString log = dir.filePath(QStringLiteral("performance_log_100000.csv"));
    const double logMb = fileMib(log);
    for (const auto &[writtenMb, holeMb] : { std::pair<qint64, qint64> { nulTailMb, 0 }, { 0, 2048 } }) {
        const QString path = dir.filePath(QStringLiteral("performance_log_nul_tail.csv"));
        QFile::remove(path);
        if (!QFile::copy(log, path) || !appendNuls(path, writtenMb, holeMb)) {
            std::fprintf(stderr, "bench_logreader: cannot write the NUL tail\n");
            return 1;
        }
        const std::optional<Loads> l = loadRuns(self, path, 3);
        if (!l)
            return 1;
        const QByteArray what = writtenMb
            ? QByteArray("100k rows + " + QByteArray::number(writtenMb) + " MB of NULs written")
            : QByteArray("100k rows + a 2 GB hole");
        std::printf("%s: %s MB file, %s snapshots read, %s warnings\n", what.constData(),
            Bench::figure(fileMib(path)).constData(), l->last[3].constData(), l->last[4].constData());
        Bench::report(QByteArray(what + ", load").constData(), l->load, "s wall");
        const double peakMb = Bench::mib(l->totalPeakKiB);
        Bench::report(QByteArray(what + ", load + analysis peak (VmHWM)").constData(), peakMb, "MB",
            "< 3 x the log without its tail + 32 MB", peakMb < 3 * logMb + 32);
        std::printf("%s, warnings: %s (target 1: the tail is one damaged range)%s\n", what.constData(),
            l->last[4].constData(), l->last[4].toInt() == 1 ? "" : "  ** MISSED **");
        Bench::note(QStringLiteral("load + analysis %1 s (%2); the 100k-row log alone: %3 MB")
                        .arg(QString::fromLatin1(Bench::figure(l->total)), spread(l->times),
                            QString::fromLatin1(Bench::figure(logMb))));
        QFile::remove(path);
    }
    return 0;
}
