#include "loglayout.h"

#include "csv.h"
#include "logtime.h"

#include <QFile>

namespace {
const QString kTimestamp = QStringLiteral("timestamp");
const QString kEvent = QStringLiteral("event");
const QString kNotes = QStringLiteral("notes");
} // namespace

LogLayout::Column LogLayout::splitColumn(const QString &name)
{
    // "_cpu_percent", …: made once, not per column (a log of 10,000 machines has 70,000 columns)
    static const std::array<QString, kMetricCount> kSuffixes = [] {
        std::array<QString, kMetricCount> suffixes;
        for (Metric m : kAllMetrics)
            suffixes[size_t(metricIndex(m))] = QLatin1Char('_') + metricSuffix(m);
        return suffixes;
    }();
    Column column { name, {}, std::nullopt };
    qsizetype best = -1;
    for (Metric m : kAllMetrics) {
        const QString &suffix = kSuffixes[size_t(metricIndex(m))];
        if (name.size() > suffix.size() && suffix.size() > best && name.endsWith(suffix)) {
            best = suffix.size();
            column.metric = m;
        }
    }
    if (column.metric)
        column.machine = name.left(name.size() - best);
    return column;
}

LogLayout LogLayout::forMachines(const QStringList &machineIds, const QSet<QString> &withGpuAndTemperature)
{
    QStringList header { kTimestamp };
    for (const QString &id : machineIds) {
        for (Metric m : kCoreMetrics)
            header << id + QLatin1Char('_') + metricSuffix(m);
        if (withGpuAndTemperature.contains(id)) {
            for (Metric m : { Metric::GpuPercent, Metric::GpuMemoryMb, Metric::TemperatureC })
                header << id + QLatin1Char('_') + metricSuffix(m);
        }
    }
    header << kEvent << kNotes;
    return fromHeader(header);
}

LogLayout LogLayout::fromHeader(const QStringList &header)
{
    LogLayout layout;
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header[i].trimmed();
        Column column;
        if (name == kTimestamp) {
            if (layout.m_timestamp < 0)
                layout.m_timestamp = i;
            column.name = name;
        } else if (name == kEvent) {
            if (layout.m_event < 0)
                layout.m_event = i;
            column.name = name;
        } else if (name == kNotes) {
            if (layout.m_notes < 0)
                layout.m_notes = i;
            column.name = name;
        } else {
            column = splitColumn(name);
        }
        layout.m_columns.append(column);
    }
    return layout;
}

QByteArray LogLayout::header() const
{
    QByteArray out;
    for (int i = 0; i < m_columns.size(); ++i) {
        if (i)
            out += ',';
        out += Csv::escape(m_columns[i].name);
    }
    out += '\n';
    return out;
}

QByteArray LogLayout::row(
    qint64 timeMs, const QHash<QString, Sample> &samples, const QString &event, const QString &notes) const
{
    QByteArray out;
    out.reserve(64 + 8 * m_columns.size());
    for (int i = 0; i < m_columns.size(); ++i) {
        if (i)
            out += ',';
        const Column &c = m_columns[i];
        if (i == m_timestamp) {
            out += LogTime::format(timeMs).toLatin1();
        } else if (i == m_event) {
            out += Csv::escape(event);
        } else if (i == m_notes) {
            out += Csv::escape(notes);
        } else if (c.metric) {
            const auto it = samples.constFind(c.machine);
            if (it != samples.constEnd() && it->has(*c.metric))
                out += formatMetricValue(*c.metric, it->value(*c.metric)).toLatin1();
        }
    }
    out += '\n';
    return out;
}

QByteArray LogLayout::markerRow(const Marker &marker) const
{
    return row(marker.timeMs, {}, marker.recordedLabel, marker.notes);
}

LogLayout LogLayout::fromFile(const QString &path)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    // The header is the first record; a very long header still fits in a few megabytes.
    const QByteArray head = in.read(4 * 1024 * 1024);
    const qsizetype headerEnd = head.indexOf('\n');
    const QList<Csv::Record> records = Csv::parse(headerEnd < 0 ? head : head.left(headerEnd + 1));
    // A NUL byte: the log reader takes the file for binary, and so does this.
    return records.isEmpty() || records.first().nul ? LogLayout() : fromHeader(records.first().fields);
}
