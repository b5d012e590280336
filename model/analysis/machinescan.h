#pragma once

#include "analysis.h"

#include <cmath>
#include <limits>
#include <vector>

// The per-machine pass of Analysis::analyze(): statistics and issue periods of one machine over a
// range of snapshot rows, and the median of intervals it (and splitRuns()) needs. Internal to
// the analysis library.
namespace Analysis {

// The exact median of positive intervals in O(n) without keeping them all: intervals under
// kBuckets ms (nearly all of a log's) are counted in a table, longer ones kept in a list. Up to
// kListed intervals are only kept in a list: a log of 10,000 machines and 100 rows analyses 10,000
// machines of 99 intervals, where a 256 KiB table apiece would be most of the work.
class IntervalMedian
{
public:
    static constexpr qint64 kBuckets = 1 << 16;
    static constexpr size_t kListed = 4096;

    void add(qint64 dt)
    {
        if (dt <= 0)
            return;
        ++m_n;
        if (m_counts.empty()) {
            m_long.push_back(dt);
            if (m_long.size() > kListed)
                countShortOnes();
        } else if (dt < kBuckets) {
            ++m_counts[size_t(dt)];
        } else {
            m_long.push_back(dt);
        }
    }

    // The mean of the middle two for an even count; 0 when there is none.
    double median()
    {
        if (m_n == 0)
            return 0;
        const double upper = double(kth(m_n / 2));
        return m_n % 2 == 1 ? upper : (double(kth(m_n / 2 - 1)) + upper) / 2;
    }

private:
    // From a list of every interval to a table of the short ones and a list of the long ones.
    void countShortOnes()
    {
        m_counts.assign(size_t(kBuckets), 0);
        std::vector<qint64> longOnes;
        for (qint64 dt : m_long) {
            if (dt < kBuckets)
                ++m_counts[size_t(dt)];
            else
                longOnes.push_back(dt);
        }
        m_long.swap(longOnes);
    }

    qint64 kth(qint64 k) // 0-based
    {
        if (!m_counts.empty()) {
            qint64 seen = 0;
            for (qint64 v = 1; v < kBuckets; ++v) {
                seen += m_counts[size_t(v)];
                if (k < seen)
                    return v;
            }
            k -= seen;
        }
        std::nth_element(m_long.begin(), m_long.begin() + std::ptrdiff_t(k), m_long.end());
        return m_long[size_t(k)];
    }

    std::vector<quint32> m_counts; // empty while every interval is in m_long
    std::vector<qint64> m_long;
    qint64 m_n = 0;
};

// A period of one kind being followed over consecutive samples.
struct OpenPeriod
{
    bool open = false;
    qsizetype first = 0; // snapshot rows
    qsizetype last = 0;
    qint64 samples = 0;
    double peak = 0;
};

// Scans one machine's columns: its statistics, and its issue periods appended to `issues`.
class MachineScan
{
public:
    MachineScan(const LogData &data, int machine, const AnalysisThresholds &thresholds, QList<IssuePeriod> &issues);

    MachineStatistics run(qsizetype begin, qsizetype end);

private:
    // The sums, extremes and counts behind a machine's statistics.
    struct Totals
    {
        double cpuSum = 0, cpuMax = -1, cpuMin = std::numeric_limits<double>::infinity();
        double memSum = 0, memMax = -1, tokSum = 0, tokMax = -1, prevRequests = 0, requests = 0;
        qint64 cpuN = 0, memN = 0, tokN = 0, upN = 0, upValidN = 0;
        bool haveRequests = false;

        void fill(MachineStatistics &s) const;
    };

    // The samples of [begin, end) counted into `s`; the median interval between them.
    double countSamples(qsizetype begin, qsizetype end, MachineStatistics &s) const;
    // A row where at least one of the machine's metrics is valid.
    bool isSample(qsizetype i) const
    {
        for (const std::vector<double> *c : m_all) {
            if (!std::isnan((*c)[size_t(i)]))
                return true;
        }
        return false;
    }
    // Extends the open period while the condition holds, ends it when it does not. `higher`: the
    // peak is the maximum (else the minimum).
    void follow(OpenPeriod &p, IssueKind kind, bool holds, qsizetype i, double value, bool higher);
    void closeAll();
    void emitPeriod(IssueKind kind, OpenPeriod &p, bool hasPeak);

    const LogData &m_data;
    const int m_machine;
    const AnalysisThresholds &m_thresholds;
    QList<IssuePeriod> &m_issues;
    const std::vector<double> *m_cpu = nullptr;
    const std::vector<double> *m_memory = nullptr;
    const std::vector<double> *m_up = nullptr;
    const std::vector<double> *m_tokens = nullptr;
    const std::vector<double> *m_active = nullptr;
    const std::vector<double> *m_requests = nullptr;
    std::vector<const std::vector<double> *> m_all;
    OpenPeriod m_high, m_down, m_low;
};

} // namespace Analysis
