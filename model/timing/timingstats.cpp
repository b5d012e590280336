#include "timingstats.h"

#include "parallel.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>
#include <thread>
#include <utility>

namespace {

constexpr size_t kParallelCalls = 1 << 16; // from this many calls, the functions are described on two threads

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingStats", text);
}

// The order of the calls by end: empty when their ends are in order already (logs are written as
// calls end), else their indices sorted by end.
std::vector<std::uint32_t> orderByEnd(const TimingData &data)
{
    const size_t n = size_t(data.size());
    size_t i = 1;
    while (i < n && data.end(qsizetype(i - 1)) <= data.end(qsizetype(i)))
        ++i;
    if (i >= n)
        return {};
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(
        order.begin(), order.end(), [&data](std::uint32_t a, std::uint32_t b) { return data.end(a) < data.end(b); });
    return order;
}

// max(kGapFactor × the median of the positive gaps between consecutive ends, kMinGapSeconds).
// `endAt(k)`: the k-th end in order. When enough gaps are below kMinGapSeconds / kGapFactor, the
// median is too, and the threshold is kMinGapSeconds whatever the median is: counted, not selected.
template<typename EndAt> double gapThreshold(size_t n, EndAt endAt)
{
    using TimingStats::kGapFactor;
    using TimingStats::kMinGapSeconds;
    size_t positive = 0, short_ = 0;
    for (size_t k = 1; k < n; ++k) {
        const double gap = endAt(k) - endAt(k - 1);
        positive += gap > 0 ? 1 : 0;
        short_ += gap > 0 && gap < kMinGapSeconds / kGapFactor ? 1 : 0;
    }
    if (positive == 0)
        return kMinGapSeconds;
    // The median interpolates between ranks lo and lo + 1 (0-based, ascending): both short.
    const size_t lo = (positive - 1) / 2;
    if (short_ >= ((positive - 1) % 2 == 0 ? lo + 1 : lo + 2))
        return kMinGapSeconds;
    std::vector<double> gaps;
    gaps.reserve(positive);
    for (size_t k = 1; k < n; ++k) {
        const double gap = endAt(k) - endAt(k - 1);
        if (gap > 0)
            gaps.push_back(gap);
    }
    return std::max(kGapFactor * TimingStats::percentile(gaps, 0.5), kMinGapSeconds);
}

// The runs over the calls in end order (`at(k)`: the index of the k-th call by end).
template<typename At> QList<TimingRun> runsInOrder(const TimingData &data, At at)
{
    const size_t n = size_t(data.size());
    const double threshold = gapThreshold(n, [&](size_t k) { return data.end(qsizetype(at(k))); });
    // From the last end back: a call whose end is further than the threshold before the earliest
    // start of the calls that end after it closes an idle gap; those calls form a run of their own.
    QList<TimingRun> out;
    TimingRun run { INFINITY, data.end(qsizetype(at(n - 1))), 0 };
    for (size_t k = n; k-- > 0;) {
        const size_t i = at(k);
        const double end = data.end(qsizetype(i));
        if (run.calls > 0 && run.start - end > threshold) {
            out.prepend(run);
            run = TimingRun { INFINITY, end, 0 };
        }
        run.start = std::min(run.start, data.start[i]);
        ++run.calls;
    }
    out.prepend(run);
    return out;
}

// Accumulates the numeric attributes of the selected calls per function.
void attributes(const TimingData &data, const std::vector<std::uint8_t> &in, QList<FunctionStats> &stats,
    const std::vector<int> &statsOf)
{
    for (const NumericColumn &c : data.numeric) {
        std::vector<double> sum(stats.size(), 0), max(stats.size(), -INFINITY);
        std::vector<qsizetype> count(stats.size(), 0);
        for (size_t j = 0; j < c.rows.size(); ++j) {
            const size_t row = c.rows[j];
            const double v = c.values[j];
            if (!in[row] || std::isnan(v))
                continue;
            const size_t s = size_t(statsOf[size_t(data.function[row])]);
            sum[s] += v;
            max[s] = std::max(max[s], v);
            ++count[s];
        }
        for (qsizetype s = 0; s < stats.size(); ++s) {
            if (count[size_t(s)] == 0)
                continue;
            const double mean = sum[size_t(s)] / double(count[size_t(s)]);
            stats[s].attributes.append(AttributeStats { c.name, count[size_t(s)], mean, max[size_t(s)] });
            if (c.name == QLatin1String("memory_delta_mb"))
                stats[s].memoryDelta = mean;
        }
    }
}

FunctionStats describe(std::vector<double> &durations, qsizetype errors)
{
    FunctionStats f;
    f.count = qsizetype(durations.size());
    f.total = std::accumulate(durations.begin(), durations.end(), 0.0);
    f.mean = f.total / double(f.count);
    const auto [lo, hi] = std::minmax_element(durations.begin(), durations.end());
    f.min = *lo;
    f.max = *hi;
    f.median = TimingStats::percentile(durations, 0.5);
    f.p95 = TimingStats::percentile(durations, 0.95);
    f.errors = errors;
    f.successRate = double(f.count - errors) / double(f.count);
    return f;
}

} // namespace

namespace TimingStats {

double percentile(std::vector<double> &values, double q)
{
    if (values.empty())
        return std::nan("");
    const double pos = double(values.size() - 1) * std::clamp(q, 0.0, 1.0);
    const size_t lo = size_t(pos);
    const double fraction = pos - double(lo);
    std::nth_element(values.begin(), values.begin() + qsizetype(lo), values.end());
    const double low = values[lo];
    if (fraction <= 0 || lo + 1 >= values.size())
        return low;
    const double high = *std::min_element(values.begin() + qsizetype(lo) + 1, values.end());
    return low + fraction * (high - low);
}

QList<TimingRun> runs(const TimingData &data)
{
    if (data.size() == 0)
        return {};
    const std::vector<std::uint32_t> order = orderByEnd(data);
    if (order.empty())
        return runsInOrder(data, [](size_t k) { return k; });
    return runsInOrder(data, [&order](size_t k) { return size_t(order[k]); });
}

TimingSummary summarize(const TimingData &data, const TimingSelection &selection)
{
    TimingSummary s;
    s.runs = runs(data);
    if (s.runs.isEmpty()) {
        s.error = tr("no calls");
        return s;
    }
    switch (selection.kind) {
    case TimingSelection::Kind::Latest:
        s.run = int(s.runs.size());
        break;
    case TimingSelection::Kind::Run:
        if (selection.run < 1 || selection.run > s.runs.size()) {
            s.error = tr("no run %1: the calls form %2 run(s)").arg(selection.run).arg(s.runs.size());
            return s;
        }
        s.run = selection.run;
        break;
    case TimingSelection::Kind::All:
        s.start = s.runs.first().start;
        s.end = std::max_element(s.runs.cbegin(), s.runs.cend(), [](auto &a, auto &b) { return a.end < b.end; })->end;
        break;
    case TimingSelection::Kind::Range:
        s.start = selection.from;
        s.end = selection.to;
        break;
    }
    if (s.run > 0) {
        s.start = s.runs[s.run - 1].start;
        s.end = s.runs[s.run - 1].end;
    }
    // Group the durations of the selected calls by function: counts, offsets, one array.
    const size_t n = size_t(data.size());
    std::vector<std::uint8_t> in(n, 0);
    std::vector<qsizetype> count(size_t(data.functions.size()), 0), errors(count.size(), 0);
    for (size_t i = 0; i < n; ++i) {
        if (data.start[i] >= s.start && data.start[i] <= s.end) {
            in[i] = 1;
            ++count[size_t(data.function[i])];
            errors[size_t(data.function[i])] += data.ok[i] ? 0 : 1;
        }
    }
    std::vector<std::vector<double>> durations(count.size());
    for (size_t f = 0; f < count.size(); ++f)
        durations[f].reserve(size_t(count[f]));
    for (size_t i = 0; i < n; ++i) {
        if (in[i])
            durations[size_t(data.function[i])].push_back(data.duration[i]);
    }
    // Each function's selections (nth_element) on its own: on two threads when there are many calls.
    std::vector<FunctionStats> described(count.size());
    const int threads = n >= kParallelCalls ? std::clamp(int(std::thread::hardware_concurrency()), 1, 2) : 1;
    Parallel::runTogether(threads, [&](int k) {
        for (size_t f = size_t(k); f < count.size(); f += size_t(threads)) {
            if (count[f] > 0)
                described[f] = describe(durations[f], errors[f]);
            std::vector<double>().swap(durations[f]);
        }
    });
    std::vector<int> statsOf(count.size(), -1);
    for (size_t f = 0; f < count.size(); ++f) {
        if (count[f] == 0)
            continue;
        FunctionStats fs = std::move(described[f]);
        fs.name = data.functions[qsizetype(f)];
        fs.function = int(f);
        s.calls += fs.count;
        s.total += fs.total;
        statsOf[f] = int(s.functions.size());
        s.functions.append(fs);
    }
    if (s.calls == 0 && s.error.isEmpty())
        s.error = tr("no calls in the selected time range");
    attributes(data, in, s.functions, statsOf);
    for (FunctionStats &f : s.functions)
        f.share = s.total > 0 ? f.total / s.total : 0;
    std::sort(s.functions.begin(), s.functions.end(), [](const FunctionStats &a, const FunctionStats &b) {
        return a.total != b.total ? a.total > b.total : a.name < b.name;
    });
    for (const TimingError &e : data.errors) {
        if (e.call >= 0 ? bool(in[size_t(e.call)]) : (!std::isfinite(e.time) || (e.time >= s.start && e.time <= s.end)))
            s.errors.append(e);
    }
    return s;
}

} // namespace TimingStats
