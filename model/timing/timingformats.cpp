// The readers of each timing shape behind TimingFormat, and how each recognises its content.
#include "timingformats.h"

#include "flatjson.h"
#include "jsonlinesparser.h"
#include "parallel.h"
#include "timingcsv.h"
#include "timingdocument.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingFormat", text);
}

constexpr qint64 kChunk = 4 << 20;
constexpr qint64 kParallelBytes = 16 << 20; // JSON lines from this size are parsed on several threads
constexpr int kMaxThreads = 4;

// Feeds `bytes` bytes from the file's position to the parser, 4 MB at a time: through a mapping of
// the file when it can be mapped (no copy out of the page cache; each slice's pages handed back once
// parsed, so the mapping never holds more than a slice resident), else with read().
void readRange(QFile &in, JsonLinesParser &parser, qint64 bytes)
{
    const qint64 from = in.pos();
    if (uchar *mapped = bytes > 0 ? in.map(from, bytes) : nullptr) {
        const quintptr page = quintptr(::sysconf(_SC_PAGESIZE));
        for (qint64 done = 0; done < bytes;) {
            const qint64 n = std::min(kChunk, bytes - done);
            parser.feed(QByteArrayView(reinterpret_cast<const char *>(mapped) + done, n));
            // The whole pages of the slice (the parser keeps its own copy of a cut line).
            const quintptr b = (quintptr(mapped) + quintptr(done) + page - 1) & ~(page - 1);
            const quintptr e = (quintptr(mapped) + quintptr(done + n)) & ~(page - 1);
            if (e > b)
                ::madvise(reinterpret_cast<void *>(b), size_t(e - b), MADV_DONTNEED);
            done += n;
        }
        in.unmap(mapped);
        in.seek(from + bytes);
        return;
    }
    QByteArray buffer(kChunk, Qt::Uninitialized);
    while (bytes > 0) {
        const qint64 n = in.read(buffer.data(), std::min(kChunk, bytes));
        if (n <= 0)
            break;
        bytes -= n;
        parser.feed(QByteArrayView(buffer.constData(), n));
    }
}

// The offset of the first line start at or after `pos` (the file's size when none).
qint64 lineStartAtOrAfter(QFile &in, qint64 pos)
{
    if (pos <= 0 || !in.seek(pos - 1))
        return 0;
    for (;;) {
        const QByteArray window = in.read(64 << 10);
        if (window.isEmpty())
            return in.size();
        const qsizetype nl = window.indexOf('\n');
        if (nl >= 0)
            return in.pos() - window.size() + nl + 1;
    }
}
constexpr int kHeadLines = 1000; // lines of the head looked at for a JSON-lines call

char firstByte(const QByteArray &head)
{
    qsizetype i = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        ++i;
    return i < head.size() ? head[i] : '\0';
}

QByteArray firstLine(const QByteArray &head)
{
    const qsizetype nl = head.indexOf('\n');
    return nl < 0 ? head : head.left(nl);
}

bool parseDocument(QFile &in, QJsonDocument *doc, QString *error)
{
    QJsonParseError e;
    *doc = QJsonDocument::fromJson(in.readAll(), &e);
    if (e.error != QJsonParseError::NoError) {
        *error = tr("not valid JSON: %1 at byte %2").arg(e.errorString()).arg(e.offset);
        return false;
    }
    return true;
}

class JsonLinesFormat : public TimingFormat
{
public:
    TimingShape shape() const override { return TimingShape::JsonLines; }
    bool recognises(const QByteArray &head) const override
    {
        std::vector<FlatJson::Member> members;
        const char *p = head.constData();
        const char *end = p + head.size();
        for (int n = 0; n < kHeadLines && p < end; ++n) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const char *e = nl ? nl : end;
            const char *q = p;
            for (int tries = 0; tries < JsonLinesParser::kMaxTries; ++tries) {
                q = static_cast<const char *>(std::memchr(q, '{', size_t(e - q)));
                if (!q)
                    break;
                if (FlatJson::parseObject(q, e, members)) {
                    for (const FlatJson::Member &m : members) {
                        if (m.key == "function" || m.key == "traceback" || m.key == "exception_type")
                            return true;
                    }
                }
                ++q;
            }
            if (!nl) {
                // A line longer than the head: a call when its object opens with "function".
                static const QRegularExpression opening(QStringLiteral("\\{\\s*\"function\"\\s*:"));
                const QByteArray cut(p, qsizetype(std::min<ptrdiff_t>(end - p, 4096)));
                return head.size() >= TimingReader::kHeadBytes && opening.match(QString::fromLatin1(cut)).hasMatch();
            }
            p = nl + 1;
        }
        return false;
    }
    bool read(QFile &in, TimingBuilder &builder, int file, QString *) const override
    {
        TimingFormats::readJsonLines(in, builder, file, true);
        return true;
    }
};

class CsvFormat : public TimingFormat
{
public:
    CsvFormat(TimingShape shape, TimingCsv::Kind kind)
        : m_shape(shape)
        , m_kind(kind)
    { }
    TimingShape shape() const override { return m_shape; }
    bool recognises(const QByteArray &head) const override
    {
        return firstByte(head) != '{' && firstByte(head) != '[' && TimingCsv::detect(firstLine(head)) == m_kind;
    }
    bool read(QFile &in, TimingBuilder &builder, int file, QString *) const override
    {
        TimingCsv::read(in.readAll(), m_kind, builder, file, TimingFormats::tierFromName(in.fileName()));
        return true;
    }

private:
    TimingShape m_shape;
    TimingCsv::Kind m_kind;
};

class CollectorFormat : public CsvFormat
{
public:
    CollectorFormat()
        : CsvFormat(TimingShape::Collector, TimingCsv::Kind::Operations)
    { }
    bool recognises(const QByteArray &head) const override
    {
        if (firstByte(head) == '{')
            return head.contains("\"processing\"");
        return CsvFormat::recognises(head);
    }
    bool read(QFile &in, TimingBuilder &builder, int file, QString *error) const override
    {
        if (firstByte(in.peek(kChunk)) != '{')
            return CsvFormat::read(in, builder, file, error);
        QJsonDocument doc;
        if (!parseDocument(in, &doc, error))
            return false;
        TimingDocument::readCollector(doc.object(), builder, file);
        return true;
    }
};

class TraceFormat : public TimingFormat
{
public:
    TimingShape shape() const override { return TimingShape::Trace; }
    bool recognises(const QByteArray &head) const override
    {
        const char c = firstByte(head);
        return (c == '{' && head.contains("\"traceEvents\"")) || (c == '[' && head.contains("\"ph\""));
    }
    bool read(QFile &in, TimingBuilder &builder, int file, QString *error) const override
    {
        QJsonDocument doc;
        if (!parseDocument(in, &doc, error))
            return false;
        const QJsonArray events
            = doc.isArray() ? doc.array() : doc.object().value(QLatin1String("traceEvents")).toArray();
        TimingDocument::readTrace(events, builder, file);
        return true;
    }
};

class SpecsFormat : public TimingFormat
{
public:
    TimingShape shape() const override { return TimingShape::Specs; }
    bool recognises(const QByteArray &head) const override { return firstByte(head) == '{'; }
    bool read(QFile &in, TimingBuilder &builder, int file, QString *error) const override
    {
        QJsonDocument doc;
        if (!parseDocument(in, &doc, error))
            return false;
        TimingDocument::readSpecs(doc.object(), builder, file, TimingFormats::tierFromName(in.fileName()));
        return true;
    }
};

} // namespace

namespace TimingFormats {

const QList<const TimingFormat *> &all()
{
    static const JsonLinesFormat jsonLines;
    static const TraceFormat trace;
    static const CollectorFormat collector;
    static const CsvFormat requests(TimingShape::Requests, TimingCsv::Kind::Requests);
    static const CsvFormat results(TimingShape::ResultsCsv, TimingCsv::Kind::ResultsCsv);
    static const CsvFormat samples(TimingShape::Samples, TimingCsv::Kind::Samples);
    static const SpecsFormat specs;
    static const QList<const TimingFormat *> formats { &jsonLines, &trace, &collector, &requests, &results, &samples,
        &specs };
    return formats;
}

qint64 readJsonLines(QFile &in, TimingBuilder &builder, int file, bool readCalls)
{
    const qint64 size = in.size();
    const int threads = size >= kParallelBytes && readCalls
        ? std::clamp(int(std::thread::hardware_concurrency()), 1, kMaxThreads)
        : 1;
    if (threads == 1) {
        JsonLinesParser parser(builder, file);
        parser.setReadCalls(readCalls);
        readRange(in, parser, size);
        parser.finish();
        return parser.ignoredCalls();
    }
    // Pieces that start at line starts, two per thread, each parsed into its own columns by the
    // thread that takes it next, then appended in order, their line numbers shifted by the lines of
    // the pieces before. Taken in turn: on a busy machine a thread that gets a core late leaves
    // its second piece to the other instead of being waited for.
    const int wanted = threads * 2;
    std::vector<qint64> bounds { 0 };
    for (int k = 1; k < wanted; ++k) {
        const qint64 b = lineStartAtOrAfter(in, size * k / wanted);
        if (b > bounds.back() && b < size)
            bounds.push_back(b);
    }
    bounds.push_back(size);
    const int pieces = int(bounds.size()) - 1;
    std::vector<TimingData> parts;
    parts.resize(size_t(pieces));
    std::vector<int> lines(size_t(pieces), 0);
    const QString path = builder.data().files.value(file);
    const auto parse = [&](int k) {
        QFile f(in.fileName());
        TimingBuilder b(parts[size_t(k)]);
        // Address space only: no page is touched. The first piece's columns become the result's:
        // room for the calls of all pieces, so that appending the others moves nothing.
        b.reserve((k == 0 ? size : bounds[size_t(k) + 1] - bounds[size_t(k)]) / 64);
        JsonLinesParser parser(b, b.file(path));
        if (!f.open(QIODevice::ReadOnly) || !f.seek(bounds[size_t(k)]))
            return;
        readRange(f, parser, bounds[size_t(k) + 1] - bounds[size_t(k)]);
        parser.finish();
        lines[size_t(k)] = parser.nextLine() - 1;
    };
    std::atomic<int> next { 0 };
    Parallel::runTogether(std::min(threads, pieces), [&](int) {
        for (int k = next++; k < pieces; k = next++)
            parse(k);
    });
    int offset = 0;
    for (int k = 0; k < pieces; ++k) {
        builder.append(std::move(parts[size_t(k)]), offset);
        parts[size_t(k)] = TimingData();
        offset += lines[size_t(k)];
    }
    return 0;
}

QString tierFromName(const QString &path)
{
    static const QRegularExpression name(QStringLiteral("^(?:synthesis|realtime|hardware_specs)_(.+?)(?:_\\d.*)?$"));
    const QRegularExpressionMatch m = name.match(QFileInfo(path).completeBaseName());
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace TimingFormats
