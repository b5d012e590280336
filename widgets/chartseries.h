#pragma once

#include "metric.h"

#include <QColor>
#include <QString>

class History;

// One line on a chart: a metric of a machine's history.
struct ChartSeries
{
    QString name;
    const History *history = nullptr;
    Metric metric = Metric::CpuPercent;
    QColor color;
    bool rightAxis = false; // on a second value axis at the right (e.g. requests beside tokens/s)
};
