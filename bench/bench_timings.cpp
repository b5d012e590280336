// Timing logs (issue 14): 1,000,000 JSON lines (~100 MB, written here) read and summarised
// (TimingReader::read + TimingStats::summarize), wall time and peak memory, each in a child process
// of its own so that its ru_maxrss counts that work alone. Beside it: parsing the same lines with
// QJsonDocument per line vs FlatJson (the measure that chose the scanner), and pandas doing the
// same work (bench/timings_pandas.py) when Debian's python3-pandas is installed.
#include "benchutil.h"
#include "flatjson.h"
#include "timingreader.h"
#include "timingstats.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/resource.h>

namespace {

constexpr int kLines = 1'000'000;

// Shape A lines of ~110 bytes: 24 functions, a string and a numeric attribute, a call every 10 ms.
bool writeLog(const QString &path, int lines)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    static const char *kinds[] = { "cyclic", "1f1b", "interleaved" };
    QByteArray buffer;
    quint32 seed = 12345;
    auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
    for (int i = 0; i < lines; ++i) {
        const int fn = int(next() % 24);
        const double duration = double(next() % 100000) / 1e5 + fn * 0.01;
        const double t = 1795357800.0 + i * 0.01;
        buffer += "{\"function\": \"fn_" + QByteArray::number(fn)
            + "\", \"execution_time\": " + QByteArray::number(duration, 'f', 5)
            + ", \"timestamp\": " + QByteArray::number(t, 'f', 2) + ", \"sch_type\": \"" + kinds[fn % 3]
            + "\", \"n_microbatches\": " + QByteArray::number(fn % 8 + 1) + "}\n";
        if (buffer.size() > (4 << 20)) {
            f.write(buffer);
            buffer.clear();
        }
    }
    return f.write(buffer) == buffer.size();
}

double maxRssMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// The child: one of load (read + statistics), qjson or scan (parsing alone); prints
// "wall_s maxrss_mib calls cpu_s" (cpu: user + system of the whole process, start-up included).
int child(const QString &mode, const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    qsizetype calls = 0;
    if (mode == QLatin1String("--load")) {
        const TimingReadResult r = TimingReader::read(path);
        if (!r.data)
            return 1;
        const TimingSummary s = TimingStats::summarize(*r.data, TimingSelection::all());
        calls = s.calls;
    } else {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return 1;
        std::vector<FlatJson::Member> members;
        while (!f.atEnd()) {
            const QByteArray line = f.readLine();
            if (mode == QLatin1String("--qjson")) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                calls += o.value(QLatin1String("execution_time")).toDouble() >= 0 ? 1 : 0;
            } else if (FlatJson::parseObject(line.constData(), line.constData() + line.size(), members)) {
                calls += members.size() > 2 ? 1 : 0;
            }
        }
    }
    std::printf(
        "%f %f %lld %f\n", double(timer.nsecsElapsed()) / 1e9, maxRssMiB(), qlonglong(calls), Bench::cpuSeconds());
    return 0;
}

struct Result
{
    double wall = -1;
    double peak = -1;
    qlonglong calls = -1;
    double cpu = -1;
};

Result runChild(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    Result r;
    if (!p.waitForFinished(600'000) || p.exitCode() != 0) {
        Bench::note(QStringLiteral("%1 failed: %2").arg(program, QString::fromLocal8Bit(p.readAllStandardError())));
        return r;
    }
    const QList<QByteArray> parts = p.readAllStandardOutput().trimmed().split('\n').last().split(' ');
    if (parts.size() >= 4) {
        r.wall = parts[0].toDouble();
        r.peak = parts[1].toDouble();
        r.calls = parts[2].toLongLong();
        r.cpu = parts[3].toDouble();
    }
    return r;
}

// The median of three runs by wall time.
Result median3(const QString &program, const QStringList &args)
{
    QList<Result> runs;
    for (int i = 0; i < 3; ++i)
        runs.append(runChild(program, args));
    std::sort(runs.begin(), runs.end(), [](const Result &a, const Result &b) { return a.wall < b.wall; });
    return runs[1];
}

QByteArray loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray("?");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1].startsWith(QLatin1String("--")) && args[1] != QLatin1String("--write"))
        return child(args[1], args[2]);
    QTemporaryDir dir;
    const QString path = args.size() == 4 && args[1] == QLatin1String("--write")
        ? args[3]
        : dir.filePath(QStringLiteral("performance.log"));
    if (!writeLog(path, args.size() == 4 ? args[2].toInt() : kLines))
        return 1;
    if (args.size() == 4)
        return 0;
    const double fileMiB = double(QFileInfo(path).size()) / 1048576.0;
    Bench::note(QStringLiteral("%1 lines, %2 MB").arg(kLines).arg(fileMiB, 0, 'f', 1));
    const QString self = app.applicationFilePath();
    Bench::note(QStringLiteral("load average: %1").arg(QString::fromLatin1(loadAverage())));
    const Result scan = median3(self, { QStringLiteral("--scan"), path });
    const Result qjson = median3(self, { QStringLiteral("--qjson"), path });
    Bench::report("parse 1M lines, FlatJson scanner", scan.wall, "s");
    Bench::report("parse 1M lines, QJsonDocument per line", qjson.wall, "s");
    const Result load = median3(self, { QStringLiteral("--load"), path });
    Bench::report("read + statistics, 1M lines", load.wall, "s");
    Bench::report("read + statistics, CPU time (all threads)", load.cpu, "s");
    Bench::report("peak memory, read + statistics", load.peak, "MB", "< 2 × the file", load.peak < 2 * fileMiB);
    Bench::note(QStringLiteral("calls summarised: %1").arg(load.calls));
    const QString script = QStringLiteral(PERFDASH_BENCH_DIR "/timings_pandas.py");
    // Debian's python3, which python3-pandas installs into (PERFDASH_PYTHON: another one).
    const QString python = qEnvironmentVariable("PERFDASH_PYTHON", QStringLiteral("/usr/bin/python3"));
    const Result pandas = runChild(python, { script, path });
    if (pandas.wall < 0) {
        Bench::note(QStringLiteral("pandas: not run (apt-get install python3-pandas)"));
        return 0;
    }
    Bench::report("pandas: json.loads per line, DataFrame, groupby().describe()", pandas.wall, "s");
    Bench::report("pandas CPU time", pandas.cpu, "s");
    Bench::report("pandas peak memory", pandas.peak, "MB");
    Bench::report(
        "perfdash faster than pandas by (wall)", pandas.wall / load.wall, "×", ">= 20", pandas.wall / load.wall >= 20);
    Bench::report("perfdash faster than pandas by (CPU time)", pandas.cpu / load.cpu, "×");
    return 0;
}
