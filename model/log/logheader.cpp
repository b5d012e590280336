#include "internal/logparse.h"
#include "loglayout.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <cstring>

namespace LogParse {

namespace {

constexpr int kShownColumns = 10; // column names listed in one warning

using CsvScan::decode;
using CsvScan::Field;
using CsvScan::Record;
using CsvScan::RecordEnd;
using CsvScan::Scanner;

QString listNames(const QStringList &names)
{
    QStringList shown;
    for (qsizetype i = 0; i < names.size() && i < kShownColumns; ++i)
        shown << (names[i].isEmpty() ? LogReaderText::tr("(blank)") : QLatin1Char('"') + names[i] + QLatin1Char('"'));
    QString text = shown.join(QStringLiteral(", "));
    if (names.size() > kShownColumns)
        text += LogReaderText::tr(" and %1 more").arg(names.size() - kShownColumns);
    return text;
}

// An inner bound of the metric's range, probed from metricValueInRange() rather than restating its
// table: every value in [min, max] is in range; values outside it are left to metricValueInRange().
std::pair<double, double> rangeOf(Metric m)
{
    static constexpr double kProbes[] = { -1000, -100, 0, 1, 100, 200, 1e300 };
    double lo = 1e300;
    double hi = -1e300;
    for (double v : kProbes) {
        if (metricValueInRange(m, v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    return { lo, hi };
}

} // namespace

QString notALogReason(QByteArrayView bytes)
{
    auto starts = [&](const char *magic, qsizetype n) {
        return bytes.size() >= n && std::memcmp(bytes.data(), magic, size_t(n)) == 0;
    };
    if (starts("\x1F\x8B", 2))
        return LogReaderText::tr("the file is compressed (gzip); decompress it first");
    if (starts("PK\x03\x04", 4) || starts("PK\x05\x06", 4))
        return LogReaderText::tr("the file is a zip archive; extract the log first");
    if (starts("BZh", 3))
        return LogReaderText::tr("the file is compressed (bzip2); decompress it first");
    if (starts("\xFD\x37\x7A\x58\x5A\x00", 6))
        return LogReaderText::tr("the file is compressed (xz); decompress it first");
    if (starts("\x28\xB5\x2F\xFD", 4))
        return LogReaderText::tr("the file is compressed (zstd); decompress it first");
    if (starts("\xFF\xFE\x00\x00", 4) || starts("\x00\x00\xFE\xFF", 4))
        return LogReaderText::tr("the file is UTF-32 text; a log is UTF-8");
    if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2))
        return LogReaderText::tr("the file is UTF-16 text; a log is UTF-8");

    // Only the header line decides: past it, NUL bytes and garbage are damaged records, reported
    // with their line numbers, so a log whose end was overwritten with NULs still loads.
    const char *b = bytes.data();
    const qsizetype sample = std::min<qsizetype>(bytes.size(), 4096);
    const char *newline = std::find(b, b + sample, '\n');
    const bool firstEnd = newline != b + sample;
    const qsizetype headerLength = newline - b;

    // Without a byte order mark, UTF-16 and UTF-32 show as NULs in a regular pattern.
    const qsizetype n = headerLength;
    qsizetype nulAt[4] = { 0, 0, 0, 0 };
    for (qsizetype i = 0; i < n; ++i) {
        if (b[i] == 0)
            ++nulAt[i % 4];
    }
    const qsizetype quarter = n / 4;
    const qsizetype nuls = nulAt[0] + nulAt[1] + nulAt[2] + nulAt[3];
    if (n >= 8) {
        for (int k = 0; k < 4; ++k) { // the one non-NUL byte of each unit sits at k
            const qsizetype others = nuls - nulAt[k];
            if (others >= 3 * quarter * 9 / 10 && nulAt[k] <= quarter / 10)
                return LogReaderText::tr("the file is UTF-32 text; a log is UTF-8");
        }
        if ((nulAt[1] + nulAt[3] >= n / 2 * 9 / 10 && nulAt[0] + nulAt[2] <= n / 20)
            || (nulAt[0] + nulAt[2] >= n / 2 * 9 / 10 && nulAt[1] + nulAt[3] <= n / 20))
            return LogReaderText::tr("the file is UTF-16 text; a log is UTF-8");
    }
    // The header line must be text.
    for (qsizetype i = 0; i < headerLength; ++i) {
        const unsigned char c = static_cast<unsigned char>(b[i]);
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F)
            return LogReaderText::tr("the file is binary, not a CSV log");
    }
    const QByteArrayView head(b, headerLength);
    if (!head.isValidUtf8()) {
        // a cut multi-byte character at the end of the 4 KiB sample is not evidence
        if (firstEnd || !head.chopped(std::min<qsizetype>(3, headerLength)).isValidUtf8())
            return LogReaderText::tr("the file is binary, not a CSV log");
    }
    return {};
}

bool readHeader(Scanner &scanner, Header &header, LogData &data, QString *error)
{
    Record rec;
    std::vector<Field> fields;
    const bool read = scanner.next(rec, fields);
    if (read && rec.end == RecordEnd::Nul) { // past the 4 KiB that notALogReason() looks at
        *error = LogReaderText::tr("the file is binary, not a CSV log");
        return false;
    }
    if (!read || rec.end == RecordEnd::EofInQuote) {
        *error = LogReaderText::tr("the first line has no \"timestamp\" column: this is not a session log");
        return false;
    }
    header.fieldCount = int(fields.size());
    QStringList names;
    names.reserve(header.fieldCount);
    for (const Field &field : fields)
        names << decode(field);
    const LogLayout layout = LogLayout::fromHeader(names);
    header.timestampField = layout.timestampColumn();
    header.eventField = layout.eventColumn();
    header.notesField = layout.notesColumn();

    QHash<QString, int> seen;
    QHash<QString, int> machines;
    QStringList duplicates; // the first few names, for the warning
    int duplicateCount = 0;
    seen.reserve(header.fieldCount);
    for (int i = 0; i < header.fieldCount; ++i) {
        const LogLayout::Column &column = layout.columns().at(i);
        const QString &name = column.name;
        if (seen.contains(name)) {
            ++duplicateCount;
            if (duplicates.size() < kShownColumns && !duplicates.contains(name))
                duplicates << name;
            continue;
        }
        seen.insert(name, i);
        if (i == header.timestampField || i == header.eventField || i == header.notesField)
            continue;
        if (!column.metric) {
            data.unknownColumns << name;
            continue;
        }
        auto it = machines.constFind(column.machine);
        if (it == machines.constEnd()) {
            it = machines.insert(column.machine, int(data.machines.size()));
            data.machines << column.machine;
            std::array<int, kMetricCount> none;
            none.fill(-1);
            data.columnIndex.push_back(none);
        }
        const int index = int(data.columns.size());
        data.columns.emplace_back();
        data.columnIndex[size_t(*it)][size_t(metricIndex(*column.metric))] = index;
        const auto [lo, hi] = rangeOf(*column.metric);
        header.metricColumns.push_back(MetricColumn { i, index, *column.metric, name, lo, hi });
    }
    if (header.timestampField < 0) {
        *error = LogReaderText::tr("the first line has no \"timestamp\" column: this is not a session log");
        return false;
    }
    if (!data.unknownColumns.isEmpty()) {
        data.warnings.append(LogWarning { LogWarning::UnknownColumn, 1,
            LogReaderText::tr("line 1: %n column(s) not in the log format, kept out of the data: %1", nullptr,
                int(data.unknownColumns.size()))
                .arg(listNames(data.unknownColumns)) });
    }
    if (!duplicates.isEmpty()) {
        data.warnings.append(LogWarning { LogWarning::DuplicateColumn, 1,
            LogReaderText::tr("line 1: %1 duplicated column(s), the first column of each name is used: %2")
                .arg(duplicateCount)
                .arg(listNames(duplicates)) });
    }
    header.isMetricField.assign(size_t(header.fieldCount), 0);
    for (const MetricColumn &c : header.metricColumns)
        header.isMetricField[size_t(c.field)] = 1;
    return true;
}

} // namespace LogParse
