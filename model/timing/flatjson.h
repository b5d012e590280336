#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

// A small scanner for the flat JSON objects of JSON-lines logs (one object per line, values that
// are strings, numbers, booleans or null). Nested objects and arrays are checked for balance and
// kept as their raw text, iteratively (no recursion: any depth is safe). Nothing is allocated per
// member: keys and values are ranges into the bytes. Python's json.dumps tokens NaN, Infinity and
// -Infinity are numbers. About 5× faster than QJsonDocument per line (bench/README.md, Timing logs).
namespace FlatJson {

enum class Type { String, Number, True, False, Null, Nested };

struct Member
{
    QByteArrayView key; // raw, between the quotes
    bool keyEscaped = false;
    Type type = Type::Null;
    QByteArrayView raw;   // strings: between the quotes; others: the token or nested text
    bool escaped = false; // a string with backslash escapes (decode() undoes them)
    double number = 0;    // Type::Number
};

// Parses the object that starts at `p` (a '{') and ends before `end`. Returns the byte after its
// closing '}', or nullptr when the bytes are not a valid object. `members` is cleared first.
const char *parseObject(const char *p, const char *end, std::vector<Member> &members);

// parseObject for a stream of objects that mostly repeat their keys (the lines of one program):
// when an object has the bytes around its values of the last one read (the same keys in the same
// order, the same spacing), those bytes are compared with memcmp instead of scanned, and only the
// values are read. Same results as parseObject on every input; anything else takes its path.
class Scanner
{
public:
    const char *parseObject(const char *p, const char *end, std::vector<Member> &members);
    // Whether the last object parsed had the keys (and the bytes around them) of the one before.
    bool sameKeys() const { return m_same; }

private:
    struct Frame
    {
        qsizetype from = 0; // in m_bytes: what comes before the value ('{' or ',', spaces, key, ':')
        qsizetype size = 0;
        qsizetype keyAt = 0; // the key's offset in those bytes
        qsizetype keySize = 0;
        bool keyEscaped = false;
    };
    void remember(const char *p, const std::vector<Member> &members);
    QByteArray m_bytes;
    std::vector<Frame> m_frames;
    bool m_valid = false;
    bool m_same = false;
};

// A string value's bytes as UTF-8, escapes undone (\uXXXX and surrogate pairs included).
QByteArray unescape(QByteArrayView raw);

// The key or value as UTF-8 bytes, unescaped only when needed.
inline QByteArray keyBytes(const Member &m)
{
    return m.keyEscaped ? unescape(m.key) : QByteArray::fromRawData(m.key.data(), m.key.size());
}
inline QByteArray valueBytes(const Member &m)
{
    return m.escaped ? unescape(m.raw) : QByteArray::fromRawData(m.raw.data(), m.raw.size());
}

} // namespace FlatJson
