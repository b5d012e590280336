#pragma once

#include "metric.h"

#include <QtGlobal>

#include <array>
#include <cmath>
#include <limits>

// One machine's measurements at one moment. A metric that was not measured holds NaN:
// it is never zero (LOG_FORMAT.md, "Meaning of cells"). Doubles, so a cumulative counter such as
// requests_total stays exact past 2^24; a day at 1 s is 7.6 MB a machine.
struct Sample
{
    qint64 timeMs = 0; // milliseconds since the Unix epoch
    std::array<double, kMetricCount> values = filledWithNaN();

    bool has(Metric m) const { return !std::isnan(values[metricIndex(m)]); }
    double value(Metric m) const { return values[metricIndex(m)]; }
    void set(Metric m, double v) { values[metricIndex(m)] = v; }
    bool isEmpty() const
    {
        for (double v : values) {
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
    static std::array<double, kMetricCount> filledWithNaN()
    {
        std::array<double, kMetricCount> a {};
        a.fill(std::numeric_limits<double>::quiet_NaN());
        return a;
    }
};
