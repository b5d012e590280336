#pragma once

#include "timingreader.h"

#include <QList>

// The TimingFormat of each shape (timingformats.cpp), for TimingReader.
namespace TimingFormats {

// In the order they are tried: JSON lines, trace, collector, requests, results CSV, samples, specs.
const QList<const TimingFormat *> &all();

// Reads JSON lines from the file in 4 MB pieces, a file of 16 MB or more on up to 4 threads (pieces
// cut at line starts, appended in order); readCalls false: error records only. Returns the count of
// call lines passed over.
qint64 readJsonLines(QFile &in, TimingBuilder &builder, int file, bool readCalls);

// Shape D's tier from a file name: synthesis_<tier>_<stamp>.csv, realtime_<tier>_<stamp>.csv,
// hardware_specs_<tier>.json; empty for any other name.
QString tierFromName(const QString &path);

} // namespace TimingFormats
