#pragma once

#include <QColor>

class QChart;
class QPalette;

// Charts in the colors of the application's palette, light or dark: background, text, axes, grid
// and legend. The lines keep their own colors. Call again on QEvent::PaletteChange.
namespace ChartTheme {

// The plain colors of a chart on the palette, for charts drawn without Qt Charts (StripCanvas).
struct Colors
{
    QColor base; // background
    QColor text; // title, legend, labels
    QColor grid;
    QColor axis; // the axes' lines and ticks
    QColor marker;
};
Colors colors(const QPalette &palette);

void apply(QChart *chart, const QPalette &palette);
// The markers' color, readable on the palette's base color.
QColor markerColor(const QPalette &palette);
// Whether the palette is a dark one (light text on a dark base).
bool isDark(const QPalette &palette);

} // namespace ChartTheme
