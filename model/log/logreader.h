#pragma once

#include "metric.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <atomic>
#include <functional>
#include <optional>
#include <vector>

// Reading a session log (LOG_FORMAT.md, "Reading") into columns: one array per metric per
// machine. The parser scans the bytes directly (no string per cell; CsvScan, LogCell), so a 100 MB
// log of a million rows loads in about a quarter of a second on two cores (bench/bench_logreader).

// Something the reader noticed and survived; `line` is the physical 1-based line (0: the whole file).
struct LogWarning
{
    enum Kind {
        BadCell,           // a metric cell that is not a finite number or out of its range: not measured
        BadRecord,         // a record that cannot be parsed (field count, timestamp, NUL byte): skipped; a run of
                           // records of NUL bytes or binary data is one warning naming its line range
        CutLastLine,       // the last line has no line end: kept or dropped (the message says which)
        UnterminatedQuote, // a quote opened and never closed swallowed the rest of the file: dropped
        UnknownColumn,     // columns that are no metric of the format: kept out of the data
        DuplicateColumn,   // a column name seen before: the first one is used
        OutOfOrder,        // rows going back in time: sorted (stable)
        MixedTimestamps,   // timestamps written in more than one style
        MalformedCell,     // a cell read although not written as the format says: text after its closing quote,
                           // bytes that are not UTF-8 (replaced), spaces around a timestamp
        TooManyWarnings,   // the count of BadCell, BadRecord or MalformedCell warnings past the first kMaxListed
    };
    Kind kind = BadRecord;
    int line = 0;
    QString message;
    int lastLine = 0; // the last line it covers, for a run of damaged records; else 0
};

// A row whose event or notes is not blank.
struct LogMarkerRow
{
    qint64 timeMs = 0;
    int offsetSeconds = 0;
    QString event;
    QString notes;
    int line = 0;
};

struct LogData
{
    // Machine ids in the order their first column appears in the header.
    QStringList machines;
    // One entry per snapshot row (a row with at least one valid metric cell), sorted by time (stable).
    std::vector<qint64> timeMs;
    std::vector<int> offsetSeconds; // the UTC offset the row was written in, to print times back
    std::vector<int> line;          // the physical line the row starts on
    // The values of each metric column present in the file, NaN where not measured; same length
    // as timeMs. Use series() to find one.
    std::vector<std::vector<double>> columns;
    // columnIndex[machine][metricIndex(m)]: an index into columns, or -1 when the log has no such column.
    std::vector<std::array<int, kMetricCount>> columnIndex;

    QStringList unknownColumns;  // header names that are no metric column: named, their cells not kept
    QList<LogMarkerRow> markers; // sorted by time (stable)
    QList<LogWarning> warnings;  // in the order found
    qint64 rows = 0;             // data records read and kept (snapshots, markers, and empty rows)
    qint64 skippedRecords = 0;   // records dropped (unparseable, cut, swallowed by a quote)
    bool hasUtcOffsets = false;  // false: every time was wall-clock without offset, read as UTC

    qsizetype snapshotCount() const { return qsizetype(timeMs.size()); }
    int machineIndex(const QString &id) const { return int(machines.indexOf(id)); }
    // The values of one machine's metric, or nullptr when the log has no such column.
    const std::vector<double> *series(int machine, Metric m) const
    {
        if (machine < 0 || machine >= int(columnIndex.size()))
            return nullptr;
        const int c = columnIndex[size_t(machine)][size_t(metricIndex(m))];
        return c < 0 ? nullptr : &columns[size_t(c)];
    }
    bool hasWarning(LogWarning::Kind kind) const
    {
        for (const LogWarning &w : warnings) {
            if (w.kind == kind)
                return true;
        }
        return false;
    }
};

struct LogReadResult
{
    std::optional<LogData> data;
    QString error;          // why the file cannot be a log at all (data is empty then)
    bool cancelled = false; // the cancel flag was raised (data is empty then)
};

namespace LogReader {

// How many BadCell, BadRecord and MalformedCell warnings (each kind) are listed one by one before a
// TooManyWarnings.
inline constexpr int kMaxListed = 100;

// How parse() splits a large log to read its parts on several cores at once. The result is the same
// whatever the split (tst_logreader checks it).
struct ParseOptions
{
    int threads = 0;                   // 0: one per core, at most 4
    qsizetype minChunkBytes = 4 << 20; // a smaller log, or part of one, is not split
};

// Parses the bytes of a log. Pure. The cancel flag is checked and progress (0..100) reported every
// few thousand records, on the calling thread.
LogReadResult parse(QByteArrayView bytes, const std::atomic_bool *cancel = nullptr,
    const std::function<void(int percent)> &progress = {}, const ParseOptions &options = {});

// Reads the file in one read, then parse(). Safe to call from a worker thread.
LogReadResult read(const QString &path, const std::atomic_bool *cancel = nullptr,
    const std::function<void(int percent)> &progress = {});

} // namespace LogReader
