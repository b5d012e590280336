#pragma once

#include "meminfoparser.h"
#include "procstatparser.h"
#include "prometheusparser.h"

#include <optional>

// What a Prometheus node_exporter (Linux) says about its machine, in the shapes the /proc parsers
// give, so CpuUsage and MemInfo work on it unchanged.
struct NodeExporterReading
{
    // node_cpu_seconds_total summed over CPUs per mode, in 1/100 s ticks (USER_HZ).
    std::optional<CpuTimes> cpu;
    // node_memory_MemTotal_bytes and node_memory_MemAvailable_bytes, in KiB.
    std::optional<MemInfo> memory;
};

NodeExporterReading readNodeExporter(const QList<PromSample> &samples);
