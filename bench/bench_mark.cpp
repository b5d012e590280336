// `perfdash mark` as a script runs it: the wall time of the whole process, from start to exit,
// (a) into a running `perfdash log --interval 0.1` (the local socket), (b) with nothing running,
// appended to a newest log of 1,000,000 rows (~95 MB) under the writers' lock, and (c) the bare
// start-up of the binary (`perfdash --version`) for comparison. Median of `--runs N` (default 40).
// Target: < 100 ms for (a) and (b).

#include "benchutil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

namespace {
const QString kBinary = QStringLiteral(PERFDASH_BINARY);

// Wall seconds of each run; empty when one failed.
QList<double> timeRuns(const QStringList &args, int runs)
{
    QList<double> seconds;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        QElapsedTimer timer;
        timer.start();
        p.start(kBinary, args);
        if (!p.waitForFinished(30'000) || p.exitCode() != 0) {
            std::fprintf(stderr, "bench_mark: %s failed: %s\n", qPrintable(args.join(u' ')),
                p.readAllStandardError().constData());
            return {};
        }
        seconds << double(timer.nsecsElapsed()) / 1e9;
    }
    return seconds;
}

void print(const char *name, const QList<double> &s, bool withTarget)
{
    const double ms = Bench::median(s) * 1000;
    Bench::report(name, ms, "ms median", withTarget ? "< 100 ms" : nullptr, ms < 100);
    Bench::note(QStringLiteral("min %1 ms, max %2 ms over %3 runs")
                    .arg(QString::fromLatin1(Bench::figure(Bench::minimum(s) * 1000)),
                        QString::fromLatin1(Bench::figure(Bench::maximum(s) * 1000)))
                    .arg(s.size()));
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs of each."), QStringLiteral("N"));
    parser.addOption(runsOption);
    parser.process(app);
    const int runs = parser.isSet(runsOption) ? std::max(1, parser.value(runsOption).toInt()) : 40;

    const QList<double> bare = timeRuns({ QStringLiteral("--version") }, runs);

    QTemporaryDir live;
    QProcess logger;
    logger.setReadChannel(QProcess::StandardError);
    logger.start(kBinary,
        { QStringLiteral("log"), QStringLiteral("--interval"), QStringLiteral("0.1"), QStringLiteral("--log-dir"),
            live.path() });
    QByteArray err;
    while (!err.contains("logging to") && logger.waitForReadyRead(10'000))
        err += logger.readAllStandardError();
    const QList<double> toRunning
        = timeRuns({ QStringLiteral("mark"), QStringLiteral("bench"), QStringLiteral("--log-dir"), live.path() }, runs);
    logger.terminate();
    logger.waitForFinished();

    QTemporaryDir idle;
    {
        QFile log(QDir(idle.path()).filePath(QStringLiteral("performance_log_20261122_143022.csv")));
        if (!log.open(QIODevice::WriteOnly))
            return 1;
        log.write("timestamp,local_cpu_percent,local_memory_percent,local_memory_used_mb,local_server_up,"
                  "local_tokens_per_second,local_active_requests,local_requests_total,event,notes\n");
        const QByteArray row = "2026-11-22T14:30:22.125+01:00,37.5,61.2,14410.3,1,42.8,2,118,,\n";
        QByteArray block;
        for (int i = 0; i < 10'000; ++i)
            block += row;
        for (int i = 0; i < 100; ++i)
            log.write(block);
    }
    const QList<double> toLog
        = timeRuns({ QStringLiteral("mark"), QStringLiteral("bench"), QStringLiteral("--log-dir"), idle.path() }, runs);

    if (bare.isEmpty() || toRunning.isEmpty() || toLog.isEmpty())
        return 1;
    print("perfdash --version (start-up alone)", bare, false);
    print("perfdash mark, into a running perfdash log", toRunning, true);
    print("perfdash mark, nothing running, newest log of 1M rows", toLog, true);
    return 0;
}
