// Client CPU time and wall time per sample of a remote Linux machine over SSH, three ways, against
// the same loopback sshd (the tests' SshdFixture) in one run:
//   perfdash  SshConnection: one libssh2 session, one long-lived channel, one line per sample;
//   (a)       a new `ssh` process per sample (key exchange and login every time);
//   (b)       `ssh` with ControlMaster multiplexing (one master, one short-lived client per sample).
// --seconds N: the 10 Hz run (default 20); --perfdash-only: skip (a) and (b).
// Client CPU: this process (RUSAGE_SELF) for perfdash; the reaped ssh clients (RUSAGE_CHILDREN)
// plus, for (b), the master's own utime + stime from /proc. The sshd side is not counted.
#include "benchutil.h"
#include "sshconnection.h"
#include "sshdfixture.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <unistd.h>

namespace {
// The per-sample commands of perfdash's Linux script, for the ssh runs.
const QString kRemoteCommand = QStringLiteral("read -r l < /proc/stat; echo \"$l\"; cat /proc/meminfo");

double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

// CPU seconds of this process's threads named `name` (the SSH worker calls itself perfdash-ssh).
double threadCpuSeconds(const QByteArray &name)
{
    double total = 0;
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(task));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name)
            total += processCpuSeconds(task.toLongLong());
    }
    return total;
}

struct Figures
{
    double cpuMsPerSample = 0;
    double wallMsPerSample = 0;
    double workerMsPerSample = -1; // perfdash: the SSH worker thread's share (clock ticks: coarse)
    int samples = 0;
};

void print(const char *what, const Figures &f, const char *target = nullptr, double targetMs = 0)
{
    const QByteArray cpuName = QByteArray(what) + " client CPU per sample";
    const QByteArray wallName = QByteArray(what) + " wall per sample";
    Bench::report(cpuName.constData(), f.cpuMsPerSample, "ms", target, !target || f.cpuMsPerSample <= targetMs);
    Bench::report(wallName.constData(), f.wallMsPerSample, "ms");
    Bench::note(QStringLiteral("%1 samples").arg(f.samples));
    if (f.workerMsPerSample >= 0)
        Bench::note(QStringLiteral("of which the SSH worker thread: %1 ms per sample")
                        .arg(QString::fromLatin1(Bench::figure(f.workerMsPerSample))));
}

// Back to back: each request as soon as the previous answer is in.
Figures measurePerfdash(SshConnection &c, int samples)
{
    int answered = 0;
    int failed = 0;
    QObject context;
    quint64 tick = 0;
    QEventLoop loop;
    QObject::connect(&c, &SshConnection::sampleReady, &context, [&](quint64, const Sample &, double) {
        if (++answered < samples)
            c.requestSample(++tick);
        else
            loop.quit();
    });
    QObject::connect(&c, &SshConnection::sampleFailed, &context, [&](quint64, const QString &reason) {
        ++failed;
        Bench::note(QStringLiteral("failed: %1").arg(reason));
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    const double cpu0 = Bench::cpuSeconds();
    const double worker0 = threadCpuSeconds("perfdash-ssh");
    QElapsedTimer wall;
    wall.start();
    c.requestSample(++tick);
    loop.exec(); // waits in the event loop: no polling here
    Figures f;
    f.samples = answered;
    f.cpuMsPerSample = (Bench::cpuSeconds() - cpu0) * 1000.0 / qMax(1, answered);
    f.wallMsPerSample = double(wall.elapsed()) / qMax(1, answered);
    f.workerMsPerSample = (threadCpuSeconds("perfdash-ssh") - worker0) * 1000.0 / qMax(1, answered);
    return f;
}

// At a steady rate, as the dashboard samples: the share of one core over the run.
double measureRate(SshConnection &c, int hz, int seconds, int *answeredOut)
{
    int answered = 0;
    QObject context;
    QObject::connect(&c, &SshConnection::sampleReady, &context, [&](quint64, const Sample &, double) { ++answered; });
    QTimer ticker;
    quint64 tick = 0;
    QObject::connect(&ticker, &QTimer::timeout, &context, [&] { c.requestSample(++tick); });
    const double cpu0 = Bench::cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    ticker.start(1000 / hz);
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    ticker.stop();
    *answeredOut = answered;
    return (Bench::cpuSeconds() - cpu0) / (double(wall.elapsed()) / 1000.0) * 100.0;
}

Figures measureSshProcesses(SshdFixture &sshd, const QStringList &baseArgs, int samples, qint64 masterPid = 0)
{
    const double children0 = Bench::cpuSeconds(RUSAGE_CHILDREN);
    const double master0 = masterPid ? processCpuSeconds(masterPid) : 0;
    QElapsedTimer wall;
    wall.start();
    int ok = 0;
    for (int i = 0; i < samples; ++i) {
        QProcess ssh;
        ssh.start(QStringLiteral("ssh"), baseArgs + QStringList { kRemoteCommand });
        if (ssh.waitForFinished(30000) && ssh.exitCode() == 0 && ssh.readAllStandardOutput().contains("MemTotal"))
            ++ok;
        else if (i == 0)
            Bench::note(QStringLiteral("ssh failed: %1").arg(QString::fromLocal8Bit(ssh.readAllStandardError())));
    }
    Figures f;
    f.samples = ok;
    const double cpu
        = Bench::cpuSeconds(RUSAGE_CHILDREN) - children0 + (masterPid ? processCpuSeconds(masterPid) - master0 : 0);
    f.cpuMsPerSample = cpu * 1000.0 / qMax(1, ok);
    f.wallMsPerSample = double(wall.elapsed()) / qMax(1, ok);
    Q_UNUSED(sshd);
    return f;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int seconds = 20;
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--seconds"));
    if (at > 0 && at + 1 < args.size())
        seconds = qMax(1, args[at + 1].toInt());
    // perfdash's own path alone (no ssh clients), e.g. to profile it under strace -f or perf.
    const bool perfdashOnly = args.contains(QStringLiteral("--perfdash-only"));

    SshdFixture sshd;
    if (!sshd.prepare() || !sshd.start()) {
        std::fprintf(stderr, "bench_ssh: %s\n", qPrintable(sshd.error()));
        return 1;
    }
    const QString knownHosts = sshd.knownHostsPath();
    {
        QFile f(knownHosts);
        f.open(QIODevice::WriteOnly);
        f.write(sshd.knownHostsLine());
    }

    // perfdash's source.
    SshOptions o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = sshd.port();
    o.keyFile = sshd.clientKey();
    o.knownHostsFile = knownHosts;
    o.intervalMs = 100;
    SshConnection c(o);
    QElapsedTimer connectTime;
    connectTime.start();
    const double cpuBeforeConnect = Bench::cpuSeconds();
    c.start();
    {
        QEventLoop loop;
        QObject::connect(&c, &SshConnection::stateChanged, &loop, [&loop](const ConnectionState &s) {
            if (s.kind == ConnectionState::Connected)
                loop.quit();
        });
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        if (c.state().kind != ConnectionState::Connected)
            loop.exec();
    }
    if (c.state().kind != ConnectionState::Connected) {
        std::fprintf(stderr, "bench_ssh: cannot connect: %s\n", qPrintable(c.state().text()));
        return 1;
    }
    Bench::report("perfdash connect (TCP, key exchange, login, channel)", double(connectTime.elapsed()), "ms wall");
    Bench::report("perfdash connect client CPU", (Bench::cpuSeconds() - cpuBeforeConnect) * 1000.0, "ms");
    measurePerfdash(c, 50); // warm-up
    const Figures perfdash = measurePerfdash(c, 2000);
    print("perfdash (one session, one channel)", perfdash, "<= 0.2 ms", 0.2);
    int answered = 0;
    const double share = measureRate(c, 10, seconds, &answered);
    Bench::report("perfdash at 10 Hz, share of one core", share, "%", "< 1 %", share < 1.0);
    Bench::note(QStringLiteral("%1 samples answered in %2 s").arg(answered).arg(seconds));
    c.stop();
    if (perfdashOnly)
        return 0;

    const QStringList common = { QStringLiteral("-i"), sshd.clientKey(), QStringLiteral("-p"),
        QString::number(sshd.port()), QStringLiteral("-o"), QStringLiteral("UserKnownHostsFile=") + knownHosts,
        QStringLiteral("-o"), QStringLiteral("StrictHostKeyChecking=yes"), QStringLiteral("-o"),
        QStringLiteral("BatchMode=yes"), QStringLiteral("-o"), QStringLiteral("IdentitiesOnly=yes"),
        QStringLiteral("-F"), QStringLiteral("/dev/null") };
    const QString target = QStringLiteral("127.0.0.1");

    // (a) a new ssh process per sample.
    const Figures perProcess = measureSshProcesses(sshd, common + QStringList { target }, 20);
    print("(a) new ssh process per sample", perProcess);

    // (b) ControlMaster: a master in the background, one multiplexed client per sample.
    const QString controlPath = QDir(sshd.dir()).filePath(QStringLiteral("cm"));
    const QStringList mux = common
        + QStringList { QStringLiteral("-o"), QStringLiteral("ControlPath=") + controlPath, QStringLiteral("-o"),
              QStringLiteral("ControlMaster=auto"), QStringLiteral("-o"), QStringLiteral("ControlPersist=120") };
    QProcess master;
    master.start(QStringLiteral("ssh"), mux + QStringList { QStringLiteral("-M"), QStringLiteral("-N"), target });
    QProcess check;
    qint64 masterPid = 0;
    for (int i = 0; i < 100 && !masterPid; ++i) {
        QThread::msleep(50);
        check.start(QStringLiteral("ssh"), mux + QStringList { QStringLiteral("-O"), QStringLiteral("check"), target });
        check.waitForFinished(5000);
        const QByteArray out = check.readAllStandardError();
        const qsizetype p = out.indexOf("pid=");
        if (p >= 0)
            masterPid = out.mid(p + 4, out.indexOf(')', p) - p - 4).toLongLong();
    }
    if (!masterPid) {
        Bench::note(QStringLiteral("(b) no ControlMaster came up"));
    } else {
        measureSshProcesses(sshd, mux + QStringList { target }, 5, masterPid); // warm-up
        const Figures multiplexed = measureSshProcesses(sshd, mux + QStringList { target }, 100, masterPid);
        print("(b) ssh with ControlMaster", multiplexed);
    }
    QProcess::execute(
        QStringLiteral("ssh"), mux + QStringList { QStringLiteral("-O"), QStringLiteral("exit"), target });
    master.waitForFinished(5000);
    sshd.kill();
    return 0;
}
