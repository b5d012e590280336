#pragma once

#include <QList>
#include <QPointF>

#include <functional>

class ChartCanvas;

// What the time charts (TimeChart, LogChart) share once their lines are decimated: round axis ends,
// and handing the lines to the canvas in the order that maps each point once.
namespace ChartScale {

// 1, 2 or 5 times a power of ten, at or above v (v > 0): axis ends that read well.
double niceCeiling(double v);

// One line of a refresh: its decimated points, the indices where a gap starts, its axis.
struct Line
{
    QList<QPointF> points;
    QList<qsizetype> breaks;
    bool rightAxis = false;
};

// The upper ends of the value axes that fit the lines: the left one (from 0, at least 10) and the
// right one (at least 4), each with some headroom above the highest point.
struct Ends
{
    double left = 10;
    double right = 4;
};
Ends upperEnds(const QList<Line> &lines);

// Empties the canvas' lines (moving the axes then re-maps nothing), fits the value axes to the
// lines' maxima (the left one only when autoLeft), calls beforeTimeRange (shades), sets the time
// range, then gives each line its points: line i of `lines` is the canvas' line i.
void push(ChartCanvas *canvas, const QList<Line> &lines, bool autoLeft, qint64 startMs, qint64 endMs,
    const std::function<void()> &beforeTimeRange = {});

} // namespace ChartScale
