#include "logreader.h"

#include "csvscanner.h"
#include "logcell.h"
#include "loglayout.h"
#include "parallel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <numeric>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kCheckEvery = 4096;   // records between two looks at the cancel flag
constexpr int kShownValue = 40;     // characters of a bad value quoted in a warning
constexpr int kShownColumns = 10;   // column names listed in one warning
constexpr unsigned kMaxThreads = 4; // chunks of a large log parsed at once

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("LogReader", text, nullptr, n);
}

using CsvScan::decode;
using CsvScan::Field;
using CsvScan::isBlank;
using CsvScan::Record;
using CsvScan::RecordEnd;
using CsvScan::Scanner;
using LogCell::isDigit;
using LogCell::kPow10;
using LogCell::ParsedTime;
using LogCell::parseNumber;
using LogCell::parseTime;
using LogCell::scanDecimal;
using LogCell::styleName;
using LogCell::TimeStyle;

QString shownValue(const Field &f)
{
    const qsizetype n = f.e - f.b;
    QString s = QString::fromUtf8(f.b, std::min<qsizetype>(n, kShownValue));
    if (n > kShownValue)
        s += QStringLiteral("…");
    return s;
}

QString listNames(const QStringList &names)
{
    QStringList shown;
    for (qsizetype i = 0; i < names.size() && i < kShownColumns; ++i)
        shown << (names[i].isEmpty() ? tr("(blank)") : QLatin1Char('"') + names[i] + QLatin1Char('"'));
    QString text = shown.join(QStringLiteral(", "));
    if (names.size() > kShownColumns)
        text += tr(" and %1 more").arg(names.size() - kShownColumns);
    return text;
}

// ---- Whole-file checks ------------------------------------------------------------------------

QString notALogReason(QByteArrayView bytes)
{
    auto starts = [&](const char *magic, qsizetype n) {
        return bytes.size() >= n && std::memcmp(bytes.data(), magic, size_t(n)) == 0;
    };
    if (starts("\x1F\x8B", 2))
        return tr("the file is compressed (gzip); decompress it first");
    if (starts("PK\x03\x04", 4) || starts("PK\x05\x06", 4))
        return tr("the file is a zip archive; extract the log first");
    if (starts("BZh", 3))
        return tr("the file is compressed (bzip2); decompress it first");
    if (starts("\xFD\x37\x7A\x58\x5A\x00", 6))
        return tr("the file is compressed (xz); decompress it first");
    if (starts("\x28\xB5\x2F\xFD", 4))
        return tr("the file is compressed (zstd); decompress it first");
    if (starts("\xFF\xFE\x00\x00", 4) || starts("\x00\x00\xFE\xFF", 4))
        return tr("the file is UTF-32 text; a log is UTF-8");
    if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2))
        return tr("the file is UTF-16 text; a log is UTF-8");

    // Without a byte order mark, UTF-16 and UTF-32 show as NULs in a regular pattern.
    const qsizetype n = std::min<qsizetype>(bytes.size(), 4096);
    qsizetype nulAt[4] = { 0, 0, 0, 0 };
    qsizetype controls = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(bytes[i]);
        if (c == 0)
            ++nulAt[i % 4];
        else if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
            ++controls;
    }
    const qsizetype quarter = n / 4;
    const qsizetype nuls = nulAt[0] + nulAt[1] + nulAt[2] + nulAt[3];
    if (n >= 8) {
        for (int k = 0; k < 4; ++k) { // the one non-NUL byte of each unit sits at k
            const qsizetype others = nuls - nulAt[k];
            if (others >= 3 * quarter * 9 / 10 && nulAt[k] <= quarter / 10)
                return tr("the file is UTF-32 text; a log is UTF-8");
        }
        if ((nulAt[1] + nulAt[3] >= n / 2 * 9 / 10 && nulAt[0] + nulAt[2] <= n / 20)
            || (nulAt[0] + nulAt[2] >= n / 2 * 9 / 10 && nulAt[1] + nulAt[3] <= n / 20))
            return tr("the file is UTF-16 text; a log is UTF-8");
    }
    // The header line must be text; past it, a stray NUL is one bad record, but a sea of control
    // bytes is a binary file.
    const char *b = bytes.data();
    const char *newline = std::find(b, b + n, '\n');
    const bool firstEnd = newline != b + n;
    const qsizetype headerLength = newline - b;
    for (qsizetype i = 0; i < headerLength; ++i) {
        const unsigned char c = static_cast<unsigned char>(b[i]);
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F)
            return tr("the file is binary, not a CSV log");
    }
    if (nuls + controls > n / 20)
        return tr("the file is binary, not a CSV log");
    const QByteArrayView head(b, headerLength);
    if (!head.isValidUtf8()) {
        // a cut multi-byte character at the end of the 4 KiB sample is not evidence
        if (firstEnd || !head.chopped(std::min<qsizetype>(3, headerLength)).isValidUtf8())
            return tr("the file is binary, not a CSV log");
    }
    return {};
}

// Asks for transparent huge pages over a large array about to be filled: a million rows fault in
// 2 MB at a time instead of 4 KB (28,000 page faults fewer for the columns of 1M rows of 2 machines).
template<typename T> void adviseHugePages(const std::vector<T> &v)
{
    constexpr std::uintptr_t kHuge = 2 * 1024 * 1024;
    const auto b = reinterpret_cast<std::uintptr_t>(v.data());
    const std::uintptr_t first = (b + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t last = (b + v.capacity() * sizeof(T)) & ~(kHuge - 1);
    if (last > first)
        ::madvise(reinterpret_cast<void *>(first), last - first, MADV_HUGEPAGE);
}

// ---- The parser -------------------------------------------------------------------------------

struct MetricColumn
{
    int field;  // index in the record
    int column; // index in LogData::columns
    Metric metric;
    QString name;
    double min; // rangeOf(metric), for the hot loop
    double max;
};

// An inner bound of the metric's range, probed from metricValueInRange() rather than restating its
// table: every value in [min, max] is in range; values outside it are left to metricValueInRange().
std::pair<double, double> rangeOf(Metric m)
{
    static constexpr double kProbes[] = { -1000, -100, 0, 1, 100, 200, 1e300 };
    double lo = 1e300;
    double hi = -1e300;
    for (double v : kProbes) {
        if (metricValueInRange(m, v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    return { lo, hi };
}

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
    TimeStyle first = TimeStyle::Offset;
    int firstLine = 0;
    int otherLine = 0; // 0: none differs
    TimeStyle other = TimeStyle::Offset;
};

// Reads the header into `header` and the parts of `data` it decides (machines, columns, warnings).
bool readHeader(Scanner &scanner, Header &header, LogData &data, QString *error)
{
    Record rec;
    std::vector<Field> fields;
    if (!scanner.next(rec, fields) || rec.end == RecordEnd::EofInQuote) {
        *error = tr("the first line has no \"timestamp\" column: this is not a session log");
        return false;
    }
    header.fieldCount = int(fields.size());
    QHash<QString, int> seen;
    QHash<QString, int> machines;
    QStringList duplicates; // the first few names, for the warning
    int duplicateCount = 0;
    seen.reserve(header.fieldCount);
    for (int i = 0; i < header.fieldCount; ++i) {
        const QString name = decode(fields[size_t(i)]).trimmed();
        if (seen.contains(name)) {
            ++duplicateCount;
            if (duplicates.size() < kShownColumns && !duplicates.contains(name))
                duplicates << name;
            continue;
        }
        seen.insert(name, i);
        if (name == QLatin1String("timestamp")) {
            header.timestampField = i;
        } else if (name == QLatin1String("event")) {
            header.eventField = i;
        } else if (name == QLatin1String("notes")) {
            header.notesField = i;
        } else {
            const LogLayout::Column column = LogLayout::splitColumn(name);
            if (!column.metric) {
                data.unknownColumns << name;
                continue;
            }
            auto it = machines.constFind(column.machine);
            if (it == machines.constEnd()) {
                it = machines.insert(column.machine, int(data.machines.size()));
                data.machines << column.machine;
                std::array<int, kMetricCount> none;
                none.fill(-1);
                data.columnIndex.push_back(none);
            }
            const int index = int(data.columns.size());
            data.columns.emplace_back();
            data.columnIndex[size_t(*it)][size_t(metricIndex(*column.metric))] = index;
            const auto [lo, hi] = rangeOf(*column.metric);
            header.metricColumns.push_back(MetricColumn { i, index, *column.metric, name, lo, hi });
        }
    }
    if (header.timestampField < 0) {
        *error = tr("the first line has no \"timestamp\" column: this is not a session log");
        return false;
    }
    if (!data.unknownColumns.isEmpty()) {
        data.warnings.append(LogWarning { LogWarning::UnknownColumn, 1,
            tr("line 1: %n column(s) not in the log format, kept out of the data: %1", int(data.unknownColumns.size()))
                .arg(listNames(data.unknownColumns)) });
    }
    if (!duplicates.isEmpty()) {
        data.warnings.append(LogWarning { LogWarning::DuplicateColumn, 1,
            tr("line 1: %1 duplicated column(s), the first column of each name is used: %2")
                .arg(duplicateCount)
                .arg(listNames(duplicates)) });
    }
    header.isMetricField.assign(size_t(header.fieldCount), 0);
    for (const MetricColumn &c : header.metricColumns)
        header.isMetricField[size_t(c.field)] = 1;
    return true;
}

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
        , m_pre(size_t(header.fieldCount), kNaN)
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
    bool fastSplit(const char *p, const char *e, std::vector<Field> &fields);
    void row(const Record &rec, const std::vector<Field> &fields);
    void badRecord(int line, const QString &message);
    void badCell(int line, const MetricColumn &c, const Field &f, bool parsed);
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

void ChunkParser::reserve(size_t rows)
{
    data.timeMs.reserve(rows);
    data.offsetSeconds.reserve(rows);
    data.line.reserve(rows);
    for (std::vector<double> &column : data.columns)
        column.reserve(rows);
    adviseHugePages(data.timeMs);
    adviseHugePages(data.offsetSeconds);
    adviseHugePages(data.line);
    for (const std::vector<double> &column : data.columns)
        adviseHugePages(column);
}

void ChunkParser::release(const char *upTo)
{
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const auto first = (reinterpret_cast<std::uintptr_t>(m_released) + page - 1) & ~(page - 1);
    const auto last = reinterpret_cast<std::uintptr_t>(upTo) & ~(page - 1);
    if (last > first) {
        ::madvise(reinterpret_cast<void *>(first), last - first, MADV_DONTNEED);
        m_released = reinterpret_cast<const char *>(last);
    }
}

void ChunkParser::badRecord(int line, const QString &message)
{
    ++data.skippedRecords;
    if (++badRecords <= LogReader::kMaxListed)
        warn(LogWarning::BadRecord, line, message);
}

void ChunkParser::badCell(int line, const MetricColumn &c, const Field &f, bool parsed)
{
    if (++badCells > LogReader::kMaxListed)
        return;
    const QString message = parsed ? tr("line %1, column %2: \"%3\" is out of range; read as not measured")
                                   : tr("line %1, column %2: \"%3\" is not a finite number; read as not measured");
    warn(LogWarning::BadCell, line, message.arg(line).arg(c.name, shownValue(f)));
}

// A line without quotes or NUL bytes (the writer's every row): splits it and parses the plain
// decimal metric cells on the way, so their bytes are read once. False when the field count differs
// from the header's; the general path then reports the record.
bool ChunkParser::fastSplit(const char *p, const char *e, std::vector<Field> &fields)
{
    const int count = m_header.fieldCount;
    fields.resize(size_t(count)); // written in place: no push_back per cell
    for (int i = 0; i < count; ++i) {
        const char *start = p;
        if (m_header.isMetricField[size_t(i)]) {
            // parseNumber's exact fast path, fused with the split
            std::uint64_t mantissa = 0;
            int digits = 0;
            int fraction = 0;
            scanDecimal(p, e, mantissa, digits, fraction);
            const bool plain = digits > 0 && digits <= 15 && (p == e || *p == ',');
            if (plain)
                m_pre[size_t(i)] = fraction ? double(mantissa) / kPow10[fraction] : double(mantissa);
            m_preOk[size_t(i)] = plain;
        }
        if (p < e && *p != ',') {
            const auto *comma = static_cast<const char *>(std::memchr(p, ',', size_t(e - p)));
            p = comma ? comma : e;
        }
        Field &f = fields[size_t(i)];
        f.b = start;
        f.e = p;
        f.escaped = false;
        if (p == e)
            return i + 1 == count;
        ++p; // the comma
    }
    return false; // more fields than the header has
}

void ChunkParser::row(const Record &rec, const std::vector<Field> &fields)
{
    const int line = rec.firstLine;
    if (rec.nul) {
        badRecord(line, tr("line %1: the record holds a NUL byte; skipped").arg(line));
        return;
    }
    const int fieldCount = m_header.fieldCount;
    if (int(fields.size()) != fieldCount) {
        if (rec.end == RecordEnd::Eof) {
            ++data.skippedRecords;
            warn(LogWarning::CutLastLine, line,
                tr("line %1: the last line was cut (%2 of %3 fields, no line end); dropped")
                    .arg(line)
                    .arg(fields.size())
                    .arg(fieldCount));
        } else {
            badRecord(line,
                tr("line %1: %2 fields where the header has %3; skipped").arg(line).arg(fields.size()).arg(fieldCount));
        }
        return;
    }
    const Field &tf = fields[size_t(m_header.timestampField)];
    ParsedTime t;
    bool timeOk;
    if (tf.escaped) {
        const QByteArray text = decode(tf).toUtf8();
        timeOk = parseTime(text.constData(), text.constData() + text.size(), t);
    } else {
        timeOk = parseTime(tf.b, tf.e, t);
    }
    if (!timeOk) {
        badRecord(line, tr("line %1: \"%2\" is not a timestamp; skipped").arg(line).arg(shownValue(tf)));
        return;
    }
    if (rec.end == RecordEnd::Eof)
        warn(LogWarning::CutLastLine, line, tr("line %1: the last line has no line end; kept").arg(line));

    if (!styles.any) {
        styles.any = true;
        styles.first = t.style;
        styles.firstLine = line;
    } else if (t.style != styles.first && styles.otherLine == 0) {
        styles.otherLine = line;
        styles.other = t.style;
    }
    // A row without offset takes the file's first offset, which only the merge knows.
    const bool pending = t.style != TimeStyle::Offset;
    if (!pending && !haveOffset) {
        haveOffset = true;
        firstOffset = t.offset;
    }

    bool anyValid = false;
    for (const MetricColumn &c : m_header.metricColumns) {
        const Field &f = fields[size_t(c.field)];
        double v = kNaN;
        if (f.b != f.e) {
            double parsed;
            bool ok;
            if (m_usePre && m_preOk[size_t(c.field)]) {
                parsed = m_pre[size_t(c.field)];
                ok = true;
            } else if (f.escaped) {
                const QByteArray text = decode(f).toUtf8();
                ok = parseNumber(text.constData(), text.constData() + text.size(), parsed);
            } else {
                ok = parseNumber(f.b, f.e, parsed);
            }
            // [min, max] is an inner bound of the range, quick to test (NaN fails both comparisons,
            // infinities the bounds); metricValueInRange() decides what falls outside it.
            const bool inRange = ok
                && ((parsed >= c.min && parsed <= c.max && (c.metric != Metric::ServerUp || parsed == 0 || parsed == 1))
                    || metricValueInRange(c.metric, parsed));
            if (inRange) {
                v = parsed;
                anyValid = true;
            } else if (ok || !isBlank(f)) {
                badCell(line, c, f, ok && std::isfinite(parsed));
            }
        }
        data.columns[size_t(c.column)].push_back(v); // taken back below when no cell is valid
    }
    ++data.rows;
    if (!anyValid) {
        for (std::vector<double> &column : data.columns)
            column.pop_back();
    } else {
        if (pending)
            pendingSnapshots.push_back(Pending { qsizetype(data.timeMs.size()), t.style == TimeStyle::Wall });
        data.timeMs.push_back(t.ms);
        data.offsetSeconds.push_back(t.offset);
        data.line.push_back(line);
    }
    const int eventField = m_header.eventField;
    const int notesField = m_header.notesField;
    const bool hasEvent = eventField >= 0 && !isBlank(fields[size_t(eventField)]);
    const bool hasNotes = notesField >= 0 && !isBlank(fields[size_t(notesField)]);
    if (hasEvent || hasNotes) {
        if (pending)
            pendingMarkers.push_back(Pending { data.markers.size(), t.style == TimeStyle::Wall });
        data.markers.append(
            LogMarkerRow { t.ms, t.offset, eventField >= 0 ? decode(fields[size_t(eventField)]) : QString(),
                notesField >= 0 ? decode(fields[size_t(notesField)]) : QString(), line });
    }
}

void ChunkParser::parse(const char *from, const char *to, int firstLine)
{
    Scanner scanner(from, m_fileEnd);
    Record rec;
    std::vector<Field> fields;
    fields.reserve(size_t(m_header.fieldCount) + 1);
    int lastPercent = -1;
    qint64 records = 0;
    const char *p = from;
    int line = firstLine;
    if (!m_released)
        m_released = from;
    // The next quote and NUL byte of the chunk: a line before both takes the fast path.
    const char *nextQuote = from;
    const char *nextNul = from;
    auto findNext = [&](const char *&next, char c) {
        if (next < p) // passed: look again from here
            next = p;
        if (next == p) {
            const auto *found = static_cast<const char *>(std::memchr(p, c, size_t(to - p)));
            next = found ? found : to;
        }
    };
    while (p < to) {
        if (++records % kCheckEvery == 0) {
            if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
                m_cancelled = true;
                break;
            }
            if (m_progress && *m_progress) {
                const int percent = int(100 * (p - from) / (to - from));
                if (percent != lastPercent)
                    (*m_progress)(lastPercent = percent);
            }
            if (m_release)
                release(p);
        }
        // The common case: a whole line with no quote and no NUL byte.
        const auto *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(to - p)));
        if (newline) {
            findNext(nextQuote, '"');
            findNext(nextNul, '\0');
            if (newline < nextQuote && newline < nextNul) {
                const char *e = (newline > p && newline[-1] == '\r') ? newline - 1 : newline;
                if (e == p) { // a blank line
                    p = newline + 1;
                    ++line;
                    continue;
                }
                if (fastSplit(p, e, fields)) {
                    rec.firstLine = rec.lastLine = line;
                    rec.end = RecordEnd::Newline;
                    rec.nul = false;
                    m_usePre = true;
                    row(rec, fields);
                    m_usePre = false;
                    p = newline + 1;
                    ++line;
                    continue;
                }
            }
        }
        // Everything else: quoted fields, NUL bytes, wrong field counts, a last line without line end.
        scanner.seek(p, line);
        if (!scanner.next(rec, fields))
            break;
        p = scanner.position();
        line = scanner.line();
        if (rec.end == RecordEnd::EofInQuote) {
            ++data.skippedRecords;
            if (rec.firstLine == rec.lastLine) {
                warn(LogWarning::CutLastLine, rec.firstLine,
                    tr("line %1: the last line was cut inside a quoted field; dropped").arg(rec.firstLine));
            } else {
                warn(LogWarning::UnterminatedQuote, rec.firstLine,
                    tr("lines %1–%2: a quote opened on line %1 is never closed; these lines were dropped")
                        .arg(rec.firstLine)
                        .arg(rec.lastLine));
            }
            p = m_fileEnd;
            break;
        }
        if (fields.size() == 1 && !fields[0].escaped && isBlank(fields[0]) && fields[0].b == fields[0].e)
            continue; // a blank line
        row(rec, fields);
    }
    if (m_release)
        release(p);
    m_stop = p;
    m_stopLine = line;
}

// Puts a permutation of the rows into effect on every per-row array.
template<typename T> void permute(std::vector<T> &v, const std::vector<qsizetype> &order)
{
    std::vector<T> sorted;
    sorted.reserve(v.size());
    for (qsizetype i : order)
        sorted.push_back(v[size_t(i)]);
    v.swap(sorted);
}

// Appends `from` to `to` and frees it.
template<typename T> void moveAppend(std::vector<T> &to, std::vector<T> &from)
{
    to.insert(to.end(), from.begin(), from.end());
    std::vector<T>().swap(from);
}

// The chunks' results, in file order, into the first one's data; then what needs the whole file:
// the rows without offset, the time order, the warning counts.
LogData merge(std::vector<std::unique_ptr<ChunkParser>> &chunks)
{
    ChunkParser &first = *chunks.front();
    LogData &data = first.data;
    bool haveOffset = false;
    int fileOffset = 0;
    std::vector<Pending> pendingSnapshots = std::move(first.pendingSnapshots);
    std::vector<Pending> pendingMarkers = std::move(first.pendingMarkers);
    qint64 badCells = first.badCells;
    qint64 badRecords = first.badRecords;
    qint64 listedCells = std::min<qint64>(badCells, LogReader::kMaxListed);
    qint64 listedRecords = std::min<qint64>(badRecords, LogReader::kMaxListed);
    for (size_t k = 0; k < chunks.size(); ++k) {
        ChunkParser &c = *chunks[k];
        if (!haveOffset && c.haveOffset) {
            haveOffset = true;
            fileOffset = c.firstOffset;
        }
        if (k == 0)
            continue;
        const auto rowBase = qsizetype(data.timeMs.size());
        const qsizetype markerBase = data.markers.size();
        for (const Pending &p : c.pendingSnapshots)
            pendingSnapshots.push_back(Pending { rowBase + p.index, p.shift });
        for (const Pending &p : c.pendingMarkers)
            pendingMarkers.push_back(Pending { markerBase + p.index, p.shift });
        moveAppend(data.timeMs, c.data.timeMs);
        moveAppend(data.offsetSeconds, c.data.offsetSeconds);
        moveAppend(data.line, c.data.line);
        for (size_t i = 0; i < data.columns.size(); ++i)
            moveAppend(data.columns[i], c.data.columns[i]);
        data.markers.append(std::move(c.data.markers));
        for (LogWarning &w : c.data.warnings) {
            // each chunk listed its first kMaxListed; the file lists its first kMaxListed
            if (w.kind == LogWarning::BadCell && listedCells++ >= LogReader::kMaxListed)
                continue;
            if (w.kind == LogWarning::BadRecord && listedRecords++ >= LogReader::kMaxListed)
                continue;
            data.warnings.append(std::move(w));
        }
        data.rows += c.data.rows;
        data.skippedRecords += c.data.skippedRecords;
        badCells += c.badCells;
        badRecords += c.badRecords;
    }

    // The first row whose timestamp style is not that of the first row.
    const StylesSeen *fileStyles = nullptr;
    int otherLine = 0;
    TimeStyle other = TimeStyle::Offset;
    for (const auto &c : chunks) {
        const StylesSeen &s = c->styles;
        if (!s.any)
            continue;
        if (!fileStyles) {
            fileStyles = &s;
        } else if (s.first != fileStyles->first) {
            otherLine = s.firstLine;
            other = s.first;
            break;
        }
        if (s.otherLine) {
            otherLine = s.otherLine;
            other = s.other;
            break;
        }
    }
    if (otherLine) {
        // in file order: after what came before that row, before its cells' warnings
        qsizetype at = 0;
        while (at < data.warnings.size()
            && (data.warnings[at].line < otherLine
                || (data.warnings[at].line == otherLine && data.warnings[at].kind != LogWarning::BadCell)))
            ++at;
        data.warnings.insert(at,
            LogWarning { LogWarning::MixedTimestamps, otherLine,
                tr("line %1: timestamps in more than one style (%2 here, %3 before); each read as written")
                    .arg(otherLine)
                    .arg(styleName(other), styleName(fileStyles->first)) });
    }

    // Rows without offset take the first offset of the file.
    data.hasUtcOffsets = haveOffset;
    if (haveOffset) {
        for (const Pending &p : pendingSnapshots) {
            if (p.shift)
                data.timeMs[size_t(p.index)] -= qint64(fileOffset) * 1000;
            data.offsetSeconds[size_t(p.index)] = fileOffset;
        }
        for (const Pending &p : pendingMarkers) {
            LogMarkerRow &m = data.markers[p.index];
            if (p.shift)
                m.timeMs -= qint64(fileOffset) * 1000;
            m.offsetSeconds = fileOffset;
        }
    }

    // Time order, checked over snapshots and markers merged back into file order (by line).
    const size_t n = data.timeMs.size();
    const qsizetype nm = data.markers.size();
    size_t i = 0;
    qsizetype j = 0;
    qint64 last = std::numeric_limits<qint64>::min();
    int lastLine = 0;
    while (i < n || j < nm) {
        const bool takeSnapshot = j >= nm || (i < n && data.line[i] <= data.markers[j].line);
        const int line = takeSnapshot ? data.line[i] : data.markers[j].line;
        const qint64 time = takeSnapshot ? data.timeMs[i] : data.markers[j].timeMs;
        if (takeSnapshot && j < nm && data.markers[j].line == line)
            ++j; // the same row, both a snapshot and a marker
        takeSnapshot ? ++i : ++j;
        if (time < last) {
            data.warnings.append(LogWarning { LogWarning::OutOfOrder, line,
                tr("line %1: the time goes back before that of line %2; rows sorted by time")
                    .arg(line)
                    .arg(lastLine) });
            break;
        }
        last = time;
        lastLine = line;
    }
    if (!std::is_sorted(data.timeMs.begin(), data.timeMs.end())) {
        std::vector<qsizetype> order(n);
        std::iota(order.begin(), order.end(), qsizetype(0));
        std::stable_sort(order.begin(), order.end(),
            [&](qsizetype a, qsizetype b) { return data.timeMs[size_t(a)] < data.timeMs[size_t(b)]; });
        permute(data.timeMs, order);
        permute(data.offsetSeconds, order);
        permute(data.line, order);
        for (std::vector<double> &column : data.columns)
            permute(column, order);
    }
    std::stable_sort(data.markers.begin(), data.markers.end(),
        [](const LogMarkerRow &a, const LogMarkerRow &b) { return a.timeMs < b.timeMs; });

    if (badCells > LogReader::kMaxListed) {
        data.warnings.append(LogWarning { LogWarning::TooManyWarnings, 0,
            tr("%1 more cells were not valid numbers and read as not measured (not listed)")
                .arg(badCells - LogReader::kMaxListed) });
    }
    if (badRecords > LogReader::kMaxListed) {
        data.warnings.append(LogWarning { LogWarning::TooManyWarnings, 0,
            tr("%1 more records could not be read and were skipped (not listed)")
                .arg(badRecords - LogReader::kMaxListed) });
    }
    return std::move(data);
}

LogReadResult parseBytes(QByteArrayView bytes, const std::atomic_bool *cancel, const std::function<void(int)> &progress,
    const LogReader::ParseOptions &options, bool releaseParsed)
{
    LogReadResult result;
    if (bytes.isEmpty()) {
        result.error = tr("the file is empty");
        return result;
    }
    result.error = notALogReason(bytes);
    if (!result.error.isEmpty())
        return result;
    QByteArrayView text = bytes;
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    if (text.trimmed().isEmpty()) {
        result.error = tr("the file is empty");
        return result;
    }

    const char *begin = text.data();
    const char *end = begin + text.size();
    Scanner scanner(begin, end);
    Header header;
    LogData skeleton;
    if (!readHeader(scanner, header, skeleton, &result.error))
        return result;
    const char *body = scanner.position();

    // The body in chunks that start at line starts, parsed at once on as many cores.
    int wanted
        = options.threads > 0 ? options.threads : int(std::clamp(std::thread::hardware_concurrency(), 1U, kMaxThreads));
    wanted = int(std::clamp<qsizetype>((end - body) / std::max<qsizetype>(options.minChunkBytes, 1), 1, wanted));
    std::vector<const char *> starts { body };
    for (int k = 1; k < wanted; ++k) {
        const char *at = std::max(starts.back(), body + (end - body) * k / wanted);
        const auto *newline = static_cast<const char *>(std::memchr(at, '\n', size_t(end - at)));
        if (!newline || newline + 1 >= end)
            break;
        if (newline + 1 > starts.back())
            starts.push_back(newline + 1);
    }
    starts.push_back(end);
    const int n = int(starts.size()) - 1;

    // Line ends per chunk: where each chunk's line numbers start, and room for every line a row
    // (so that no column grows by doubling), but no more rows than the bytes can hold (a snapshot
    // has all its commas, a time and a digit): a file of line ends alone reserves nothing huge.
    std::vector<size_t> lineEnds(static_cast<size_t>(n));
    Parallel::runTogether(
        n, [&](int k) { lineEnds[size_t(k)] = size_t(std::count(starts[size_t(k)], starts[size_t(k) + 1], '\n')); });
    auto rowsIn = [&](int k, size_t lines) {
        return std::min(
            lines + 1, size_t(starts[size_t(k) + 1] - starts[size_t(k)]) / size_t(header.fieldCount + 1) + 1);
    };

    std::vector<std::unique_ptr<ChunkParser>> chunks;
    std::vector<int> firstLines;
    int line = scanner.line();
    size_t allLines = 0;
    for (int k = 0; k < n; ++k) {
        auto chunk = std::make_unique<ChunkParser>(header, end, cancel);
        chunk->data.columns.resize(skeleton.columns.size());
        chunk->setReleaseParsed(releaseParsed);
        if (k > 0)
            chunk->reserve(rowsIn(k, lineEnds[size_t(k)]));
        chunks.push_back(std::move(chunk));
        firstLines.push_back(line);
        line += int(lineEnds[size_t(k)]);
        allLines += lineEnds[size_t(k)];
    }
    // The first chunk's arrays take the others' rows at the end: room for all of them.
    chunks[0]->data = std::move(skeleton);
    chunks[0]->reserve(std::min(allLines + 1, size_t(end - body) / size_t(header.fieldCount + 1) + 1));
    chunks[0]->setProgress(&progress);

    Parallel::runTogether(
        n, [&](int k) { chunks[size_t(k)]->parse(starts[size_t(k)], starts[size_t(k) + 1], firstLines[size_t(k)]); });

    // A record that ran past its chunk's end (a quoted field holding line ends): the next chunks
    // started inside it; the chunk goes on to the end of the file alone instead.
    for (int k = 0; k + 1 < n; ++k) {
        ChunkParser &c = *chunks[size_t(k)];
        if (c.cancelled() || c.stop() == starts[size_t(k) + 1])
            continue;
        chunks.resize(size_t(k) + 1);
        if (c.stop() < end)
            c.parse(c.stop(), end, c.stopLine());
        break;
    }
    for (const auto &c : chunks) {
        if (c->cancelled()) {
            result.cancelled = true;
            result.error = tr("loading was cancelled");
            return result;
        }
    }
    result.data = merge(chunks);
    if (progress)
        progress(100);
    return result;
}

} // namespace

namespace LogReader {

LogReadResult parse(QByteArrayView bytes, const std::atomic_bool *cancel, const std::function<void(int)> &progress,
    const ParseOptions &options)
{
    return parseBytes(bytes, cancel, progress, options, false);
}

LogReadResult read(const QString &path, const std::atomic_bool *cancel, const std::function<void(int)> &progress)
{
    LogReadResult result;
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error = tr("Cannot load %1: no such file").arg(shown);
        return result;
    }
    if (info.isDir()) {
        result.error = tr("Cannot load %1: it is a folder, not a log file").arg(shown);
        return result;
    }
    if (!info.isFile()) {
        result.error = tr("Cannot load %1: not a regular file").arg(shown);
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = tr("Cannot load %1: %2").arg(shown, file.errorString());
        return result;
    }
    const qint64 size = file.size();
    // Mapped, the file is read without a copy (a 100 MB copy costs ~0.1 s here). The logger only
    // ever appends, so the mapped length stays valid while we parse.
    void *mapped = size > 0 ? ::mmap(nullptr, size_t(size), PROT_READ, MAP_PRIVATE, file.handle(), 0) : MAP_FAILED;
    if (mapped != MAP_FAILED) {
        result = parseBytes(QByteArrayView(static_cast<const char *>(mapped), size), cancel, progress, {}, true);
        ::munmap(mapped, size_t(size));
    } else {
        QByteArray bytes(size, Qt::Uninitialized);
        qint64 got = 0;
        while (got < size) {
            const qint64 n = file.read(bytes.data() + got, size - got);
            if (n < 0) {
                result.error = tr("Cannot load %1: %2").arg(shown, file.errorString());
                return result;
            }
            if (n == 0)
                break; // the file shrank while we read it
            got += n;
        }
        bytes.truncate(got);
        result = parse(bytes, cancel, progress);
    }
    if (!result.error.isEmpty() && !result.cancelled)
        result.error = tr("Cannot load %1: %2").arg(shown, result.error);
    return result;
}

} // namespace LogReader
