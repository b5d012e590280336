#pragma once

#include "analysisresult.h"

#include <QString>

// The analysis as a plain-text report for a terminal (`perfdash analyze`): summary, a per-machine
// table, the issues with their nearest markers, and the count of the reader's warnings.
namespace AnalysisReport {

QString text(const AnalysisResult &result);
// One line for the top of a report about a damaged log: "3 damaged records skipped (lines 11,
// 22–23)", or an empty string when the reader skipped none.
QString damageSummary(const AnalysisResult &result);
// A duration for people: "45 s", "12 min 05 s", "3 h 04 min".
QString duration(qint64 ms);
// A value with `decimals` decimals, or "-" when it cannot be computed.
QString value(const std::optional<double> &v, int decimals = 1);

} // namespace AnalysisReport
