#include "prometheusparser.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
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

// A fast hash of a short byte string: 16 bytes a step in two independent lanes, so the
// multiplications overlap. Only for the caches below, which compare the bytes on a hit anyway.
inline size_t hashBytes(const char *data, qsizetype size)
{
    constexpr quint64 kMul = 0xFF51AFD7ED558CCDULL;
    quint64 a = 0x9E3779B97F4A7C15ULL ^ quint64(size);
    quint64 b = 0xC4CEB9FE1A85EC53ULL;
    qsizetype i = 0;
    for (; i + 16 <= size; i += 16) {
        quint64 x, y;
        std::memcpy(&x, data + i, 8);
        std::memcpy(&y, data + i + 8, 8);
        a = (a ^ x) * kMul;
        b = (b ^ y) * kMul;
        a ^= a >> 29;
        b ^= b >> 31;
    }
    if (i + 8 <= size) {
        quint64 x;
        std::memcpy(&x, data + i, 8);
        a = (a ^ x) * kMul;
        a ^= a >> 29;
        i += 8;
    }
    if (i < size) {
        quint64 y = 0;
        std::memcpy(&y, data + i, size_t(size - i));
        b = (b ^ y) * kMul;
        b ^= b >> 31;
    }
    const quint64 h = (a ^ (b >> 1)) * kMul;
    return size_t(h ^ (h >> 32));
}

// A direct-mapped cache from raw bytes (a view into the body, which outlives the parse) to a
// value made from them. A collision just replaces the entry: correct, only slower.
template<typename Value, size_t Size> class ViewCache
{
    static_assert((Size & (Size - 1)) == 0, "a power of two");

public:
    ViewCache()
        : m_entries(Size)
    { }

    // The cached value for `key`, or nullptr; `slot` is where to store() on a miss.
    const Value *find(QByteArrayView key, size_t &slot) const
    {
        slot = hashBytes(key.data(), key.size()) & (Size - 1);
        const Entry &e = m_entries[slot];
        if (e.used && e.key.size() == key.size() && std::memcmp(e.key.data(), key.data(), size_t(key.size())) == 0)
            return &e.value;
        return nullptr;
    }
    const Value &store(size_t slot, QByteArrayView key, Value value)
    {
        Entry &e = m_entries[slot];
        e.key = key;
        e.value = std::move(value);
        e.used = true;
        return e.value;
    }

private:
    struct Entry
    {
        QByteArrayView key;
        Value value;
        bool used = false;
    };
    std::vector<Entry> m_entries;
};

// Label values as written between the quotes: \\, \" and \n are the only escapes.
QString unescapeLabelValue(QByteArrayView raw)
{
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
            c = raw[++i];
            if (c == 'n')
                c = '\n';
        }
        out.append(c);
    }
    return QString::fromUtf8(out);
}

struct LabelView
{
    QByteArrayView name;
    QByteArrayView rawValue; // between the quotes, still escaped
    bool escaped = false;
};

using Labels = QList<QPair<QString, QString>>;

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

    QString intern(QByteArrayView bytes)
    {
        size_t slot;
        if (const QString *s = m_strings.find(bytes, slot))
            return *s;
        return m_strings.store(slot, bytes, QString::fromUtf8(bytes));
    }
    QString internValue(const LabelView &l)
    {
        if (!l.escaped)
            return intern(l.rawValue);
        size_t slot;
        if (const QString *s = m_escapedValues.find(l.rawValue, slot))
            return *s;
        return m_escapedValues.store(slot, l.rawValue, unescapeLabelValue(l.rawValue));
    }
    Labels labelsFor(QByteArrayView block);

    PromParseResult &m_result;
    const char *m_error = nullptr;
    std::vector<LabelView> m_labels; // of the line being parsed; reused
    ViewCache<QString, 1024> m_strings;
    ViewCache<QString, 256> m_escapedValues;
    ViewCache<Labels, 512> m_labelSets;
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

Labels LineParser::labelsFor(QByteArrayView block)
{
    size_t slot;
    if (const Labels *cached = m_labelSets.find(block, slot))
        return *cached;
    Labels labels;
    labels.reserve(qsizetype(m_labels.size()));
    for (const LabelView &l : m_labels)
        labels.append({ intern(l.name), internValue(l) });
    return m_labelSets.store(slot, block, std::move(labels));
}

// A Go float as the exposition writes it. Whole token or nothing.
bool parseValue(const char *p, const char *end, double &out)
{
    if (p == end)
        return false;
    bool negative = false;
    bool signed_ = false;
    if (*p == '+' || *p == '-') {
        negative = *p == '-';
        signed_ = true;
        ++p;
        if (p == end)
            return false;
    }
    const qsizetype n = end - p;
    // Most values: up to 15 digits with an optional decimal point ("42", "27453.0", "0.4215").
    // The digits are exact in a double and so is 10^k for k <= 22, so one division rounds
    // correctly: the same double as from_chars (Clinger's fast path).
    if (n <= 16) {
        static constexpr double kPow10[]
            = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16 };
        quint64 v = 0;
        int digits = 0;
        const char *q = p;
        while (q < end && unsigned(*q - '0') <= 9) {
            v = v * 10 + quint64(*q++ - '0');
            ++digits;
        }
        const char *point = q;
        if (q < end && *q == '.') {
            ++q;
            while (q < end && unsigned(*q - '0') <= 9) {
                v = v * 10 + quint64(*q++ - '0');
                ++digits;
            }
        }
        if (q == end && digits > 0 && digits <= 15) {
            const double d = point == end ? double(v) : double(v) / kPow10[end - point - 1];
            out = negative ? -d : d;
            return true;
        }
    }
    auto equalsNoCase = [p, n](const char *word) {
        const qsizetype len = qsizetype(std::strlen(word));
        if (n != len)
            return false;
        for (qsizetype i = 0; i < len; ++i) {
            if ((p[i] | 0x20) != word[i])
                return false;
        }
        return true;
    };
    if (equalsNoCase("inf") || equalsNoCase("infinity")) {
        out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (equalsNoCase("nan")) {
        out = std::numeric_limits<double>::quiet_NaN();
        return !signed_; // Go reads no sign on NaN
    }
    // from_chars would take its own sign, and "inf"/"nan" spellings Go does not: only digits or '.'.
    if (unsigned(*p - '0') > 9 && *p != '.')
        return false;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(p, end, v, std::chars_format::general);
    if (ptr != end)
        return false;
    if (ec == std::errc::result_out_of_range) {
        // Go rounds an underflow to zero and an overflow to ±Inf (with an error, which expfmt
        // reports); this takes the underflow only.
        const char *e = static_cast<const char *>(std::memchr(p, 'e', size_t(n)));
        if (!e)
            e = static_cast<const char *>(std::memchr(p, 'E', size_t(n)));
        if (!(e && e + 1 < end && e[1] == '-'))
            return false;
        v = 0;
    } else if (ec != std::errc()) {
        return false;
    }
    out = negative ? -v : v;
    return true;
}

bool parseTimestamp(const char *p, const char *end, qint64 &out)
{
    bool negative = false;
    if (p < end && (*p == '-' || *p == '+')) {
        negative = *p == '-';
        ++p;
    }
    if (p == end)
        return false;
    quint64 v = 0;
    for (; p < end; ++p) {
        const unsigned d = unsigned(*p - '0');
        if (d > 9)
            return false;
        if (v > (quint64(std::numeric_limits<qint64>::max()) - d) / 10)
            return false;
        v = v * 10 + d;
    }
    out = negative ? -qint64(v) : qint64(v);
    return true;
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
    if (!parseValue(valueStart, p, value)) {
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
        if (!parseTimestamp(tsStart, p, ts)) {
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
    s.name = intern(name);
    if (!m_labels.empty())
        s.labels = labelsFor(labelBlock);
    s.value = value;
    s.timestampMs = timestamp;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Four hex digits at s[i], or -1.
int hex4(QByteArrayView s, qsizetype i)
{
    if (i + 4 > s.size())
        return -1;
    int v = 0;
    for (qsizetype k = i; k < i + 4; ++k) {
        const int d = hexDigit(s[k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

// The contents of a JSON string literal that starts at body[0] == '"'. `closed` tells whether its
// closing quote was found; what follows that quote is ignored.
QByteArray unescapeJsonString(QByteArrayView body, bool &closed)
{
    QByteArray out;
    out.reserve(body.size());
    closed = false;
    qsizetype i = 1;
    while (i < body.size()) {
        const char c = body[i];
        if (c == '"') {
            closed = true;
            break;
        }
        if (c != '\\' || i + 1 == body.size()) {
            out.append(c);
            ++i;
            continue;
        }
        const char e = body[i + 1];
        i += 2;
        switch (e) {
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        case 't':
            out.append('\t');
            break;
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'u': {
            int cp = hex4(body, i);
            if (cp < 0) {
                out.append("\\u");
                break;
            }
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= body.size() && body[i] == '\\' && body[i + 1] == 'u') {
                const int low = hex4(body, i + 2);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD; // a lone surrogate
            appendUtf8(out, char32_t(cp));
            break;
        }
        default:
            out.append(e);
            break; // \" \\ \/ and anything unknown: the character itself
        }
    }
    return out;
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
        const QByteArray unwrapped = unescapeJsonString(content, closed);
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
