#pragma once

#include "timingdata.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

// Opening timing logs (reference/TIMING_LOGS.md; PRODUCT.md F8): a file or a directory, the shape
// of each file found from its content (never its name), one reader per shape behind TimingFormat.
// Reading blocks (a million calls: a few tenths of a second, bench/README.md): a GUI calls read()
// in a worker (QtConcurrent::run) and takes the TimingReadResult back on its thread; the result is a
// plain value. To watch a file grow, see TimingFollower.

enum class TimingShape {
    Unknown,
    JsonLines,  // A: JSON lines (maybe prefixed); B: timing.log and error.log, rotated sets
    ResultsCsv, // B: timing_results.csv
    Collector,  // C: the collector's JSON export, or its processing CSV
    Samples,    // C: memory/GPU CSV; D: realtime_<tier>_<stamp>.csv snapshots
    Requests,   // D: synthesis_<tier>_<stamp>.csv
    Trace,      // E: Chrome trace JSON
    Specs,      // D: hardware_specs_<tier>.json (only beside other timing files in a directory)
};

// The reader of one shape.
class TimingFormat
{
public:
    virtual ~TimingFormat() = default;
    virtual TimingShape shape() const = 0;
    // Whether the first bytes of a file (up to TimingReader::kHeadBytes) are of this shape.
    virtual bool recognises(const QByteArray &head) const = 0;
    // Reads the whole of an opened file into the builder; `file` is its index in TimingData::files.
    // Returns false with a one-line reason when the file cannot be read at all.
    virtual bool read(QFile &in, TimingBuilder &builder, int file, QString *error) const = 0;
};

struct TimingReadResult
{
    std::optional<TimingData> data; // empty when nothing could be read: see error
    QString error;                  // one line: why nothing could be read
};

namespace TimingReader {

constexpr qsizetype kHeadBytes = 64 << 10;

// Reads a file (with its rotated siblings NAME.1 … NAME.N, oldest first, when NAME is a JSON-lines
// log; with the error records of the error.log beside it when its calls have a "uuid", as shape
// B's timing.log and results CSV do) or every timing file of a directory (not its sub-directories;
// files of no timing shape are passed over). Error records (shape B error.log) are joined to their
// calls by UUID. A directory with a timing_results.csv reads its calls from it, not again from its
// JSON-lines timing.log.
TimingReadResult read(const QString &path);

// The shape of a file from its first bytes; Unknown with the reason in *why (gzip, UTF-16, binary,
// empty, or not one of the shapes, saying what was expected).
TimingShape detect(const QByteArray &head, QString *why = nullptr, bool inDirectory = false);

// The reader of a shape (nullptr for Unknown).
const TimingFormat *format(TimingShape shape);

// Human-readable shape name ("JSON lines", "Chrome trace", …).
QString shapeName(TimingShape shape);

// Joins error records with call -1 to the call of the same "uuid" text attribute (failed from then on).
void joinErrors(TimingData &data);

// What a timing file is expected to be, for messages.
QString expected();

} // namespace TimingReader
