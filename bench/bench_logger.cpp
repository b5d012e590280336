// The headless logger over a run at 1 s: `perfdash log --interval 1 --duration N` as a child
// process. Reports its CPU use as a share of one core (from the kernel's accounting of the reaped
// child) and its peak resident memory (VmHWM, polled every second). Targets: < 0.1 % of one core,
// < 30 MB. `--seconds N` shortens the run (default 60); `--interval S` tries another interval.

#include "benchutil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <unistd.h>

namespace {
// CPU time of all the live threads of a process, in ns, from /proc/<pid>/task/*/schedstat (whose
// first field is the time spent on a CPU). Finer than the 10 ms ticks of /proc/<pid>/stat.
qint64 threadsCpuNs(qint64 pid)
{
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    qint64 total = 0;
    bool any = false;
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile file(tasks.filePath(tid + QStringLiteral("/schedstat")));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = file.readAll();
        bool ok = false;
        const qint64 ns = text.left(text.indexOf(' ')).toLongLong(&ok);
        if (ok) {
            total += ns;
            any = true;
        }
    }
    return any ? total : -1;
}

qsizetype dataRows(const QString &dir)
{
    qsizetype rows = 0;
    const QDir logs(dir);
    for (const QString &name : logs.entryList({ QStringLiteral("*.csv") }, QDir::Files)) {
        QFile file(logs.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            rows += std::max<qsizetype>(0, file.readAll().count('\n') - 1); // less the header
    }
    return rows;
}

struct Poll
{
    double atSeconds = 0;
    qint64 cpuNs = -1;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption secondsOption(
        QStringLiteral("seconds"), QStringLiteral("Length of the run (default 60)."), QStringLiteral("N"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
        QStringLiteral("The logger's --interval (default 1; the targets are for 1)."), QStringLiteral("S"));
    parser.addOptions({ secondsOption, intervalOption });
    parser.process(app);
    bool ok = true;
    const int seconds = parser.isSet(secondsOption) ? parser.value(secondsOption).toInt(&ok) : 60;
    if (!ok || seconds < 3) {
        std::fprintf(stderr, "bench_logger: --seconds must be a whole number >= 3\n");
        return 2;
    }
    const QString interval = parser.isSet(intervalOption) ? parser.value(intervalOption) : QStringLiteral("1");

    QTemporaryDir logDir;
    if (!logDir.isValid()) {
        std::fprintf(stderr, "bench_logger: cannot make a temporary directory: %s\n", qPrintable(logDir.errorString()));
        return 1;
    }

    QProcess logger;
    logger.setProgram(QStringLiteral(PERFDASH_BINARY));
    logger.setArguments({ QStringLiteral("log"), QStringLiteral("--interval"), interval, QStringLiteral("--duration"),
        QString::number(seconds), QStringLiteral("--log-dir"), logDir.path() });
    logger.setProcessChannelMode(QProcess::ForwardedErrorChannel);

    std::printf("bench_logger: perfdash log --interval %s --duration %d (%s)\n", qPrintable(interval), seconds,
        PERFDASH_BINARY);
    std::fflush(stdout);
    const double childrenBefore = Bench::cpuSeconds(RUSAGE_CHILDREN);
    QElapsedTimer wall;
    wall.start();
    logger.start();
    if (!logger.waitForStarted(10'000)) {
        std::fprintf(stderr, "bench_logger: cannot start %s: %s\n", PERFDASH_BINARY, qPrintable(logger.errorString()));
        return 1;
    }
    const qint64 pid = logger.processId();

    // Poll once a second while it runs: the peak resident set, and CPU time for the steady state.
    qint64 peakKiB = 0;
    qint64 lastRssKiB = 0;
    QList<Poll> polls;
    while (!logger.waitForFinished(1000)) {
        peakKiB = std::max(peakKiB, Bench::statusKiB("VmHWM", pid_t(pid)));
        const qint64 rss = Bench::statusKiB("VmRSS", pid_t(pid));
        if (rss > 0)
            lastRssKiB = rss;
        polls.append({ double(wall.nsecsElapsed()) / 1e9, threadsCpuNs(pid) });
        if (wall.elapsed() > (seconds + 30) * 1000LL) {
            std::fprintf(stderr, "bench_logger: the logger did not stop after %d s; killing it\n", seconds + 30);
            logger.kill();
            logger.waitForFinished();
            return 1;
        }
    }
    const double wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    const double childCpu = Bench::cpuSeconds(RUSAGE_CHILDREN) - childrenBefore;
    if (logger.exitStatus() != QProcess::NormalExit || logger.exitCode() != 0) {
        std::fprintf(stderr, "bench_logger: the logger failed (exit code %d)\n", logger.exitCode());
        return 1;
    }

    const double cpuPercent = 100.0 * childCpu / wallSeconds;
    Bench::report("logger CPU over the run", cpuPercent, "% of one core", "< 0.1 %", cpuPercent < 0.1);
    Bench::note(
        QStringLiteral("%1 ms CPU (user + system, whole process life) in %2 s; %3 rows logged")
            .arg(QString::fromLatin1(Bench::figure(childCpu * 1e3)), QString::fromLatin1(Bench::figure(wallSeconds)))
            .arg(dataRows(logDir.path())));

    // Steady state: from the first poll (start-up done) to the last one before it stopped.
    QList<Poll> valid;
    for (const Poll &p : std::as_const(polls)) {
        if (p.cpuNs >= 0)
            valid.append(p);
    }
    if (valid.size() >= 3) {
        const Poll &first = valid.first();
        const Poll &last = valid.last();
        const double steadyCpu = double(last.cpuNs - first.cpuNs) / 1e9;
        const double steadyPercent = 100.0 * steadyCpu / (last.atSeconds - first.atSeconds);
        Bench::report("logger CPU, steady state", steadyPercent, "% of one core", "< 0.1 %", steadyPercent < 0.1);
        Bench::note(QStringLiteral("%1 us CPU per second from %2 s to %3 s; start-up took %4 ms CPU")
                        .arg(QString::fromLatin1(Bench::figure(steadyCpu * 1e6 / (last.atSeconds - first.atSeconds))),
                            QString::fromLatin1(Bench::figure(first.atSeconds)),
                            QString::fromLatin1(Bench::figure(last.atSeconds)),
                            QString::fromLatin1(Bench::figure(double(first.cpuNs) / 1e6))));
    }

    const double peakMb = Bench::mib(peakKiB);
    Bench::report("logger peak RSS (VmHWM)", peakMb, "MB", "< 30 MB", peakMb > 0 && peakMb < 30);
    Bench::note(
        QStringLiteral("last VmRSS seen: %1 MB").arg(QString::fromLatin1(Bench::figure(Bench::mib(lastRssKiB)))));
    return 0;
}
