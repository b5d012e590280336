#include "internal/logparse.h"

#include <QCoreApplication>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <sys/mman.h>
#include <unistd.h>

namespace LogParse {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kCheckEvery = 4096;          // records between two looks at the cancel flag
constexpr qsizetype kCheckBytes = 4 << 20; // or bytes: a wide row is 250 KB, a damaged one gigabytes
constexpr qsizetype kWindow = 8 << 20;     // the most bytes one search looks at before a checkpoint

using CsvScan::decode;
using CsvScan::Field;
using CsvScan::isBlank;
using CsvScan::Record;
using CsvScan::RecordEnd;
using CsvScan::Scanner;
using LogCell::isDigit;
using LogCell::ParsedTime;
using LogCell::parseNumber;
using LogCell::parseTime;
using LogCell::styleName;
using LogCell::TimeStyle;

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

} // namespace

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

const char *MappedFile::nextData(const char *p, const char *end) const
{
    if (fd < 0 || p >= end)
        return p;
    const off_t at = ::lseek(fd, off_t(p - base), SEEK_DATA);
    if (at < 0)
        return errno == ENXIO ? end : p; // ENXIO: a hole up to the end of the file
    return std::min(base + at, end);
}

const char *MappedFile::release(const char *b, const char *e)
{
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const auto first = (reinterpret_cast<std::uintptr_t>(b) + page - 1) & ~(page - 1);
    const auto last = reinterpret_cast<std::uintptr_t>(e) & ~(page - 1);
    if (last <= first)
        return b;
    ::madvise(reinterpret_cast<void *>(first), last - first, MADV_DONTNEED);
    return reinterpret_cast<const char *>(last);
}

void ChunkParser::release(const char *upTo)
{
    if (m_file && upTo > m_released)
        m_released = MappedFile::release(m_released, upTo);
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
            double value;
            const bool plain = Decimal::parsePlain(p, e, value) && (p == e || *p == ',');
            if (plain)
                m_pre[size_t(i)] = value;
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
        f.te = nullptr;
        if (p == e)
            return i + 1 == count;
        ++p; // the comma
    }
    return false; // more fields than the header has
}

// A record of another field count than the header's: a cut last line, or a bad record.
void ChunkParser::wrongFieldCount(const Record &rec, const std::vector<Field> &fields)
{
    const int line = rec.firstLine;
    const int fieldCount = m_header.fieldCount;
    if (rec.end == RecordEnd::Eof && !isBinary(rec.b, rec.e)) {
        undamaged();
        ++data.skippedRecords;
        warn(LogWarning::CutLastLine, line,
            LogReaderText::tr("line %1: the last line was cut (%2 of %3 fields, no line end); dropped")
                .arg(line)
                .arg(fields.size())
                .arg(fieldCount));
    } else {
        badRecord(rec,
            LogReaderText::tr("line %1: %2 fields where the header has %3; skipped")
                .arg(line)
                .arg(fields.size())
                .arg(fieldCount));
    }
}

// The row's timestamp; false (the record reported) when it is none.
bool ChunkParser::rowTime(const Record &rec, const Field &tf, ParsedTime &t)
{
    const int line = rec.firstLine;
    bool timeOk;
    if (tf.escaped || tf.trailing()) {
        const QByteArray text = decode(tf).toUtf8();
        timeOk = parseTime(text.constData(), text.constData() + text.size(), t);
    } else {
        timeOk = parseTime(tf.b, tf.e, t);
    }
    if (!timeOk) {
        badRecord(rec, LogReaderText::tr("line %1: \"%2\" is not a timestamp; skipped").arg(line).arg(shownValue(tf)));
        return false;
    }
    undamaged();
    // The writer writes no spaces around a timestamp, and LOG_FORMAT.md lists none.
    if (tf.b < tf.e && (*tf.b == ' ' || *tf.b == '\t' || tf.e[-1] == ' ' || tf.e[-1] == '\t')) {
        malformedCell(line,
            LogReaderText::tr("line %1, column timestamp: \"%2\" has spaces around it; read without them")
                .arg(line)
                .arg(shownValue(tf)));
    }
    return true;
}

// The first style of timestamp, the first that differs, and the first offset of the chunk.
void ChunkParser::noteTime(const ParsedTime &t, int line)
{
    if (!styles.any) {
        styles.any = true;
        styles.first = t.style;
        styles.firstLine = line;
    } else if (t.style != styles.first && styles.otherLine == 0) {
        styles.otherLine = line;
        styles.other = t.style;
    }
    if (t.style == TimeStyle::Offset && !haveOffset) {
        haveOffset = true;
        firstOffset = t.offset;
    }
}

// Appends the row's metric cells to the columns, NaN where not measured; false when none is valid
// (the cells are then taken back).
bool ChunkParser::metricCells(const std::vector<Field> &fields, int line)
{
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
            } else if (f.escaped || f.trailing()) {
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
    if (!anyValid) {
        for (std::vector<double> &column : data.columns)
            column.pop_back();
    }
    return anyValid;
}

// The row's event and notes, when it has either: a marker.
void ChunkParser::marker(const std::vector<Field> &fields, const ParsedTime &t, bool pending, int line)
{
    const int eventField = m_header.eventField;
    const int notesField = m_header.notesField;
    const bool hasEvent = eventField >= 0 && !isBlank(fields[size_t(eventField)]);
    const bool hasNotes = notesField >= 0 && !isBlank(fields[size_t(notesField)]);
    if (!hasEvent && !hasNotes)
        return;
    if (pending)
        pendingMarkers.push_back(Pending { data.markers.size(), t.style == TimeStyle::Wall });
    auto text = [&](int field, const QString &name) {
        if (field < 0)
            return QString();
        const Field &f = fields[size_t(field)];
        if (!isUtf8(f)) {
            malformedCell(line,
                LogReaderText::tr("line %1, column %2: bytes that are not UTF-8, read as \uFFFD").arg(line).arg(name));
        }
        return decode(f);
    };
    data.markers.append(LogMarkerRow {
        t.ms, t.offset, text(eventField, QStringLiteral("event")), text(notesField, QStringLiteral("notes")), line });
}

void ChunkParser::row(const Record &rec, const std::vector<Field> &fields)
{
    const int line = rec.firstLine;
    if (int(fields.size()) != m_header.fieldCount) {
        wrongFieldCount(rec, fields);
        return;
    }
    ParsedTime t;
    if (!rowTime(rec, fields[size_t(m_header.timestampField)], t))
        return;
    malformedFields(rec, fields, line);
    if (rec.end == RecordEnd::Eof)
        warn(
            LogWarning::CutLastLine, line, LogReaderText::tr("line %1: the last line has no line end; kept").arg(line));
    noteTime(t, line);
    // A row without offset takes the file's first offset, which only the merge knows.
    const bool pending = t.style != TimeStyle::Offset;
    const bool anyValid = metricCells(fields, line);
    ++data.rows;
    if (anyValid) {
        if (pending)
            pendingSnapshots.push_back(Pending { qsizetype(data.timeMs.size()), t.style == TimeStyle::Wall });
        data.timeMs.push_back(t.ms);
        data.offsetSeconds.push_back(t.offset);
        data.line.push_back(line);
    }
    marker(fields, t, pending, line);
}

// Looks at the cancel flag, reports progress and gives back the pages parsed; false when cancelled.
bool ChunkParser::checkpoint(const char *p, const char *from, const char *to)
{
    if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
        m_cancelled = true;
        return false;
    }
    if (m_progress && *m_progress && to > from) {
        const int percent = int(100 * (std::min(p, to) - from) / (to - from));
        if (percent != m_lastPercent)
            (*m_progress)(m_lastPercent = percent);
    }
    release(p);
    return true;
}

// The next `c` at or after p, or nullptr; a window at a time, with a checkpoint between windows, so
// that gigabytes of damage are skipped without being resident at once.
const char *ChunkParser::skipTo(const char *p, char c, const char *from, const char *to)
{
    while (p < m_fileEnd) {
        if (m_file) // a hole holds no line end
            p = m_file->nextData(p, m_fileEnd);
        const char *end = p + std::min<qsizetype>(m_fileEnd - p, kWindow);
        if (const auto *found = static_cast<const char *>(std::memchr(p, c, size_t(end - p))))
            return found;
        p = end;
        if (!checkpoint(p, from, to))
            return nullptr;
    }
    return nullptr;
}

namespace {

// Moves `next` to the next `c` at or after p, or to a point before which there is none (at most
// kWindow bytes on), when it is not ahead of p already.
void findNext(const char *&next, const char *p, const char *to, char c)
{
    if (next < p) // passed: look again from here
        next = p;
    if (next == p) {
        const char *end = p + std::min<qsizetype>(to - p, kWindow);
        const auto *found = static_cast<const char *>(std::memchr(p, c, size_t(end - p)));
        next = found ? found : end;
    }
}

} // namespace

// A line the fast path split (fastSplit() parsed its metric cells): its row.
void ChunkParser::fastRow(const char *b, const char *e, int line, const std::vector<Field> &fields)
{
    Record rec;
    rec.firstLine = rec.lastLine = line;
    rec.end = RecordEnd::Newline;
    rec.trailing = false;
    rec.b = b;
    rec.e = e;
    m_usePre = true;
    row(rec, fields);
    m_usePre = false;
}

// The data ends inside a quoted field: the record is dropped, a cut last line or a quote never
// closed.
void ChunkParser::openQuoteAtEnd(const Record &rec)
{
    undamaged();
    ++data.skippedRecords;
    if (rec.firstLine == rec.lastLine) {
        warn(LogWarning::CutLastLine, rec.firstLine,
            LogReaderText::tr("line %1: the last line was cut inside a quoted field; dropped").arg(rec.firstLine));
    } else {
        warn(LogWarning::UnterminatedQuote, rec.firstLine,
            LogReaderText::tr("lines %1–%2: a quote opened on line %1 is never closed; these lines were dropped")
                .arg(rec.firstLine)
                .arg(rec.lastLine));
    }
}

void ChunkParser::parse(const char *from, const char *to, int firstLine)
{
    Scanner scanner(from, m_fileEnd);
    Record rec;
    std::vector<Field> fields;
    fields.reserve(size_t(m_header.fieldCount) + 1);
    qint64 records = 0;
    const char *p = from;
    const char *checked = from;
    int line = firstLine;
    if (!m_released)
        m_released = from;
    // The next quote and NUL byte of the chunk, or a point before which there is none: a line that
    // ends before both takes the fast path. Each search looks at one window at most.
    const char *nextQuote = from;
    const char *nextNul = from;
    while (p < to) {
        if (++records % kCheckEvery == 0 || p - checked >= kCheckBytes) {
            checked = p;
            if (!checkpoint(p, from, to))
                break;
        }
        // The common case: a whole line with no quote and no NUL byte.
        const auto *newline
            = static_cast<const char *>(std::memchr(p, '\n', size_t(std::min<qsizetype>(to - p, kWindow))));
        if (newline) {
            findNext(nextQuote, p, to, '"');
            findNext(nextNul, p, to, '\0');
            if (newline < nextQuote && newline < nextNul) {
                const char *e = (newline > p && newline[-1] == '\r') ? newline - 1 : newline;
                if (e == p) { // a blank line
                    p = newline + 1;
                    ++line;
                    continue;
                }
                if (fastSplit(p, e, fields)) {
                    fastRow(p, e, line, fields);
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
        if (rec.end == RecordEnd::Nul) {
            // Damage: the rest of its line is skipped whatever it holds (quotes in it are not
            // trusted), however long, and the damaged records that follow join it in one warning.
            const char *lineEnd = skipTo(scanner.position(), '\n', from, to);
            if (m_cancelled)
                break;
            damaged(rec.firstLine, rec.lastLine,
                LogReaderText::tr("line %1: the record holds a NUL byte; skipped").arg(rec.firstLine));
            p = lineEnd ? lineEnd + 1 : m_fileEnd;
            line = rec.lastLine + 1;
            continue;
        }
        p = scanner.position();
        line = scanner.line();
        if (rec.end == RecordEnd::EofInQuote) {
            openQuoteAtEnd(rec);
            p = m_fileEnd;
            break;
        }
        if (fields.size() == 1 && !fields[0].escaped && isBlank(fields[0]) && fields[0].b == fields[0].e)
            continue; // a blank line
        row(rec, fields);
    }
    release(p);
    m_stop = p;
    m_stopLine = line;
}

} // namespace LogParse
