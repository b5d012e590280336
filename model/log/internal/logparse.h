#pragma once

#include "csvscanner.h"
#include "logcell.h"
#include "logreader.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

// The log reader's parts (logreader.cpp puts them together): the header of a log and the parser
// of one chunk of its body. Internal to the model.
namespace LogParse {

// The reader's messages, all in the translation context "LogReader" (lupdate reads it from here).
class LogReaderText
{
    Q_DECLARE_TR_FUNCTIONS(LogReader)
};

struct MetricColumn
{
    int field;  // index in the record
    int column; // index in LogData::columns
    Metric metric;
    QString name;
    double min; // rangeOf(metric), for the hot loop
    double max;
};

struct Pending
{
    qsizetype index;
    bool shift; // wall clock: take the file's first offset; epoch: only record the offset
};

// What the header says, read once and shared by the parsers of every chunk.
struct Header
{
    int fieldCount = 0;
    int timestampField = -1;
    int eventField = -1;
    int notesField = -1;
    std::vector<MetricColumn> metricColumns;
    std::vector<char> isMetricField; // by field
};

// The timestamp styles one chunk met: its first, and the first row that differs from it.
struct StylesSeen
{
    bool any = false;
    LogCell::TimeStyle first = LogCell::TimeStyle::Offset;
    int firstLine = 0;
    int otherLine = 0; // 0: none differs
    LogCell::TimeStyle other = LogCell::TimeStyle::Offset;
};

// The file behind a private read-only mapping of it, which the reader gives back page by page as it
// goes, and whose holes (ranges never written, read as NULs: a tail left by a crash often is one,
// and so is `truncate -s +2G`) it skips without faulting them in.
struct MappedFile
{
    const char *base = nullptr;
    int fd = -1;

    // The first byte at or after p that is not in a hole, at most end (p when the system cannot say).
    const char *nextData(const char *p, const char *end) const;
    // Gives the whole pages of [b, e) back (a later read faults them in again from the page cache);
    // returns the end of those pages, or b when there is none.
    static const char *release(const char *b, const char *e);
};

// A run of damaged records one after another (NUL bytes, binary data; blank lines between them
// belong to the run): one BadRecord warning naming its line range.
struct DamagedRun
{
    int firstLine = 0;
    int lastLine = 0;
    qint64 records = 0;
    qsizetype warning = -1; // its index in the warnings, or -1 when past the cap on listed records
    QString single;         // the message of its first record, shown while it is the only one
};
// "line 4: the record holds a NUL byte; skipped" for one record; "lines 4–43: …" for several.
QString damagedRunMessage(const DamagedRun &run);

// A field's text for a warning: at most 40 characters, cut with "…" (logchunkwarnings.cpp).
QString shownValue(const CsvScan::Field &f);
// Bytes no text log holds: control characters other than tab, CR and LF, or bytes that are not UTF-8.
bool isBinary(const char *b, const char *e);

// Why the bytes cannot be a session log at all (compressed, UTF-16, binary), or empty when they may be
// one. Only the header line decides: past it, damage is read as damaged records.
QString notALogReason(QByteArrayView bytes);

// Reads the header into `header` and the parts of `data` it decides (machines, columns, warnings).
bool readHeader(CsvScan::Scanner &scanner, Header &header, LogData &data, QString *error);

// Parses the records that start in one chunk of the file, [from, to). A record may run past `to`
// (a quoted field holding line ends); where it stops is then not where the next chunk started, and
// the reader lets this chunk go on to the end instead (see parse()).
class ChunkParser
{
public:
    ChunkParser(const Header &header, const char *fileEnd, const std::atomic_bool *cancel)
        : m_header(header)
        , m_fileEnd(fileEnd)
        , m_cancel(cancel)
        , m_pre(size_t(header.fieldCount), std::numeric_limits<double>::quiet_NaN())
        , m_preOk(size_t(header.fieldCount), 0)
    { }

    // Progress (0..100 over this chunk) is reported by the chunk that runs on the caller's thread.
    void setProgress(const std::function<void(int)> *progress) { m_progress = progress; }
    // The bytes are a mapping of that file: the pages parsed are given back as it goes, so that the
    // file and the columns are not resident at once, and holes are skipped.
    void setMappedFile(const MappedFile *file) { m_file = file; }
    void reserve(size_t rows);

    void parse(const char *from, const char *to, int firstLine);
    // After the last parse(): settles a run of damaged records still open (endsInRun, lastRun).
    void finish();

    const char *stop() const { return m_stop; }
    int stopLine() const { return m_stopLine; }
    bool cancelled() const { return m_cancelled; }
    bool sawRecord() const { return m_sawRecord; } // false: blank lines alone

    LogData data;
    std::vector<Pending> pendingSnapshots;
    std::vector<Pending> pendingMarkers;
    bool haveOffset = false;
    int firstOffset = 0;
    StylesSeen styles;
    qint64 badCells = 0;
    qint64 badRecords = 0; // a run of damaged records counts once
    qint64 malformedCells = 0;
    // Runs of damaged records at the chunk's edges, which the merge joins to its neighbours' runs:
    // the run its first record starts, and the run still open after its last record.
    bool startsInRun = false;
    DamagedRun firstRun;
    bool endsInRun = false;
    DamagedRun lastRun;

private:
    bool fastSplit(const char *p, const char *e, std::vector<CsvScan::Field> &fields);
    void fastRow(const char *b, const char *e, int line, const std::vector<CsvScan::Field> &fields);
    void openQuoteAtEnd(const CsvScan::Record &rec);
    void row(const CsvScan::Record &rec, const std::vector<CsvScan::Field> &fields);
    void wrongFieldCount(const CsvScan::Record &rec, const std::vector<CsvScan::Field> &fields);
    bool rowTime(const CsvScan::Record &rec, const CsvScan::Field &tf, LogCell::ParsedTime &t);
    void noteTime(const LogCell::ParsedTime &t, int line);
    bool metricCells(const std::vector<CsvScan::Field> &fields, int line);
    void marker(const std::vector<CsvScan::Field> &fields, const LogCell::ParsedTime &t, bool pending, int line);
    void malformedFields(const CsvScan::Record &rec, const std::vector<CsvScan::Field> &fields, int line);
    void badRecord(const CsvScan::Record &rec, const QString &message);
    void badCell(int line, const MetricColumn &c, const CsvScan::Field &f, bool parsed);
    void malformedCell(int line, const QString &message);
    void damaged(int firstLine, int lastLine, const QString &message);
    void undamaged();
    void closeRun();
    const char *skipTo(const char *p, char c, const char *from, const char *to);
    bool checkpoint(const char *p, const char *from, const char *to);
    void release(const char *upTo);
    void warn(LogWarning::Kind kind, int line, const QString &message)
    {
        data.warnings.append(LogWarning { kind, line, message });
    }

    const Header &m_header;
    const char *m_fileEnd;
    const std::atomic_bool *m_cancel;
    const std::function<void(int)> *m_progress = nullptr;
    const MappedFile *m_file = nullptr;
    const char *m_released = nullptr; // the end of what release() gave back
    int m_lastPercent = -1;

    // Cells fastSplit() already parsed, by field (m_usePre: the current row came through it).
    std::vector<double> m_pre;
    std::vector<char> m_preOk;
    bool m_usePre = false;

    bool m_sawRecord = false; // a record (not a blank line) was read in this chunk
    bool m_inRun = false;     // the last record read was damaged
    bool m_runIsFirst = false;
    DamagedRun m_run;

    const char *m_stop = nullptr;
    int m_stopLine = 0;
    bool m_cancelled = false;
};

// The chunks' results, in file order, into the first one's data; then what needs the whole file:
// the rows without offset, the time order, the warning counts (logmerge.cpp).
LogData mergeChunks(std::vector<std::unique_ptr<ChunkParser>> &chunks);

} // namespace LogParse
