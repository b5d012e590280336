#pragma once

#include "timingdata.h"

#include <QByteArray>
#include <QList>

// The calls of a timing log as a Chrome trace (the Trace Event Format that chrome://tracing,
// Perfetto and speedscope open): each call an "X" (complete) event on the thread of its function
// (one lane per function, named by "M" metadata events), its attributes as args; each marker an
// instant ("i", global) event; each sampled series a counter ("C") event per sample. Times in
// microseconds since the Unix epoch. Pure: a GUI calls it from a worker.
namespace ChromeTrace {

// `counters`: more series to write as counters besides data.series (a session log's machine
// metrics over the same time).
QByteArray write(const TimingData &data, const QList<TimingSeries> &counters = {});

} // namespace ChromeTrace
