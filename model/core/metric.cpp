#include "metric.h"

#include <cmath>

namespace {
struct MetricInfo
{
    const char *suffix;
    double min;
    double max;
    int decimals;
};

constexpr double kUnbounded = 1e300;

constexpr std::array<MetricInfo, kMetricCount> kInfo = { {
    { "cpu_percent", 0, 100, 1 },
    { "memory_percent", 0, 100, 1 },
    { "memory_used_mb", 0, kUnbounded, 1 },
    { "server_up", 0, 1, 0 },
    { "tokens_per_second", 0, kUnbounded, 2 },
    { "active_requests", 0, kUnbounded, 0 },
    { "requests_total", 0, kUnbounded, 0 },
    { "gpu_percent", 0, 100, 1 },
    { "gpu_memory_mb", 0, kUnbounded, 1 },
    { "temperature_c", -100, 200, 1 },
} };
} // namespace

QString metricSuffix(Metric m)
{
    return QString::fromLatin1(kInfo[metricIndex(m)].suffix);
}

std::optional<Metric> metricFromSuffix(QStringView suffix)
{
    for (Metric m : kAllMetrics) {
        if (suffix == QLatin1String(kInfo[metricIndex(m)].suffix))
            return m;
    }
    return std::nullopt;
}

bool metricValueInRange(Metric m, double value)
{
    const MetricInfo &info = kInfo[metricIndex(m)];
    if (!std::isfinite(value) || value < info.min || value > info.max)
        return false;
    if (m == Metric::ServerUp)
        return value == 0 || value == 1;
    return true;
}

QString formatMetricValue(Metric m, double value)
{
    if (!std::isfinite(value))
        return {};
    const int decimals = kInfo[metricIndex(m)].decimals;
    if (decimals == 0)
        return QString::number(static_cast<qint64>(std::llround(value)));
    return QString::number(value, 'f', decimals);
}
