#pragma once

#include "timingdata.h"

#include <QJsonDocument>

// The shapes that are one JSON document, read with QJsonDocument (which refuses nesting deeper than
// it supports with an error, never a crash). Their events have no lines: warnings name the event.
namespace TimingDocument {

// Shape C: {"processing": [...], "memory": [...], "gpu": [...], "summary": {...}}. Operations are
// calls ({operation, duration_ms, timestamp (ISO 8601, the end), success, error, ...attributes});
// memory samples become series "memory.<field>", GPU samples "gpu<id>.<field>" (a sample may hold
// a "gpus" array). The summary is not read: the statistics are worked out from the calls.
void readCollector(const QJsonObject &root, TimingBuilder &builder, int file);

// Shape E: a Chrome trace, {"traceEvents": [...]} or a bare array. "X" events are calls (ts, dur in
// µs), "B"/"E" pairs per (pid, tid) are calls (nested pairs fine; an "E" without its "B", or a "B"
// never ended, is one warning each and no call), "i"/"I" instants are markers, "C" counters become
// series "<name>.<arg>". args, cat, pid and tid are attributes.
void readTrace(const QJsonArray &events, TimingBuilder &builder, int file);

// Shape D's hardware_specs_<tier>.json: its fields, nested ones as compact JSON text.
void readSpecs(const QJsonObject &root, TimingBuilder &builder, int file, const QString &tier);

} // namespace TimingDocument
