#pragma once

#include "metric.h"

#include <QtGlobal>

#include <array>
#include <cmath>
#include <limits>

// One machine's measurements at one moment. A metric that was not measured holds NaN:
// it is never zero (LOG_FORMAT.md, "Meaning of cells"). Floats keep a day of history small.
struct Sample
{
    qint64 timeMs = 0; // milliseconds since the Unix epoch
    std::array<float, kMetricCount> values = filledWithNaN();

    bool has(Metric m) const { return !std::isnan(values[metricIndex(m)]); }
    double value(Metric m) const { return values[metricIndex(m)]; }
    void set(Metric m, double v) { values[metricIndex(m)] = static_cast<float>(v); }
    bool isEmpty() const
    {
        for (float v : values) {
            if (!std::isnan(v))
                return false;
        }
        return true;
    }

    // Copies every metric that `other` measured over this one.
    void merge(const Sample &other)
    {
        for (int i = 0; i < kMetricCount; ++i) {
            if (!std::isnan(other.values[i]))
                values[i] = other.values[i];
        }
    }

private:
    static std::array<float, kMetricCount> filledWithNaN()
    {
        std::array<float, kMetricCount> a {};
        a.fill(std::numeric_limits<float>::quiet_NaN());
        return a;
    }
};
