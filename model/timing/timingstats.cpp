#include "timingstats.h"

#include "hugepages.h"
#include "parallel.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <thread>
#include <utility>

namespace {

constexpr size_t kParallelCalls = 1 << 16; // from this many calls, the functions are described on two threads

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingStats", text);
}

// The gaps between consecutive ends (`endAt(k)`: the k-th end): how many are positive, how many of
// those are under kMinGapSeconds / kGapFactor, and whether no end comes before the one preceding it.
struct Gaps
{
    size_t positive = 0;
    size_t short_ = 0;
    bool ordered = true;
};

template<typename EndAt> Gaps countGaps(size_t n, EndAt endAt)
{
    Gaps g;
    double before = n > 0 ? endAt(0) : 0;
    for (size_t k = 1; k < n; ++k) {
        const double end = endAt(k);
        const double gap = end - before;
        g.ordered = g.ordered && before <= end;
        g.positive += gap > 0 ? 1 : 0;
        g.short_ += gap > 0 && gap < TimingStats::kMinGapSeconds / TimingStats::kGapFactor ? 1 : 0;
        before = end;
    }
    return g;
}

// max(kGapFactor × the median of the positive gaps between consecutive ends, kMinGapSeconds). When
// enough gaps are under kMinGapSeconds / kGapFactor, the median is too, and the threshold is
// kMinGapSeconds whatever the median is: counted, not selected.
template<typename EndAt> double gapThreshold(const Gaps &g, size_t n, EndAt endAt)
{
    using TimingStats::kGapFactor;
    using TimingStats::kMinGapSeconds;
    if (g.positive == 0)
        return kMinGapSeconds;
    // The median interpolates between ranks lo and lo + 1 (0-based, ascending): both short.
    const size_t lo = (g.positive - 1) / 2;
    if (g.short_ >= ((g.positive - 1) % 2 == 0 ? lo + 1 : lo + 2))
        return kMinGapSeconds;
    std::vector<double> gaps;
    gaps.reserve(g.positive);
    for (size_t k = 1; k < n; ++k) {
        const double gap = endAt(k) - endAt(k - 1);
        if (gap > 0)
            gaps.push_back(gap);
    }
    return std::max(kGapFactor * TimingStats::percentile(gaps, 0.5), kMinGapSeconds);
}

// The runs over the calls in end order (`at(k)`: the index of the k-th call by end).
template<typename At> QList<TimingRun> runsInOrder(const TimingData &data, At at, double threshold)
{
    const size_t n = size_t(data.size());
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

// A numeric attribute over the selected calls, per function (by its index in TimingData::functions).
struct Accumulated
{
    std::vector<double> sum;
    std::vector<double> max;
    std::vector<qsizetype> count;
};

Accumulated accumulate(const TimingData &data, const NumericColumn &c, const std::vector<std::uint8_t> &in)
{
    const size_t functions = size_t(data.functions.size());
    Accumulated a { std::vector<double>(functions, 0), std::vector<double>(functions, -INFINITY),
        std::vector<qsizetype>(functions, 0) };
    for (size_t j = 0; j < c.rows.size(); ++j) {
        const size_t row = c.rows[j];
        const double v = c.values[j];
        if (!in[row] || std::isnan(v))
            continue;
        const size_t f = size_t(data.function[row]);
        a.sum[f] += v;
        a.max[f] = std::max(a.max[f], v);
        ++a.count[f];
    }
    return a;
}

// Adds the numeric attributes to the functions' statistics, column by column.
void attach(const TimingData &data, const std::vector<Accumulated> &columns, QList<FunctionStats> &stats)
{
    for (size_t c = 0; c < columns.size(); ++c) {
        const QString &name = data.numeric[c].name;
        for (FunctionStats &fs : stats) {
            const size_t f = size_t(fs.function);
            const qsizetype count = columns[c].count[f];
            if (count == 0)
                continue;
            const double mean = columns[c].sum[f] / double(count);
            fs.attributes.append(AttributeStats { name, count, mean, columns[c].max[f] });
            if (name == QLatin1String("memory_delta_mb"))
                fs.memoryDelta = mean;
        }
    }
}

// The q-quantile of [b, e) by linear interpolation; reorders it. Nothing before b + from may be
// greater than anything from there on (a selection made before): the selection starts there.
double quantile(double *b, double *e, double q, size_t from = 0)
{
    const size_t n = size_t(e - b);
    if (n == 0)
        return std::nan("");
    const double pos = double(n - 1) * std::clamp(q, 0.0, 1.0);
    const size_t lo = size_t(pos);
    const double fraction = pos - double(lo);
    std::nth_element(b + std::min(from, lo), b + lo, e);
    const double low = b[lo];
    if (fraction <= 0 || lo + 1 >= n)
        return low;
    const double high = *std::min_element(b + lo + 1, e);
    return low + fraction * (high - low);
}

FunctionStats describe(double *b, double *e, qsizetype errors)
{
    FunctionStats f;
    f.count = qsizetype(e - b);
    f.total = std::accumulate(b, e, 0.0);
    f.mean = f.total / double(f.count);
    const auto [lo, hi] = std::minmax_element(b, e);
    f.min = *lo;
    f.max = *hi;
    f.median = quantile(b, e, 0.5);
    // The median's selection left the upper half above it: the 95th percentile is found there.
    f.p95 = quantile(b, e, 0.95, size_t(double(f.count - 1) * 0.5) + 1);
    f.errors = errors;
    f.successRate = double(f.count - errors) / double(f.count);
    return f;
}

} // namespace

namespace TimingStats {

double percentile(std::vector<double> &values, double q)
{
    return quantile(values.data(), values.data() + values.size(), q);
}

QList<TimingRun> runs(const TimingData &data)
{
    const size_t n = size_t(data.size());
    if (n == 0)
        return {};
    // Logs are written as calls end: their ends are in order, and read in place, in one pass with
    // the gaps. Else the calls are sorted by end first.
    const auto inPlace = [&data](size_t k) { return data.end(qsizetype(k)); };
    const Gaps gaps = countGaps(n, inPlace);
    if (gaps.ordered)
        return runsInOrder(
            data, [](size_t k) { return k; }, gapThreshold(gaps, n, inPlace));
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(
        order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return inPlace(a) < inPlace(b); });
    const auto sorted = [&](size_t k) { return inPlace(order[k]); };
    return runsInOrder(
        data, [&order](size_t k) { return size_t(order[k]); }, gapThreshold(countGaps(n, sorted), n, sorted));
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
    // One array, each function's durations together from its offset (fewer pages to fault in than
    // a vector per function, huge ones where the kernel gives them).
    std::vector<size_t> offset(count.size() + 1, 0);
    for (size_t f = 0; f < count.size(); ++f)
        offset[f + 1] = offset[f] + size_t(count[f]);
    std::vector<double> durations;
    durations.reserve(offset.back());
    adviseHugePages(durations);
    durations.resize(offset.back());
    {
        std::vector<size_t> next(offset.begin(), offset.end() - 1);
        for (size_t i = 0; i < n; ++i) {
            if (in[i])
                durations[next[size_t(data.function[i])]++] = data.duration[i];
        }
    }
    // Each numeric attribute, and each function's selections (nth_element), on its own: taken in
    // turn by two threads when there are many calls.
    std::vector<Accumulated> columns(data.numeric.size());
    std::vector<FunctionStats> described(count.size());
    const size_t tasks = columns.size() + count.size();
    std::atomic<size_t> next { 0 };
    const int threads = n >= kParallelCalls ? std::clamp(int(std::thread::hardware_concurrency()), 1, 2) : 1;
    Parallel::runTogether(threads, [&](int) {
        for (size_t t = next++; t < tasks; t = next++) {
            if (t < columns.size()) {
                columns[t] = accumulate(data, data.numeric[t], in);
                continue;
            }
            const size_t f = t - columns.size();
            if (count[f] > 0)
                described[f] = describe(durations.data() + offset[f], durations.data() + offset[f + 1], errors[f]);
        }
    });
    for (size_t f = 0; f < count.size(); ++f) {
        if (count[f] == 0)
            continue;
        FunctionStats fs = std::move(described[f]);
        fs.name = data.functions[qsizetype(f)];
        fs.function = int(f);
        s.calls += fs.count;
        s.total += fs.total;
        s.functions.append(fs);
    }
    if (s.calls == 0 && s.error.isEmpty())
        s.error = tr("no calls in the selected time range");
    attach(data, columns, s.functions);
    for (FunctionStats &f : s.functions)
        f.share = s.total > 0 ? f.total / s.total : 0;
    std::sort(s.functions.begin(), s.functions.end(), [](const FunctionStats &a, const FunctionStats &b) {
        return a.total != b.total ? a.total > b.total : a.name < b.name;
    });
    // An error record joined to no call belongs to the run it was written in: from the run's start
    // to the next run's (the one that ended a run, written after its last call, is the one to see),
    // the first run from the log's start, the last to its end.
    double errorsFrom = s.start, errorsTo = s.end;
    bool toIncluded = true;
    if (selection.kind != TimingSelection::Kind::Range) {
        const int first = s.run > 0 ? s.run : 1;
        const int last = s.run > 0 ? s.run : int(s.runs.size());
        errorsFrom = first == 1 ? -INFINITY : s.runs[first - 1].start;
        errorsTo = last == s.runs.size() ? INFINITY : s.runs[last].start;
        toIncluded = false; // the next run's start is the next run's
    }
    for (const TimingError &e : data.errors) {
        if (e.call >= 0 ? bool(in[size_t(e.call)])
                        : (!std::isfinite(e.time)
                            || (e.time >= errorsFrom && (e.time < errorsTo || (toIncluded && e.time == errorsTo)))))
            s.errors.append(e);
    }
    return s;
}

} // namespace TimingStats
