#pragma once

#include "csvscanner.h"
#include "logcell.h"
#include "logreader.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>
#include <limits>
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

// Why the bytes cannot be a session log at all (compressed, UTF-16, binary), or empty when they may be one.
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
    // Gives the mapped pages of the bytes already parsed back to the kernel as it goes, so that the
    // file and the columns are not resident at once (only for a private read-only mapping).
    void setReleaseParsed(bool release) { m_release = release; }
    void reserve(size_t rows);

    void parse(const char *from, const char *to, int firstLine);

    const char *stop() const { return m_stop; }
    int stopLine() const { return m_stopLine; }
    bool cancelled() const { return m_cancelled; }

    LogData data;
    std::vector<Pending> pendingSnapshots;
    std::vector<Pending> pendingMarkers;
    bool haveOffset = false;
    int firstOffset = 0;
    StylesSeen styles;
    qint64 badCells = 0;
    qint64 badRecords = 0;

private:
    bool fastSplit(const char *p, const char *e, std::vector<CsvScan::Field> &fields);
    void row(const CsvScan::Record &rec, const std::vector<CsvScan::Field> &fields);
    void badRecord(int line, const QString &message);
    void badCell(int line, const MetricColumn &c, const CsvScan::Field &f, bool parsed);
    void release(const char *upTo);
    void warn(LogWarning::Kind kind, int line, const QString &message)
    {
        data.warnings.append(LogWarning { kind, line, message });
    }

    const Header &m_header;
    const char *m_fileEnd;
    const std::atomic_bool *m_cancel;
    const std::function<void(int)> *m_progress = nullptr;
    bool m_release = false;
    const char *m_released = nullptr; // the end of what release() gave back

    // Cells fastSplit() already parsed, by field (m_usePre: the current row came through it).
    std::vector<double> m_pre;
    std::vector<char> m_preOk;
    bool m_usePre = false;

    const char *m_stop = nullptr;
    int m_stopLine = 0;
    bool m_cancelled = false;
};

} // namespace LogParse
