#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

#include <vector>

// Splits RFC 4180 records out of bytes, fields as ranges into them (no copy, no string per cell),
// with the physical line each record starts and ends on. The log reader's general path.
namespace CsvScan {

struct Field
{
    const char *b = nullptr;
    const char *e = nullptr;
    bool escaped = false; // quoted, with doubled quotes inside
    // Quoted, and text follows the closing quote (at e) up to te, which RFC 4180 does not allow: the
    // value is the quoted text followed by that text as written, as Python's csv and pandas read it.
    const char *te = nullptr;
    bool trailing() const { return te != nullptr; }
};

// How a record ended. Nul: at a NUL byte, which no log holds: the record is damage, and quotes in
// damage are not trusted, so the caller skips the rest of the line (Scanner::position() is the NUL).
enum class RecordEnd { Newline, Eof, EofInQuote, Nul };

struct Record
{
    int firstLine = 1;
    int lastLine = 1;
    RecordEnd end = RecordEnd::Newline;
    bool trailing = false;   // a field has text after its closing quote
    const char *b = nullptr; // the record's bytes, without its line end
    const char *e = nullptr;
};

// The bytes that end an unquoted field or need a look: comma, line feed, NUL.
struct StopTable
{
    bool stop[256] = {};
    constexpr StopTable()
    {
        stop[int(',')] = true;
        stop[int('\n')] = true;
        stop[0] = true;
    }
};
inline constexpr StopTable kStops;

// Splits RFC 4180 records out of the bytes, fields as ranges into them.
class Scanner
{
public:
    Scanner(const char *b, const char *e)
        : m_p(b)
        , m_end(e)
    { }

    const char *position() const { return m_p; }
    int line() const { return m_line; }
    void seek(const char *p, int line)
    {
        m_p = p;
        m_line = line;
    }

    bool next(Record &rec, std::vector<Field> &fields)
    {
        fields.clear();
        if (m_p >= m_end)
            return false;
        rec.firstLine = m_line;
        rec.trailing = false;
        rec.b = m_p;
        for (;;) {
            Field f;
            const char *q = m_p < m_end && *m_p == '"' ? quoted(m_p, f, rec, fields) : unquoted(m_p, f, rec);
            if (!q)
                return true; // the record ended inside the field
            fields.push_back(f);
            if (q == m_end) {
                m_p = m_end;
                rec.e = m_end;
                rec.end = RecordEnd::Eof;
                rec.lastLine = m_line;
                return true;
            }
            if (*q == '\n') {
                rec.e = q;
                rec.lastLine = m_line++;
                m_p = q + 1;
                rec.end = RecordEnd::Newline;
                return true;
            }
            m_p = q + 1; // a comma: another field follows, maybe empty at the end of the data
            if (m_p == m_end) {
                fields.push_back(Field { m_p, m_p, false, nullptr });
                rec.e = m_end;
                rec.end = RecordEnd::Eof;
                rec.lastLine = m_line;
                return true;
            }
        }
    }

private:
    // The record ends at a NUL byte (Scanner::position() is the NUL).
    void stopAtNul(const char *nul, Record &rec)
    {
        m_p = nul;
        rec.e = nul;
        rec.end = RecordEnd::Nul;
        rec.lastLine = m_line;
    }

    // The quoted field at q (*q == '"') into f, and any text after its closing quote up to the
    // comma or line end; returns where that stops, or nullptr when the record ended inside the
    // field (the data did, or a NUL byte), `rec` and `fields` then complete.
    const char *quoted(const char *q, Field &f, Record &rec, std::vector<Field> &fields)
    {
        f.b = ++q;
        for (;; ++q) {
            if (q == m_end) {
                f.e = q;
                fields.push_back(f);
                m_p = m_end;
                rec.e = m_end;
                rec.end = RecordEnd::EofInQuote;
                rec.lastLine = m_end[-1] == '\n' ? m_line - 1 : m_line; // no line after a final \n
                return nullptr;
            }
            const char c = *q;
            if (c == '"') {
                if (q + 1 < m_end && q[1] == '"') {
                    f.escaped = true;
                    ++q;
                    continue;
                }
                break;
            }
            if (c == '\n') {
                ++m_line;
            } else if (c == '\0') {
                stopAtNul(q, rec);
                return nullptr;
            }
        }
        f.e = q++;
        const char *after = q;
        while (q < m_end && *q != ',' && *q != '\n') {
            if (*q == '\0') {
                stopAtNul(q, rec);
                return nullptr;
            }
            ++q;
        }
        const char *te = (q == m_end || *q == '\n') && q > after && q[-1] == '\r' ? q - 1 : q;
        if (te > after) {
            f.te = te;
            rec.trailing = true;
        }
        return q;
    }

    // The unquoted field at q into f (a \r before a line end left out); returns where it stops, or
    // nullptr at a NUL byte, `rec` then complete.
    const char *unquoted(const char *q, Field &f, Record &rec)
    {
        f.b = q;
        while (q < m_end) {
            if (kStops.stop[static_cast<unsigned char>(*q)]) {
                if (*q != '\0')
                    break;
                stopAtNul(q, rec);
                return nullptr;
            }
            ++q;
        }
        f.e = q;
        if ((q == m_end || *q == '\n') && f.e > f.b && f.e[-1] == '\r')
            --f.e;
        return q;
    }

    const char *m_p;
    const char *m_end;
    int m_line = 1;
};

// The text of a field: its bytes as UTF-8, a U+FEFF at its start included (QString::fromUtf8 would
// drop it, and an event of only that would be a marker with an empty label).
inline QString decode(const Field &f)
{
    QStringDecoder utf8(
        QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    if (!f.escaped && !f.trailing())
        return utf8(QByteArrayView(f.b, f.e - f.b));
    QByteArray bytes;
    bytes.reserve(f.e - f.b + (f.trailing() ? f.te - f.e : 0));
    for (const char *p = f.b; p < f.e; ++p) {
        bytes.append(*p);
        if (*p == '"' && p + 1 < f.e && p[1] == '"')
            ++p;
    }
    if (f.trailing())
        bytes.append(f.e + 1, f.te - (f.e + 1)); // after the closing quote
    return utf8(bytes);
}

// Whether the field's bytes (quoted text and any text after the closing quote) are valid UTF-8.
inline bool isUtf8(const Field &f)
{
    return QByteArrayView(f.b, f.e - f.b).isValidUtf8()
        && (!f.trailing() || QByteArrayView(f.e + 1, f.te - (f.e + 1)).isValidUtf8());
}

inline bool isBlank(const Field &f)
{
    for (const char *p = f.b; p < f.e; ++p) {
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            return false;
    }
    return true;
}

} // namespace CsvScan
