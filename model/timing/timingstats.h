#pragma once

#include "timingdata.h"

#include <QList>
#include <QString>

#include <cmath>
#include <vector>

// Statistics over the calls of a TimingData: pure functions, no state.
//
// Runs. The calls are cut into runs at every idle gap (a time when no call is running) longer than
//     max(kGapFactor × the median of the positive gaps between consecutive call ends, kMinGapSeconds)
// i.e. 10 × the typical spacing of calls, and never less than a minute, so that a program's steady
// stream of calls is one run and a later re-run (a new process, the next day) is another. A run is
// [its earliest start, its latest end]; a call belongs to the run its start falls in. (Ends, not
// starts: logs are written as calls end, so their ends come sorted and no sort is needed.)
//
// Percentiles interpolate linearly between the closest ranks, as numpy.percentile and pandas'
// quantile do by default: for n sorted values x, position (n - 1) × q, x[floor] + fraction × (x[ceil] − x[floor]).

struct TimingRun
{
    double start = 0; // Unix s: the run's first start
    double end = 0;   // its latest end
    qsizetype calls = 0;
};

// Which calls the statistics cover: the latest run (default), all, run N (1-based, oldest first),
// or the calls that start within [from, to] (Unix s).
struct TimingSelection
{
    enum class Kind { Latest, All, Run, Range };
    Kind kind = Kind::Latest;
    int run = 0;
    double from = 0;
    double to = 0;

    static TimingSelection latest() { return {}; }
    static TimingSelection all() { return { Kind::All, 0, 0, 0 }; }
    static TimingSelection number(int n) { return { Kind::Run, n, 0, 0 }; }
    static TimingSelection range(double from, double to) { return { Kind::Range, 0, from, to }; }
};

struct AttributeStats
{
    QString name;
    qsizetype count = 0; // calls of the function that have it
    double mean = 0;
    double max = 0;
};

struct FunctionStats
{
    QString name;
    int function = -1; // the index in TimingData::functions
    qsizetype count = 0;
    double total = 0; // seconds
    double mean = 0;
    double median = 0;
    double p95 = 0;
    double min = 0;
    double max = 0;
    qsizetype errors = 0;
    double successRate = 1;            // (count − errors) / count
    double share = 0;                  // total / the total of all functions (0 when that is 0)
    QList<AttributeStats> attributes;  // numeric attributes of its calls, by name
    double memoryDelta = std::nan(""); // mean of "memory_delta_mb" (shape B), NaN when none
};

struct TimingSummary
{
    QList<TimingRun> runs; // all runs of the data, oldest first
    int run = 0;           // the run selected (1-based); 0 for all or a time range
    double start = 0;      // the window the statistics cover (Unix s)
    double end = 0;
    qsizetype calls = 0;
    double total = 0;
    QList<FunctionStats> functions; // sorted by total, largest first (ties: by name)
    QList<TimingError> errors;      // the errors of the selected calls, and unjoined ones of the run(s) or range
    QString error;                  // why nothing could be selected (no calls, no such run); empty when fine
};

namespace TimingStats {

constexpr double kGapFactor = 10;
constexpr double kMinGapSeconds = 60;

QList<TimingRun> runs(const TimingData &data);

TimingSummary summarize(const TimingData &data, const TimingSelection &selection = TimingSelection::latest());

// The q-quantile (0 ≤ q ≤ 1) of the values by linear interpolation; reorders them. NaN when empty.
double percentile(std::vector<double> &values, double q);

} // namespace TimingStats
