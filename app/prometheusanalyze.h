#pragma once

#include <QString>

struct CommandLine;

// `perfdash analyze --prometheus URL --from T [--to T] [--selector SEL] [--step S] [--json OUT]`:
// the fleet's range from Prometheus in the columns the CSV reader yields, with the markers of the
// logs of the log directory in that range, through the same analysis and the same report and JSON.
int runPrometheusAnalyze(const CommandLine &options);

// "now", a relative time ("-2h", "-30m", "-1h30m", "-90s"), ISO 8601 (with an offset or Z; without
// one: local time) or Unix epoch seconds, in ms since the epoch; false when it is none of these.
bool parseAnalyzeTime(const QString &text, qint64 nowMs, qint64 *ms);
