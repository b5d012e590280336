// The remote systems this machine is not, sampled through a real OpenSSH sshd on loopback: a Mac
// and a Linux machine with NVIDIA GPUs. The remote script, its /bin/sh, the SSH channel and the
// parser are the real ones; only the commands this machine lacks (macOS's uname -s, sysctl,
// vm_stat, top and ioreg; nvidia-smi) are shims put first on the session's PATH, each checking the
// arguments it is called with and printing a real captured output from tests/fixtures.
#include "sshconnection.h"
#include "sshdfixture.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QTimer>

namespace {
constexpr int kWaitMs = 15000;

QByteArray fixture(const char *name)
{
    return QFile::encodeName(TestUtil::fixturePath(name));
}

// Where a connection is, and what it answered, in the test's thread.
struct Probe
{
    QObject context;
    ConnectionState state;
    QList<Sample> samples;
    QStringList failures;

    explicit Probe(SshConnection &c)
    {
        QObject::connect(&c, &SshConnection::stateChanged, &context, [this](const ConnectionState &s) { state = s; });
        QObject::connect(
            &c, &SshConnection::sampleReady, &context, [this](quint64, const Sample &s, double) { samples << s; });
        QObject::connect(
            &c, &SshConnection::sampleFailed, &context, [this](quint64, const QString &r) { failures << r; });
    }
};

// Requests a sample every 200 ms until `until` holds, or kWaitMs.
bool sampleUntil(SshConnection &c, const std::function<bool()> &until)
{
    QTimer ticker;
    quint64 tick = 0;
    QObject::connect(&ticker, &QTimer::timeout, &c, [&] { c.requestSample(++tick); });
    ticker.start(200);
    QElapsedTimer waited;
    waited.start();
    while (!until() && waited.elapsed() < kWaitMs)
        QTest::qWait(20);
    return until();
}

// The process is gone (or a zombie waiting to be reaped).
bool processGone(const QByteArray &pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid.trimmed())));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    return text.mid(text.lastIndexOf(')') + 2, 1) == "Z";
}
} // namespace

class TestSshRemotes : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void macOS();
    void linuxWithNvidiaGpus();
    void nvidiaDriverGoneLeavesGpuEmpty();

private:
    SshOptions options(const SshdFixture &sshd, const QString &knownHosts) const;
    bool startServer(SshdFixture &sshd, const QString &shims, QString &knownHosts);

    SshdFixture m_mac;
    SshdFixture m_gpu;
    QString m_macKnownHosts;
    QString m_gpuKnownHosts;
    QString m_topPidFile;
    QString m_driverGone; // while this file exists, the nvidia-smi shim fails as with no driver
};

bool TestSshRemotes::startServer(SshdFixture &sshd, const QString &shims, QString &knownHosts)
{
    sshd.setRemotePathPrefix(shims);
    if (!sshd.prepare() || !sshd.start())
        return false;
    knownHosts = sshd.knownHostsPath();
    QFile f(knownHosts);
    return f.open(QIODevice::WriteOnly) && f.write(sshd.knownHostsLine()) > 0;
}

SshOptions TestSshRemotes::options(const SshdFixture &sshd, const QString &knownHosts) const
{
    SshOptions o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = sshd.port();
    o.keyFile = sshd.clientKey();
    o.knownHostsFile = knownHosts;
    o.intervalMs = 200; // macOS top samples every 1 s, its shortest period
    o.timeoutMs = 5000;
    return o;
}

void TestSshRemotes::initTestCase()
{
    // A Mac. The shims refuse arguments the script should not use, so a change to the script that
    // a real Mac would not understand fails here too.
    const QString mac = m_mac.dir() + QStringLiteral("/mac-bin");
    m_topPidFile = m_mac.dir() + QStringLiteral("/top.pid");
    QVERIFY2(m_mac.writeShim(mac, QStringLiteral("uname"),
                 "#!/bin/sh\n[ \"$*\" = -s ] && { echo Darwin; exit 0; }\nexec /bin/uname \"$@\"\n"),
        qPrintable(m_mac.error()));
    QVERIFY(m_mac.writeShim(mac, QStringLiteral("sysctl"),
        "#!/bin/sh\n[ \"$*\" = \"-n hw.memsize\" ] || { echo \"sysctl: unknown oid '$*'\" >&2; exit 1; }\n"
        "head -n 1 '"
            + fixture("macos_sysctl_m2ultra.txt") + "'\n"));
    QVERIFY(m_mac.writeShim(mac, QStringLiteral("vm_stat"),
        "#!/bin/sh\n[ $# = 0 ] || exit 1\nexec cat '" + fixture("macos_vmstat_m1_gemdota173.txt") + "'\n"));
    QVERIFY(m_mac.writeShim(mac, QStringLiteral("ioreg"),
        "#!/bin/sh\n[ \"$*\" = \"-r -d 1 -w 0 -c IOAccelerator\" ] || exit 1\nexec cat '"
            + fixture("macos_ioreg_m1pro_stats1094.txt") + "'\n"));
    // top -l 0 -s N -n 0: a sample every N s until killed; the first one averages since boot (CPU
    // 13.56 % busy in the 2015 capture), the next ones the interval (30.20 % in the modern one).
    QVERIFY(m_mac.writeShim(mac, QStringLiteral("top"),
        "#!/bin/sh\n[ \"$1 $2 $3 $5 $6\" = \"-l 0 -s -n 0\" ] || { echo \"top: bad arguments $*\" >&2; exit 1; }\n"
        "echo $$ > '"
            + QFile::encodeName(m_topPidFile)
            + "'\n"
              "cat '"
            + fixture("macos_top_header_2015.txt")
            + "'; echo\n"
              "while :; do sleep \"$4\" </dev/null >/dev/null 2>&1; cat '"
            + fixture("macos_top_header_modern.txt") + "'; echo; done\n"));
    QVERIFY2(startServer(m_mac, mac, m_macKnownHosts), qPrintable(m_mac.error()));

    // A Linux machine with two NVIDIA GPUs.
    const QString gpu = m_gpu.dir() + QStringLiteral("/gpu-bin");
    m_driverGone = m_gpu.dir() + QStringLiteral("/driver-gone");
    QVERIFY(m_gpu.writeShim(gpu, QStringLiteral("nvidia-smi"),
        "#!/bin/sh\n"
        "[ \"$*\" = \"--query-gpu=utilization.gpu,memory.used,memory.total,temperature.gpu "
        "--format=csv,noheader,nounits\" ] || { echo \"nvidia-smi: bad arguments $*\" >&2; exit 2; }\n"
        "if [ -e '"
            + QFile::encodeName(m_driverGone)
            + "' ]; then\n"
              "  echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that "
              "the "
              "latest NVIDIA driver is installed and running.\"; exit 9\nfi\n"
              "exec cat '"
            + fixture("nvidia_smi_query_two_gpus.txt") + "'\n"));
    QVERIFY2(startServer(m_gpu, gpu, m_gpuKnownHosts), qPrintable(m_gpu.error()));
}

void TestSshRemotes::macOS()
{
    auto c = std::make_unique<SshConnection>(options(m_mac, m_macKnownHosts));
    Probe probe(*c);
    c->start();
    // Two of top's samples take a second: until then there is no CPU %, never the since-boot one.
    QVERIFY2(sampleUntil(*c,
                 [&] {
                     return std::count_if(probe.samples.begin(), probe.samples.end(), [](const Sample &s) {
                         return s.has(Metric::CpuPercent);
                     }) >= 3;
                 }),
        qPrintable(probe.state.text() + QLatin1Char(' ') + probe.failures.join(QLatin1Char('|'))
            + QString::fromLocal8Bit(m_mac.log())));
    QCOMPARE(probe.state.kind, ConnectionState::Connected);
    QCOMPARE(probe.state.os, QStringLiteral("Darwin"));
    for (const Sample &s : std::as_const(probe.samples)) {
        if (s.has(Metric::CpuPercent))
            QCOMPARE(s.value(Metric::CpuPercent), 100.0 - 69.80);
        // vm_stat: (anonymous 238673 − purgeable 24 + wired 198107 + compressor 436782) × 16384 B
        // = 14312046592 B = 13649.03 MiB, of sysctl's hw.memsize 68719476736 B: 20.83 %.
        QCOMPARE(s.value(Metric::MemoryUsedMb), 14312046592.0 / 1048576.0);
        QCOMPARE(s.value(Metric::MemoryPercent), 100.0 * 14312046592.0 / 68719476736.0);
        // ioreg: "Device Utilization %"=2, "In use system memory"=340983808 B.
        QCOMPARE(s.value(Metric::GpuPercent), 2.0);
        QCOMPARE(s.value(Metric::GpuMemoryMb), 340983808.0 / 1048576.0);
        QVERIFY(!s.has(Metric::TemperatureC)); // no CLI gives it without sudo
    }

    // Closing the connection ends the remote script, and with it its background top.
    QFile pidFile(m_topPidFile);
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const QByteArray topPid = pidFile.readAll();
    QVERIFY(!processGone(topPid));
    c.reset();
    QTRY_VERIFY2_WITH_TIMEOUT(processGone(topPid), "the remote top outlived the connection", 10000);
}

void TestSshRemotes::linuxWithNvidiaGpus()
{
    SshConnection c(options(m_gpu, m_gpuKnownHosts));
    Probe probe(c);
    c.start();
    QVERIFY2(sampleUntil(c, [&] { return probe.samples.size() >= 3; }),
        qPrintable(probe.state.text() + QString::fromLocal8Bit(m_gpu.log())));
    QCOMPARE(probe.state.os, QStringLiteral("Linux"));
    for (const Sample &s : std::as_const(probe.samples)) {
        QVERIFY(s.value(Metric::CpuPercent) >= 0 && s.value(Metric::CpuPercent) <= 100);
        QVERIFY(s.value(Metric::MemoryPercent) > 0);
        // Two GPUs: 7 % and 98 % busy → 52.5 % on average; 712 + 40511 MiB used; the hottest
        // reading 53 °C (the second GPU's is [N/A]).
        QCOMPARE(s.value(Metric::GpuPercent), 52.5);
        QCOMPARE(s.value(Metric::GpuMemoryMb), 41223.0);
        QCOMPARE(s.value(Metric::TemperatureC), 53.0);
    }
}

void TestSshRemotes::nvidiaDriverGoneLeavesGpuEmpty()
{
    // The driver falls over on a GPU server (nvidia-smi exits 9 with its message on stdout): the
    // GPU cells go empty, never zero, the rest goes on, and they come back with the driver.
    SshConnection c(options(m_gpu, m_gpuKnownHosts));
    Probe probe(c);
    c.start();
    QVERIFY(sampleUntil(c, [&] { return !probe.samples.isEmpty(); }));
    QVERIFY(probe.samples.last().has(Metric::GpuPercent));
    {
        QFile flag(m_driverGone);
        QVERIFY(flag.open(QIODevice::WriteOnly));
    }
    const auto withoutGpu = [&] {
        return std::count_if(probe.samples.begin(), probe.samples.end(),
            [](const Sample &s) { return !s.has(Metric::GpuPercent) && !s.has(Metric::GpuMemoryMb); });
    };
    QVERIFY(sampleUntil(c, [&] { return withoutGpu() >= 2; }));
    QCOMPARE(probe.state.kind, ConnectionState::Connected);
    QVERIFY(probe.samples.last().has(Metric::CpuPercent));
    QVERIFY(probe.samples.last().has(Metric::MemoryPercent));
    QVERIFY(QFile::remove(m_driverGone));
    const qsizetype before = probe.samples.size();
    QVERIFY(sampleUntil(c,
        [&] { return probe.samples.size() > before + 1 && probe.samples.last().value(Metric::GpuPercent) == 52.5; }));
}

QTEST_MAIN(TestSshRemotes)
#include "tst_sshremotes.moc"
