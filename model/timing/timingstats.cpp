#include "timingstats.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>
#include <utility>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingStats", text);
}

// (end, start) of every call, by end. Logs are written as calls end: usually sorted already.
std::vector<std::pair<double, double>> byEnd(const TimingData &data)
{
    std::vector<std::pair<double, double>> calls(size_t(data.size()));
    for (size_t i = 0; i < calls.size(); ++i)
        calls[i] = { data.start[i] + data.duration[i], data.start[i] };
    const auto byFirst = [](const auto &a, const auto &b) { return a.first < b.first; };
    if (!std::is_sorted(calls.begin(), calls.end(), byFirst))
        std::sort(calls.begin(), calls.end(), byFirst);
    return calls;
}

double medianGap(const std::vector<std::pair<double, double>> &calls)
{
    std::vector<double> gaps;
    gaps.reserve(calls.size());
    for (size_t i = 1; i < calls.size(); ++i) {
        const double gap = calls[i].first - calls[i - 1].first;
        if (gap > 0)
            gaps.push_back(gap);
    }
    return gaps.empty() ? 0 : TimingStats::percentile(gaps, 0.5);
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
    QList<TimingRun> out;
    if (data.size() == 0)
        return out;
    const std::vector<std::pair<double, double>> calls = byEnd(data);
    const double threshold = std::max(kGapFactor * medianGap(calls), kMinGapSeconds);
    // From the last end back: a call whose end is further than the threshold before the earliest
    // start of the calls that end after it closes an idle gap; those calls form a run of their own.
    TimingRun run { INFINITY, calls.back().first, 0 };
    for (auto it = calls.crbegin(); it != calls.crend(); ++it) {
        const auto &[end, start] = *it;
        if (run.calls > 0 && run.start - end > threshold) {
            out.prepend(run);
            run = TimingRun { INFINITY, end, 0 };
        }
        run.start = std::min(run.start, start);
        ++run.calls;
    }
    out.prepend(run);
    return out;
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
    std::vector<int> statsOf(count.size(), -1);
    for (size_t f = 0; f < count.size(); ++f) {
        if (count[f] == 0)
            continue;
        FunctionStats fs = describe(durations[f], errors[f]);
        std::vector<double>().swap(durations[f]);
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
