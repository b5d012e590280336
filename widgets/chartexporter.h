#pragma once

#include <QSize>
#include <QString>

#include <functional>

class QPainter;
class TimeChart;

// Writes a chart as a picture with its axes, legend and markers: PNG (or any raster format Qt
// writes) or SVG, chosen by the file's extension.
namespace ChartExporter {

// On failure returns false and says why in the writer's own words.
bool exportChart(TimeChart *chart, const QString &path, QSize size, QString *error);
// The same for any chart that can draw itself into a size x size picture (the Analysis tab's).
bool exportPicture(const std::function<void(QPainter *, QSize)> &render, const QString &title, const QString &path,
    QSize size, QString *error);

} // namespace ChartExporter
