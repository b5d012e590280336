#pragma once

#include "timingdata.h"

#include <QList>
#include <QString>

#include <cmath>

// Shape D compared across hardware tiers: the requests of each "hardware_tier" (a column, or the
// tier in the file name synthesis_<tier>_<stamp>.csv), from their numeric columns peak_memory_mb,
// rtf and tokens_per_second. Standard deviations are of a sample (n − 1, as pandas' std): NaN for
// one request. Means skip requests without the value; NaN when none has it.
struct TierSummary
{
    QString tier;
    qsizetype requests = 0;
    double successRate = 0;               // requests without an error / requests
    double peakMemoryMean = std::nan(""); // MB
    double peakMemorySd = std::nan("");
    double rtfMean = std::nan(""); // real-time factor; < 1 is faster than real time
    qsizetype rtfOverOne = 0;      // requests slower than real time
    double tokensPerSecondMean = std::nan("");
};

namespace TimingTiers {
// One entry per tier, in the order the tiers first appear.
QList<TierSummary> summarize(const TimingData &data);
} // namespace TimingTiers
