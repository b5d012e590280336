#pragma once

#include <QString>

#include <array>
#include <optional>

// The metrics of one machine, in the column order of the session log (LOG_FORMAT.md).
enum class Metric {
    CpuPercent,
    MemoryPercent,
    MemoryUsedMb,
    ServerUp,
    TokensPerSecond,
    ActiveRequests,
    RequestsTotal,
    GpuPercent,
    GpuMemoryMb,
    TemperatureC,
};

inline constexpr int kMetricCount = 10;

inline constexpr std::array<Metric, kMetricCount> kAllMetrics = {
    Metric::CpuPercent,
    Metric::MemoryPercent,
    Metric::MemoryUsedMb,
    Metric::ServerUp,
    Metric::TokensPerSecond,
    Metric::ActiveRequests,
    Metric::RequestsTotal,
    Metric::GpuPercent,
    Metric::GpuMemoryMb,
    Metric::TemperatureC,
};

// The columns every machine group of a log has; the GPU and temperature ones are optional.
inline constexpr std::array<Metric, 7> kCoreMetrics = {
    Metric::CpuPercent,
    Metric::MemoryPercent,
    Metric::MemoryUsedMb,
    Metric::ServerUp,
    Metric::TokensPerSecond,
    Metric::ActiveRequests,
    Metric::RequestsTotal,
};

constexpr int metricIndex(Metric m)
{
    return static_cast<int>(m);
}

// The column-name suffix, e.g. "cpu_percent".
QString metricSuffix(Metric m);
std::optional<Metric> metricFromSuffix(QStringView suffix);

// Whether a value is inside the metric's range (a percent in 0..100, server_up 0 or 1, counts >= 0).
bool metricValueInRange(Metric m, double value);

// A cell as the log writes it: fixed decimals for measurements, integers for counts and flags.
QString formatMetricValue(Metric m, double value);
