// StripCanvas, the live charts' QPainter canvas, and the TimeChart around it: round clock ticks,
// gaps drawn as gaps, a lone sample as a dot, marker labels in their lane, the hover text, and a
// click's moment.
#include "chartchecks.h"
#include "history.h"
#include "markerstore.h"
#include "stripcanvas.h"
#include "timechart.h"
#include "timeticks.h"

#include <QApplication>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QTime>

#include <memory>

namespace {
// 2026-11-22 08:00:03 local time: not a round moment.
qint64 origin()
{
    return QDateTime(QDate(2026, 11, 22), QTime(8, 0, 3)).toMSecsSinceEpoch();
}

const QColor kRed(255, 0, 0);

int redPixels(const QImage &image, int x, int halfWidth)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int dx = -halfWidth; dx <= halfWidth; ++dx) {
            const QColor c = image.pixelColor(std::clamp(x + dx, 0, image.width() - 1), y);
            // Red, or half red on white where an antialiased line falls between two pixel rows.
            if (c.red() > 200 && c.red() - std::max(c.green(), c.blue()) > 80)
                ++n;
        }
    }
    return n;
}

std::unique_ptr<StripCanvas> shownCanvas()
{
    auto canvas = std::make_unique<StripCanvas>(QStringLiteral("CPU — test"), QStringLiteral("CPU %"));
    canvas->resize(800, 260);
    canvas->addLine(QStringLiteral("cpu"), kRed);
    canvas->setValueRange(0, 100);
    canvas->show();
    canvas->setTimeRange(origin(), origin() + 60'000);
    return canvas;
}
} // namespace

class TestStripCanvas : public QObject
{
    Q_OBJECT
private slots:
    void ticksAtRoundTimes();
    void gapIsDrawnAsAGap();
    void loneSampleIsADot();
    void markerLabelsKeepToTheirLane();
    void hoverTextSaysTheValues();
    void clickGivesItsMoment();
};

void TestStripCanvas::ticksAtRoundTimes()
{
    auto canvas = shownCanvas();
    QVERIFY(canvas->isLaidOut());
    const QStringList labels = canvas->timeLabels();
    // A minute over ~700 px: a label every 10 s, the same as TimeTicks gives every chart.
    QVERIFY2(labels.size() >= 4, qPrintable(labels.join(u' ')));
    for (const QString &label : labels) {
        const QTime t = QTime::fromString(label, QStringLiteral("HH:mm:ss"));
        QVERIFY2(t.isValid() && t.second() % 10 == 0, qPrintable(label));
    }
    QStringList expected;
    for (const TimeTicks::Tick &t : TimeTicks::compute(origin(), origin() + 60'000, 9, std::nullopt))
        expected << t.label;
    for (const QString &label : labels)
        QVERIFY(expected.contains(label));
    // Sliding by a second keeps the same round labels (those still in the window).
    canvas->setTimeRange(origin() + 1000, origin() + 61'000);
    QVERIFY(canvas->timeLabels().contains(labels.at(1)));
}

void TestStripCanvas::gapIsDrawnAsAGap()
{
    auto canvas = shownCanvas();
    QList<QPointF> points;
    for (int s = 0; s <= 20; ++s)
        points.append(QPointF(double(origin() + s * 1000), 50));
    for (int s = 40; s <= 60; ++s)
        points.append(QPointF(double(origin() + s * 1000), 50));
    canvas->setPoints(0, points, { 21 });
    const QImage image = canvas->grab().toImage();
    const int before = canvas->positionOf(origin() + 10'000).x();
    const int gap = canvas->positionOf(origin() + 30'000).x();
    const int after = canvas->positionOf(origin() + 50'000).x();
    QVERIFY2(redPixels(image, before, 0) >= 1, "no line before the gap");
    QVERIFY2(redPixels(image, after, 0) >= 1, "no line after the gap");
    QCOMPARE(redPixels(image, gap, 20), 0);
    QCOMPARE(canvas->pointCount(0), points.size());
}

void TestStripCanvas::loneSampleIsADot()
{
    auto canvas = shownCanvas();
    canvas->setPoints(0, { QPointF(double(origin() + 30'000), 50) });
    const QImage image = canvas->grab().toImage();
    QVERIFY2(redPixels(image, canvas->positionOf(origin() + 30'000).x(), 3) >= 12, "the lone sample is not drawn");
}

void TestStripCanvas::markerLabelsKeepToTheirLane()
{
    auto canvas = shownCanvas();
    MarkerStore markers;
    canvas->setMarkers(&markers);
    QCOMPARE(canvas->laneRect().height(), 0.0); // no lane without markers
    for (int k = 0; k < 12; ++k) {
        markers.add({ 0, origin() + 10'000 + k * (k < 6 ? 800 : 4000), QStringLiteral("Marker number %1").arg(k),
            QStringLiteral("notes %1").arg(k), {}, {} });
    }
    canvas->setTimeRange(origin(), origin() + 60'000);
    QVERIFY(canvas->laneRect().height() > 0);
    QCOMPARE(canvas->visibleMarkerLabels().size(), 12);
    const QString problem = ChartChecks::laneProblem(canvas.get(), 12);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // A click on a box says which markers it holds.
    const StripCanvas::LabelBox box = canvas->markerLabelBoxes().first();
    QSignalSpy labelClicks(canvas.get(), &StripCanvas::markerLabelClicked);
    QSignalSpy plotClicks(canvas.get(), &StripCanvas::clicked);
    QTest::mouseClick(canvas.get(), Qt::LeftButton, {}, box.rect.center().toPoint());
    QCOMPARE(labelClicks.size(), 1);
    QCOMPARE(labelClicks.first().at(0).toLongLong(), origin() + 10'000);
    QCOMPARE(plotClicks.size(), 0);
    // The lane's text and the time labels are in the canvas' font: Chinese text is measured as drawn.
    markers.update(markers.markers().last().id, QStringLiteral("模型崩溃了"), {});
    QVERIFY(ChartChecks::laneProblem(canvas.get(), 12).isEmpty());
}

void TestStripCanvas::hoverTextSaysTheValues()
{
    History history(100);
    for (int s = 0; s < 60; ++s) {
        Sample sample;
        sample.timeMs = origin() + s * 1000;
        sample.set(Metric::CpuPercent, 40 + s % 3);
        history.append(sample);
    }
    TimeChart chart(QStringLiteral("CPU"), QStringLiteral("CPU %"));
    chart.addSeries({ QStringLiteral("cpu"), &history, Metric::CpuPercent, kRed });
    chart.resize(800, 260);
    chart.show();
    chart.showRange(origin(), origin() + 60'000);
    const QString text = chart.hoverText(origin() + 20'200);
    QVERIFY2(text.contains(QStringLiteral("08:00:23.000")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("cpu: 42.0 %")), qPrintable(text));
    // Far from any sample: nothing.
    QVERIFY(chart.hoverText(origin() + 3'600'000).isEmpty());
    QVERIFY(chart.pointCount(0) > 0);
}

void TestStripCanvas::clickGivesItsMoment()
{
    auto canvas = shownCanvas();
    QSignalSpy clicks(canvas.get(), &StripCanvas::clicked);
    const qint64 target = origin() + 42'000;
    QTest::mouseClick(canvas.get(), Qt::LeftButton, {}, canvas->positionOf(target));
    QCOMPARE(clicks.size(), 1);
    const qint64 msPerPixel = 60'000 / canvas->plotWidth() + 1;
    QVERIFY(std::abs(clicks.first().at(0).toLongLong() - target) <= msPerPixel);
    qint64 t = 0;
    QVERIFY(canvas->timeAt(canvas->positionOf(target), &t));
    QVERIFY(std::abs(t - target) <= msPerPixel);
    // The header is not the plot: no marker from a click on the title.
    QTest::mouseClick(canvas.get(), Qt::LeftButton, {}, QPoint(20, 5));
    QCOMPARE(clicks.size(), 1);
    QVERIFY(!canvas->timeAt(QPoint(20, 5), &t));
}

QTEST_MAIN(TestStripCanvas)
#include "tst_stripcanvas.moc"
