// TimeTicks: the time axis' ticks at round times on one clock, worked out here by hand.
#include "timeticks.h"

#include <QTest>

namespace {
// 2026-11-22T14:30:00Z
constexpr qint64 kT0 = 1795357800000;

QStringList labels(const QList<TimeTicks::Tick> &ticks)
{
    QStringList out;
    for (const TimeTicks::Tick &t : ticks)
        out << t.label;
    return out;
}
} // namespace

class TestTimeTicks : public QObject
{
    Q_OBJECT
private slots:
    void roundTimesOnTheClockAsked_data();
    void roundTimesOnTheClockAsked();
    void ticksAreInTheRangeAndOnRoundTimes();
};

void TestTimeTicks::roundTimesOnTheClockAsked_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QStringList>("expected");
    // A minute from 14:30:03Z on a +01:00 clock, room for 7: every 10 s.
    QTest::addRow("a minute, +01:00") << kT0 + 3'000 << kT0 + 63'000 << 7 << 3600
                                      << QStringList { QStringLiteral("15:30:10"), QStringLiteral("15:30:20"),
                                             QStringLiteral("15:30:30"), QStringLiteral("15:30:40"),
                                             QStringLiteral("15:30:50"), QStringLiteral("15:31:00") };
    // An hour on a +05:30 clock (20:00 there), room for 5: every 15 minutes, on that clock's quarters.
    QTest::addRow("an hour, +05:30") << kT0 - 60'000 << kT0 + 3'540'000 << 5 << 19800
                                     << QStringList { QStringLiteral("20:00"), QStringLiteral("20:15"),
                                            QStringLiteral("20:30"), QStringLiteral("20:45") };
    // The start on a round time gets its tick.
    QTest::addRow("start on a tick") << kT0 << kT0 + 30'000 << 4 << 0
                                     << QStringList { QStringLiteral("14:30:00"), QStringLiteral("14:30:10"),
                                            QStringLiteral("14:30:20"), QStringLiteral("14:30:30") };
    // Two days: the date joins the clock.
    QTest::addRow("two days") << kT0 << kT0 + 2 * 86'400'000 << 3 << 0
                              << QStringList { QStringLiteral("11-23 00:00"), QStringLiteral("11-24 00:00") };
}

void TestTimeTicks::roundTimesOnTheClockAsked()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(int, maxTicks);
    QFETCH(int, offset);
    QFETCH(QStringList, expected);
    QCOMPARE(labels(TimeTicks::compute(start, end, maxTicks, offset)), expected);
}

void TestTimeTicks::ticksAreInTheRangeAndOnRoundTimes()
{
    for (qint64 span : { 9'000LL, 61'000LL, 900'000LL, 3'600'000LL, 86'400'000LL, 7 * 86'400'000LL }) {
        for (int maxTicks : { 2, 5, 9 }) {
            const QList<TimeTicks::Tick> ticks = TimeTicks::compute(kT0 + 777, kT0 + 777 + span, maxTicks, 3600);
            QVERIFY(ticks.size() <= maxTicks + 1);
            QVERIFY(!ticks.isEmpty());
            for (qsizetype i = 0; i < ticks.size(); ++i) {
                QVERIFY(ticks[i].ms >= kT0 + 777 && ticks[i].ms <= kT0 + 777 + span);
                QCOMPARE(ticks[i].ms % 1000, 0); // whole seconds at least
                if (i > 0)
                    QCOMPARE(ticks[i].ms - ticks[i - 1].ms, ticks[1].ms - ticks[0].ms); // evenly
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestTimeTicks)
#include "tst_timeticks.moc"
