#include "prometheusparser.h"

#include "prometheusintern.h"
#include "prometheusnumber.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QString>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <vector>

// The Prometheus text exposition format, version 0.0.4, as prometheus/common `expfmt` reads it:
//   line    = blank* ( comment | sample )? blank*
//   sample  = name blank* ( "{" labels "}" )? blank* value ( blank+ timestamp )?
//   name    = [a-zA-Z_:][a-zA-Z0-9_:]*        label name = [a-zA-Z_][a-zA-Z0-9_]*
//   labels  = ( lname blank* "=" blank* '"' escaped '"' blank* "," blank* )*  (trailing comma allowed)
//   value   = a Go float: 1, -1.5, 1e3, 8.128902e+06, NaN, +Inf, -Inf
//   timestamp = int64 milliseconds
// Works on bytes: one pass, lines found with memchr, names and label sets interned so a scrape's
// thousands of repeated names cost no allocation after the first.

namespace {

constexpr unsigned char kNameStart = 1; // may start a metric name
constexpr unsigned char kName = 2;      // may continue a metric name
constexpr unsigned char kLabelStart = 4;
constexpr unsigned char kLabel = 8;

constexpr std::array<unsigned char, 256> makeCharClasses()
{
    std::array<unsigned char, 256> t {};
    for (int c = 0; c < 256; ++c) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        unsigned char v = 0;
        if (alpha || c == ':')
            v |= kNameStart;
        if (alpha || digit || c == ':')
            v |= kName;
        if (alpha)
            v |= kLabelStart;
        if (alpha || digit)
            v |= kLabel;
        t[size_t(c)] = v;
    }
    return t;
}
constexpr std::array<unsigned char, 256> kCharClass = makeCharClasses();

inline bool is(char c, unsigned char cls)
{
    return kCharClass[static_cast<unsigned char>(c)] & cls;
}

inline bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

inline const char *skipBlanks(const char *p, const char *end)
{
    while (p < end && isBlank(*p))
        ++p;
    return p;
}

using PromIntern::LabelView;

class LineParser
{
public:
    explicit LineParser(PromParseResult &result)
        : m_result(result)
    { }

    void parseLine(const char *p, const char *end, int lineNo);

private:
    // On failure these return nullptr and set m_error.
    const char *parseLabels(const char *p, const char *end);
    const char *fail(const char *reason)
    {
        m_error = reason;
        return nullptr;
    }
    void warn(int lineNo, const char *reason, QByteArrayView token = {});

    PromParseResult &m_result;
    const char *m_error = nullptr;
    std::vector<LabelView> m_labels; // of the line being parsed; reused
    PromIntern::Interner m_interner;
};

// A bit of the line for a warning: at most 40 characters, control characters shown as '?'.
QString excerpt(QByteArrayView bytes)
{
    constexpr qsizetype kMax = 40;
    const bool cut = bytes.size() > kMax;
    QString s = QString::fromUtf8(bytes.first(std::min(bytes.size(), kMax)));
    for (QChar &c : s) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    if (cut)
        s += QStringLiteral("…");
    return s;
}

void LineParser::warn(int lineNo, const char *reason, QByteArrayView token)
{
    QString detail = QLatin1String(reason);
    if (!token.isEmpty())
        detail += QStringLiteral(": \"") + excerpt(token) + QLatin1Char('"');
    m_result.warnings.append({ lineNo, detail });
}

const char *LineParser::parseLabels(const char *p, const char *end)
{
    // p is just past '{'.
    m_labels.clear();
    for (;;) {
        p = skipBlanks(p, end);
        if (p == end)
            return fail("unterminated label set");
        if (*p == '}')
            return p + 1;
        const char *nameStart = p;
        if (!is(*p, kLabelStart))
            return fail("invalid label name");
        ++p;
        while (p < end && is(*p, kLabel))
            ++p;
        LabelView label;
        label.name = QByteArrayView(nameStart, p - nameStart);
        p = skipBlanks(p, end);
        if (p == end || *p != '=')
            return fail("expected '=' after a label name");
        p = skipBlanks(p + 1, end);
        if (p == end || *p != '"')
            return fail("label value not in double quotes");
        ++p;
        const char *valueStart = p;
        // Fast path: the closing quote with no backslash before it.
        const char *quote = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        if (!quote)
            return fail("unterminated label value");
        if (std::memchr(p, '\\', size_t(quote - p))) {
            label.escaped = true;
            while (p < end && *p != '"') {
                if (*p == '\\') {
                    if (p + 1 == end)
                        return fail("unterminated label value");
                    const char e = p[1];
                    if (e != '\\' && e != '"' && e != 'n')
                        return fail("invalid escape in a label value");
                    p += 2;
                } else {
                    ++p;
                }
            }
            if (p == end)
                return fail("unterminated label value");
            quote = p;
        }
        label.rawValue = QByteArrayView(valueStart, quote - valueStart);
        m_labels.push_back(label);
        p = skipBlanks(quote + 1, end);
        if (p == end)
            return fail("unterminated label set");
        if (*p == ',')
            ++p;
        else if (*p != '}')
            return fail("expected ',' or '}' after a label value");
    }
}

void LineParser::parseLine(const char *p, const char *end, int lineNo)
{
    const char *lineStart = p;
    p = skipBlanks(p, end);
    if (p == end || *p == '#')
        return; // blank, or a comment (HELP and TYPE included)

    const char *nameStart = p;
    if (!is(*p, kNameStart)) {
        warn(lineNo, "invalid metric name", QByteArrayView(lineStart, end - lineStart));
        return;
    }
    ++p;
    while (p < end && is(*p, kName))
        ++p;
    const QByteArrayView name(nameStart, p - nameStart);
    p = skipBlanks(p, end);

    QByteArrayView labelBlock;
    m_labels.clear();
    if (p < end && *p == '{') {
        const char *blockStart = p;
        p = parseLabels(p + 1, end);
        if (!p) {
            warn(lineNo, m_error, name);
            return;
        }
        labelBlock = QByteArrayView(blockStart, p - blockStart);
        p = skipBlanks(p, end);
    }

    if (p == end) {
        warn(lineNo, "no value", name);
        return;
    }
    const char *valueStart = p;
    while (p < end && !isBlank(*p))
        ++p;
    double value = 0;
    if (!PromNumber::parseValue(valueStart, p, value)) {
        warn(lineNo, "invalid value", QByteArrayView(valueStart, p - valueStart));
        return;
    }
    p = skipBlanks(p, end);
    std::optional<qint64> timestamp;
    if (p < end) {
        const char *tsStart = p;
        while (p < end && !isBlank(*p))
            ++p;
        qint64 ts = 0;
        if (!PromNumber::parseTimestamp(tsStart, p, ts)) {
            warn(lineNo, "invalid timestamp", QByteArrayView(tsStart, p - tsStart));
            return;
        }
        timestamp = ts;
        p = skipBlanks(p, end);
        if (p < end) {
            warn(lineNo, "text after the timestamp", QByteArrayView(p, end - p));
            return;
        }
    }

    PromSample &s = m_result.samples.emplaceBack();
    s.name = m_interner.name(name);
    if (!m_labels.empty())
        s.labels = m_interner.labelSet(labelBlock, m_labels);
    s.value = value;
    s.timestampMs = timestamp;
}

// The text of the JSON string literal that starts at content[0] == '"', read by Qt's JSON parser
// (a cold path: only some llama.cpp builds need it). `closed` tells whether its closing quote was
// found (what follows it is ignored; without it, the string is read up to the end, a lone backslash
// there as itself); `error` is the parser's message when the literal is not valid JSON.
QByteArray unwrapJsonString(QByteArrayView content, bool &closed, QString &error)
{
    qsizetype end = 1;
    while (end < content.size() && content[end] != '"')
        end += content[end] == '\\' ? 2 : 1;
    closed = end < content.size();
    QByteArray array = '[' + content.first(std::min(end, content.size())).toByteArray();
    if (end > content.size())
        array += '\\';
    array += "\"]";
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(array, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = parseError.errorString();
        return {};
    }
    return doc.array().at(0).toString().toUtf8();
}

bool startsWithNoCase(QByteArrayView text, const char *prefix)
{
    const qsizetype n = qsizetype(std::strlen(prefix));
    if (text.size() < n)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        if ((text[i] | 0x20) != (prefix[i] | 0x20))
            return false;
    }
    return true;
}

void parseLines(QByteArrayView body, PromParseResult &result)
{
    const char *p = body.data();
    const char *const end = p + body.size();

    // Room for one sample a line, within reason: a body of ten million newlines must not
    // reserve gigabytes.
    qsizetype lines = 1;
    for (const char *q = p; (q = static_cast<const char *>(std::memchr(q, '\n', size_t(end - q)))); ++q)
        ++lines;
    result.samples.reserve(std::min(lines, qsizetype(1) << 16));

    LineParser parser(result);
    int lineNo = 0;
    while (p < end) {
        if (lineNo < std::numeric_limits<int>::max())
            ++lineNo; // ParseWarning::line is an int: saturate past 2^31 lines
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const char *lineEnd = nl ? nl : end;
        const char *contentEnd = lineEnd;
        if (contentEnd > p && contentEnd[-1] == '\r')
            --contentEnd;
        parser.parseLine(p, contentEnd, lineNo);
        p = nl ? nl + 1 : end;
    }
}

void parseBody(QByteArrayView body, PromParseResult &result, bool mayUnwrap)
{
    if (body.startsWith("\xEF\xBB\xBF"))
        body = body.sliced(3); // a UTF-8 byte order mark
    qsizetype start = 0;
    while (start < body.size() && (isBlank(body[start]) || body[start] == '\n' || body[start] == '\r'))
        ++start;
    const QByteArrayView content = body.sliced(start);

    if (content.isEmpty()) {
        result.warnings.append({ 0, QStringLiteral("empty body") });
        return;
    }
    if (content[0] == '<') {
        const bool html = startsWithNoCase(content, "<!doctype") || startsWithNoCase(content, "<html");
        result.warnings.append({ 0,
            html ? QStringLiteral("the body is an HTML page, not Prometheus text")
                 : QStringLiteral("the body is markup, not Prometheus text") });
        return;
    }
    if (content[0] == '{' || content[0] == '[') {
        result.warnings.append({ 0, QStringLiteral("the body is JSON, not Prometheus text") });
        return;
    }
    if (content[0] == '"' && mayUnwrap) {
        // Some llama.cpp builds (~b7010-b7100, issue #17384) sent the exposition as one JSON
        // string: unescape it and parse what it held. Line numbers are those of the unescaped text.
        bool closed = false;
        QString error;
        const QByteArray unwrapped = unwrapJsonString(content, closed, error);
        if (!error.isEmpty()) {
            result.warnings.append({ 0, QStringLiteral("the body is a JSON string that does not parse: ") + error });
            return;
        }
        if (!closed)
            result.warnings.append({ 0, QStringLiteral("the body is a JSON string without its closing quote") });
        parseBody(unwrapped, result, false);
        return;
    }

    parseLines(body, result);
    result.isExposition = !result.samples.isEmpty();
    if (!result.isExposition)
        result.warnings.append({ 0, QStringLiteral("no metric samples in the body") });
}

} // namespace

QString PromSample::label(QStringView key) const
{
    for (const auto &l : labels) {
        if (l.first == key)
            return l.second;
    }
    return {};
}

PromParseResult parsePrometheusText(QByteArrayView body)
{
    PromParseResult result;
    parseBody(body, result, true);
    return result;
}
