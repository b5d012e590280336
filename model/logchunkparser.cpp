#include "logparse.h"

#include <QCoreApplication>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <sys/mman.h>
#include <unistd.h>

namespace LogParse {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kCheckEvery = 4096; // records between two looks at the cancel flag
constexpr int kShownValue = 40;   // characters of a bad value quoted in a warning

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
    const QString message = parsed
        ? LogReaderText::tr("line %1, column %2: \"%3\" is out of range; read as not measured")
        : LogReaderText::tr("line %1, column %2: \"%3\" is not a finite number; read as not measured");
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
        badRecord(line, LogReaderText::tr("line %1: the record holds a NUL byte; skipped").arg(line));
        return;
    }
    const int fieldCount = m_header.fieldCount;
    if (int(fields.size()) != fieldCount) {
        if (rec.end == RecordEnd::Eof) {
            ++data.skippedRecords;
            warn(LogWarning::CutLastLine, line,
                LogReaderText::tr("line %1: the last line was cut (%2 of %3 fields, no line end); dropped")
                    .arg(line)
                    .arg(fields.size())
                    .arg(fieldCount));
        } else {
            badRecord(line,
                LogReaderText::tr("line %1: %2 fields where the header has %3; skipped")
                    .arg(line)
                    .arg(fields.size())
                    .arg(fieldCount));
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
        badRecord(line, LogReaderText::tr("line %1: \"%2\" is not a timestamp; skipped").arg(line).arg(shownValue(tf)));
        return;
    }
    if (rec.end == RecordEnd::Eof)
        warn(
            LogWarning::CutLastLine, line, LogReaderText::tr("line %1: the last line has no line end; kept").arg(line));

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
                    LogReaderText::tr("line %1: the last line was cut inside a quoted field; dropped")
                        .arg(rec.firstLine));
            } else {
                warn(LogWarning::UnterminatedQuote, rec.firstLine,
                    LogReaderText::tr(
                        "lines %1–%2: a quote opened on line %1 is never closed; these lines were dropped")
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

} // namespace LogParse
