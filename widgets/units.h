#pragma once

#include "metric.h"

#include <QString>

// How values are shown to the person (the log has its own, fixed formatting).
namespace Units {

QString formatMetric(Metric metric, double value);
// 14.2 GiB, 850 MiB.
QString formatMebibytes(double mib);
// "1 min", "6 h".
QString formatSpan(qint64 ms);

} // namespace Units
