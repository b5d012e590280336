// The parsers of what remote machines print: macOS top, vm_stat, sysctl, ioreg; nvidia-smi CSV;
// and RemoteStreamParser, which reads the remote sampling script's stream incrementally.
#include "macosparsers.h"
#include "nvidiasmiparser.h"
#include "remotestreamparser.h"
#include "testutil.h"

#include <QTest>

class TestRemoteParsers : public QObject
{
    Q_OBJECT
private slots:
    void topCpu_data();
    void topCpu();
    void vmStat_data();
    void vmStat();
    void vmStatRejectsGarbage();
    void sysctlMemsize();
    void ioreg_data();
    void ioreg();
    void nvidiaSmi_data();
    void nvidiaSmi();
    void nvidiaSmiMultiGpu();
    void streamLinux_data();
    void streamLinux();
    void streamMacOs();
    void streamSkipsUnansweredAndGarbage();
    void scriptHasNoSingleQuote();
};

void TestRemoteParsers::topCpu_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("busy"); // NaN: no reading
    const QList<QByteArray> burrow = TestUtil::readFixture("macos_top_cpu_burrow335.txt").split('\n');
    QVERIFY(burrow.size() >= 2);
    QTest::addRow("burrow #335 first") << burrow[0] << 100.0 - 74.80;
    QTest::addRow("burrow #335 second, double space") << burrow[1] << 100.0 - 81.63;
    QTest::addRow("2015 header, shares Load Avg line")
        << TestUtil::readFixture("macos_top_header_2015.txt") << 100.0 - 86.44;
    QTest::addRow("modern header") << TestUtil::readFixture("macos_top_header_modern.txt") << 100.0 - 69.80;
    QTest::addRow("no CPU line") << QByteArray("PhysMem: 7886M used (1796M wired), 303M unused.") << qQNaN();
    QTest::addRow("idle missing") << QByteArray("CPU usage: 8.23% user, 5.32% sys") << qQNaN();
    QTest::addRow("idle over 100") << QByteArray("CPU usage: 1% user, 1% sys, 180.00% idle") << qQNaN();
    QTest::addRow("empty") << QByteArray() << qQNaN();
}

void TestRemoteParsers::topCpu()
{
    QFETCH(QByteArray, text);
    QFETCH(double, busy);
    const auto got = parseTopCpuBusy(text);
    if (qIsNaN(busy)) {
        QVERIFY(!got);
        return;
    }
    QVERIFY(got);
    QVERIFY(qAbs(*got - busy) < 1e-9);
}

void TestRemoteParsers::vmStat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<quint64>("pageSize");
    QTest::addColumn<quint64>("free");
    QTest::addColumn<quint64>("usedBytes");
    // Used = (anonymous − purgeable + wired + occupied by compressor) × page size.
    // (464333 − 11820 + 715958 + 0) × 4096
    QTest::addRow("Intel, wazuh #22113") << QStringLiteral("macos_vmstat_intel_wazuh22113.txt") << quint64(4096)
                                         << quint64(6127229) << quint64(4786057216);
    // (238673 − 24 + 198107 + 436782) × 16384 = 14312046592 (13649.03 MiB of 16 GiB)
    QTest::addRow("Apple Silicon, gem-dota #173")
        << QStringLiteral("macos_vmstat_m1_gemdota173.txt") << quint64(16384) << quint64(4229) << quint64(14312046592);
}

void TestRemoteParsers::vmStat()
{
    QFETCH(QString, file);
    QFETCH(quint64, pageSize);
    QFETCH(quint64, free);
    QFETCH(quint64, usedBytes);
    const QByteArray text = TestUtil::readFile(TestUtil::fixturePath(file.toLatin1().constData()));
    QVERIFY(!text.isEmpty());
    const auto vm = parseVmStat(text);
    QVERIFY(vm);
    QCOMPARE(vm->pageSize, pageSize);
    QCOMPARE(vm->field("Pages free"), std::optional<quint64>(free));
    QVERIFY(vm->field("Translation faults")); // quoted name
    QCOMPARE(vm->usedBytes(), std::optional<quint64>(usedBytes));
}

void TestRemoteParsers::vmStatRejectsGarbage()
{
    QVERIFY(!parseVmStat(QByteArray()));
    QVERIFY(!parseVmStat(QByteArray("zsh: command not found: vm_stat\n")));
    // No header: no page size, so no bytes (a hard-coded 4096 reads an M1 as a quarter of itself).
    const auto noHeader = parseVmStat(QByteArray("Pages wired down: 10.\nAnonymous pages: 5.\n"));
    QVERIFY(noHeader);
    QVERIFY(!noHeader->usedBytes());
    // 10.6-era output: no anonymous or compressor lines; active + wired.
    const auto old = parseVmStat(QByteArray("Mach Virtual Memory Statistics: (page size of 4096 bytes)\n"
                                            "Pages active: 100.\nPages wired down: 50.\n"));
    QVERIFY(old);
    QCOMPARE(old->usedBytes(), std::optional<quint64>(150 * 4096));
}

void TestRemoteParsers::sysctlMemsize()
{
    // `sysctl -n hw.memsize hw.ncpu machdep.cpu.brand_string`: the first line is the memory.
    QCOMPARE(
        parseSysctlMemsize(TestUtil::readFixture("macos_sysctl_m2ultra.txt")), std::optional<quint64>(68719476736ULL));
    QCOMPARE(parseSysctlMemsize("hw.memsize: 17179869184\n"), std::optional<quint64>(17179869184ULL));
    QVERIFY(!parseSysctlMemsize(""));
    QVERIFY(!parseSysctlMemsize("sysctl: unknown oid 'hw.memsize'"));
    QVERIFY(!parseSysctlMemsize("0"));
}

void TestRemoteParsers::ioreg_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("percent"); // NaN: none
    QTest::addColumn<double>("inUseBytes");
    QTest::addRow("M1 Pro, stats #1094") << TestUtil::readFixture("macos_ioreg_m1pro_stats1094.txt") << 2.0
                                         << 340983808.0;
    QTest::addRow("renderer and tiler only")
        << QByteArray("\"PerformanceStatistics\" = {\"Tiler Utilization %\"=7,\"Renderer Utilization %\"=31}") << 31.0
        << qQNaN();
    // The driver's own figure has a longer name: not the one wanted.
    QTest::addRow("in use (driver) is not in use")
        << QByteArray("\"PerformanceStatistics\" = {\"In use system memory (driver)\"=5,\"Device Utilization %\"=0}")
        << 0.0 << qQNaN();
    QTest::addRow("Intel GPU over 100 is not a percent")
        << QByteArray("\"PerformanceStatistics\" = {\"Device Utilization %\"=250}") << qQNaN() << qQNaN();
}

void TestRemoteParsers::ioreg()
{
    QFETCH(QByteArray, text);
    QFETCH(double, percent);
    QFETCH(double, inUseBytes);
    const auto gpu = parseIoregGpu(text);
    QVERIFY(gpu);
    QCOMPARE(gpu->utilizationPercent.has_value(), !qIsNaN(percent));
    if (!qIsNaN(percent))
        QCOMPARE(*gpu->utilizationPercent, percent);
    QCOMPARE(gpu->inUseBytes.has_value(), !qIsNaN(inUseBytes));
    if (!qIsNaN(inUseBytes))
        QCOMPARE(double(*gpu->inUseBytes), inUseBytes);
    QVERIFY(!parseIoregGpu("+-o AGXAcceleratorG13X  <class AGXAcceleratorG13X>\n"));
}

void TestRemoteParsers::nvidiaSmi_data()
{
    // The i3pystatus #776 query.
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("[N/A] fan") << TestUtil::readFixture("nvidia_smi_i3pystatus776_na.txt");
    QTest::addRow("[Not Supported] fan") << TestUtil::readFixture("nvidia_smi_i3pystatus776_notsupported.txt");
}

void TestRemoteParsers::nvidiaSmi()
{
    QFETCH(QByteArray, text);
    const QList<NvidiaGpu> gpus = parseNvidiaSmiCsv(
        text, "memory.total,memory.free,memory.used,temperature.gpu,fan.speed,utilization.gpu,utilization.memory");
    QCOMPARE(gpus.size(), 1);
    QCOMPARE(gpus[0].memoryTotalMiB, std::optional<double>(2004));
    QCOMPARE(gpus[0].memoryUsedMiB, std::optional<double>(0));
    QCOMPARE(gpus[0].temperatureC, std::optional<double>(44));
    QCOMPARE(gpus[0].utilizationPercent, std::optional<double>(0));
}

void TestRemoteParsers::nvidiaSmiMultiGpu()
{
    // perfdash's own query, two GPUs, one without a utilization reading and one without a temperature.
    const QList<NvidiaGpu> gpus = parseNvidiaSmiCsv("40, 712, 6144, 53\n[N/A], 1000, 8192, [Not Supported]\n"
                                                    "garbage line\n\n");
    QCOMPARE(gpus.size(), 2);
    QVERIFY(!gpus[1].utilizationPercent);
    QVERIFY(!gpus[1].temperatureC);
    const NvidiaGpu all = combineGpus(gpus);
    QCOMPARE(all.utilizationPercent, std::optional<double>(40)); // mean of those that report
    QCOMPARE(all.memoryUsedMiB, std::optional<double>(1712));
    QCOMPARE(all.temperatureC, std::optional<double>(53));
    // The real two-line capture, read with its own query.
    const QList<NvidiaGpu> real = parseNvidiaSmiCsv(TestUtil::readFixture("nvidia_smi_two_gpus.txt"),
        "memory.total,memory.free,memory.used,temperature.gpu,fan.speed,utilization.gpu,utilization.memory");
    QCOMPARE(real.size(), 2);
    QVERIFY(!combineGpus({}).utilizationPercent);
}

namespace {
// Feeds the stream in pieces of `chunk` bytes, so lines and markers arrive split.
void feed(RemoteStreamParser &p, const QByteArray &bytes, int chunk, bool stderrStream = false)
{
    for (qsizetype i = 0; i < bytes.size(); i += chunk) {
        const QByteArrayView piece = QByteArrayView(bytes).sliced(i, qMin<qsizetype>(chunk, bytes.size() - i));
        if (stderrStream)
            p.feedStderr(piece);
        else
            p.feedStdout(piece);
    }
}

QByteArray linuxBlock(int id, const QByteArray &cpuLine, const QByteArray &gpu, const QByteArray &temp)
{
    QByteArray b = "##pd:begin " + QByteArray::number(id) + "\n##pd:stat\n" + cpuLine + "\n##pd:meminfo\n"
        + TestUtil::readFixture("proc_meminfo_debian12.txt");
    if (!gpu.isNull())
        b += "##pd:gpu\n" + gpu;
    if (!temp.isNull())
        b += "##pd:temp\n" + temp;
    return b + "##pd:end\n";
}
} // namespace

void TestRemoteParsers::streamLinux_data()
{
    QTest::addColumn<int>("chunk");
    QTest::addRow("whole") << 100000;
    QTest::addRow("7 bytes") << 7;
    QTest::addRow("1 byte") << 1;
}

void TestRemoteParsers::streamLinux()
{
    QFETCH(int, chunk);
    RemoteStreamParser p;
    // busy 100 of 400 ticks between the two: 25 %.
    QByteArray stream = "##pd:os Linux\r\n" + linuxBlock(1, "cpu  100 0 100 800 0 0 0 0 0 0", {}, {})
        + linuxBlock(2, "cpu  150 0 150 1100 0 0 0 0 0 0", "40, 712, 6144, 53\n[N/A], 1000, 8192, [N/A]\n",
            "45000\n61500\nnot a number\n");
    feed(p, stream.left(stream.size() - 3), chunk);
    QCOMPARE(p.takeResults().size(), 1); // the second block is not finished yet
    feed(p, stream.right(3), chunk);
    const auto results = p.takeResults();
    QCOMPARE(results.size(), 1);
    QCOMPARE(p.os(), QStringLiteral("Linux"));
    const Sample &s = results[0].sample;
    QCOMPARE(results[0].requestId, quint64(2));
    QCOMPARE(s.value(Metric::CpuPercent), 25.0);
    QCOMPARE(s.value(Metric::MemoryUsedMb), 431.90625); // tst_meminfo's figure for this fixture
    QCOMPARE(s.value(Metric::GpuPercent), 40.0);
    QCOMPARE(s.value(Metric::GpuMemoryMb), 1712.0);
    QCOMPARE(s.value(Metric::TemperatureC), 53.0); // nvidia-smi's, before hwmon's
    QVERIFY(!s.has(Metric::ServerUp));
}

void TestRemoteParsers::streamMacOs()
{
    RemoteStreamParser p;
    const QByteArray vm = TestUtil::readFixture("macos_vmstat_m1_gemdota173.txt");
    const QByteArray ioreg = TestUtil::readFixture("macos_ioreg_m1pro_stats1094.txt");
    const auto block = [&](int id) -> QByteArray {
        return "##pd:begin " + QByteArray::number(id) + "\n##pd:vmstat\n" + vm + "##pd:ioreg\n" + ioreg + "##pd:end\n";
    };
    feed(p, "##pd:os Darwin\n##pd:memsize\n17179869184\n##pd:memsize-end\n", 5);
    // top's first sample (since boot) has come: it must not be charted.
    feed(p, TestUtil::readFixture("macos_top_header_2015.txt"), 9, true);
    feed(p, block(1), 11);
    auto results = p.takeResults();
    QCOMPARE(results.size(), 1);
    QCOMPARE(p.os(), QStringLiteral("Darwin"));
    const Sample first = results[0].sample;
    QVERIFY(!first.has(Metric::CpuPercent));
    QVERIFY(qAbs(first.value(Metric::MemoryPercent) - 83.30707550048828) < 1e-9);
    QCOMPARE(first.value(Metric::MemoryUsedMb), 13649.03125);
    QCOMPARE(first.value(Metric::GpuPercent), 2.0);
    QCOMPARE(first.value(Metric::GpuMemoryMb), 325.1875);
    QVERIFY(!first.has(Metric::TemperatureC)); // not available without sudo

    feed(p, TestUtil::readFixture("macos_top_cpu_burrow335.txt"), 4, true);
    feed(p, block(2), 64);
    results = p.takeResults();
    QCOMPARE(results.size(), 1);
    QVERIFY(qAbs(results[0].sample.value(Metric::CpuPercent) - (100.0 - 81.63)) < 1e-9);
}

void TestRemoteParsers::streamSkipsUnansweredAndGarbage()
{
    RemoteStreamParser p;
    // Noise a login shell may print, a section outside a block, an end without a begin.
    feed(p, "Last login: yesterday\n##pd:stat\ncpu 1 2 3 4\n##pd:end\n##pd:begin 5\n##pd:end\n", 3);
    const auto results = p.takeResults();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].requestId, quint64(5));
    QVERIFY(results[0].sample.isEmpty()); // an empty block is an empty sample, never zeros
    QVERIFY(!p.overflowed());
    p.feedStdout(QByteArray(RemoteStreamParser::kMaxLine + 10, 'x'));
    QVERIFY(p.overflowed());
}

void TestRemoteParsers::scriptHasNoSingleQuote()
{
    const QByteArray script = RemoteStreamParser::script(1000);
    QVERIFY(!script.contains('\''));
    QVERIFY(script.contains("top -l 0 -s 1 -n 0"));
    QVERIFY(RemoteStreamParser::script(3000).contains("top -l 0 -s 3 -n 0"));
    QVERIFY(script.contains(kNvidiaSmiQuery));
    QVERIFY(RemoteStreamParser::command(1000).startsWith("exec /bin/sh -c '"));
}

QTEST_GUILESS_MAIN(TestRemoteParsers)
#include "tst_remoteparsers.moc"
