#pragma once

#include "timingdata.h"

#include <QByteArray>
#include <QStringList>

// The CSV shapes of timing logs, recognised by their header (case-insensitive, on words):
//   ResultsCsv  shape B timing_results.csv: a function column and a duration column
//               (duration / execution time / perf duration / elapsed; "ms" in the name: milliseconds),
//               maybe uuid, start, end, cpu, memory before/after/delta (kept as "memory_delta_mb"), args.
//   Operations  shape C processing CSV: operation, duration_ms, timestamp (ISO 8601, the end), success, error.
//   Requests    shape D synthesis_<tier>_<stamp>.csv: request_id, start_time, end_time, total_duration_s, …;
//               the function is "synthesis/<tier>", the tier from hardware_tier or the file name.
//   Samples     shape C memory/GPU CSV and shape D realtime_<tier>_<stamp>.csv: a timestamp and
//               numeric columns, each one a TimingSeries ("gpu<id>.<column>" per GPU).
// Every column without a role is an attribute: numbers numeric, anything else text.
namespace TimingCsv {

enum class Kind { None, ResultsCsv, Operations, Requests, Samples };

// The kind of a CSV by its first line (the header), or None.
Kind detect(const QByteArray &firstLine);

// Reads the whole CSV. `tierFromName`: shape D's tier when no hardware_tier column says it.
void read(const QByteArray &bytes, Kind kind, TimingBuilder &builder, int file, const QString &tierFromName);

// The words of a header name: lower case, split at anything not a letter or digit.
QStringList words(const QString &name);

} // namespace TimingCsv
