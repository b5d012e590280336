#include "csv.h"

#include <QString>

namespace Csv {

QByteArray escape(const QString &field)
{
    QByteArray utf8 = field.toUtf8();
    bool needsQuotes = false;
    for (char c : std::as_const(utf8)) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

QList<Record> parse(QByteArrayView text)
{
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);

    QList<Record> records;
    Record current;
    QByteArray field;
    bool inQuotes = false;
    bool atFieldStart = true; // nothing of the current field read yet
    bool recordOpen = false;  // something of the current record read
    int line = 1;
    current.line = 1;

    auto endField = [&] {
        current.fields.append(QString::fromUtf8(field));
        field.clear();
        atFieldStart = true;
    };
    auto endRecord = [&](bool terminated) {
        endField();
        current.terminated = terminated;
        records.append(current);
        current = Record();
        current.line = line;
        recordOpen = false;
    };

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < n && text[i + 1] == '"') {
                    field.append('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == '\n') {
            ++line;
            endRecord(true);
            continue;
        }
        recordOpen = true;
        if (c == ',') {
            endField();
        } else if (c == '"' && atFieldStart) {
            inQuotes = true;
            atFieldStart = false;
        } else if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
            // the first half of \r\n
        } else {
            field.append(c); // a quote inside an unquoted field is kept as text
            atFieldStart = false;
        }
    }
    if (inQuotes) {
        current.openQuote = true;
        endRecord(false);
    } else if (recordOpen) {
        endRecord(false);
    }
    return records;
}

} // namespace Csv
