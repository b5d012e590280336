// The readers of each timing shape behind TimingFormat, and how each recognises its content.
#include "flatjson.h"
#include "jsonlinesparser.h"
#include "timingcsv.h"
#include "timingdocument.h"
#include "timingformats.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingFormat", text);
}

constexpr qint64 kChunk = 4 << 20;
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
        const QJsonArray events = doc.isArray() ? doc.array() : doc.object().value(QLatin1String("traceEvents")).toArray();
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
    JsonLinesParser parser(builder, file);
    parser.setReadCalls(readCalls);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), kChunk);
        if (n <= 0)
            break;
        parser.feed(QByteArrayView(buffer.constData(), n));
    }
    parser.finish();
    return parser.ignoredCalls();
}

QString tierFromName(const QString &path)
{
    static const QRegularExpression name(
        QStringLiteral("^(?:synthesis|realtime|hardware_specs)_(.+?)(?:_\\d.*)?$"));
    const QRegularExpressionMatch m = name.match(QFileInfo(path).completeBaseName());
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace TimingFormats
