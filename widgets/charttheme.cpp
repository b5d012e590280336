#include "charttheme.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>
#include <QPalette>

namespace ChartTheme {

namespace {
QColor mix(const QColor &from, const QColor &to, double amount)
{
    const auto channel = [amount](int a, int b) { return int(a + (b - a) * amount + 0.5); };
    return QColor(channel(from.red(), to.red()), channel(from.green(), to.green()), channel(from.blue(), to.blue()));
}
} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < palette.color(QPalette::Text).lightnessF();
}

QColor markerColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x9a, 0x4d) : QColor(0xd9, 0x4f, 0x00);
}

Colors colors(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    // Opaque mixes rather than translucent text colour: the same look on the chart's plain
    // background, and solid spans that Qt fills without blending each pixel (a live chart's grid
    // is drawn again every second).
    return { base, text, mix(base, text, 0.16), mix(base, text, 0.45), markerColor(palette) };
}

void apply(QChart *chart, const QPalette &palette)
{
    const Colors c = colors(palette);
    const QColor &base = c.base;
    const QColor &text = c.text;
    const QColor &grid = c.grid;
    const QColor &line = c.axis;
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    chart->legend()->setBackgroundVisible(false);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(line);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
        axis->setShadesVisible(false);
    }
}

} // namespace ChartTheme
