#pragma once

#include "analysisresult.h"

// The analysis of a loaded session log (issue 5, "Semantics"): runs, summary, per-machine statistics
// and issue periods with their nearest markers. Pure functions over LogData's columns, one pass per
// machine, safe to call from a worker thread.
namespace Analysis {

// How far an issue's start and its marker may be apart.
inline constexpr qint64 kMarkerReachMs = 60'000;

// The log cut into runs wherever two consecutive snapshots are further apart than gapFactor x the
// median of the positive intervals between snapshots. Empty when the log has no snapshot.
QList<AnalysisRun> splitRuns(const LogData &data, double gapFactor);

// The median of the positive differences between consecutive times (the mean of the middle two for
// an even count); 0 when there is none.
double medianInterval(const std::vector<qint64> &times);

// Analyses the selected run (or the whole file). A run number that does not exist gives a result
// with `error` set.
AnalysisResult analyze(
    const LogData &data, const AnalysisThresholds &thresholds = {}, RunSelection selection = RunSelection::latest());

// The index into data.markers of the marker nearest `ms` within kMarkerReachMs (the earlier one on
// a tie), or -1.
int nearestMarker(const QList<LogMarkerRow> &markers, qint64 ms);

// "high_cpu", "server_down", "low_performance", "no_data".
QString kindName(IssueKind kind);
// A translated label for people: "High CPU", "Server down", …
QString kindLabel(IssueKind kind);
// "bad_cell", "bad_record", … for LogWarning::Kind.
QString warningKindName(LogWarning::Kind kind);

// ISO 8601 with milliseconds in the instant's own offset (2026-11-22T14:30:22.125+01:00), or without
// an offset when the log had none.
QString formatTime(const LogInstant &t, bool withOffset = true);

} // namespace Analysis
