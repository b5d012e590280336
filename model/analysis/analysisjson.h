#pragma once

#include "analysisresult.h"

#include <QJsonObject>

// The analysis as JSON (issue 5, "--json"): summary, machines, issues, markers, warnings. Times are ISO
// 8601 with milliseconds in the row's own offset; a value that cannot be computed is null. Each marker
// is written once, in `markers`; an issue's `marker` is its nearest marker's index there (or null).
// Used by `perfdash analyze --json`, the Analysis tab's export and the HTTP export.
namespace AnalysisJson {

QJsonObject toJson(const AnalysisResult &result);

// Reads the log at `path` and analyses it (the whole file: every run), as `perfdash analyze --run all
// --json -` prints it; a log that cannot be read gives {"error": "…"}.
QJsonObject analyzeFile(const QString &path, const AnalysisThresholds &thresholds = {});

} // namespace AnalysisJson
