#include "chartscale.h"

#include "chartcanvas.h"

#include <algorithm>
#include <cmath>

namespace ChartScale {

double niceCeiling(double v)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : { 1.0, 2.0, 5.0, 10.0 }) {
        if (step * magnitude >= v)
            return step * magnitude;
    }
    return 10 * magnitude;
}

Ends upperEnds(const QList<Line> &lines)
{
    double leftMax = 0;
    double rightMax = 0;
    for (const Line &line : lines) {
        double &top = line.rightAxis ? rightMax : leftMax;
        for (const QPointF &p : line.points)
            top = std::max(top, p.y());
    }
    return { niceCeiling(std::max(leftMax * 1.15, 10.0)), niceCeiling(std::max(rightMax * 1.25, 4.0)) };
}

void push(ChartCanvas *canvas, const QList<Line> &lines, bool autoLeft, qint64 startMs, qint64 endMs,
    const std::function<void()> &beforeTimeRange)
{
    for (int i = 0; i < lines.size(); ++i)
        canvas->setPoints(i, {});
    const Ends ends = upperEnds(lines);
    if (autoLeft)
        canvas->setValueRange(0, ends.left);
    canvas->setRightValueRange(0, ends.right);
    if (beforeTimeRange)
        beforeTimeRange();
    canvas->setTimeRange(startMs, endMs);
    for (int i = 0; i < lines.size(); ++i)
        canvas->setPoints(i, lines[i].points, lines[i].breaks);
}

} // namespace ChartScale
