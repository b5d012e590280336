#include "logreader.h"

#include "internal/logparse.h"
#include "parallel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <numeric>
#include <sys/mman.h>
#include <thread>

namespace {

constexpr unsigned kMaxThreads = 4;            // chunks of a large log parsed at once
constexpr size_t kLargeColumnBytes = 64 << 10; // a column of 8,192 rows

using CsvScan::Scanner;
using LogCell::styleName;
using LogCell::TimeStyle;
using LogParse::ChunkParser;
using LogParse::DamagedRun;
using LogParse::Header;
using LogParse::LogReaderText;
using LogParse::MappedFile;
using LogParse::Pending;
using LogParse::StylesSeen;

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

constexpr qsizetype kSlice = 8 << 20; // bytes a pre-pass reads before it gives their pages back

// memchr and std::count over the bytes a slice at a time; over a mapping (`file`), each slice's pages
// are given back after it and holes are skipped, so that a pass over gigabytes of NULs never has
// them resident at once.
const char *find(const char *p, const char *e, char c, const MappedFile *file)
{
    while (p < e) {
        if (file)
            p = file->nextData(p, e);
        const char *end = p + std::min<qsizetype>(e - p, kSlice);
        if (const auto *found = static_cast<const char *>(std::memchr(p, c, size_t(end - p))))
            return found;
        if (file)
            MappedFile::release(p, end);
        p = end;
    }
    return nullptr;
}

size_t count(const char *p, const char *e, char c, const MappedFile *file)
{
    size_t n = 0;
    while (p < e) {
        if (file)
            p = file->nextData(p, e);
        const char *end = p + std::min<qsizetype>(e - p, kSlice);
        n += size_t(std::count(p, end, c));
        if (file)
            MappedFile::release(p, end);
        p = end;
    }
    return n;
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
    qint64 malformedCells = first.malformedCells;
    qint64 listedCells = std::min<qint64>(badCells, LogReader::kMaxListed);
    qint64 listedRecords = std::min<qint64>(badRecords, LogReader::kMaxListed);
    qint64 listedMalformed = std::min<qint64>(malformedCells, LogReader::kMaxListed);
    // A run of damaged records open at the end of what is merged so far, which the next chunk's
    // first run continues: one run, one warning, as when the file is read in one chunk.
    bool runOpen = first.endsInRun;
    DamagedRun run = first.lastRun;
    size_t total = 0; // snapshot rows
    for (const auto &c : chunks)
        total += c->data.timeMs.size();
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
        moveAppend(data.timeMs, c.data.timeMs, total);
        moveAppend(data.offsetSeconds, c.data.offsetSeconds, total);
        moveAppend(data.line, c.data.line, total);
        for (size_t i = 0; i < data.columns.size(); ++i)
            moveAppend(data.columns[i], c.data.columns[i], total);
        data.markers.append(std::move(c.data.markers));

        const bool continued = runOpen && c.startsInRun;
        qsizetype skip = -1;
        if (continued) {
            run.lastLine = c.firstRun.lastLine;
            run.records += c.firstRun.records;
            if (run.warning >= 0) {
                data.warnings[run.warning].message = LogParse::damagedRunMessage(run);
                data.warnings[run.warning].lastLine = run.lastLine;
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
            // each chunk listed its first kMaxListed; the file lists its first kMaxListed
            if (w.kind == LogWarning::BadCell && listedCells++ >= LogReader::kMaxListed)
                continue;
            if (w.kind == LogWarning::BadRecord && listedRecords++ >= LogReader::kMaxListed)
                continue;
            if (w.kind == LogWarning::MalformedCell && listedMalformed++ >= LogReader::kMaxListed)
                continue;
            if (i == c.lastRun.warning)
                lastRunAt = data.warnings.size();
            data.warnings.append(std::move(w));
        }
        if (!stillOpen && c.sawRecord()) { // blank lines alone leave a run open
            runOpen = c.endsInRun;
            run = c.lastRun;
            run.warning = lastRunAt;
        }
        data.rows += c.data.rows;
        data.skippedRecords += c.data.skippedRecords;
        badCells += c.badCells;
        badRecords += c.badRecords;
        malformedCells += c.malformedCells;
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
                LogReaderText::tr(
                    "line %1: timestamps in more than one style (%2 here, %3 before); each read as written")
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

    if (badCells > LogReader::kMaxListed) {
        data.warnings.append(LogWarning { LogWarning::TooManyWarnings, 0,
            LogReaderText::tr("%1 more cells were not valid numbers and read as not measured (not listed)")
                .arg(badCells - LogReader::kMaxListed) });
    }
    if (badRecords > LogReader::kMaxListed) {
        data.warnings.append(LogWarning { LogWarning::TooManyWarnings, 0,
            LogReaderText::tr("%1 more records could not be read and were skipped (not listed)")
                .arg(badRecords - LogReader::kMaxListed) });
    }
    if (malformedCells > LogReader::kMaxListed) {
        data.warnings.append(LogWarning { LogWarning::TooManyWarnings, 0,
            LogReaderText::tr("%1 more cells were not written as the format says and were read anyway (not listed)")
                .arg(malformedCells - LogReader::kMaxListed) });
    }
    return std::move(data);
}

LogReadResult parseBytes(QByteArrayView bytes, const std::atomic_bool *cancel, const std::function<void(int)> &progress,
    const LogReader::ParseOptions &options, const MappedFile *file)
{
    LogReadResult result;
    if (bytes.isEmpty()) {
        result.error = LogReaderText::tr("the file is empty");
        return result;
    }
    result.error = LogParse::notALogReason(bytes);
    if (!result.error.isEmpty())
        return result;
    QByteArrayView text = bytes;
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    if (text.trimmed().isEmpty()) {
        result.error = LogReaderText::tr("the file is empty");
        return result;
    }

    const char *begin = text.data();
    const char *end = begin + text.size();
    Scanner scanner(begin, end);
    Header header;
    LogData skeleton;
    if (!LogParse::readHeader(scanner, header, skeleton, &result.error))
        return result;
    const char *body = scanner.position();

    // The body in chunks that start at line starts, parsed at once on as many cores.
    int wanted
        = options.threads > 0 ? options.threads : int(std::clamp(std::thread::hardware_concurrency(), 1U, kMaxThreads));
    wanted = int(std::clamp<qsizetype>((end - body) / std::max<qsizetype>(options.minChunkBytes, 1), 1, wanted));
    std::vector<const char *> starts { body };
    for (int k = 1; k < wanted; ++k) {
        const char *at = std::max(starts.back(), body + (end - body) * k / wanted);
        const char *newline = find(at, end, '\n', file);
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
        n, [&](int k) { lineEnds[size_t(k)] = count(starts[size_t(k)], starts[size_t(k) + 1], '\n', file); });
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
        chunk->setMappedFile(file);
        if (k > 0)
            chunk->reserve(rowsIn(k, lineEnds[size_t(k)]));
        chunks.push_back(std::move(chunk));
        firstLines.push_back(line);
        line += int(lineEnds[size_t(k)]);
        allLines += lineEnds[size_t(k)];
    }
    // The first chunk's arrays take the others' rows at the end: room for all of them, so that they
    // are never copied, when a column is large (pages of it not yet written cost nothing). Short
    // columns (a log of 10,000 machines and 100 rows has 70,000 of 800 bytes) share their pages in
    // the heap, where room reserved is memory held beside the other chunks' columns: those grow
    // once, one after the other, in the merge.
    const size_t allRows = std::min(allLines + 1, size_t(end - body) / size_t(header.fieldCount + 1) + 1);
    chunks[0]->data = std::move(skeleton);
    chunks[0]->reserve(allRows * sizeof(double) >= kLargeColumnBytes ? allRows : rowsIn(0, lineEnds[0]));
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
        c->finish();
        if (c->cancelled()) {
            result.cancelled = true;
            result.error = LogReaderText::tr("loading was cancelled");
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
    return parseBytes(bytes, cancel, progress, options, nullptr);
}

LogReadResult read(const QString &path, const std::atomic_bool *cancel, const std::function<void(int)> &progress)
{
    LogReadResult result;
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error = LogReaderText::tr("Cannot load %1: no such file").arg(shown);
        return result;
    }
    if (info.isDir()) {
        result.error = LogReaderText::tr("Cannot load %1: it is a folder, not a log file").arg(shown);
        return result;
    }
    if (!info.isFile()) {
        result.error = LogReaderText::tr("Cannot load %1: not a regular file").arg(shown);
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = LogReaderText::tr("Cannot load %1: %2").arg(shown, file.errorString());
        return result;
    }
    const qint64 size = file.size();
    // Mapped, the file is read without a copy (a 100 MB copy costs ~0.1 s here). The logger only
    // ever appends, so the mapped length stays valid while we parse.
    void *mapped = size > 0 ? ::mmap(nullptr, size_t(size), PROT_READ, MAP_PRIVATE, file.handle(), 0) : MAP_FAILED;
    if (mapped != MAP_FAILED) {
        const MappedFile mappedFile { static_cast<const char *>(mapped), file.handle() };
        result = parseBytes(QByteArrayView(mappedFile.base, size), cancel, progress, {}, &mappedFile);
        ::munmap(mapped, size_t(size));
    } else {
        QByteArray bytes(size, Qt::Uninitialized);
        qint64 got = 0;
        while (got < size) {
            const qint64 n = file.read(bytes.data() + got, size - got);
            if (n < 0) {
                result.error = LogReaderText::tr("Cannot load %1: %2").arg(shown, file.errorString());
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
        result.error = LogReaderText::tr("Cannot load %1: %2").arg(shown, result.error);
    return result;
}

} // namespace LogReader
