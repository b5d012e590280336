// Peak-preserving decimation for the charts (Decimator::minMax).
#include "decimator.h"
#include "history.h"

#include <QTest>

#include <cmath>
#include <limits>

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

QList<QPointF> decimate(
    const QList<qint64> &times, const QList<double> &values, qint64 fromMs, qint64 toMs, int columns)
{
    return Decimator::minMax(
        0, times.size(), [&](qsizetype i) { return times[i]; }, [&](qsizetype i) { return values[i]; }, fromMs, toMs,
        columns);
}

QList<qint64> stepTimes(int count, qint64 step)
{
    QList<qint64> t;
    for (int i = 0; i < count; ++i)
        t << i * step;
    return t;
}

// A day of 1 s samples in a History, as a MachineMonitor holds them: a baseline that wobbles
// between 10 and 16 (so every column has a distinct low and high), one spike, one dip and a NaN
// (not measured) every 100th sample.
constexpr int kDay = 86400;
constexpr int kSpikeAt = 43210;
constexpr int kDipAt = 5000;
constexpr double kSpike = 95.0;
constexpr double kDip = 0.5;

double dayValue(int i)
{
    if (i == kSpikeAt)
        return kSpike;
    if (i == kDipAt)
        return kDip;
    if (i % 100 == 50)
        return kNaN;
    return 10.0 + i % 7;
}

History dayHistory()
{
    History h(kDay);
    for (int i = 0; i < kDay; ++i) {
        Sample s;
        s.timeMs = qint64(i) * 1000;
        s.set(Metric::CpuPercent, dayValue(i));
        h.append(s);
    }
    return h;
}

QList<QPointF> decimateDay(const History &h, qint64 fromMs, qint64 toMs, int columns)
{
    return Decimator::minMax(
        0, h.size(), [&](qsizetype i) { return h.at(i).timeMs; },
        [&](qsizetype i) { return h.at(i).value(Metric::CpuPercent); }, fromMs, toMs, columns);
}
} // namespace

class TestDecimator : public QObject
{
    Q_OBJECT
private slots:
    void smallSeries_data();
    void smallSeries();
    void aDayKeepsItsSpike_data();
    void aDayKeepsItsSpike();
    void dayOutputIsBounded_data();
    void dayOutputIsBounded();
    void fewerSamplesThanColumnsPassThrough();
};

void TestDecimator::smallSeries_data()
{
    QTest::addColumn<QList<qint64>>("times");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<qint64>("fromMs");
    QTest::addColumn<qint64>("toMs");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QList<QPointF>>("points");

    const QList<qint64> ten = stepTimes(10, 100); // 0, 100, ..., 900
    // Two columns of 500 ms: t 0..400 and 500..900.
    // Column 0: 5 1 9 3 4 -> low (100, 1) then high (200, 9).
    // Column 1: 2 2 8 NaN 7 -> low (500, 2) (the first of the equal lows) then high (700, 8).
    QTest::addRow("low then high per column")
        << ten << QList<double> { 5, 1, 9, 3, 4, 2, 2, 8, kNaN, 7 } << qint64(0) << qint64(1000) << 2
        << QList<QPointF> { { 100, 1 }, { 200, 9 }, { 500, 2 }, { 700, 8 } };
    // Column 0: 3 9 1 ... -> the high (100, 9) happened before the low (200, 1): kept in that order.
    QTest::addRow("high before low keeps time order")
        << ten << QList<double> { 3, 9, 1, 4, 4, 6, 6, 6, 6, 6 } << qint64(0) << qint64(1000) << 2
        << QList<QPointF> { { 100, 9 }, { 200, 1 }, { 500, 6 } };
    QTest::addRow("flat column is one point") << ten << QList<double> { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 } << qint64(0)
                                              << qint64(1000) << 2 << QList<QPointF> { { 0, 7 }, { 500, 7 } };
    QTest::addRow("a column of NaN gives nothing")
        << ten << QList<double> { 1, 2, 3, 4, 5, kNaN, kNaN, kNaN, kNaN, kNaN } << qint64(0) << qint64(1000) << 2
        << QList<QPointF> { { 0, 1 }, { 400, 5 } };
    // Column 0: NaN 4 2 4 3 -> high (100, 4) then low (200, 2); the second 4 is not a new high.
    QTest::addRow("first sample NaN") << ten << QList<double> { kNaN, 4, 2, 4, 3, 1, 1, 1, 1, 1 } << qint64(0)
                                      << qint64(1000) << 2 << QList<QPointF> { { 100, 4 }, { 200, 2 }, { 500, 1 } };
    // Only samples inside [300, 700] count; 3 columns of 133.3 ms: t 300, 400 | 500 | 600, 700.
    QTest::addRow("outside the range ignored")
        << ten << QList<double> { 99, 99, 99, 1, 2, 3, 4, 5, 99, 99 } << qint64(300) << qint64(700) << 3
        << QList<QPointF> { { 300, 1 }, { 400, 2 }, { 500, 3 }, { 600, 4 }, { 700, 5 } };
    QTest::addRow("one column, one sample")
        << QList<qint64> { 50 } << QList<double> { 3 } << qint64(0) << qint64(100) << 1 << QList<QPointF> { { 50, 3 } };
    QTest::addRow("no columns") << ten << QList<double> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << qint64(0) << qint64(1000)
                                << 0 << QList<QPointF>();
    QTest::addRow("empty range") << ten << QList<double> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << qint64(500) << qint64(500)
                                 << 4 << QList<QPointF>();
    QTest::addRow("range after the data") << ten << QList<double> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << qint64(5000)
                                          << qint64(6000) << 4 << QList<QPointF>();
    QTest::addRow("no samples") << QList<qint64>() << QList<double>() << qint64(0) << qint64(1000) << 4
                                << QList<QPointF>();
}

void TestDecimator::smallSeries()
{
    QFETCH(QList<qint64>, times);
    QFETCH(QList<double>, values);
    QFETCH(qint64, fromMs);
    QFETCH(qint64, toMs);
    QFETCH(int, columns);
    QFETCH(QList<QPointF>, points);

    QCOMPARE(decimate(times, values, fromMs, toMs, columns), points);
}

void TestDecimator::aDayKeepsItsSpike_data()
{
    QTest::addColumn<int>("columns");
    QTest::addRow("1200 columns") << 1200;
    QTest::addRow("300 columns") << 300;
    QTest::addRow("1 column") << 1;
}

// A one-sample spike and a one-sample dip survive decimating 86,400 points; no NaN comes out; the
// points are in time order.
void TestDecimator::aDayKeepsItsSpike()
{
    QFETCH(int, columns);

    const History h = dayHistory();
    QCOMPARE(h.size(), kDay);
    const QList<QPointF> out = decimateDay(h, 0, qint64(kDay) * 1000, columns);

    QVERIFY(!out.isEmpty());
    QVERIFY(out.size() <= 2 * columns);
    QVERIFY(out.contains(QPointF(kSpikeAt * 1000.0, kSpike)));
    QVERIFY(out.contains(QPointF(kDipAt * 1000.0, kDip)));
    for (int i = 0; i < out.size(); ++i) {
        QVERIFY2(!std::isnan(out[i].y()), qPrintable(QString::number(i)));
        if (i > 0)
            QVERIFY2(out[i - 1].x() < out[i].x(), qPrintable(QString::number(i)));
        // Every point is one of the samples, unchanged.
        const auto sample = qsizetype(out[i].x() / 1000);
        QCOMPARE(out[i].y(), dayValue(int(sample)));
    }
    const auto maxIt = std::max_element(out.begin(), out.end(), [](auto a, auto b) { return a.y() < b.y(); });
    const auto minIt = std::min_element(out.begin(), out.end(), [](auto a, auto b) { return a.y() < b.y(); });
    QCOMPARE(maxIt->y(), kSpike);
    QCOMPARE(minIt->y(), kDip);
}

// 86,400 samples to 1200 columns: about 72 samples a column, each with a distinct low and high,
// so 2 points a column and never more than 2 * 1200.
void TestDecimator::dayOutputIsBounded_data()
{
    QTest::addColumn<qint64>("toMs");
    QTest::addColumn<int>("expectedSize");

    QTest::addRow("range ends after the last sample") << qint64(kDay) * 1000 << 2400;
    // The live chart's range: first sample to last sample. The last sample sits exactly on toMs.
    QTest::addRow("range ends on the last sample") << qint64(kDay - 1) * 1000 << 2400;
}

void TestDecimator::dayOutputIsBounded()
{
    QFETCH(qint64, toMs);
    QFETCH(int, expectedSize);

    const int columns = 1200;
    const QList<QPointF> out = decimateDay(dayHistory(), 0, toMs, columns);
    QVERIFY2(out.size() <= 2 * columns, qPrintable(QString::number(out.size())));
    QCOMPARE(out.size(), expectedSize);
}

void TestDecimator::fewerSamplesThanColumnsPassThrough()
{
    // 10 samples, 100 columns: every sample has its own column and comes out unchanged.
    const QList<qint64> times = stepTimes(10, 1000);
    const QList<double> values { 4, 8, 15, 16, 23, 42, 16, 15, 8, 4 };
    const QList<QPointF> out = decimate(times, values, 0, 10000, 100);
    QCOMPARE(out.size(), 10);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(out[i], QPointF(double(times[i]), values[i]));
}

QTEST_GUILESS_MAIN(TestDecimator)
#include "tst_decimator.moc"
