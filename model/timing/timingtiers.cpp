#include "timingtiers.h"

#include <vector>

namespace {

struct Moments
{
    qsizetype n = 0;
    double sum = 0;
    double sumSquares = 0;
    qsizetype overOne = 0;
    void add(double v)
    {
        ++n;
        sum += v;
        sumSquares += v * v;
        overOne += v > 1 ? 1 : 0;
    }
    double mean() const { return n > 0 ? sum / double(n) : std::nan(""); }
    double sd() const
    {
        if (n < 2)
            return std::nan("");
        const double m = mean();
        return std::sqrt(std::max(0.0, (sumSquares - double(n) * m * m) / double(n - 1)));
    }
};

// The values of a numeric column per tier index.
std::vector<Moments> perTier(const TimingData &data, const char *name, const std::vector<int> &tierOf, size_t tiers)
{
    std::vector<Moments> out(tiers);
    const NumericColumn *c = data.numericColumn(QLatin1String(name));
    for (size_t j = 0; c && j < c->rows.size(); ++j) {
        const int t = tierOf[c->rows[j]];
        if (t >= 0 && std::isfinite(c->values[j]))
            out[size_t(t)].add(c->values[j]);
    }
    return out;
}

} // namespace

namespace TimingTiers {

QList<TierSummary> summarize(const TimingData &data)
{
    QList<TierSummary> out;
    const TextColumn *tier = data.textColumn(QStringLiteral("hardware_tier"));
    if (!tier)
        return out;
    std::vector<int> tierOf(size_t(data.size()), -1); // per call, an index into out
    std::vector<int> outOf(size_t(tier->values.size()), -1);
    std::vector<qsizetype> ok;
    for (size_t j = 0; j < tier->rows.size(); ++j) {
        const int v = tier->valueIndex[j];
        if (outOf[size_t(v)] < 0) {
            outOf[size_t(v)] = int(out.size());
            out.append(TierSummary { tier->values[v] });
            ok.push_back(0);
        }
        const int t = outOf[size_t(v)];
        tierOf[tier->rows[j]] = t;
        ++out[t].requests;
        ok[size_t(t)] += data.ok[tier->rows[j]];
    }
    const auto memory = perTier(data, "peak_memory_mb", tierOf, size_t(out.size()));
    const auto rtf = perTier(data, "rtf", tierOf, size_t(out.size()));
    const auto tps = perTier(data, "tokens_per_second", tierOf, size_t(out.size()));
    for (qsizetype t = 0; t < out.size(); ++t) {
        TierSummary &s = out[t];
        s.successRate = double(ok[size_t(t)]) / double(s.requests);
        s.peakMemoryMean = memory[size_t(t)].mean();
        s.peakMemorySd = memory[size_t(t)].sd();
        s.rtfMean = rtf[size_t(t)].mean();
        s.rtfOverOne = rtf[size_t(t)].overOne;
        s.tokensPerSecondMean = tps[size_t(t)].mean();
    }
    return out;
}

} // namespace TimingTiers
