#pragma once

#include <QColor>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QSize>
#include <QString>

#include <functional>
#include <optional>

class QPainter;
class TimeChart;

// Writes a chart as a picture with its axes, legend and markers: PNG (or any raster format Qt
// writes) or SVG, chosen by the file's extension. The picture carries a caption (the chart and its
// machines, the date range, a legend of the shaded bands) and grows its text and lines with its
// size, so a 1920×1080 export reads like a slide, not like a screenshot blown up.
namespace ChartExporter {

// Draws a chart laid out at `size` into the painter's (0, 0, size).
using Renderer = std::function<void(QPainter *, QSize)>;

struct LegendEntry
{
    QString label;
    QColor color; // as the band is drawn (translucent over the plot's white)
};

struct Caption
{
    QString title; // "CPU — mac1, mac2"
    QString range; // "2026-11-22 08:00 – 2026-11-23 07:59 (UTC+01:00)"
    QList<LegendEntry> shades;
};

// How much larger than on screen text and lines are drawn in a picture of this size: 1 up to a
// 960×540 picture (a chart on screen), 2 at 1920×1080, 4 at 3840×2160.
qreal scaleFor(QSize size);
// "2026-11-22 08:00 – 2026-11-23 07:59 (UTC+01:00)" on that clock (none: this computer's).
QString rangeText(qint64 startMs, qint64 endMs, std::optional<int> offsetSeconds);
// The pixel size of the caption's title and of its other lines, on screen (scale 1).
inline constexpr int kTitlePixels = 15;
inline constexpr int kTextPixels = 12;
// Draws the caption and, below it, the chart into `rect`, everything `scale` times its on-screen
// size: the chart is laid out at rect / scale and the painter scaled up.
void paint(QPainter *painter, const QRectF &rect, qreal scale, const Caption &caption, const Renderer &render);
// The picture as paint() draws it on white.
QImage image(const Renderer &render, const Caption &caption, QSize size, qreal scale);

// On failure returns false and says why in the writer's own words.
bool exportChart(TimeChart *chart, const QString &path, QSize size, QString *error);
// The same for any chart that can draw itself at a given size (the Analysis tab's).
bool exportPicture(const Renderer &render, const Caption &caption, const QString &path, QSize size, QString *error);

} // namespace ChartExporter
