#pragma once

#include "metric.h"

#include <QString>

#include <optional>

// The PromQL that reads a whole fleet in one request: every quantity perfdash logs, computed by the
// server per `instance` label, joined with `or`, each series tagged with a `perfdash_metric` label
// (label_replace). Same meaning as perfdash's own sources (SOURCES.md): CPU % = 100 × (1 − idle
// rate), memory from MemAvailable/MemTotal, tokens/s the rate of the generation-token counter.
namespace FleetQuery {

// The label every series of the answer carries.
inline constexpr char kMetricLabel[] = "perfdash_metric";
// The values of that label that are not log metrics.
inline constexpr char kTargetUp[] = "target_up"; // any target of the instance answered its last scrape
inline constexpr char kNodeUp[] = "node_up";     // the node_exporter target of the instance did
inline constexpr char kUname[] = "uname";        // node_uname_info, with its nodename label

// A selector as a person writes it (`job="node"`, `{env=~"lab.*"}`, empty) as label matchers to add
// inside a metric's braces, without braces; nullopt with `error` set when it cannot be one.
std::optional<QString> normalizeSelector(const QString &selector, QString *error);

// The combined query. `selector`: normalized matchers (may be empty); rateWindowMs: the range of the
// rate() windows (at least a few scrape intervals).
QString build(const QString &selector, qint64 rateWindowMs);

// The rate window for a scrape interval and a step: 4 scrapes, at least the step, whole seconds.
qint64 rateWindowMs(qint64 scrapeIntervalMs, qint64 stepMs = 0);

// The metric a `perfdash_metric` value names, if it is one of the log's.
std::optional<Metric> metricOf(QStringView label);

} // namespace FleetQuery
