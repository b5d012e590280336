#include "timingcsv.h"

#include "csv.h"
#include "timingtime.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace TimingCsv {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingCsv", text);
}

enum Role { Attribute, Function, Duration, Start, End, EndStamp, Success, Error, Uuid, MemoryDelta, Tier, Time };

struct Column
{
    QString name;
    Role role = Attribute;
    double scale = 1; // a duration in ms: 0.001
};

bool has(const QStringList &w, const char *word)
{
    return w.contains(QLatin1String(word));
}

Role roleOf(const QString &name, Kind kind, double *scale)
{
    const QStringList w = words(name);
    const bool ms = has(w, "ms");
    *scale = ms ? 0.001 : 1;
    if (kind == Kind::Samples)
        return has(w, "timestamp") || has(w, "time") ? Time : Attribute;
    if (has(w, "uuid") || (has(w, "call") && has(w, "id")))
        return Uuid;
    if (has(w, "function") || has(w, "func") || has(w, "operation"))
        return Function;
    if ((has(w, "memory") || has(w, "mem")) && has(w, "delta"))
        return MemoryDelta;
    if (has(w, "cpu"))
        return Attribute;
    if (has(w, "duration") || has(w, "elapsed") || (has(w, "execution") && has(w, "time")))
        return Duration;
    if (has(w, "start"))
        return Start;
    if (has(w, "end"))
        return End;
    if (has(w, "timestamp"))
        return EndStamp;
    if (has(w, "success"))
        return Success;
    if (has(w, "error"))
        return Error;
    if (has(w, "hardware") && has(w, "tier"))
        return Tier;
    return Attribute;
}

QStringList headerNames(const QByteArray &line)
{
    QStringList names;
    const QList<Csv::Record> records = Csv::parse(line);
    if (!records.isEmpty()) {
        for (const QString &f : records.first().fields)
            names << f.trimmed();
    }
    return names;
}

bool parseBool(QStringView text, bool *value)
{
    const QString t = text.trimmed().toString().toLower();
    if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes")) {
        *value = true;
        return true;
    }
    if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no")) {
        *value = false;
        return true;
    }
    return false;
}

struct RowReader
{
    TimingBuilder &b;
    int file;
    Kind kind;
    QString tier;
    QString prefix; // Samples: the series name prefix
    std::vector<Column> columns;
    QHash<QString, qsizetype> seriesByName; // Samples: an index into data().series

    void call(const std::vector<QString> &cells, int line);
    void attributes(qsizetype row, const std::vector<QString> &cells);
    void sample(const std::vector<QString> &cells, int line);
};

void RowReader::call(const std::vector<QString> &cells, int line)
{
    QString function, error, uuid, rowTier = tier;
    double duration = std::nan(""), start = std::nan(""), end = std::nan(""), stamp = std::nan("");
    bool ok = true;
    bool tierCell = false;
    for (size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
        const QString &c = cells[i];
        switch (columns[i].role) {
        case Function:
            function = c;
            break;
        case Duration:
            duration = c.toDouble() * columns[i].scale;
            break;
        case Start:
            start = TimingTime::parse(c);
            break;
        case End:
            end = TimingTime::parse(c);
            break;
        case EndStamp:
            stamp = TimingTime::parse(c);
            break;
        case Success:
            parseBool(c, &ok);
            break;
        case Error:
            error = c;
            break;
        case Uuid:
            uuid = c;
            break;
        case Tier:
            if (!c.trimmed().isEmpty()) {
                rowTier = c.trimmed();
                tierCell = true;
            }
            break;
        default:
            break;
        }
    }
    if (kind == Kind::Requests)
        function = QStringLiteral("synthesis/") + (rowTier.isEmpty() ? tr("unknown tier") : rowTier);
    if (!std::isfinite(duration) && std::isfinite(start) && std::isfinite(end))
        duration = end - start;
    if (!std::isfinite(duration) || duration < 0) {
        b.warn(file, line, tr("no duration that is a finite number of seconds >= 0: row skipped"));
        return;
    }
    if (!std::isfinite(start))
        start = (std::isfinite(end) ? end : stamp) - duration;
    if (!std::isfinite(start)) {
        b.warn(file, line, tr("no usable start, end or timestamp: row skipped"));
        return;
    }
    if (function.trimmed().isEmpty()) {
        b.warn(file, line, tr("no function name: row skipped"));
        return;
    }
    ok = ok && error.trimmed().isEmpty();
    const qsizetype row = b.addCall(b.function(function), start, duration, ok, file, line);
    attributes(row, cells);
    if (kind == Kind::Requests && !tierCell && !rowTier.isEmpty()) {
        if (const int col = b.textColumn("hardware_tier"); col >= 0)
            b.setText(col, row, rowTier);
    }
    if (!ok)
        b.data().errors.append(
            TimingError { row, function, uuid, {}, error, {}, start + duration, b.data().files.value(file), line });
}

// The cells without a role of their own as attributes: numbers numeric, the rest (and the UUID
// and the tier, whatever they look like) text.
void RowReader::attributes(qsizetype row, const std::vector<QString> &cells)
{
    for (size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
        const Role role = columns[i].role;
        if (cells[i].isEmpty() || !(role == Attribute || role == MemoryDelta || role == Uuid || role == Tier))
            continue;
        bool isNumber = false;
        const double v = cells[i].toDouble(&isNumber);
        if (isNumber && (role == Attribute || role == MemoryDelta)) {
            const QByteArray name = role == MemoryDelta ? QByteArray("memory_delta_mb") : columns[i].name.toUtf8();
            if (const int col = b.numericColumn(name); col >= 0)
                b.setNumber(col, row, v);
            continue;
        }
        const QByteArray name = role == Tier ? QByteArray("hardware_tier")
            : role == Uuid                   ? QByteArray("uuid")
                                             : columns[i].name.toUtf8();
        if (const int col = b.textColumn(name); col >= 0)
            b.setText(col, row, QStringView(cells[i]));
    }
}

void RowReader::sample(const std::vector<QString> &cells, int line)
{
    double t = std::nan("");
    QString gpu;
    for (size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
        if (columns[i].role == Time)
            t = TimingTime::parse(cells[i]);
        const QStringList w = words(columns[i].name);
        if (w == QStringList { QStringLiteral("gpu"), QStringLiteral("id") }
            || w == QStringList { QStringLiteral("index") })
            gpu = cells[i].trimmed();
    }
    if (!std::isfinite(t)) {
        b.warn(file, line, tr("no usable timestamp: sample skipped"));
        return;
    }
    for (size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
        bool isNumber = false;
        const double v = cells[i].toDouble(&isNumber);
        if (columns[i].role == Time || !isNumber)
            continue;
        const QString name
            = prefix + (gpu.isEmpty() ? QString() : QStringLiteral("gpu") + gpu + u'.') + columns[i].name;
        auto it = seriesByName.constFind(name);
        if (it == seriesByName.constEnd()) {
            b.data().series.append(TimingSeries { name, b.data().files.value(file), {}, {} });
            it = seriesByName.insert(name, b.data().series.size() - 1);
        }
        TimingSeries *s = &b.data().series[it.value()];
        s->time.push_back(t);
        s->value.push_back(v);
    }
}

} // namespace

QStringList words(const QString &name)
{
    static const QRegularExpression split(QStringLiteral("[^a-z0-9]+"));
    return name.toLower().split(split, Qt::SkipEmptyParts);
}

Kind detect(const QByteArray &firstLine)
{
    const QStringList names = headerNames(firstLine);
    if (names.size() < 2)
        return Kind::None;
    QList<QStringList> w;
    for (const QString &n : names)
        w << words(n);
    auto any = [&w](auto pred) { return std::any_of(w.cbegin(), w.cend(), pred); };
    auto named = [&names](const char *n) { return names.contains(QLatin1String(n), Qt::CaseInsensitive); };
    if (named("request_id") && (named("total_duration_s") || named("rtf")))
        return Kind::Requests;
    if (named("operation") && named("duration_ms"))
        return Kind::Operations;
    const bool function = any([](const QStringList &x) { return has(x, "function") || has(x, "func"); });
    const bool duration = any([](const QStringList &x) {
        return !has(x, "cpu") && (has(x, "duration") || has(x, "elapsed") || (has(x, "execution") && has(x, "time")));
    });
    if (function && duration)
        return Kind::ResultsCsv;
    const bool time
        = any([](const QStringList &x) { return has(x, "timestamp") || x == QStringList { QStringLiteral("time") }; });
    const bool measure = named("cpu_percent") || named("memory_mb") || named("percent") || named("load")
        || named("memory_used") || named("used");
    if (time && measure)
        return Kind::Samples;
    return Kind::None;
}

void read(const QByteArray &bytes, Kind kind, TimingBuilder &builder, int file, const QString &tierFromName)
{
    const qsizetype nl = bytes.indexOf('\n');
    const QStringList names = headerNames(nl < 0 ? bytes : bytes.left(nl));
    RowReader reader { builder, file, kind, tierFromName, {}, {}, {} };
    if (kind == Kind::Samples && !tierFromName.isEmpty())
        reader.prefix = tierFromName + u'.';
    for (const QString &n : names) {
        Column c;
        c.name = n;
        c.role = roleOf(n, kind, &c.scale);
        reader.columns.push_back(c);
    }
    // Every record at once (Csv::parse, the log's own RFC 4180 reader): these files are small.
    const bool utf8 = QByteArrayView(bytes).isValidUtf8();
    const QList<Csv::Record> records = Csv::parse(bytes);
    std::vector<QString> cells;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const Csv::Record &rec = records[r];
        if (rec.fields.size() == 1 && rec.fields.first().trimmed().isEmpty())
            continue;
        if (rec.openQuote) {
            builder.warn(file, rec.line, tr("a quote never closed: the rest of the file skipped"));
            break;
        }
        if (rec.fields.size() != qsizetype(reader.columns.size()))
            builder.warn(file, rec.line,
                tr("%1 fields where the header has %2").arg(rec.fields.size()).arg(reader.columns.size()));
        cells.assign(rec.fields.cbegin(), rec.fields.cend());
        const auto replaced = [](const QString &c) { return c.contains(QChar::ReplacementCharacter); };
        if (!utf8 && std::any_of(cells.cbegin(), cells.cend(), replaced))
            builder.warn(file, rec.line, tr("bytes that are not UTF-8 (replaced by U+FFFD)"));
        if (kind == Kind::Samples)
            reader.sample(cells, rec.line);
        else
            reader.call(cells, rec.line);
    }
}

} // namespace TimingCsv
