#include "nodeexporter.h"

#include <QString>

#include <algorithm>
#include <array>
#include <cmath>

namespace {

// node_exporter's `mode` label of node_cpu_seconds_total, in /proc/stat's field order.
constexpr std::array<const char *, 8> kCpuModes { "user", "nice", "system", "idle", "iowait", "irq", "softirq",
    "steal" };

int cpuField(const QString &mode)
{
    for (size_t i = 0; i < kCpuModes.size(); ++i) {
        if (mode == QLatin1String(kCpuModes[i]))
            return int(i);
    }
    return -1;
}

// node_cpu_guest_seconds_total's modes: guest time, already inside user and nice as in /proc/stat.
int guestField(const QString &mode)
{
    if (mode == QLatin1String("user"))
        return CpuTimes::Guest;
    if (mode == QLatin1String("nice"))
        return CpuTimes::GuestNice;
    return -1;
}

bool usable(double v)
{
    return std::isfinite(v) && v >= 0;
}

quint64 toKiB(double bytes)
{
    return quint64(std::llround(bytes / 1024.0));
}

} // namespace

NodeExporterReading readNodeExporter(const QList<PromSample> &samples)
{
    std::array<double, CpuTimes::FieldCount> seconds {};
    int highestField = -1;
    bool anyCpu = false;

    // node_memory_<field>_bytes, named after the /proc/meminfo lines they are read from.
    enum MemField { Total, Available, Free, Buffers, Cached, SReclaimable, Shmem, MemFieldCount };
    static const std::array<QLatin1String, MemFieldCount> kMemNames {
        QLatin1String("node_memory_MemTotal_bytes"),
        QLatin1String("node_memory_MemAvailable_bytes"),
        QLatin1String("node_memory_MemFree_bytes"),
        QLatin1String("node_memory_Buffers_bytes"),
        QLatin1String("node_memory_Cached_bytes"),
        QLatin1String("node_memory_SReclaimable_bytes"),
        QLatin1String("node_memory_Shmem_bytes"),
    };
    std::array<std::optional<double>, MemFieldCount> memory;

    for (const PromSample &s : samples) {
        if (!s.name.startsWith(QLatin1String("node_")) || !usable(s.value))
            continue;
        if (s.name == QLatin1String("node_cpu_seconds_total")) {
            const int field = cpuField(s.label(u"mode"));
            if (field < 0)
                continue;
            seconds[size_t(field)] += s.value;
            highestField = std::max(highestField, field);
            anyCpu = true;
        } else if (s.name == QLatin1String("node_cpu_guest_seconds_total")) {
            const int field = guestField(s.label(u"mode"));
            if (field < 0)
                continue;
            seconds[size_t(field)] += s.value;
            highestField = std::max(highestField, field);
        } else if (s.name.startsWith(QLatin1String("node_memory_"))) {
            for (int f = 0; f < MemFieldCount; ++f) {
                if (s.name == kMemNames[size_t(f)]) {
                    memory[size_t(f)] = s.value;
                    break;
                }
            }
        }
    }

    NodeExporterReading reading;
    if (anyCpu) {
        CpuTimes times;
        for (size_t i = 0; i < times.ticks.size(); ++i)
            times.ticks[i] = quint64(std::llround(seconds[i] * 100.0)); // USER_HZ
        times.fieldsPresent = highestField + 1;
        reading.cpu = times;
    }

    const quint64 totalKiB = memory[Total] ? toKiB(*memory[Total]) : 0;
    if (totalKiB > 0) {
        MemInfo info;
        info.totalKiB = totalKiB;
        const quint64 availableKiB = memory[Available] ? toKiB(*memory[Available]) : 0;
        if (availableKiB > 0) {
            info.availableKiB = std::min(availableKiB, totalKiB);
        } else {
            // A kernel before 3.14 has no MemAvailable: estimate it as parseMemInfo() does.
            auto kib = [&memory](MemField f) { return memory[f] ? toKiB(*memory[f]) : quint64(0); };
            const quint64 cache = kib(Cached) + kib(SReclaimable);
            const quint64 shmem = kib(Shmem);
            info.availableKiB = std::min(kib(Free) + kib(Buffers) + (cache > shmem ? cache - shmem : 0), totalKiB);
            info.availableEstimated = true;
        }
        reading.memory = info;
    }
    return reading;
}
