#pragma once

#include "fleetframes.h"
#include "logreader.h"

#include <functional>

class PrometheusClient;

// A fleet's past from Prometheus at once: the combined fleet query over a range (query_range), as
// frames for a chart window or as the columns the CSV log reader yields, for the same analysis.
namespace PrometheusHistory {

// Prometheus answers at most this many points per series of a range query.
inline constexpr qint64 kMaxPoints = 11000;

// The step for from..to drawn `pixelWidth` pixels wide: one point per pixel column, never finer
// than the scrape interval, whole seconds, and at most kMaxPoints points.
qint64 stepForWidth(qint64 fromMs, qint64 toMs, int pixelWidth, qint64 scrapeIntervalMs);
// A step asked for (0: the scrape interval), made whole milliseconds ≥ 1 s and coarse enough for kMaxPoints.
qint64 clampStep(qint64 fromMs, qint64 toMs, qint64 stepMs, qint64 scrapeIntervalMs);

struct Result
{
    QString error; // Prometheus unreachable, slow, an error answer
    QStringList warnings;
    FleetFrames frames;
    qint64 stepMs = 0;
};
using Callback = std::function<void(const Result &)>;

// Reads from..to every stepMs (after clampStep) with one range query through `client`, ids from
// `ids` (pass the live fleet's to keep its machines' ids). `done` runs once, in the client's thread.
void fetch(PrometheusClient *client, FleetIds *ids, const QString &selector, qint64 fromMs, qint64 toMs, qint64 stepMs,
    qint64 scrapeIntervalMs, const Callback &done);
// The same for a window `pixelWidth` pixels wide (stepForWidth).
void fillWindow(PrometheusClient *client, FleetIds *ids, const QString &selector, qint64 fromMs, qint64 toMs,
    int pixelWidth, qint64 scrapeIntervalMs, const Callback &done);

// "now", a relative time ("-2h", "-30m", "-1h30m", "-90s"), ISO 8601 (with an offset or Z; without
// one: local time) or Unix epoch seconds, in ms since the epoch; false when it is none of these.
bool parseTime(const QString &text, qint64 nowMs, qint64 *ms);

// Frames as the log reader's columns: one snapshot per time at which any machine has a value, the
// log's core columns for every machine, GPU and temperature where measured; times in local offsets.
LogData toLogData(const FleetFrames &frames);

} // namespace PrometheusHistory
