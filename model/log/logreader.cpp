#include "logreader.h"

#include "internal/logparse.h"
#include "parallel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <memory>
#include <sys/mman.h>
#include <thread>

namespace {

constexpr unsigned kMaxThreads = 4;            // chunks of a large log parsed at once
constexpr size_t kLargeColumnBytes = 64 << 10; // a column of 8,192 rows

using CsvScan::Scanner;
using LogParse::ChunkParser;
using LogParse::Header;
using LogParse::LogReaderText;
using LogParse::MappedFile;

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

// Where the chunks of the body [body, end) start, each at a line start, and `end` last: one chunk
// per core (at most kMaxThreads, or options.threads), none smaller than options.minChunkBytes.
std::vector<const char *> chunkStarts(
    const char *body, const char *end, const LogReader::ParseOptions &options, const MappedFile *file)
{
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
    return starts;
}

// A record that ran past its chunk's end (a quoted field holding line ends): the next chunks
// started inside it; the chunk goes on to the end of the file alone instead, and they are dropped.
void goOnPastOverrun(std::vector<std::unique_ptr<ChunkParser>> &chunks, const std::vector<const char *> &starts)
{
    for (size_t k = 0; k + 1 < chunks.size(); ++k) {
        ChunkParser &c = *chunks[k];
        if (c.cancelled() || c.stop() == starts[k + 1])
            continue;
        chunks.resize(k + 1);
        if (c.stop() < starts.back())
            c.parse(c.stop(), starts.back(), c.stopLine());
        break;
    }
}

// The text of a log, its byte order mark left out; why the bytes are no log, when they are not.
QString textOfLog(QByteArrayView bytes, QByteArrayView &text)
{
    if (bytes.isEmpty())
        return LogReaderText::tr("the file is empty");
    if (QString reason = LogParse::notALogReason(bytes); !reason.isEmpty())
        return reason;
    text = bytes;
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    if (text.trimmed().isEmpty())
        return LogReaderText::tr("the file is empty");
    return {};
}

LogReadResult parseBytes(QByteArrayView bytes, const std::atomic_bool *cancel, const std::function<void(int)> &progress,
    const LogReader::ParseOptions &options, const MappedFile *file)
{
    LogReadResult result;
    QByteArrayView text;
    result.error = textOfLog(bytes, text);
    if (!result.error.isEmpty())
        return result;

    const char *begin = text.data();
    const char *end = begin + text.size();
    Scanner scanner(begin, end);
    Header header;
    LogData skeleton;
    if (!LogParse::readHeader(scanner, header, skeleton, &result.error))
        return result;
    const char *body = scanner.position();

    // The body in chunks that start at line starts, parsed at once on as many cores.
    const std::vector<const char *> starts = chunkStarts(body, end, options, file);
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

    goOnPastOverrun(chunks, starts);
    for (const auto &c : chunks) {
        c->finish();
        if (c->cancelled()) {
            result.cancelled = true;
            result.error = LogReaderText::tr("loading was cancelled");
            return result;
        }
    }
    result.data = LogParse::mergeChunks(chunks);
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
