// The bounded history of a machine (History): a ring buffer that drops its oldest samples.
#include "history.h"

#include <QTest>

namespace {
Sample at(qint64 timeMs, double cpu = 0)
{
    Sample s;
    s.timeMs = timeMs;
    s.set(Metric::CpuPercent, cpu);
    return s;
}

QList<qint64> timesOf(const History &h)
{
    QList<qint64> times;
    for (qsizetype i = 0; i < h.size(); ++i)
        times << h.at(i).timeMs;
    return times;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> r;
    for (qint64 t = first; t <= last; ++t)
        r << t;
    return r;
}
} // namespace

class TestHistory : public QObject
{
    Q_OBJECT
private slots:
    void staysBounded_data();
    void staysBounded();
    void keepsValues();
    void setCapacityKeepsNewest_data();
    void setCapacityKeepsNewest();
    void capacityAtLeastOne();
    void clear();
    void lowerBound_data();
    void lowerBound();
    void nearest_data();
    void nearest();
    void nearestWhenEmpty();
    void capacityFor_data();
    void capacityFor();
};

// Appending ten times the capacity: the size never passes the capacity, the oldest go first.
void TestHistory::staysBounded_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addRow("1") << 1;
    QTest::addRow("2") << 2;
    QTest::addRow("7") << 7;
    QTest::addRow("1000") << 1000;
}

void TestHistory::staysBounded()
{
    QFETCH(int, capacity);

    History h(capacity);
    QCOMPARE(h.capacity(), capacity);
    QVERIFY(h.isEmpty());
    for (qint64 i = 0; i < 10 * capacity; ++i) {
        h.append(at(i));
        QVERIFY(h.size() <= h.capacity());
        QCOMPARE(h.size(), qsizetype(std::min<qint64>(i + 1, capacity)));
        QCOMPARE(h.capacity(), capacity);
        // Oldest kept: the sample appended capacity - 1 appends ago (or the first).
        QCOMPARE(h.at(0).timeMs, std::max<qint64>(0, i - capacity + 1));
        QCOMPARE(h.last().timeMs, i);
    }
    QCOMPARE(timesOf(h), range(9 * qint64(capacity), 10 * qint64(capacity) - 1));
}

void TestHistory::keepsValues()
{
    History h(3);
    for (int i = 0; i < 5; ++i)
        h.append(at(1000 * i, 10.0 * i));
    // 0 and 1 dropped; 2, 3, 4 kept with their values.
    QCOMPARE(h.size(), 3);
    QCOMPARE(h.at(0).value(Metric::CpuPercent), 20.0);
    QCOMPARE(h.at(1).value(Metric::CpuPercent), 30.0);
    QCOMPARE(h.at(2).value(Metric::CpuPercent), 40.0);
    QVERIFY(!h.at(2).has(Metric::MemoryPercent));
}

void TestHistory::setCapacityKeepsNewest_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("appended");
    QTest::addColumn<int>("newCapacity");
    QTest::addColumn<QList<qint64>>("kept");

    // 25 samples in 10 slots: the ring has wrapped (15..24 kept, 20 in slot 0).
    QTest::addRow("shrink a wrapped ring") << 10 << 25 << 4 << range(21, 24);
    QTest::addRow("grow a wrapped ring") << 10 << 25 << 50 << range(15, 24);
    QTest::addRow("shrink a part-filled ring, all fit") << 10 << 3 << 5 << range(0, 2);
    QTest::addRow("shrink a part-filled ring, some drop") << 10 << 6 << 2 << range(4, 5);
    QTest::addRow("same capacity") << 10 << 25 << 10 << range(15, 24);
    QTest::addRow("shrink to one") << 10 << 25 << 1 << range(24, 24);
    QTest::addRow("empty") << 10 << 0 << 3 << QList<qint64>();
}

void TestHistory::setCapacityKeepsNewest()
{
    QFETCH(int, capacity);
    QFETCH(int, appended);
    QFETCH(int, newCapacity);
    QFETCH(QList<qint64>, kept);

    History h(capacity);
    for (int i = 0; i < appended; ++i)
        h.append(at(i));
    h.setCapacity(newCapacity);
    QCOMPARE(h.capacity(), newCapacity);
    QCOMPARE(timesOf(h), kept);

    // Appending goes on from there: the ring fills up, then drops the oldest.
    const qint64 next = appended;
    for (int i = 0; i < 2 * newCapacity; ++i)
        h.append(at(next + i));
    QCOMPARE(h.size(), newCapacity);
    QCOMPARE(timesOf(h), range(next + newCapacity, next + 2 * newCapacity - 1));
}

void TestHistory::capacityAtLeastOne()
{
    History h(0);
    QCOMPARE(h.capacity(), 1);
    h.append(at(1));
    h.append(at(2));
    QCOMPARE(timesOf(h), QList<qint64> { 2 });
    h.setCapacity(-5);
    QCOMPARE(h.capacity(), 1);
    QCOMPARE(timesOf(h), QList<qint64> { 2 });
}

void TestHistory::clear()
{
    History h(4);
    for (int i = 0; i < 6; ++i)
        h.append(at(i));
    h.clear();
    QVERIFY(h.isEmpty());
    QCOMPARE(h.capacity(), 4);
    QCOMPARE(h.lowerBound(3), 0);
    h.append(at(100));
    QCOMPARE(timesOf(h), QList<qint64> { 100 });
}

namespace {
// A wrapped ring of 5 holding 1000, 2000, 2000, 3000, 5000 (three older samples were dropped).
History searchHistory()
{
    History h(5);
    for (qint64 t : { 10, 20, 30, 1000, 2000, 2000, 3000, 5000 })
        h.append(at(t));
    return h;
}
} // namespace

void TestHistory::lowerBound_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<qsizetype>("index");

    QTest::addRow("before all") << qint64(0) << qsizetype(0);
    QTest::addRow("a dropped time") << qint64(20) << qsizetype(0);
    QTest::addRow("first") << qint64(1000) << qsizetype(0);
    QTest::addRow("just after first") << qint64(1001) << qsizetype(1);
    QTest::addRow("first of equal times") << qint64(2000) << qsizetype(1);
    QTest::addRow("between") << qint64(2500) << qsizetype(3);
    QTest::addRow("last") << qint64(5000) << qsizetype(4);
    QTest::addRow("after all") << qint64(5001) << qsizetype(5);
}

void TestHistory::lowerBound()
{
    QFETCH(qint64, time);
    QFETCH(qsizetype, index);
    QCOMPARE(searchHistory().lowerBound(time), index);
}

void TestHistory::nearest_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<qsizetype>("index");

    QTest::addRow("before all") << qint64(-100) << qsizetype(0);
    QTest::addRow("exact first") << qint64(1000) << qsizetype(0);
    QTest::addRow("closer to first") << qint64(1499) << qsizetype(0);
    QTest::addRow("tie goes to the earlier") << qint64(1500) << qsizetype(0);
    QTest::addRow("closer to second") << qint64(1501) << qsizetype(1);
    QTest::addRow("equal times, first of them") << qint64(2000) << qsizetype(1);
    QTest::addRow("tie between 3000 and 5000") << qint64(4000) << qsizetype(3);
    QTest::addRow("closer to last") << qint64(4001) << qsizetype(4);
    QTest::addRow("after all") << qint64(99999) << qsizetype(4);
}

void TestHistory::nearest()
{
    QFETCH(qint64, time);
    QFETCH(qsizetype, index);
    QCOMPARE(searchHistory().nearest(time), index);
}

void TestHistory::nearestWhenEmpty()
{
    History h(8);
    QCOMPARE(h.nearest(0), qsizetype(-1));
    QCOMPARE(h.lowerBound(0), qsizetype(0));
}

void TestHistory::capacityFor_data()
{
    QTest::addColumn<double>("interval");
    QTest::addColumn<double>("span");
    QTest::addColumn<qsizetype>("capacity");

    // ceil(span / interval) + 16
    QTest::addRow("1 s, a day") << 1.0 << 86400.0 << qsizetype(86400 + 16);
    QTest::addRow("0.1 s, a day") << 0.1 << 86400.0 << qsizetype(864000 + 16);
    QTest::addRow("7 s, a day") << 7.0 << 86400.0 << qsizetype(12343 + 16); // 86400 / 7 = 12342.86
    QTest::addRow("60 s, a day") << 60.0 << 86400.0 << qsizetype(1440 + 16);
    QTest::addRow("1 s, an hour") << 1.0 << 3600.0 << qsizetype(3600 + 16);
    QTest::addRow("below 10 ms counts as 10 ms") << 0.0 << 86400.0 << qsizetype(8640000 + 16);
}

void TestHistory::capacityFor()
{
    QFETCH(double, interval);
    QFETCH(double, span);
    QFETCH(qsizetype, capacity);
    QCOMPARE(History::capacityFor(interval, span), capacity);
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
