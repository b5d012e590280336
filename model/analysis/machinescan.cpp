#include "machinescan.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Analysis {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

MachineScan::MachineScan(
    const LogData &data, int machine, const AnalysisThresholds &thresholds, QList<IssuePeriod> &issues)
    : m_data(data)
    , m_machine(machine)
    , m_thresholds(thresholds)
    , m_issues(issues)
{
    m_cpu = data.series(machine, Metric::CpuPercent);
    m_memory = data.series(machine, Metric::MemoryPercent);
    m_up = data.series(machine, Metric::ServerUp);
    m_tokens = data.series(machine, Metric::TokensPerSecond);
    m_active = data.series(machine, Metric::ActiveRequests);
    m_requests = data.series(machine, Metric::RequestsTotal);
    for (Metric m : kAllMetrics) {
        if (const std::vector<double> *c = data.series(machine, m))
            m_all.push_back(c);
    }
}

double MachineScan::countSamples(qsizetype begin, qsizetype end, MachineStatistics &s) const
{
    IntervalMedian intervals;
    qsizetype previous = -1;
    for (qsizetype i = begin; i < end; ++i) {
        if (!isSample(i))
            continue;
        if (previous >= 0)
            intervals.add(m_data.timeMs[size_t(i)] - m_data.timeMs[size_t(previous)]);
        previous = i;
        ++s.samples;
    }
    return intervals.median();
}

MachineStatistics MachineScan::run(qsizetype begin, qsizetype end)
{
    MachineStatistics s;
    s.id = m_data.machines[m_machine];
    // First pass: the samples and the median interval between them.
    const double median = countSamples(begin, end, s);
    s.medianIntervalMs = qint64(std::llround(median));
    const double gapLimit = m_thresholds.gapFactor * median;

    // Raw pointers in locals: the compiler keeps them in registers across the stores below.
    auto column = [](const std::vector<double> *c) { return c ? c->data() : nullptr; };
    const double *cpuColumn = column(m_cpu), *memoryColumn = column(m_memory), *upColumn = column(m_up);
    const double *tokensColumn = column(m_tokens), *activeColumn = column(m_active);
    const double *requestsColumn = column(m_requests);
    const qint64 *times = m_data.timeMs.data();
    auto at = [](const double *c, qsizetype i) { return c ? c[i] : kNaN; };
    const double cpuLimit = m_thresholds.cpuPercent;
    const double tokensLimit = m_thresholds.lowTokensPerSecond;

    Totals t;
    qsizetype previous = -1;
    for (qsizetype i = begin; i < end; ++i) {
        if (!isSample(i))
            continue;
        if (previous >= 0 && median > 0 && double(times[i] - times[previous]) > gapLimit) {
            closeAll();
            OpenPeriod gap { true, previous, i, 2, 0 };
            emitPeriod(IssueKind::NoData, gap, false);
        }
        previous = i;

        const double cpu = at(cpuColumn, i);
        const bool hasCpu = !std::isnan(cpu);
        if (hasCpu) {
            t.cpuSum += cpu;
            ++t.cpuN;
            t.cpuMax = std::max(t.cpuMax, cpu);
            t.cpuMin = std::min(t.cpuMin, cpu);
        }
        const double memory = at(memoryColumn, i);
        if (!std::isnan(memory)) {
            t.memSum += memory;
            ++t.memN;
            t.memMax = std::max(t.memMax, memory);
        }
        const double upValue = at(upColumn, i);
        const bool hasUp = !std::isnan(upValue);
        const bool up = upValue == 1;
        t.upValidN += hasUp;
        t.upN += up;
        const double tokens = at(tokensColumn, i);
        const bool hasTokens = !std::isnan(tokens);
        if (up && hasTokens) {
            t.tokSum += tokens;
            ++t.tokN;
            t.tokMax = std::max(t.tokMax, tokens);
        }
        const double r = at(requestsColumn, i);
        if (!std::isnan(r)) {
            if (t.haveRequests)
                t.requests += r >= t.prevRequests ? r - t.prevRequests : r;
            t.prevRequests = r;
            t.haveRequests = true;
        }

        const bool high = hasCpu && cpu > cpuLimit;
        if (high || m_high.open)
            follow(m_high, IssueKind::HighCpu, high, i, cpu, true);
        const bool down = hasUp && !up;
        if (down || m_down.open)
            follow(m_down, IssueKind::ServerDown, down, i, 0, true);
        const double active = at(activeColumn, i);
        const bool busy = !std::isnan(active) ? active > 0 : tokens > 0;
        const bool low = up && hasTokens && tokens < tokensLimit && busy;
        if (low || m_low.open)
            follow(m_low, IssueKind::LowPerformance, low, i, tokens, false);
    }
    closeAll();
    t.fill(s);
    return s;
}

void MachineScan::Totals::fill(MachineStatistics &s) const
{
    if (cpuN > 0) {
        s.cpuAvg = cpuSum / double(cpuN);
        s.cpuMax = cpuMax;
        s.cpuMin = cpuMin;
    }
    if (memN > 0) {
        s.memoryAvg = memSum / double(memN);
        s.memoryMax = memMax;
    }
    if (tokN > 0) {
        s.tokensAvg = tokSum / double(tokN);
        s.tokensMax = tokMax;
    }
    if (haveRequests)
        s.requestsProcessed = qint64(std::llround(requests));
    if (upValidN > 0)
        s.uptimePercent = 100.0 * double(upN) / double(upValidN);
}

void MachineScan::follow(OpenPeriod &p, IssueKind kind, bool holds, qsizetype i, double value, bool higher)
{
    if (!holds) {
        if (p.open)
            emitPeriod(kind, p, kind != IssueKind::ServerDown);
        return;
    }
    if (!p.open) {
        p = OpenPeriod { true, i, i, 1, value };
        return;
    }
    p.last = i;
    ++p.samples;
    p.peak = higher ? std::max(p.peak, value) : std::min(p.peak, value);
}

void MachineScan::closeAll()
{
    if (m_high.open)
        emitPeriod(IssueKind::HighCpu, m_high, true);
    if (m_down.open)
        emitPeriod(IssueKind::ServerDown, m_down, false);
    if (m_low.open)
        emitPeriod(IssueKind::LowPerformance, m_low, true);
}

void MachineScan::emitPeriod(IssueKind kind, OpenPeriod &p, bool hasPeak)
{
    IssuePeriod issue;
    issue.machine = m_machine;
    issue.kind = kind;
    issue.start = { m_data.timeMs[size_t(p.first)], m_data.offsetSeconds[size_t(p.first)] };
    issue.end = { m_data.timeMs[size_t(p.last)], m_data.offsetSeconds[size_t(p.last)] };
    issue.samples = p.samples;
    if (hasPeak)
        issue.peak = p.peak;
    const int marker = nearestMarker(m_data.markers, issue.start.ms);
    if (marker >= 0)
        issue.marker = m_data.markers[marker];
    m_issues.append(issue);
    p.open = false;
}

} // namespace Analysis
