// Drawing a day of history: (a) the min/max decimation of 86,400 samples to 1,200 pixel columns,
// (b) a 24 h, 3-series TimeChart about 1,200 px wide: refresh() (decimate and hand the points to
// the chart) and a full repaint of the widget. Target: < 16 ms per redraw.

#include "benchutil.h"
#include "decimator.h"
#include "history.h"
#include "synthetic.h"
#include "timechart.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <memory>
#include <vector>

namespace {
constexpr qint64 kDayMs = 24 * 3'600'000;
constexpr int kSamples = 86'400;

// 86,400 samples one second apart, the last one at endMs.
std::unique_ptr<History> dayOfHistory(qint64 endMs, unsigned seed)
{
    auto history = std::make_unique<History>(History::capacityFor(1.0));
    SyntheticMachine machine(seed);
    for (int i = 0; i < kSamples; ++i)
        history->append(machine.next(endMs - qint64(kSamples - 1 - i) * 1000));
    return history;
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

void benchDecimator()
{
    constexpr int kColumns = 1'200;
    constexpr int kRuns = 50;
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    const std::unique_ptr<History> history = dayOfHistory(end, 1);
    const History *h = history.get();

    QList<double> us;
    qsizetype points = 0;
    for (int run = 0; run < kRuns + 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        const QList<QPointF> out = Decimator::minMax(
            0, h->size(), [h](qsizetype i) { return h->at(i).timeMs; },
            [h](qsizetype i) { return h->at(i).value(Metric::CpuPercent); }, end - kDayMs, end, kColumns);
        const double elapsed = double(timer.nsecsElapsed()) / 1e3;
        points = out.size();
        if (run >= 5) // the first runs warm the caches
            us.append(elapsed);
    }
    std::printf("(a) Decimator::minMax, %d samples to %d columns, %d runs\n", kSamples, kColumns, kRuns);
    const double med = Bench::median(us);
    // Each of the 3 series of a chart has a third of the 16 ms frame.
    Bench::report("decimate a day", med, "us per call, median", "< 5,000 us", med < 5'000);
    Bench::note(QStringLiteral("min %1 us, max %2 us; %3 points out (at most %4)")
                    .arg(QString::fromLatin1(Bench::figure(Bench::minimum(us))),
                        QString::fromLatin1(Bench::figure(Bench::maximum(us))))
                    .arg(points)
                    .arg(2 * (kColumns + 1)));
}

void benchTimeChart()
{
    constexpr int kSeries = 3;
    constexpr int kRuns = 30;
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    std::vector<std::unique_ptr<History>> histories;
    for (int i = 0; i < kSeries; ++i)
        histories.push_back(dayOfHistory(end, unsigned(i + 1)));

    TimeChart chart(QStringLiteral("CPU"), QStringLiteral("%"));
    chart.setAttribute(Qt::WA_DontShowOnScreen);
    chart.resize(1300, 400);
    chart.show();
    const QColor colors[kSeries] = { QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28) };
    for (int i = 0; i < kSeries; ++i) {
        chart.addSeries({ QStringLiteral("machine %1").arg(i + 1), histories[std::size_t(i)].get(), Metric::CpuPercent,
            colors[i] });
    }
    chart.setValueRange(0, 100);
    chart.setWindowMs(kDayMs);
    QApplication::processEvents(); // lets the layout settle and the coalesced refresh run
    chart.refresh();
    const int plotWidth = chart.positionOf(chart.rangeEndMs()).x() - chart.positionOf(chart.rangeStartMs()).x();

    QList<double> refreshMs;
    QList<double> repaintMs;
    QList<double> renderMs;
    QImage image(chart.size(), QImage::Format_ARGB32_Premultiplied);
    for (int run = 0; run < kRuns + 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        chart.refresh();
        const double refresh = msSince(timer);

        // What the window does on the next paint: the strip canvas draws the whole chart.
        timer.restart();
        const QPixmap frame = chart.grab();
        const double repaint = msSince(timer);

        // A picture through the PNG export path: TimeChart::render() (a Qt Charts canvas made for it)
        // with the exporter's hints.
        timer.restart();
        {
            image.fill(Qt::white);
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::TextAntialiasing);
            chart.render(&painter, image.size());
        }
        const double render = msSince(timer);
        if (frame.isNull())
            std::fprintf(stderr, "bench_charts: grab() returned nothing\n");
        if (run >= 3) {
            refreshMs.append(refresh);
            repaintMs.append(repaint);
            renderMs.append(render);
        }
    }

    std::printf("(b) TimeChart 24 h, %d series of %d samples, widget %dx%d, plot %d px wide, %d runs\n", kSeries,
        kSamples, chart.width(), chart.height(), plotWidth, kRuns);
    QStringList counts;
    qsizetype most = 0;
    for (int i = 0; i < kSeries; ++i) {
        counts << QString::number(chart.pointCount(i));
        most = std::max(most, chart.pointCount(i));
    }
    const bool fewPoints = most <= 2 * (plotWidth + 2);
    Bench::report("points per series", double(most), "points, most of the series", "<= 2 x plot width", fewPoints);
    Bench::note(QStringLiteral("per series: %1 (2 x plot width = %2)")
                    .arg(counts.join(QStringLiteral(", ")))
                    .arg(2 * plotWidth));
    const double refresh = Bench::median(refreshMs);
    const double repaint = Bench::median(repaintMs);
    const double frame = refresh + repaint;
    Bench::report("refresh()", refresh, "ms per redraw, median", "< 16 ms", refresh < 16);
    Bench::report("repaint (grab)", repaint, "ms per frame, median");
    Bench::report("redraw = refresh + repaint", frame, "ms per frame, median", "< 16 ms", frame < 16);
    Bench::report("render() to a QImage (PNG export)", Bench::median(renderMs), "ms per picture, median");
    Bench::note(QStringLiteral("refresh min %1 / max %2 ms; repaint min %3 / max %4 ms")
                    .arg(QString::fromLatin1(Bench::figure(Bench::minimum(refreshMs))),
                        QString::fromLatin1(Bench::figure(Bench::maximum(refreshMs))),
                        QString::fromLatin1(Bench::figure(Bench::minimum(repaintMs))),
                        QString::fromLatin1(Bench::figure(Bench::maximum(repaintMs)))));
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::printf("bench_charts: platform %s\n", qPrintable(QGuiApplication::platformName()));
    benchDecimator();
    benchTimeChart();
    return 0;
}
