// A machine watched through Prometheus' node_exporter alone (readNodeExporter): CPU ticks and
// memory from its metrics, fed to the same CpuUsage and MemInfo as /proc.
#include "cpuusage.h"
#include "nodeexporter.h"
#include "testutil.h"

#include <QTest>

using Ticks = QList<quint64>;

namespace {
NodeExporterReading readText(const QByteArray &text)
{
    return readNodeExporter(parsePrometheusText(text).samples);
}

Ticks ticksOf(const CpuTimes &t)
{
    return Ticks(t.ticks.begin(), t.ticks.end());
}

// node_cpu_seconds_total lines for one CPU, in node_exporter's order (modes sorted by name).
QByteArray cpuLines(int cpu, double user, double system, double idle, double iowait = 0, double steal = 0)
{
    QByteArray out;
    auto line = [&](const char *mode, double seconds) {
        out += "node_cpu_seconds_total{cpu=\"" + QByteArray::number(cpu) + "\",mode=\"" + mode + "\"} "
            + QByteArray::number(seconds, 'g', 17) + '\n';
    };
    line("idle", idle);
    line("iowait", iowait);
    line("irq", 0);
    line("nice", 0);
    line("softirq", 0);
    line("steal", steal);
    line("system", system);
    line("user", user);
    return out;
}

// The fixture with some of its CPU counters moved on: {old line, new line} pairs.
QByteArray fixtureWith(const QList<QPair<QByteArray, QByteArray>> &replacements)
{
    QByteArray text = TestUtil::readFixture("node_exporter_debian12.txt");
    for (const auto &[from, to] : replacements) {
        if (!text.contains(from))
            qWarning("fixture line not found: %s", from.constData());
        text.replace(from, to);
    }
    return text;
}

constexpr double kNone = -1.0;
} // namespace

class TestNodeExporter : public QObject
{
    Q_OBJECT
private slots:
    void debian12Fixture();
    void cpuPercentBetweenReadings_data();
    void cpuPercentBetweenReadings();
    void cpuTicks_data();
    void cpuTicks();
    void memory_data();
    void memory();
};

// The real capture (2 CPUs): ticks summed over CPUs per mode by hand, e.g. user
// 1281.49 + 1412.15 = 2693.64 s = 269364 ticks; memory in KiB = bytes / 1024.
void TestNodeExporter::debian12Fixture()
{
    const QByteArray text = TestUtil::readFixture("node_exporter_debian12.txt");
    QVERIFY(!text.isEmpty());
    const PromParseResult parsed = parsePrometheusText(text);
    QVERIFY(parsed.isExposition);
    QVERIFY(parsed.warnings.isEmpty());

    const NodeExporterReading r = readNodeExporter(parsed.samples);
    QVERIFY(r.cpu.has_value());
    // user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice
    QCOMPARE(ticksOf(*r.cpu), (Ticks { 269364, 0, 29626, 804559, 935, 0, 338, 6609, 0, 0 }));
    QCOMPARE(r.cpu->fieldsPresent, 10); // node_cpu_guest_seconds_total is there

    QVERIFY(r.memory.has_value());
    QCOMPARE(r.memory->totalKiB, quint64(24682416));     // 25274793984 bytes
    QCOMPARE(r.memory->availableKiB, quint64(23779384)); // 24350089216 bytes
    QVERIFY(!r.memory->availableEstimated);
    // (24682416 - 23779384) / 24682416 = 903032 / 24682416 = 3.6586 %.
    QVERIFY(r.memory->usedPercent() > 0 && r.memory->usedPercent() < 100);
    QVERIFY(qAbs(r.memory->usedPercent() - 3.6586) < 0.0001);
}

void TestNodeExporter::cpuPercentBetweenReadings_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<double>("percent");

    // The capture, then 4 s of CPU later: cpu0 +1.00 s user and +2.25 s idle, cpu1 +0.50 s
    // system and +0.25 s iowait. Busy 100 + 50 ticks of 400: 37.5 %.
    const QByteArray fixture = TestUtil::readFixture("node_exporter_debian12.txt");
    QTest::addRow("debian 12 capture, then synthetic")
        << fixture
        << fixtureWith({ { "{cpu=\"0\",mode=\"user\"} 1281.49", "{cpu=\"0\",mode=\"user\"} 1282.49" },
               { "{cpu=\"0\",mode=\"idle\"} 4098.59", "{cpu=\"0\",mode=\"idle\"} 4100.84" },
               { "{cpu=\"1\",mode=\"system\"} 153.58", "{cpu=\"1\",mode=\"system\"} 154.08" },
               { "{cpu=\"1\",mode=\"iowait\"} 7.96", "{cpu=\"1\",mode=\"iowait\"} 8.21" } })
        << 37.5;
    // Two CPUs: +3 s user, +1 s system (busy 400 ticks) and +5 s idle, +1 s iowait (idle 600).
    QTest::addRow("two CPUs, iowait idle") << cpuLines(0, 10, 5, 100) + cpuLines(1, 20, 5, 100, 1)
                                           << cpuLines(0, 12, 5, 103) + cpuLines(1, 21, 6, 102, 2) << 40.0;
    // Steal counts as busy: +1 s steal, +3 s idle.
    QTest::addRow("steal") << cpuLines(0, 0, 0, 0) << cpuLines(0, 0, 0, 3, 0, 1) << 25.0;
    // user 10 s of which guest 4 s, idle 10 s: guest is inside user, so busy 10 of 20 s.
    QTest::addRow("guest inside user") << cpuLines(0, 0, 0, 0)
            + "node_cpu_guest_seconds_total{cpu=\"0\",mode=\"user\"} 0\n"
                                       << cpuLines(0, 10, 0, 10)
            + "node_cpu_guest_seconds_total{cpu=\"0\",mode=\"user\"} 4\n"
                                       << 50.0;
    QTest::addRow("idle machine") << cpuLines(0, 1, 1, 100) << cpuLines(0, 1, 1, 110) << 0.0;
    QTest::addRow("no time passed") << cpuLines(0, 1, 1, 100) << cpuLines(0, 1, 1, 100) << kNone;
}

void TestNodeExporter::cpuPercentBetweenReadings()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(double, percent);

    const NodeExporterReading a = readText(before);
    const NodeExporterReading b = readText(after);
    QVERIFY(a.cpu && b.cpu);
    CpuUsage usage;
    QVERIFY(!usage.update(*a.cpu));
    const std::optional<double> p = usage.update(*b.cpu);
    if (percent == kNone) {
        QVERIFY(!p.has_value());
    } else {
        QVERIFY(p.has_value());
        QVERIFY(*p >= 0 && *p <= 100);
        QCOMPARE(*p, percent);
    }
}

void TestNodeExporter::cpuTicks_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Ticks>("ticks"); // empty: no CPU reading
    QTest::addColumn<int>("fieldsPresent");

    QTest::addRow("rounded to the nearest tick")
        << QByteArray("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 0.004\n"
                      "node_cpu_seconds_total{cpu=\"1\",mode=\"user\"} 0.003\n"
                      "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1.006\n")
        << Ticks { 1, 0, 0, 101, 0, 0, 0, 0, 0, 0 } << 4;
    QTest::addRow("all eight modes, no guest metric")
        << cpuLines(0, 1, 2, 3, 4, 5) << Ticks { 100, 0, 200, 300, 400, 0, 0, 500, 0, 0 } << 8;
    QTest::addRow("guest and guest_nice") << cpuLines(0, 5, 0, 1)
            + "node_cpu_guest_seconds_total{cpu=\"0\",mode=\"user\"} 2\n"
              "node_cpu_guest_seconds_total{cpu=\"0\",mode=\"nice\"} 0.5\n"
                                          << Ticks { 500, 0, 0, 100, 0, 0, 0, 0, 200, 50 } << 10;
    QTest::addRow("unknown mode, no mode, NaN and negative left out")
        << QByteArray("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 1\n"
                      "node_cpu_seconds_total{cpu=\"0\",mode=\"turbo\"} 50\n"
                      "node_cpu_seconds_total{cpu=\"0\"} 60\n"
                      "node_cpu_seconds_total{cpu=\"1\",mode=\"user\"} NaN\n"
                      "node_cpu_seconds_total{cpu=\"1\",mode=\"system\"} -3\n"
                      "node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} 2\n")
        << Ticks { 100, 0, 0, 200, 0, 0, 0, 0, 0, 0 } << 4;
    QTest::addRow("only guest: no CPU reading")
        << QByteArray("node_cpu_guest_seconds_total{cpu=\"0\",mode=\"user\"} 2\n") << Ticks {} << 0;
    QTest::addRow("a macOS-like name is not Linux's")
        << QByteArray("node_cpu_seconds{mode=\"user\"} 2\n") << Ticks {} << 0;
}

void TestNodeExporter::cpuTicks()
{
    QFETCH(QByteArray, text);
    QFETCH(Ticks, ticks);
    QFETCH(int, fieldsPresent);

    const NodeExporterReading r = readText(text);
    if (ticks.isEmpty()) {
        QVERIFY(!r.cpu.has_value());
        return;
    }
    QVERIFY(r.cpu.has_value());
    QCOMPARE(ticksOf(*r.cpu), ticks);
    QCOMPARE(r.cpu->fieldsPresent, fieldsPresent);
}

void TestNodeExporter::memory_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("totalKiB"); // -1: no memory reading
    QTest::addColumn<qint64>("availableKiB");
    QTest::addColumn<bool>("estimated");

    // 16 GiB and 4 GiB.
    QTest::addRow("total and available") << QByteArray("node_memory_MemTotal_bytes 1.7179869184e+10\n"
                                                       "node_memory_MemAvailable_bytes 4.294967296e+09\n")
                                         << qint64(16384 * 1024) << qint64(4096 * 1024) << false;
    // Before Linux 3.14: free 1000 + buffers 200 + cached 3000 + reclaimable 300 - shmem 500 KiB.
    QTest::addRow("no MemAvailable: estimated")
        << QByteArray("node_memory_MemTotal_bytes 1.024e+07\nnode_memory_MemFree_bytes 1.024e+06\n"
                      "node_memory_Buffers_bytes 204800\nnode_memory_Cached_bytes 3.072e+06\n"
                      "node_memory_SReclaimable_bytes 307200\nnode_memory_Shmem_bytes 512000\n")
        << qint64(10000) << qint64(4000) << true;
    QTest::addRow("available above total is clamped")
        << QByteArray("node_memory_MemTotal_bytes 2048\nnode_memory_MemAvailable_bytes 4096\n") << qint64(2)
        << qint64(2) << false;
    QTest::addRow("no MemTotal") << QByteArray("node_memory_MemAvailable_bytes 4096\n") << qint64(-1) << qint64(0)
                                 << false;
    QTest::addRow("MemTotal zero") << QByteArray("node_memory_MemTotal_bytes 0\n") << qint64(-1) << qint64(0) << false;
    QTest::addRow("MemTotal NaN") << QByteArray("node_memory_MemTotal_bytes NaN\n") << qint64(-1) << qint64(0) << false;
}

void TestNodeExporter::memory()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, totalKiB);
    QFETCH(qint64, availableKiB);
    QFETCH(bool, estimated);

    const NodeExporterReading r = readText(text);
    if (totalKiB < 0) {
        QVERIFY(!r.memory.has_value());
        return;
    }
    QVERIFY(r.memory.has_value());
    QCOMPARE(qint64(r.memory->totalKiB), totalKiB);
    QCOMPARE(qint64(r.memory->availableKiB), availableKiB);
    QCOMPARE(r.memory->availableEstimated, estimated);
    QVERIFY(r.memory->usedPercent() >= 0 && r.memory->usedPercent() <= 100);
}

QTEST_GUILESS_MAIN(TestNodeExporter)
#include "tst_nodeexporter.moc"
