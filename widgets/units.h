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
// A moment of a log as its tables show it, on the log's own clock: "14:30:22", or "11-22 14:30:22"
// when the view spans days. The full ISO 8601 form (Analysis::formatTime) goes in tooltips.
QString formatClock(const QString &iso, bool withDate);
// Whether two such ISO 8601 moments fall on different days of their clock (the date then joins).
bool spansDays(const QString &firstIso, const QString &lastIso);

} // namespace Units
