#pragma once

#include "metric.h"

#include <QLocale>
#include <QStringList>
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

    // Makes every value outside its metric's range (LOG_FORMAT.md: a percent outside 0..100, a
    // negative count, server_up other than 0/1, anything not finite) "not measured", so that the log
    // and /metrics never carry it. Returns what was left out, "name = value" each, in column order.
    QStringList clearOutOfRange()
    {
        QStringList cleared;
        for (Metric m : kAllMetrics) {
            double &v = values[metricIndex(m)];
            if (std::isnan(v) || metricValueInRange(m, v))
                continue;
            cleared << metricSuffix(m) + QStringLiteral(" = ")
                    + QString::number(v, 'g', QLocale::FloatingPointShortest);
            v = std::numeric_limits<double>::quiet_NaN();
        }
        return cleared;
    }

private:
    static std::array<double, kMetricCount> filledWithNaN()
    {
        std::array<double, kMetricCount> a {};
        a.fill(std::numeric_limits<double>::quiet_NaN());
        return a;
    }
};
