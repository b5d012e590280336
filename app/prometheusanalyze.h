#pragma once

#include <QString>

struct CommandLine;

// `perfdash analyze --prometheus URL --from T [--to T] [--selector SEL] [--step S] [--json OUT]`:
// the fleet's range from Prometheus in the columns the CSV reader yields, with the markers of the
// logs of the log directory in that range, through the same analysis and the same report and JSON.
int runPrometheusAnalyze(const CommandLine &options);
