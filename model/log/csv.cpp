#include "csv.h"

#include "internal/csvscanner.h"

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
    CsvScan::Scanner scanner(text.data(), text.data() + text.size());
    CsvScan::Record scanned;
    std::vector<CsvScan::Field> fields;
    while (scanner.next(scanned, fields)) {
        Record record;
        record.line = scanned.firstLine;
        record.terminated = scanned.end == CsvScan::RecordEnd::Newline;
        record.openQuote = scanned.end == CsvScan::RecordEnd::EofInQuote;
        record.nul = scanned.end == CsvScan::RecordEnd::Nul;
        record.fields.reserve(qsizetype(fields.size()));
        for (const CsvScan::Field &field : fields)
            record.fields.append(CsvScan::decode(field));
        records.append(record);
        if (record.nul)
            break;
    }
    return records;
}

} // namespace Csv
