#include "fleetframes.h"

#include "fleetquery.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString hostOf(const QString &instance)
{
    if (instance.startsWith(u'[')) { // [::1]:9100
        const qsizetype close = instance.indexOf(u']');
        return close > 0 ? instance.mid(1, close - 1) : instance;
    }
    const qsizetype colon = instance.lastIndexOf(u':');
    return colon > 0 && instance.indexOf(u':') == colon ? instance.left(colon) : instance;
}

// A value as the log takes it: percents a hair outside 0..100 (float rounding of 1 − idle rate)
// clamped, anything else out of range not measured.
double forLog(Metric m, double v)
{
    if (!std::isfinite(v))
        return kNaN;
    const bool percent = m == Metric::CpuPercent || m == Metric::MemoryPercent || m == Metric::GpuPercent;
    if (percent && v > -0.5 && v < 100.5)
        v = std::clamp(v, 0.0, 100.0);
    if (m == Metric::TokensPerSecond && v < 0 && v > -1e-9)
        v = 0;
    return metricValueInRange(m, v) ? v : kNaN;
}

struct InstanceInfo
{
    bool hasNode = false;
    bool hasServer = false;
    QString nodename;
};

// Which instance each instance's series belong to: a node instance owns itself; another one joins
// the only node instance of its host, or stands alone.
QHash<QString, QString> owners(const QHash<QString, InstanceInfo> &instances)
{
    QHash<QString, QStringList> nodesOfHost;
    for (auto it = instances.begin(); it != instances.end(); ++it) {
        if (it->hasNode)
            nodesOfHost[hostOf(it.key())] << it.key();
    }
    QHash<QString, QString> owner;
    for (auto it = instances.begin(); it != instances.end(); ++it) {
        const QStringList nodes = nodesOfHost.value(hostOf(it.key()));
        owner.insert(it.key(), it->hasNode || nodes.size() != 1 ? it.key() : nodes.first());
    }
    return owner;
}
} // namespace

QString FleetIds::sanitize(const QString &instance)
{
    QString id;
    id.reserve(instance.size());
    for (const QChar c : instance.toLower()) {
        const char16_t u = c.unicode();
        const bool keep = (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9');
        if (keep)
            id += c;
        else if (!id.isEmpty() && !id.endsWith(u'_'))
            id += u'_';
    }
    while (id.endsWith(u'_'))
        id.chop(1);
    if (id.isEmpty())
        id = QStringLiteral("instance");
    if (id == QLatin1String("local"))
        id = QStringLiteral("local_instance");
    return id;
}

QString FleetIds::idFor(const QString &instance)
{
    if (const auto it = m_ids.constFind(instance); it != m_ids.constEnd())
        return *it;
    const QString base = sanitize(instance);
    QString id = base;
    for (int n = 2; m_taken.contains(id); ++n)
        id = base + u'_' + QString::number(n);
    m_taken.insert(id);
    m_ids.insert(instance, id);
    return id;
}

FleetFrames FleetAssembly::assemble(const PromApiAnswer &answer, FleetIds &ids)
{
    FleetFrames frames;
    const QString metricLabel = QLatin1String(FleetQuery::kMetricLabel);
    QHash<QString, InstanceInfo> instances;
    std::vector<qint64> times;
    for (const PromSeries &s : answer.series) {
        const QString instance = s.label(u"instance");
        const QString tag = s.label(metricLabel);
        InstanceInfo &info = instances[instance];
        // node_exporter's: its up, its uname, or (its uname collector off) its CPU and memory.
        if (tag == QLatin1String(FleetQuery::kNodeUp) || tag == QLatin1String(FleetQuery::kUname)
            || tag == QLatin1String("cpu_percent") || tag == QLatin1String("memory_percent"))
            info.hasNode = true;
        if (tag == QLatin1String(FleetQuery::kUname))
            info.nodename = s.label(u"nodename");
        if (tag == QLatin1String("server_up"))
            info.hasServer = true;
        times.insert(times.end(), s.timesMs.begin(), s.timesMs.end());
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    frames.timesMs = times;

    const QHash<QString, QString> owner = owners(instances);
    QStringList machineInstances;
    for (auto it = owner.begin(); it != owner.end(); ++it) {
        if (it.key() == it.value())
            machineInstances << it.key();
    }
    std::sort(machineInstances.begin(), machineInstances.end());
    QHash<QString, int> indexOf;
    for (const QString &instance : machineInstances) {
        FleetMachine m;
        m.instance = instance;
        m.id = ids.idFor(instance);
        m.name = instances.value(instance).nodename.isEmpty() ? instance : instances.value(instance).nodename;
        indexOf.insert(instance, int(frames.machines.size()));
        frames.machines << m;
    }
    for (auto it = instances.begin(); it != instances.end(); ++it) {
        FleetMachine &m = frames.machines[indexOf.value(owner.value(it.key()))];
        m.hasNode = m.hasNode || it->hasNode;
        m.hasServer = m.hasServer || it->hasServer;
    }

    const size_t n = times.size();
    frames.samples.assign(size_t(frames.machines.size()), std::vector<Sample>(n));
    std::vector<std::vector<double>> targetUp(size_t(frames.machines.size()), std::vector<double>(n, kNaN));
    frames.up = targetUp;
    for (const PromSeries &s : answer.series) {
        const int machine = indexOf.value(owner.value(s.label(u"instance")));
        const QString tag = s.label(metricLabel);
        const std::optional<Metric> metric = FleetQuery::metricOf(tag);
        const bool isTargetUp = tag == QLatin1String(FleetQuery::kTargetUp);
        const bool isNodeUp = tag == QLatin1String(FleetQuery::kNodeUp);
        if (!metric && !isTargetUp && !isNodeUp)
            continue;
        for (size_t p = 0; p < s.timesMs.size(); ++p) {
            const size_t t = size_t(std::lower_bound(times.begin(), times.end(), s.timesMs[p]) - times.begin());
            const double v = s.values[p];
            if (metric) {
                frames.samples[size_t(machine)][t].set(*metric, forLog(*metric, v));
                frames.samples[size_t(machine)][t].timeMs = times[t];
            } else {
                double &slot = isNodeUp ? frames.up[size_t(machine)][t] : targetUp[size_t(machine)][t];
                slot = std::isnan(slot) ? v : std::max(slot, v);
            }
        }
    }
    for (size_t m = 0; m < frames.samples.size(); ++m) {
        for (size_t t = 0; t < n; ++t) {
            frames.samples[m][t].timeMs = times[t];
            if (!frames.machines[int(m)].hasNode)
                frames.up[m][t] = targetUp[m][t];
        }
    }
    return frames;
}
