#include "logreader.h"

#include "csvscanner.h"
#include "logcell.h"
#include "loglayout.h"

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
#include <numeric>
#include <sys/mman.h>

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kCheckEvery = 4096; // records between two looks at the cancel flag
constexpr int kShownValue = 40;   // characters of a bad value quoted in a warning
constexpr int kShownColumns = 10; // column names listed in one warning

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
    bool shift; // wall clock: take the first offset; epoch: only record the offset
};

class Parser
{
public:
    Parser(QByteArrayView bytes, const std::atomic_bool *cancel, const std::function<void(int)> &progress)
        : m_bytes(bytes)
        , m_cancel(cancel)
        , m_progress(progress)
    { }

    LogReadResult run();

private:
    bool readHeader(Scanner &scanner, QString *error);
    bool fastSplit(const char *p, const char *e, std::vector<Field> &fields);
    void row(const Record &rec, const std::vector<Field> &fields);
    void badRecord(int line, const QString &message);
    void badCell(int line, const MetricColumn &c, const Field &f, bool parsed);
    void finish();
    void warn(LogWarning::Kind kind, int line, const QString &message)
    {
        m_data.warnings.append(LogWarning { kind, line, message });
    }

    QByteArrayView m_bytes;
    const std::atomic_bool *m_cancel;
    const std::function<void(int)> &m_progress;

    LogData m_data;
    std::vector<MetricColumn> m_metricColumns;
    int m_fieldCount = 0;
    int m_timestampField = -1;
    int m_eventField = -1;
    int m_notesField = -1;
    // Cells fastSplit() already parsed, by field (m_usePre: the current row came through it).
    std::vector<char> m_isMetricField;
    std::vector<double> m_pre;
    std::vector<char> m_preOk;
    bool m_usePre = false;

    std::vector<Pending> m_pendingSnapshots;
    std::vector<Pending> m_pendingMarkers;
    bool m_haveOffset = false;
    int m_firstOffset = 0;
    bool m_haveStyle = false;
    TimeStyle m_firstStyle = TimeStyle::Offset;
    bool m_mixedWarned = false;
    qint64 m_badCells = 0;
    qint64 m_badRecords = 0;
};

bool Parser::readHeader(Scanner &scanner, QString *error)
{
    Record rec;
    std::vector<Field> fields;
    if (!scanner.next(rec, fields) || rec.end == RecordEnd::EofInQuote) {
        *error = tr("the first line has no \"timestamp\" column: this is not a session log");
        return false;
    }
    m_fieldCount = int(fields.size());
    QHash<QString, int> seen;
    QHash<QString, int> machines;
    QStringList duplicates; // the first few names, for the warning
    int duplicateCount = 0;
    seen.reserve(m_fieldCount);
    for (int i = 0; i < m_fieldCount; ++i) {
        const QString name = decode(fields[size_t(i)]).trimmed();
        if (seen.contains(name)) {
            ++duplicateCount;
            if (duplicates.size() < kShownColumns && !duplicates.contains(name))
                duplicates << name;
            continue;
        }
        seen.insert(name, i);
        if (name == QLatin1String("timestamp")) {
            m_timestampField = i;
        } else if (name == QLatin1String("event")) {
            m_eventField = i;
        } else if (name == QLatin1String("notes")) {
            m_notesField = i;
        } else {
            const LogLayout::Column column = LogLayout::splitColumn(name);
            if (!column.metric) {
                m_data.unknownColumns << name;
                continue;
            }
            auto it = machines.constFind(column.machine);
            if (it == machines.constEnd()) {
                it = machines.insert(column.machine, int(m_data.machines.size()));
                m_data.machines << column.machine;
                std::array<int, kMetricCount> none;
                none.fill(-1);
                m_data.columnIndex.push_back(none);
            }
            const int index = int(m_data.columns.size());
            m_data.columns.emplace_back();
            m_data.columnIndex[size_t(*it)][size_t(metricIndex(*column.metric))] = index;
            const auto [lo, hi] = rangeOf(*column.metric);
            m_metricColumns.push_back(MetricColumn { i, index, *column.metric, name, lo, hi });
        }
    }
    if (m_timestampField < 0) {
        *error = tr("the first line has no \"timestamp\" column: this is not a session log");
        return false;
    }
    if (!m_data.unknownColumns.isEmpty()) {
        warn(LogWarning::UnknownColumn, 1,
            tr("line 1: %n column(s) not in the log format, kept out of the data: %1",
                int(m_data.unknownColumns.size()))
                .arg(listNames(m_data.unknownColumns)));
    }
    if (!duplicates.isEmpty()) {
        warn(LogWarning::DuplicateColumn, 1,
            tr("line 1: %1 duplicated column(s), the first column of each name is used: %2")
                .arg(duplicateCount)
                .arg(listNames(duplicates)));
    }
    m_isMetricField.assign(size_t(m_fieldCount), 0);
    for (const MetricColumn &c : m_metricColumns)
        m_isMetricField[size_t(c.field)] = 1;
    m_pre.assign(size_t(m_fieldCount), kNaN);
    m_preOk.assign(size_t(m_fieldCount), 0);
    return true;
}

void Parser::badRecord(int line, const QString &message)
{
    ++m_data.skippedRecords;
    if (++m_badRecords <= LogReader::kMaxListed)
        warn(LogWarning::BadRecord, line, message);
}

void Parser::badCell(int line, const MetricColumn &c, const Field &f, bool parsed)
{
    if (++m_badCells > LogReader::kMaxListed)
        return;
    const QString message = parsed ? tr("line %1, column %2: \"%3\" is out of range; read as not measured")
                                   : tr("line %1, column %2: \"%3\" is not a finite number; read as not measured");
    warn(LogWarning::BadCell, line, message.arg(line).arg(c.name, shownValue(f)));
}

// A line without quotes or NUL bytes (the writer's every row): splits it and parses the plain
// decimal metric cells on the way, so their bytes are read once. False when the field count differs
// from the header's; the general path then reports the record.
bool Parser::fastSplit(const char *p, const char *e, std::vector<Field> &fields)
{
    fields.resize(size_t(m_fieldCount)); // written in place: no push_back per cell
    for (int i = 0; i < m_fieldCount; ++i) {
        const char *start = p;
        if (m_isMetricField[size_t(i)]) {
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
            return i + 1 == m_fieldCount;
        ++p; // the comma
    }
    return false; // more fields than the header has
}

void Parser::row(const Record &rec, const std::vector<Field> &fields)
{
    const int line = rec.firstLine;
    if (rec.nul) {
        badRecord(line, tr("line %1: the record holds a NUL byte; skipped").arg(line));
        return;
    }
    if (int(fields.size()) != m_fieldCount) {
        if (rec.end == RecordEnd::Eof) {
            ++m_data.skippedRecords;
            warn(LogWarning::CutLastLine, line,
                tr("line %1: the last line was cut (%2 of %3 fields, no line end); dropped")
                    .arg(line)
                    .arg(fields.size())
                    .arg(m_fieldCount));
        } else {
            badRecord(line,
                tr("line %1: %2 fields where the header has %3; skipped")
                    .arg(line)
                    .arg(fields.size())
                    .arg(m_fieldCount));
        }
        return;
    }
    const Field &tf = fields[size_t(m_timestampField)];
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

    if (!m_haveStyle) {
        m_haveStyle = true;
        m_firstStyle = t.style;
    } else if (t.style != m_firstStyle && !m_mixedWarned) {
        m_mixedWarned = true;
        warn(LogWarning::MixedTimestamps, line,
            tr("line %1: timestamps in more than one style (%2 here, %3 before); each read as written")
                .arg(line)
                .arg(styleName(t.style), styleName(m_firstStyle)));
    }
    bool pending = false;
    if (t.style == TimeStyle::Offset) {
        if (!m_haveOffset) {
            m_haveOffset = true;
            m_firstOffset = t.offset;
        }
    } else if (m_haveOffset) {
        if (t.style == TimeStyle::Wall)
            t.ms -= qint64(m_firstOffset) * 1000;
        t.offset = m_firstOffset;
    } else {
        pending = true;
    }

    bool anyValid = false;
    for (const MetricColumn &c : m_metricColumns) {
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
        m_data.columns[size_t(c.column)].push_back(v); // taken back below when no cell is valid
    }
    ++m_data.rows;
    if (!anyValid) {
        for (std::vector<double> &column : m_data.columns)
            column.pop_back();
    } else {
        if (pending)
            m_pendingSnapshots.push_back(Pending { qsizetype(m_data.timeMs.size()), t.style == TimeStyle::Wall });
        m_data.timeMs.push_back(t.ms);
        m_data.offsetSeconds.push_back(t.offset);
        m_data.line.push_back(line);
    }
    const bool hasEvent = m_eventField >= 0 && !isBlank(fields[size_t(m_eventField)]);
    const bool hasNotes = m_notesField >= 0 && !isBlank(fields[size_t(m_notesField)]);
    if (hasEvent || hasNotes) {
        if (pending)
            m_pendingMarkers.push_back(Pending { m_data.markers.size(), t.style == TimeStyle::Wall });
        m_data.markers.append(
            LogMarkerRow { t.ms, t.offset, m_eventField >= 0 ? decode(fields[size_t(m_eventField)]) : QString(),
                m_notesField >= 0 ? decode(fields[size_t(m_notesField)]) : QString(), line });
    }
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

void Parser::finish()
{
    // Rows without offset written before the first row with one take its offset now.
    m_data.hasUtcOffsets = m_haveOffset;
    if (m_haveOffset) {
        for (const Pending &p : m_pendingSnapshots) {
            if (p.shift)
                m_data.timeMs[size_t(p.index)] -= qint64(m_firstOffset) * 1000;
            m_data.offsetSeconds[size_t(p.index)] = m_firstOffset;
        }
        for (const Pending &p : m_pendingMarkers) {
            LogMarkerRow &m = m_data.markers[p.index];
            if (p.shift)
                m.timeMs -= qint64(m_firstOffset) * 1000;
            m.offsetSeconds = m_firstOffset;
        }
    }

    // Time order, checked over snapshots and markers merged back into file order (by line).
    const size_t n = m_data.timeMs.size();
    const qsizetype nm = m_data.markers.size();
    size_t i = 0;
    qsizetype j = 0;
    qint64 last = std::numeric_limits<qint64>::min();
    int lastLine = 0;
    while (i < n || j < nm) {
        const bool takeSnapshot = j >= nm || (i < n && m_data.line[i] <= m_data.markers[j].line);
        const int line = takeSnapshot ? m_data.line[i] : m_data.markers[j].line;
        const qint64 time = takeSnapshot ? m_data.timeMs[i] : m_data.markers[j].timeMs;
        if (takeSnapshot && j < nm && m_data.markers[j].line == line)
            ++j; // the same row, both a snapshot and a marker
        takeSnapshot ? ++i : ++j;
        if (time < last) {
            warn(LogWarning::OutOfOrder, line,
                tr("line %1: the time goes back before that of line %2; rows sorted by time").arg(line).arg(lastLine));
            break;
        }
        last = time;
        lastLine = line;
    }
    if (!std::is_sorted(m_data.timeMs.begin(), m_data.timeMs.end())) {
        std::vector<qsizetype> order(n);
        std::iota(order.begin(), order.end(), qsizetype(0));
        std::stable_sort(order.begin(), order.end(),
            [&](qsizetype a, qsizetype b) { return m_data.timeMs[size_t(a)] < m_data.timeMs[size_t(b)]; });
        permute(m_data.timeMs, order);
        permute(m_data.offsetSeconds, order);
        permute(m_data.line, order);
        for (std::vector<double> &column : m_data.columns)
            permute(column, order);
    }
    std::stable_sort(m_data.markers.begin(), m_data.markers.end(),
        [](const LogMarkerRow &a, const LogMarkerRow &b) { return a.timeMs < b.timeMs; });

    if (m_badCells > LogReader::kMaxListed) {
        warn(LogWarning::TooManyWarnings, 0,
            tr("%1 more cells were not valid numbers and read as not measured (not listed)")
                .arg(m_badCells - LogReader::kMaxListed));
    }
    if (m_badRecords > LogReader::kMaxListed) {
        warn(LogWarning::TooManyWarnings, 0,
            tr("%1 more records could not be read and were skipped (not listed)")
                .arg(m_badRecords - LogReader::kMaxListed));
    }
}

LogReadResult Parser::run()
{
    LogReadResult result;
    if (m_bytes.isEmpty()) {
        result.error = tr("the file is empty");
        return result;
    }
    result.error = notALogReason(m_bytes);
    if (!result.error.isEmpty())
        return result;
    QByteArrayView text = m_bytes;
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    if (text.trimmed().isEmpty()) {
        result.error = tr("the file is empty");
        return result;
    }

    const char *begin = text.data();
    const char *end = begin + text.size();
    Scanner scanner(begin, end);
    if (!readHeader(scanner, &result.error))
        return result;

    // Reserve for every line being a row, so that no column grows by doubling past the file's needs;
    // but no more rows than the bytes can hold (a snapshot has all its commas, a time and a digit),
    // so that a file of line ends alone cannot reserve gigabytes.
    const size_t remaining = size_t(end - scanner.position());
    const size_t lines
        = std::min(size_t(std::count(scanner.position(), end, '\n')) + 1, remaining / size_t(m_fieldCount + 1) + 1);
    m_data.timeMs.reserve(lines);
    m_data.offsetSeconds.reserve(lines);
    m_data.line.reserve(lines);
    for (std::vector<double> &column : m_data.columns)
        column.reserve(lines);
    adviseHugePages(m_data.timeMs);
    adviseHugePages(m_data.offsetSeconds);
    adviseHugePages(m_data.line);
    for (const std::vector<double> &column : m_data.columns)
        adviseHugePages(column);

    Record rec;
    std::vector<Field> fields;
    fields.reserve(size_t(m_fieldCount) + 1);
    int lastPercent = -1;
    qint64 records = 0;
    const char *p = scanner.position();
    int line = scanner.line();
    while (p < end) {
        if (++records % kCheckEvery == 0) {
            if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
                result.cancelled = true;
                result.error = tr("loading was cancelled");
                return result;
            }
            if (m_progress) {
                const int percent = int(100 * (p - begin) / (end - begin));
                if (percent != lastPercent)
                    m_progress(lastPercent = percent);
            }
        }
        // The common case: a whole line with no quote and no NUL byte.
        const auto *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (newline) {
            const size_t length = size_t(newline - p);
            if (!std::memchr(p, '"', length) && !std::memchr(p, '\0', length)) {
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
            ++m_data.skippedRecords;
            if (rec.firstLine == rec.lastLine) {
                warn(LogWarning::CutLastLine, rec.firstLine,
                    tr("line %1: the last line was cut inside a quoted field; dropped").arg(rec.firstLine));
            } else {
                warn(LogWarning::UnterminatedQuote, rec.firstLine,
                    tr("lines %1–%2: a quote opened on line %1 is never closed; these lines were dropped")
                        .arg(rec.firstLine)
                        .arg(rec.lastLine));
            }
            break;
        }
        if (fields.size() == 1 && !fields[0].escaped && isBlank(fields[0]) && fields[0].b == fields[0].e)
            continue; // a blank line
        row(rec, fields);
    }
    finish();
    if (m_progress && lastPercent != 100)
        m_progress(100);
    result.data = std::move(m_data);
    return result;
}

} // namespace

namespace LogReader {

LogReadResult parse(QByteArrayView bytes, const std::atomic_bool *cancel, const std::function<void(int)> &progress)
{
    return Parser(bytes, cancel, progress).run();
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
    void *mapped = size > 0 ? ::mmap(nullptr, size_t(size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, file.handle(), 0)
                            : MAP_FAILED;
    if (mapped != MAP_FAILED) {
        result = parse(QByteArrayView(static_cast<const char *>(mapped), size), cancel, progress);
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
