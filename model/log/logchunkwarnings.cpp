// What ChunkParser says about what it could not read as written: damaged records (joined in runs),
// bad and malformed cells, the bytes quoted in those warnings.
#include "internal/logparse.h"

#include <cmath>

namespace LogParse {

using CsvScan::decode;
using CsvScan::Field;
using CsvScan::Record;
using CsvScan::RecordEnd;

namespace {

constexpr int kShownValue = 40; // characters of a bad value quoted in a warning

QString shortened(QString s)
{
    if (s.size() > kShownValue) {
        s.truncate(kShownValue);
        s += QStringLiteral("…");
    }
    return s;
}

} // namespace

QString shownValue(const Field &f)
{
    if (f.trailing()) { // the quoted text, then what follows the closing quote
        QString s = decode(Field { f.b, std::min(f.e, f.b + kShownValue), f.escaped, nullptr });
        if (s.size() <= kShownValue)
            s += QString::fromUtf8(f.e + 1, std::min<qsizetype>(f.te - (f.e + 1), kShownValue + 1));
        return shortened(s);
    }
    const qsizetype n = f.e - f.b;
    QString s = QString::fromUtf8(f.b, std::min<qsizetype>(n, kShownValue));
    if (n > kShownValue)
        s += QStringLiteral("…");
    return s;
}

// Bytes no text log holds: control characters other than tab, CR and LF, or bytes that are not UTF-8.
bool isBinary(const char *b, const char *e)
{
    for (const char *p = b; p < e; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
            return true;
    }
    return !QByteArrayView(b, e - b).isValidUtf8();
}

QString damagedRunMessage(const DamagedRun &run)
{
    if (run.records == 1)
        return run.single;
    return LogReaderText::tr("lines %1–%2: %3 records of NUL bytes or binary data; skipped")
        .arg(run.firstLine)
        .arg(run.lastLine)
        .arg(run.records);
}

// A record that cannot be parsed: one warning of its own, or, when it holds binary data, part of a
// run of damaged records.
void ChunkParser::badRecord(const Record &rec, const QString &message)
{
    if (isBinary(rec.b, rec.e)) {
        damaged(rec.firstLine, rec.lastLine, message);
        return;
    }
    undamaged();
    ++data.skippedRecords;
    if (++badRecords <= LogReader::kMaxListed)
        warn(LogWarning::BadRecord, rec.firstLine, message);
}

void ChunkParser::damaged(int firstLine, int lastLine, const QString &message)
{
    ++data.skippedRecords;
    if (m_inRun) {
        m_run.lastLine = lastLine;
        ++m_run.records;
        return;
    }
    m_inRun = true;
    m_runIsFirst = !m_sawRecord;
    m_sawRecord = true;
    m_run = DamagedRun { firstLine, lastLine, 1, -1, message };
    if (++badRecords <= LogReader::kMaxListed) {
        m_run.warning = data.warnings.size();
        warn(LogWarning::BadRecord, firstLine, message);
    }
}

// A record that is no damage (read, or bad in a way of its own): it ends the run of damaged records.
void ChunkParser::undamaged()
{
    m_sawRecord = true;
    if (m_inRun)
        closeRun();
}

void ChunkParser::closeRun()
{
    m_inRun = false;
    if (m_run.warning >= 0 && m_run.records > 1) {
        data.warnings[m_run.warning].message = damagedRunMessage(m_run);
        data.warnings[m_run.warning].lastLine = m_run.lastLine;
    }
    if (m_runIsFirst) {
        startsInRun = true;
        firstRun = m_run;
    }
}

void ChunkParser::finish()
{
    if (!m_inRun)
        return;
    endsInRun = true;
    closeRun();
    lastRun = m_run;
}

void ChunkParser::malformedCell(int line, const QString &message)
{
    if (++malformedCells <= LogReader::kMaxListed)
        warn(LogWarning::MalformedCell, line, message);
}

// The fields of a record that was read whose text follows their closing quote.
void ChunkParser::malformedFields(const Record &rec, const std::vector<Field> &fields, int line)
{
    auto check = [&](int field, const QString &name) {
        if (field < 0 || !fields[size_t(field)].trailing())
            return;
        malformedCell(line,
            LogReaderText::tr("line %1, column %2: text after the closing quote; read as \"%3\"")
                .arg(line)
                .arg(name, shownValue(fields[size_t(field)])));
    };
    if (!rec.trailing)
        return;
    check(m_header.timestampField, QStringLiteral("timestamp"));
    for (const MetricColumn &c : m_header.metricColumns)
        check(c.field, c.name);
    check(m_header.eventField, QStringLiteral("event"));
    check(m_header.notesField, QStringLiteral("notes"));
}

void ChunkParser::badCell(int line, const MetricColumn &c, const Field &f, bool parsed)
{
    if (++badCells > LogReader::kMaxListed)
        return;
    const QString message = parsed
        ? LogReaderText::tr("line %1, column %2: \"%3\" is out of range; read as not measured")
        : LogReaderText::tr("line %1, column %2: \"%3\" is not a finite number; read as not measured");
    warn(LogWarning::BadCell, line, message.arg(line).arg(c.name, shownValue(f)));
}

} // namespace LogParse
