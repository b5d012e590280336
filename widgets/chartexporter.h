#pragma once

#include <QSize>
#include <QString>

class TimeChart;

// Writes a chart as a picture with its axes, legend and markers: PNG (or any raster format Qt
// writes) or SVG, chosen by the file's extension.
namespace ChartExporter {

// On failure returns false and says why in the writer's own words.
bool exportChart(TimeChart *chart, const QString &path, QSize size, QString *error);

} // namespace ChartExporter
