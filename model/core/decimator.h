#pragma once

#include <QList>
#include <QPointF>

#include <algorithm>
#include <cmath>

// Reduces a time series to at most two points per pixel column, the lowest and the highest in the
// order they happened, so a one-sample spike stays visible at any zoom (heaptrack keeps the max of
// each bucket; min and max together keep dips too). Points are (time in ms, value); NaN values are
// skipped. Pure.
namespace Decimator {

// timeAt(i) and valueAt(i) read sample i of [begin, end), in time order. Only samples inside
// [fromMs, toMs] are used. When `breaks` is given, the index in the result where each new stretch
// of data starts is appended to it: after a NaN (not measured), or after more than gapMs without a
// sample (gapMs > 0), so a chart can leave the gap empty instead of drawing a line across it.
template<typename TimeAt, typename ValueAt>
QList<QPointF> minMax(qsizetype begin, qsizetype end, TimeAt timeAt, ValueAt valueAt, qint64 fromMs, qint64 toMs,
    int columns, qint64 gapMs = 0, QList<qsizetype> *breaks = nullptr)
{
    QList<QPointF> out;
    if (columns <= 0 || toMs <= fromMs || begin >= end)
        return out;
    out.reserve(2 * columns + 2);
    const double msPerColumn = double(toMs - fromMs) / columns;

    qint64 bucket = -1;
    QPointF lo;
    QPointF hi;
    int count = 0;
    auto flush = [&] {
        if (count == 0)
            return;
        if (count == 1 || lo == hi) {
            out.append(lo);
        } else if (lo.x() <= hi.x()) {
            out.append(lo);
            out.append(hi);
        } else {
            out.append(hi);
            out.append(lo);
        }
        count = 0;
    };

    bool gap = false;
    qint64 lastValid = 0;
    for (qsizetype i = begin; i < end; ++i) {
        const qint64 t = timeAt(i);
        if (t < fromMs)
            continue;
        if (t > toMs)
            break;
        const double v = valueAt(i);
        if (std::isnan(v)) {
            gap = true;
            continue;
        }
        if (gapMs > 0 && (count > 0 || !out.isEmpty()) && t - lastValid > gapMs)
            gap = true;
        lastValid = t;
        // A sample exactly at toMs belongs to the last column, not to one past it.
        const qint64 b = std::min<qint64>(qint64(double(t - fromMs) / msPerColumn), columns - 1);
        if (gap && breaks) {
            flush();
            if (!out.isEmpty())
                breaks->append(out.size());
            bucket = b;
        } else if (b != bucket) {
            flush();
            bucket = b;
        }
        gap = false;
        const QPointF p(double(t), v);
        if (count == 0) {
            lo = hi = p;
        } else if (v < lo.y()) {
            lo = p;
        } else if (v > hi.y()) {
            hi = p;
        }
        ++count;
    }
    flush();
    return out;
}

} // namespace Decimator
