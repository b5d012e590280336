#include "flatjson.h"

#include "samebytes.h"

#include <QtGlobal>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace FlatJson {
namespace {

inline const char *skipSpace(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        ++p;
    return p;
}

#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
// The lowest byte of `word` that is a '"' or a '\\', by its index (8: none). Bit tricks on 8 bytes
// at once (SWAR); only the lowest flag is exact, which is the one used.
inline int quoteOrBackslash(std::uint64_t word)
{
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    const std::uint64_t q = word ^ (ones * '"');
    const std::uint64_t b = word ^ (ones * '\\');
    const std::uint64_t found = (((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
    return found ? __builtin_ctzll(found) / 8 : 8;
}
#endif

// p at the opening quote; returns the closing quote, or nullptr. *escaped: a backslash was seen.
const char *scanString(const char *p, const char *end, bool *escaped)
{
    *escaped = false;
    for (++p;;) {
#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
        while (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            const int i = quoteOrBackslash(word);
            p += i;
            if (i < 8)
                break;
        }
#endif
        while (p < end && *p != '"' && *p != '\\')
            ++p;
        if (p >= end)
            return nullptr;
        if (*p == '"')
            return p;
        *escaped = true;
        p += 2; // the backslash and the escaped byte
    }
}

// p at '{' or '['; returns the byte after the matching close, or nullptr. Strings are respected.
const char *skipNested(const char *p, const char *end)
{
    long depth = 0;
    bool escaped = false;
    for (; p < end; ++p) {
        switch (*p) {
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            if (--depth == 0)
                return p + 1;
            break;
        case '"':
            p = scanString(p, end, &escaped);
            if (!p)
                return nullptr;
            break;
        default:
            break;
        }
    }
    return nullptr;
}

// The bytes of a JSON number.
struct NumberBytes
{
    bool in[256] = {};
    constexpr NumberBytes()
    {
        for (char c = '0'; c <= '9'; ++c)
            in[int(c)] = true;
        in[int('-')] = in[int('+')] = in[int('.')] = in[int('e')] = in[int('E')] = true;
    }
};
constexpr NumberBytes kNumberBytes;

bool isDelimiter(char c)
{
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A plain decimal (-?digits[.digits], at most 15 digits) exactly: the digits as an integer, below
// 2^53, divided by an exact power of ten is correctly rounded (Clinger's fast path). False for
// anything else, which std::from_chars then reads.
bool fastDecimal(const char *b, const char *e, double *out)
{
    static constexpr double kPow10[]
        = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
    const bool negative = *b == '-';
    const char *p = b + (negative ? 1 : 0);
    std::uint64_t mantissa = 0;
    int digits = 0;
    int fraction = -1; // digits after the point; -1: no point
    for (; p < e; ++p) {
        if (*p >= '0' && *p <= '9') {
            mantissa = mantissa * 10 + std::uint64_t(*p - '0');
            ++digits;
            if (fraction >= 0)
                ++fraction;
        } else if (*p == '.' && fraction < 0) {
            fraction = 0;
        } else {
            return false;
        }
    }
    if (digits == 0 || digits > 15 || fraction == 0)
        return false;
    const double v = double(mantissa) / kPow10[fraction > 0 ? fraction : 0];
    *out = negative ? -v : v;
    return true;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The common number read in one pass: a plain decimal (as fastDecimal takes it) that ends at a
// delimiter or at `end`. Returns the byte after it, or nullptr for anything else (parseValue's
// general path then reads it, with the same result for these bytes).
const char *plainDecimal(const char *p, const char *end, double *out)
{
    static constexpr double kPow10[]
        = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
    const bool negative = *p == '-';
    const char *q = p + (negative ? 1 : 0);
    const char *digitsFrom = q;
    std::uint64_t mantissa = 0;
    while (q < end && isDigit(*q))
        mantissa = mantissa * 10 + std::uint64_t(*q++ - '0');
    int fraction = 0;
    if (q < end && *q == '.') {
        const char *point = q++;
        while (q < end && isDigit(*q))
            mantissa = mantissa * 10 + std::uint64_t(*q++ - '0');
        fraction = int(q - point - 1);
        if (fraction == 0)
            return nullptr;
    }
    const long digits = long(q - digitsFrom) - (fraction > 0 ? 1 : 0);
    if (digits == 0 || digits > 15 || (q < end && !isDelimiter(*q)))
        return nullptr;
    // An integer needs no division (x / 1 is x); a division is the costliest step of the rest.
    const double v = fraction > 0 ? double(mantissa) / kPow10[fraction] : double(mantissa);
    *out = negative ? -v : v;
    return q;
}

bool parseNumber(const char *b, const char *e, double *out)
{
    const size_t n = size_t(e - b);
    if ((n == 3 && std::memcmp(b, "NaN", 3) == 0)) {
        *out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (n == 8 && std::memcmp(b, "Infinity", 8) == 0) {
        *out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (n == 9 && std::memcmp(b, "-Infinity", 9) == 0) {
        *out = -std::numeric_limits<double>::infinity();
        return true;
    }
    if (n == 0 || !(*b == '-' || (*b >= '0' && *b <= '9')))
        return false;
    if (fastDecimal(b, e, out))
        return true;
    const auto r = std::from_chars(b, e, *out);
    return r.ec == std::errc() && r.ptr == e;
}

// One value at p; fills m and returns the byte after it, or nullptr.
const char *parseValue(const char *p, const char *end, Member &m)
{
    if (p >= end)
        return nullptr;
    if (*p == '"') {
        const char *q = scanString(p, end, &m.escaped);
        if (!q)
            return nullptr;
        m.type = Type::String;
        m.raw = QByteArrayView(p + 1, q - p - 1);
        return q + 1;
    }
    if (*p == '{' || *p == '[') {
        const char *q = skipNested(p, end);
        if (!q)
            return nullptr;
        m.type = Type::Nested;
        m.raw = QByteArrayView(p, q - p);
        return q;
    }
    if (const char *q = plainDecimal(p, end, &m.number)) {
        m.type = Type::Number;
        m.raw = QByteArrayView(p, q - p);
        return q;
    }
    const char *q = p;
    if ((*p == '-' && p + 1 < end && p[1] != 'I') || (*p >= '0' && *p <= '9')) {
        while (q < end && kNumberBytes.in[static_cast<unsigned char>(*q)])
            ++q;
    } else {
        while (q < end && !isDelimiter(*q))
            ++q;
    }
    if (q < end && !isDelimiter(*q))
        return nullptr;
    m.raw = QByteArrayView(p, q - p);
    if (parseNumber(p, q, &m.number))
        m.type = Type::Number;
    else if (m.raw == "true")
        m.type = Type::True;
    else if (m.raw == "false")
        m.type = Type::False;
    else if (m.raw == "null")
        m.type = Type::Null;
    else
        return nullptr;
    return q;
}

void appendUtf8(QByteArray &out, unsigned cp)
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

bool hex4(const char *p, const char *end, unsigned *out)
{
    if (end - p < 4)
        return false;
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= unsigned(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= unsigned(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= unsigned(c - 'A' + 10);
        else
            return false;
    }
    *out = v;
    return true;
}

} // namespace

const char *parseObject(const char *p, const char *end, std::vector<Member> &members)
{
    members.clear();
    if (p >= end || *p != '{')
        return nullptr;
    p = skipSpace(p + 1, end);
    if (p < end && *p == '}')
        return p + 1;
    for (;;) {
        if (p >= end || *p != '"')
            return nullptr;
        Member m;
        const char *q = scanString(p, end, &m.keyEscaped);
        if (!q)
            return nullptr;
        m.key = QByteArrayView(p + 1, q - p - 1);
        p = skipSpace(q + 1, end);
        if (p >= end || *p != ':')
            return nullptr;
        p = parseValue(skipSpace(p + 1, end), end, m);
        if (!p)
            return nullptr;
        members.push_back(m);
        p = skipSpace(p, end);
        if (p < end && *p == '}')
            return p + 1;
        if (p >= end || *p != ',')
            return nullptr;
        p = skipSpace(p + 1, end);
    }
}

const char *Scanner::parseObject(const char *p, const char *end, std::vector<Member> &members)
{
    m_same = false;
    if (m_valid && !m_frames.empty()) {
        members.resize(m_frames.size());
        const char *q = p;
        size_t i = 0;
        for (; i < m_frames.size(); ++i) {
            const Frame &f = m_frames[i];
            if (end - q <= f.size || !sameBytes(q, m_bytes.constData() + f.from, f.size))
                break;
            Member &m = members[i];
            m = Member();
            m.key = QByteArrayView(q + f.keyAt, f.keySize);
            m.keyEscaped = f.keyEscaped;
            q = parseValue(q + f.size, end, m);
            if (!q)
                break;
        }
        if (i == m_frames.size()) {
            q = skipSpace(q, end);
            if (q < end && *q == '}') {
                m_same = true;
                return q + 1;
            }
        }
    }
    const char *after = FlatJson::parseObject(p, end, members);
    if (after)
        remember(p, members);
    return after;
}

// The bytes before each value of an object just parsed: from the '{' or the end of the value
// before, to the value's first byte.
void Scanner::remember(const char *p, const std::vector<Member> &members)
{
    m_bytes.clear();
    m_frames.resize(members.size());
    const char *from = p;
    for (size_t i = 0; i < members.size(); ++i) {
        const Member &m = members[i];
        const bool quoted = m.type == Type::String;
        const char *value = m.raw.data() - (quoted ? 1 : 0);
        Frame &f = m_frames[i];
        f.from = m_bytes.size();
        f.size = value - from;
        f.keyAt = m.key.data() - from;
        f.keySize = m.key.size();
        f.keyEscaped = m.keyEscaped;
        m_bytes.append(from, f.size);
        from = m.raw.data() + m.raw.size() + (quoted ? 1 : 0);
    }
    m_valid = true;
}

QByteArray unescape(QByteArrayView raw)
{
    QByteArray out;
    out.reserve(raw.size());
    const char *p = raw.data();
    const char *end = p + raw.size();
    while (p < end) {
        if (*p != '\\' || p + 1 >= end) {
            out.append(*p++);
            continue;
        }
        const char c = p[1];
        p += 2;
        switch (c) {
        case 'n':
            out.append('\n');
            break;
        case 't':
            out.append('\t');
            break;
        case 'r':
            out.append('\r');
            break;
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'u': {
            unsigned cp = 0;
            if (!hex4(p, end, &cp)) {
                out.append("\xEF\xBF\xBD");
                break;
            }
            p += 4;
            unsigned low = 0;
            if (cp >= 0xD800 && cp < 0xDC00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, end, &low)
                && low >= 0xDC00 && low < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
            } else if (cp >= 0xD800 && cp < 0xE000) {
                cp = 0xFFFD; // a lone surrogate
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            out.append(c);
            break; // \" \\ \/ and anything else as itself
        }
    }
    return out;
}

} // namespace FlatJson
