// /proc/stat parsing (ProcStatResult) and CPU busy % from two readings (CpuUsage).
#include "cpuusage.h"
#include "procstatparser.h"
#include "testutil.h"

#include <QRandomGenerator>
#include <QTest>

#include <limits>

using Ticks = QList<quint64>;

namespace {
CpuTimes timesFrom(const Ticks &ticks)
{
    CpuTimes t;
    for (int i = 0; i < ticks.size() && i < CpuTimes::FieldCount; ++i)
        t.ticks[i] = ticks[i];
    t.fieldsPresent = int(ticks.size());
    return t;
}

Ticks ticksOf(const CpuTimes &t)
{
    return Ticks(t.ticks.begin(), t.ticks.end());
}

// A percent of -1 in the data tables means "no percent" (std::nullopt).
constexpr double kNone = -1.0;
} // namespace

class TestProcStat : public QObject
{
    Q_OBJECT
private slots:
    void parsesFixture_data();
    void parsesFixture();
    void parsesText_data();
    void parsesText();
    void warnsOnBadInput_data();
    void warnsOnBadInput();

    void percentBetween_data();
    void percentBetween();
    void backwardsCountersNeverGoNegative_data();
    void backwardsCountersNeverGoNegative();
    void randomReadingsStayInRange();
    void deltasOnFixtures_data();
    void deltasOnFixtures();
    void updateKeepsThePreviousReading();
};

void TestProcStat::parsesFixture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("fieldsPresent");
    QTest::addColumn<Ticks>("ticks");
    QTest::addColumn<int>("cpuCount");

    QTest::addRow("SOURCES C.1 virtual machine") << QStringLiteral("proc_stat_sources_vm.txt") << 10
                                                 << Ticks { 25286, 0, 8035, 84935, 787, 0, 199, 1196, 0, 0 } << 2;
    QTest::addRow("Debian 12 build machine") << QStringLiteral("proc_stat_debian12.txt") << 10
                                             << Ticks { 16973, 0, 6106, 660859, 724, 0, 179, 1979, 0, 0 } << 2;
    QTest::addRow("Linux 2.4, 4 fields") << QStringLiteral("proc_stat_linux24.txt") << 4
                                         << Ticks { 31250, 412, 9876, 1468291, 0, 0, 0, 0, 0, 0 } << 2;
    QTest::addRow("before 2.6.24, 8 fields") << QStringLiteral("proc_stat_linux2623.txt") << 8
                                             << Ticks { 164395, 1832, 56031, 9732460, 38219, 1247, 4310, 0, 0, 0 } << 2;
}

void TestProcStat::parsesFixture()
{
    QFETCH(QString, file);
    QFETCH(int, fieldsPresent);
    QFETCH(Ticks, ticks);
    QFETCH(int, cpuCount);

    const QByteArray text = TestUtil::readFile(TestUtil::fixturePath(file.toLatin1().constData()));
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    const ProcStatResult r = parseProcStat(text);
    QVERIFY(r.total.has_value());
    QCOMPARE(r.total->fieldsPresent, fieldsPresent);
    QCOMPARE(ticksOf(*r.total), ticks);
    QCOMPARE(r.cpuCount, cpuCount);
    QVERIFY(r.warnings.isEmpty());
}

void TestProcStat::parsesText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("fieldsPresent");
    QTest::addColumn<Ticks>("ticks");
    QTest::addColumn<int>("cpuCount");

    QTest::addRow("before 2.6.11, 7 fields") << QByteArray("cpu  10 20 30 40 50 60 70\ncpu0 10 20 30 40 50 60 70\n")
                                             << 7 << Ticks { 10, 20, 30, 40, 50, 60, 70, 0, 0, 0 } << 1;
    QTest::addRow("before 2.6.33, 9 fields")
        << QByteArray("cpu  1 2 3 4 5 6 7 8 9\n") << 9 << Ticks { 1, 2, 3, 4, 5, 6, 7, 8, 9, 0 } << 0;
    QTest::addRow("a future 11th field is ignored")
        << QByteArray("cpu  1 2 3 4 5 6 7 8 9 10 11\n") << 11 << Ticks { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << 0;
    QTest::addRow("aggregate line after others")
        << QByteArray("intr 12 0 3\ncpu0 1 1 1 1\ncpu  5 6 7 8\ncpu1 4 5 6 7\nctxt 9\n") << 4
        << Ticks { 5, 6, 7, 8, 0, 0, 0, 0, 0, 0 } << 2;
    QTest::addRow("CRLF line ends, no final line end")
        << QByteArray("cpu  1 2 3 4 5 6 7 8 9 10\r\ncpu0 1 2 3 4 5 6 7 8 9 10\r\ncpu1 0 0 0 0") << 10
        << Ticks { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << 2;
    QTest::addRow("64-bit counters") << QByteArray("cpu  18446744073709551615 0 0 4294967296\n") << 4
                                     << Ticks { std::numeric_limits<quint64>::max(), 0, 0, 4294967296ULL, 0, 0, 0, 0, 0,
                                            0 }
                                     << 0;
}

void TestProcStat::parsesText()
{
    QFETCH(QByteArray, text);
    QFETCH(int, fieldsPresent);
    QFETCH(Ticks, ticks);
    QFETCH(int, cpuCount);

    const ProcStatResult r = parseProcStat(text);
    QVERIFY(r.total.has_value());
    QCOMPARE(r.total->fieldsPresent, fieldsPresent);
    QCOMPARE(ticksOf(*r.total), ticks);
    QCOMPARE(r.cpuCount, cpuCount);
    QVERIFY(r.warnings.isEmpty());
}

void TestProcStat::warnsOnBadInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<int>>("warningLines");

    QTest::addRow("empty") << QByteArray() << QList<int> { 0 };
    QTest::addRow("only per-cpu lines") << QByteArray("cpu0 1 2 3 4\ncpu1 1 2 3 4\n") << QList<int> { 0 };
    QTest::addRow("three fields") << QByteArray("cpu  1 2 3\n") << QList<int> { 1, 0 };
    QTest::addRow("not a number on line 2")
        << QByteArray("intr 5\ncpu  1 2 x 4\ncpu0 1 2 3 4\n") << QList<int> { 2, 0 };
    QTest::addRow("overflows 64 bits") << QByteArray("cpu  18446744073709551616 1 2 3\n") << QList<int> { 1, 0 };
    QTest::addRow("cpu without fields on line 3") << QByteArray("ctxt 1\nbtime 2\ncpu\n") << QList<int> { 3, 0 };
}

void TestProcStat::warnsOnBadInput()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<int>, warningLines);

    const ProcStatResult r = parseProcStat(text);
    QVERIFY(!r.total.has_value());
    QList<int> lines;
    for (const ParseWarning &w : r.warnings) {
        QVERIFY(!w.detail.isEmpty());
        lines << w.line;
    }
    QCOMPARE(lines, warningLines);
}

// before, after -> busy %, by the formula of SOURCES.md C.1 (htop/btop/psutil agree):
//   total = user + nice + system + idle + iowait + irq + softirq + steal   (guest and guest_nice
//           are already inside user and nice, so they are not added again)
//   idle  = idle + iowait
//   busy% = (total - idle) / total * 100, each field's delta taken as 0 when it went backwards.
void TestProcStat::percentBetween_data()
{
    QTest::addColumn<Ticks>("before");
    QTest::addColumn<Ticks>("after");
    QTest::addColumn<double>("percent");

    const Ticks zero { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    // user 100 + system 50 busy; idle 700 + iowait 150 idle: 150 / 1000.
    // (Counting iowait as busy would give 300 / 1000.)
    QTest::addRow("iowait counts as idle") << zero << Ticks { 100, 0, 50, 700, 150, 0, 0, 0, 0, 0 } << 15.0;
    // user 1000 of which guest 400, system 200, idle 800: total 2000, busy 1200.
    // (Adding guest to the total again would give 1200 / 2400 = 50 or 1600 / 2400 = 66.7.)
    QTest::addRow("guest excluded from total") << zero << Ticks { 1000, 0, 200, 800, 0, 0, 0, 0, 400, 0 } << 60.0;
    // user 100, nice 300 of which guest_nice 100, idle 600: total 1000, busy 400.
    QTest::addRow("guest_nice excluded from total") << zero << Ticks { 100, 300, 0, 600, 0, 0, 0, 0, 0, 100 } << 40.0;
    // user 100 + steal 100 busy, idle 800: 200 / 1000.
    QTest::addRow("steal counts as busy") << zero << Ticks { 100, 0, 0, 800, 0, 0, 0, 100, 0, 0 } << 20.0;
    // system 50 + irq 25 + softirq 25 busy, idle 900: 100 / 1000.
    QTest::addRow("irq and softirq count as busy") << zero << Ticks { 0, 0, 50, 900, 0, 25, 25, 0, 0, 0 } << 10.0;
    // From the SOURCES.md VM line: +30 user, +10 system, +50 idle, +5 iowait, +2 softirq, +3 steal:
    // busy 30 + 10 + 2 + 3 = 45 of total 100.
    QTest::addRow("SOURCES C.1 line plus 100 ticks")
        << Ticks { 25286, 0, 8035, 84935, 787, 0, 199, 1196, 0, 0 }
        << Ticks { 25316, 0, 8045, 84985, 792, 0, 201, 1199, 0, 0 } << 45.0;
    // busy 1 of 3 ticks.
    QTest::addRow("a third") << zero << Ticks { 1, 0, 0, 2, 0, 0, 0, 0, 0, 0 } << 100.0 / 3.0;
    QTest::addRow("all idle") << zero << Ticks { 0, 0, 0, 500, 20, 0, 0, 0, 0, 0 } << 0.0;
    QTest::addRow("all busy") << zero << Ticks { 300, 100, 100, 0, 0, 0, 0, 0, 0, 0 } << 100.0;
    QTest::addRow("no time passed") << Ticks { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 } << Ticks { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 }
                                    << kNone;
    // Linux 2.4: four fields, the rest read as zero. +60 user, +20 nice, +20 system, +300 idle.
    QTest::addRow("four-field kernel") << Ticks { 1000, 100, 100, 5000 } << Ticks { 1060, 120, 120, 5300 } << 25.0;
}

void TestProcStat::percentBetween()
{
    QFETCH(Ticks, before);
    QFETCH(Ticks, after);
    QFETCH(double, percent);

    const std::optional<double> p = CpuUsage::percentBetween(timesFrom(before), timesFrom(after));
    if (percent == kNone) {
        QVERIFY(!p.has_value());
    } else {
        QVERIFY(p.has_value());
        QCOMPARE(*p, percent);
    }
}

void TestProcStat::backwardsCountersNeverGoNegative_data()
{
    QTest::addColumn<Ticks>("before");
    QTest::addColumn<Ticks>("after");
    QTest::addColumn<double>("percent");

    // user went down by 500 (a CPU taken offline): it contributes 0, not -500. system +50 busy,
    // idle +150: 50 / 200. Signed deltas would give (-500 + 50) / (-500 + 50 + 150) = 150 %.
    QTest::addRow("user went backwards") << Ticks { 1000, 0, 100, 1000, 0, 0, 0, 0, 0, 0 }
                                         << Ticks { 500, 0, 150, 1150, 0, 0, 0, 0, 0, 0 } << 25.0;
    // idle went down: it contributes 0; user +100 is all there is: 100 %, not more.
    QTest::addRow("idle went backwards") << Ticks { 100, 0, 100, 1000, 0, 0, 0, 0, 0, 0 }
                                         << Ticks { 200, 0, 100, 900, 0, 0, 0, 0, 0, 0 } << 100.0;
    // iowait is known to go down on some kernels (proc(5)): +0, idle +80, user +20.
    QTest::addRow("iowait went backwards")
        << Ticks { 100, 0, 0, 1000, 500, 0, 0, 0, 0, 0 } << Ticks { 120, 0, 0, 1080, 400, 0, 0, 0, 0, 0 } << 20.0;
    // A wrapped 64-bit counter reads as a huge drop: +0. system +30, idle +70.
    QTest::addRow("user wrapped around 2^64")
        << Ticks { std::numeric_limits<quint64>::max() - 10, 0, 100, 1000, 0, 0, 0, 0, 0, 0 }
        << Ticks { 5, 0, 130, 1070, 0, 0, 0, 0, 0, 0 } << 30.0;
    // guest reset to a lower value while user grew by 100: guest +0, user 100 busy, idle +100.
    QTest::addRow("guest went backwards")
        << Ticks { 1000, 0, 0, 1000, 0, 0, 0, 0, 500, 0 } << Ticks { 1100, 0, 0, 1100, 0, 0, 0, 0, 100, 0 } << 50.0;
    // Every counter lower: no time passed as far as we can tell.
    QTest::addRow("everything went backwards")
        << Ticks { 900, 90, 900, 9000, 90, 9, 9, 9, 9, 9 } << Ticks { 100, 10, 100, 1000, 10, 1, 1, 1, 1, 1 } << kNone;
}

void TestProcStat::backwardsCountersNeverGoNegative()
{
    QFETCH(Ticks, before);
    QFETCH(Ticks, after);
    QFETCH(double, percent);

    const std::optional<double> p = CpuUsage::percentBetween(timesFrom(before), timesFrom(after));
    if (percent == kNone) {
        QVERIFY(!p.has_value());
        return;
    }
    QVERIFY(p.has_value());
    QVERIFY2(*p >= 0.0 && *p <= 100.0, qPrintable(QString::number(*p)));
    QCOMPARE(*p, percent);
}

void TestProcStat::randomReadingsStayInRange()
{
    // Any two readings, however inconsistent, give nothing or a percent in 0..100.
    QRandomGenerator rng(20261122);
    for (int round = 0; round < 20000; ++round) {
        CpuTimes a;
        CpuTimes b;
        for (int f = 0; f < CpuTimes::FieldCount; ++f) {
            const bool huge = rng.bounded(8) == 0;
            a.ticks[f] = huge ? rng.generate64() : rng.bounded(1000u);
            b.ticks[f] = rng.bounded(4) == 0 ? rng.generate64() : a.ticks[f] + rng.bounded(1000u) - 200;
        }
        const std::optional<double> p = CpuUsage::percentBetween(a, b);
        if (p) {
            QVERIFY2(*p >= 0.0 && *p <= 100.0, qPrintable(QString::number(*p)));
        }
    }
}

// Each fixture as the first reading, plus known deltas for the second.
void TestProcStat::deltasOnFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Ticks>("delta");
    QTest::addColumn<double>("percent");

    // user +30 of which guest +10, nice 0, system +20, idle +140, iowait +10: guest stays inside
    // user, so total = 30 + 20 + 140 + 10 = 200 and busy = 50: 25 %.
    QTest::addRow("Debian 12 capture, guest inside user")
        << QStringLiteral("proc_stat_debian12.txt") << Ticks { 30, 0, 20, 140, 10, 0, 0, 0, 10, 0 } << 25.0;
    // A 2.4 line: +50 user, +0 nice, +25 system, +425 idle: 75 / 500.
    QTest::addRow("Linux 2.4") << QStringLiteral("proc_stat_linux24.txt") << Ticks { 50, 0, 25, 425 } << 15.0;
    // +1 user, +1 irq, +1 softirq, +5 iowait, +2 idle: 3 / 10.
    QTest::addRow("before 2.6.24") << QStringLiteral("proc_stat_linux2623.txt") << Ticks { 1, 0, 0, 2, 5, 1, 1, 0 }
                                   << 30.0;
    // +12 steal, +8 user, +80 idle: 20 / 100.
    QTest::addRow("SOURCES C.1, steal") << QStringLiteral("proc_stat_sources_vm.txt")
                                        << Ticks { 8, 0, 0, 80, 0, 0, 0, 12, 0, 0 } << 20.0;
}

void TestProcStat::deltasOnFixtures()
{
    QFETCH(QString, file);
    QFETCH(Ticks, delta);
    QFETCH(double, percent);

    const ProcStatResult first = parseProcStat(TestUtil::readFile(TestUtil::fixturePath(file.toLatin1().constData())));
    QVERIFY(first.total.has_value());
    CpuTimes second = *first.total;
    for (int i = 0; i < delta.size(); ++i)
        second.ticks[i] += delta[i];

    CpuUsage usage;
    QVERIFY(!usage.update(*first.total).has_value());
    const std::optional<double> p = usage.update(second);
    QVERIFY(p.has_value());
    QCOMPARE(*p, percent);
}

void TestProcStat::updateKeepsThePreviousReading()
{
    const CpuTimes a = timesFrom({ 100, 0, 100, 800, 0, 0, 0, 0, 0, 0 });
    const CpuTimes b = timesFrom({ 150, 0, 150, 900, 0, 0, 0, 0, 0, 0 }); // a -> b: 100 / 200
    const CpuTimes c = timesFrom({ 160, 0, 150, 990, 0, 0, 0, 0, 0, 0 }); // b -> c: 10 / 100

    CpuUsage usage;
    QVERIFY(!usage.update(a).has_value()); // first reading: no delta yet
    QCOMPARE(usage.update(b).value_or(kNone), 50.0);
    QCOMPARE(usage.update(c).value_or(kNone), 10.0);
    QVERIFY(!usage.update(c).has_value()); // no time passed
    usage.reset();
    QVERIFY(!usage.update(a).has_value());
    // a -> c: user +60 and system +50 busy, idle +190: 110 / 300.
    QCOMPARE(usage.update(c).value_or(kNone), 100.0 * 110 / 300);
}

QTEST_GUILESS_MAIN(TestProcStat)
#include "tst_procstat.moc"
