#pragma once

#include "timingdata.h"
#include "timingstats.h"

#include <QJsonObject>
#include <QString>

// What `perfdash timings` prints and writes: the per-function table and the runs as text, and the
// whole summary as JSON. Times in JSON are Unix seconds; in text, local time.
namespace TimingReport {

// {summary {calls, runs, run ("all"/"range" or the number), start, end, files, skipped_lines,
// warnings_not_listed}, functions {name: {count, total_s, mean_s, median_s, p95_s, min_s, max_s,
// errors, success_rate, share, memory_delta_mb (when known), attributes {name: {mean, max}}}},
// runs [{start, end, calls}], errors [{function, file, line, time, uuid, type, message, traceback}],
// warnings [{file, line, message}]}. A function's statistics are NaN-free: JSON has no NaN.
QJsonObject toJson(const TimingData &data, const TimingSummary &summary);

// The report: the runs, then the `top` functions by total time (all when top <= 0), shape D's
// hardware tiers side by side when there are any, then counts of errors and warnings with the first
// few of each.
QString text(const TimingData &data, const TimingSummary &summary, const QString &path, int top);

// A Unix time as local "yyyy-MM-dd HH:mm:ss.zzz".
QString formatTime(double unixSeconds);

} // namespace TimingReport
