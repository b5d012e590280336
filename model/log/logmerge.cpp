// The merge of the chunks a log was parsed in (LogParse::mergeChunks): their rows, markers and
// warnings in file order, then what needs the whole file: the rows without offset, the time order,
// the warning counts.
#include "internal/logparse.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace LogParse {

namespace {

using LogCell::styleName;
using LogCell::TimeStyle;

// Puts a permutation of the rows into effect on every per-row array.
template<typename T> void permute(std::vector<T> &v, const std::vector<qsizetype> &order)
{
    std::vector<T> sorted;
    sorted.reserve(v.size());
    for (qsizetype i : order)
        sorted.push_back(v[size_t(i)]);
    v.swap(sorted);
}

// Appends `from` to `to`, made room for `total` elements at once when it has less, and frees it.
template<typename T> void moveAppend(std::vector<T> &to, std::vector<T> &from, size_t total)
{
    to.reserve(total);
    to.insert(to.end(), from.begin(), from.end());
    std::vector<T>().swap(from);
}

// Each chunk listed its first kMaxListed warnings of a kind; the file lists its first kMaxListed.
struct Counts
{
    qint64 badCells = 0;
    qint64 badRecords = 0;
    qint64 malformedCells = 0;
    qint64 listedCells = 0;
    qint64 listedRecords = 0;
    qint64 listedMalformed = 0;

    // Whether the file lists this warning, counted.
    bool listed(const LogWarning &w)
    {
        if (w.kind == LogWarning::BadCell)
            return listedCells++ < LogReader::kMaxListed;
        if (w.kind == LogWarning::BadRecord)
            return listedRecords++ < LogReader::kMaxListed;
        if (w.kind == LogWarning::MalformedCell)
            return listedMalformed++ < LogReader::kMaxListed;
        return true;
    }
};

// The chunks after the first, appended to the first one's data in file order.
class Merger
{
public:
    Merger(ChunkParser &first, size_t totalRows)
        : data(first.data)
        , pendingSnapshots(std::move(first.pendingSnapshots))
        , pendingMarkers(std::move(first.pendingMarkers))
        , m_total(totalRows)
        , m_runOpen(first.endsInRun)
        , m_run(first.lastRun)
    {
        counts.badCells = first.badCells;
        counts.badRecords = first.badRecords;
        counts.malformedCells = first.malformedCells;
        counts.listedCells = std::min<qint64>(first.badCells, LogReader::kMaxListed);
        counts.listedRecords = std::min<qint64>(first.badRecords, LogReader::kMaxListed);
        counts.listedMalformed = std::min<qint64>(first.malformedCells, LogReader::kMaxListed);
    }

    void append(ChunkParser &c);

    LogData &data;
    std::vector<Pending> pendingSnapshots;
    std::vector<Pending> pendingMarkers;
    Counts counts;

private:
    void appendWarnings(ChunkParser &c);

    size_t m_total; // snapshot rows of the whole file
    // A run of damaged records open at the end of what is merged so far, which the next chunk's
    // first run continues: one run, one warning, as when the file is read in one chunk.
    bool m_runOpen;
    DamagedRun m_run;
};

void Merger::append(ChunkParser &c)
{
    const auto rowBase = qsizetype(data.timeMs.size());
    const qsizetype markerBase = data.markers.size();
    for (const Pending &p : c.pendingSnapshots)
        pendingSnapshots.push_back(Pending { rowBase + p.index, p.shift });
    for (const Pending &p : c.pendingMarkers)
        pendingMarkers.push_back(Pending { markerBase + p.index, p.shift });
    moveAppend(data.timeMs, c.data.timeMs, m_total);
    moveAppend(data.offsetSeconds, c.data.offsetSeconds, m_total);
    moveAppend(data.line, c.data.line, m_total);
    for (size_t i = 0; i < data.columns.size(); ++i)
        moveAppend(data.columns[i], c.data.columns[i], m_total);
    data.markers.append(std::move(c.data.markers));
    appendWarnings(c);
    data.rows += c.data.rows;
    data.skippedRecords += c.data.skippedRecords;
    counts.badCells += c.badCells;
    counts.badRecords += c.badRecords;
    counts.malformedCells += c.malformedCells;
}

void Merger::appendWarnings(ChunkParser &c)
{
    const bool continued = m_runOpen && c.startsInRun;
    qsizetype skip = -1;
    if (continued) {
        m_run.lastLine = c.firstRun.lastLine;
        m_run.records += c.firstRun.records;
        if (m_run.warning >= 0) {
            data.warnings[m_run.warning].message = damagedRunMessage(m_run);
            data.warnings[m_run.warning].lastLine = m_run.lastLine;
        }
        skip = c.firstRun.warning;
        --c.badRecords;
    }
    // the whole chunk one run that goes on
    const bool stillOpen = continued && c.endsInRun && c.lastRun.firstLine == c.firstRun.firstLine;
    qsizetype lastRunAt = -1;
    for (qsizetype i = 0; i < c.data.warnings.size(); ++i) {
        if (i == skip)
            continue;
        LogWarning &w = c.data.warnings[i];
        if (!counts.listed(w))
            continue;
        if (i == c.lastRun.warning)
            lastRunAt = data.warnings.size();
        data.warnings.append(std::move(w));
    }
    if (!stillOpen && c.sawRecord()) { // blank lines alone leave a run open
        m_runOpen = c.endsInRun;
        m_run = c.lastRun;
        m_run.warning = lastRunAt;
    }
}

// The first row whose timestamp style is not that of the first row: a warning in file order, after
// what came before that row and before its cells' warnings.
void warnOfMixedStyles(const std::vector<std::unique_ptr<ChunkParser>> &chunks, LogData &data)
{
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
    if (!otherLine)
        return;
    qsizetype at = 0;
    while (at < data.warnings.size()
        && (data.warnings[at].line < otherLine
            || (data.warnings[at].line == otherLine && data.warnings[at].kind != LogWarning::BadCell)))
        ++at;
    data.warnings.insert(at,
        LogWarning { LogWarning::MixedTimestamps, otherLine,
            LogReaderText::tr("line %1: timestamps in more than one style (%2 here, %3 before); each read as written")
                .arg(otherLine)
                .arg(styleName(other), styleName(fileStyles->first)) });
}

// Rows and markers without offset take the first offset of the file.
void applyFileOffset(LogData &data, int fileOffset, const std::vector<Pending> &pendingSnapshots,
    const std::vector<Pending> &pendingMarkers)
{
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

// Time order, checked over snapshots and markers merged back into file order (by line): the first
// time that goes back is a warning, and the rows and markers are sorted by time (stable).
void sortByTime(LogData &data)
{
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
                LogReaderText::tr("line %1: the time goes back before that of line %2; rows sorted by time")
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
}

// One line for each kind of warning that had more than were listed.
void warnOfUnlisted(LogData &data, const Counts &counts)
{
    if (counts.badCells > LogReader::kMaxListed) {
        data.warnings.append(LogWarning { LogWarning::TooManyWarnings, 0,
            LogReaderText::tr("%1 more cells were not valid numbers and read as not measured (not listed)")
                .arg(counts.badCells - LogReader::kMaxListed) });
    }
    if (counts.badRecords > LogReader::kMaxListed) {
        data.warnings.append(LogWarning { LogWarning::TooManyWarnings, 0,
            LogReaderText::tr("%1 more records could not be read and were skipped (not listed)")
                .arg(counts.badRecords - LogReader::kMaxListed) });
    }
    if (counts.malformedCells > LogReader::kMaxListed) {
        data.warnings.append(LogWarning { LogWarning::TooManyWarnings, 0,
            LogReaderText::tr("%1 more cells were not written as the format says and were read anyway (not listed)")
                .arg(counts.malformedCells - LogReader::kMaxListed) });
    }
}

} // namespace

LogData mergeChunks(std::vector<std::unique_ptr<ChunkParser>> &chunks)
{
    size_t total = 0; // snapshot rows
    for (const auto &c : chunks)
        total += c->data.timeMs.size();
    Merger merger(*chunks.front(), total);
    bool haveOffset = false;
    int fileOffset = 0;
    for (size_t k = 0; k < chunks.size(); ++k) {
        ChunkParser &c = *chunks[k];
        if (!haveOffset && c.haveOffset) {
            haveOffset = true;
            fileOffset = c.firstOffset;
        }
        if (k > 0)
            merger.append(c);
    }
    LogData &data = merger.data;
    warnOfMixedStyles(chunks, data);
    data.hasUtcOffsets = haveOffset;
    if (haveOffset)
        applyFileOffset(data, fileOffset, merger.pendingSnapshots, merger.pendingMarkers);
    sortByTime(data);
    warnOfUnlisted(data, merger.counts);
    return std::move(data);
}

} // namespace LogParse
