#include "servermetrics.h"

#include <array>
#include <cmath>

namespace {

// The metric names of one server kind for each quantity (SOURCES.md §A.0), in order of preference:
// the first name that has a finite sample is used, summed over its label sets.
struct KindMetrics
{
    ServerKind kind;
    std::array<const char *, 2> prefixes; // recognise the kind in Auto
    std::array<const char *, 2> generatedTokens;
    std::array<const char *, 2> activeRequests;
    std::array<const char *, 2> completedRequests;
};

// SGLang has emitted both `sglang:` and (some releases, sgl-router) `sglang_` names: the colon
// form is preferred so that a body with both is not counted twice.
constexpr std::array<KindMetrics, 4> kMetrics { {
    { ServerKind::LlamaCpp, { "llamacpp:", nullptr }, { "llamacpp:tokens_predicted_total", nullptr },
        { "llamacpp:requests_processing", nullptr },
        { nullptr, nullptr } }, // no success counter in llama.cpp's documented set
    { ServerKind::Vllm, { "vllm:", nullptr }, { "vllm:generation_tokens_total", nullptr },
        { "vllm:num_requests_running", nullptr }, { "vllm:request_success_total", nullptr } },
    { ServerKind::Sglang, { "sglang:", "sglang_" },
        { "sglang:generation_tokens_total", "sglang_generation_tokens_total" },
        { "sglang:num_running_reqs", "sglang_num_running_reqs" },
        { "sglang:num_requests_total", "sglang_num_requests_total" } },
    { ServerKind::Tgi, { "tgi_", nullptr },
        { "tgi_request_generated_tokens_sum", nullptr }, // the histogram's running total
        { "tgi_batch_current_size", nullptr }, { "tgi_request_success", nullptr } },
} };

const KindMetrics *metricsOf(ServerKind kind)
{
    for (const KindMetrics &m : kMetrics) {
        if (m.kind == kind)
            return &m;
    }
    return nullptr;
}

// The kind whose prefix most sample names carry; Auto when none does.
ServerKind recognise(const QList<PromSample> &samples)
{
    std::array<qsizetype, kMetrics.size()> hits {};
    for (const PromSample &s : samples) {
        for (size_t k = 0; k < kMetrics.size(); ++k) {
            for (const char *prefix : kMetrics[k].prefixes) {
                if (prefix && s.name.startsWith(QLatin1String(prefix))) {
                    ++hits[k];
                    break;
                }
            }
        }
    }
    ServerKind best = ServerKind::Auto;
    qsizetype bestHits = 0;
    for (size_t k = 0; k < kMetrics.size(); ++k) {
        if (hits[k] > bestHits) {
            bestHits = hits[k];
            best = kMetrics[k].kind;
        }
    }
    return best;
}

// The sum over every label set of the first of `names` that has a finite sample. NaN and ±Inf
// samples are left out: a counter or gauge that is not a number says nothing. A quantity is a count:
// a negative sample (in any label set: the sum would be wrong), a sum that overflows, or names that
// are present with no finite sample at all leave it out, and the offending sample goes to `rejected`.
std::optional<double> sumOf(
    const QList<PromSample> &samples, const std::array<const char *, 2> &names, QList<RejectedServerValue> &rejected)
{
    std::optional<RejectedServerValue> notANumber;
    for (const char *name : names) {
        if (!name)
            continue;
        const QLatin1String wanted(name);
        std::optional<double> sum;
        for (const PromSample &s : samples) {
            if (s.name != wanted)
                continue;
            if (!std::isfinite(s.value)) {
                if (!notANumber)
                    notANumber = RejectedServerValue { s.name, s.value };
                continue;
            }
            if (s.value < 0) {
                rejected.append({ s.name, s.value });
                return std::nullopt;
            }
            sum = sum.value_or(0.0) + s.value;
        }
        if (sum && !std::isfinite(*sum)) {
            rejected.append({ QString(wanted), *sum });
            return std::nullopt;
        }
        if (sum)
            return sum;
    }
    if (notANumber)
        rejected.append(*notANumber);
    return std::nullopt;
}

} // namespace

ServerCounters extractServerCounters(const QList<PromSample> &samples, ServerKind hint)
{
    ServerCounters counters;
    counters.kind = hint == ServerKind::Auto ? recognise(samples) : hint;
    const KindMetrics *metrics = metricsOf(counters.kind);
    if (!metrics)
        return counters; // not recognised, or a kind without metrics
    counters.generatedTokens = sumOf(samples, metrics->generatedTokens, counters.rejected);
    counters.activeRequests = sumOf(samples, metrics->activeRequests, counters.rejected);
    counters.completedRequests = sumOf(samples, metrics->completedRequests, counters.rejected);
    return counters;
}

std::optional<double> CounterRate::update(double counter, qint64 timeMs)
{
    if (!std::isfinite(counter) || counter < 0)
        return std::nullopt; // not a counter reading: keep the last good one
    if (!m_last) {
        m_last = Reading { counter, timeMs };
        return std::nullopt;
    }
    const qint64 dt = timeMs - m_last->timeMs;
    if (dt == 0)
        return std::nullopt; // keep the earlier reading: the next one measures from it
    if (dt < 0) {
        m_last = Reading { counter, timeMs }; // the clock went back: start again from here
        return std::nullopt;
    }
    // A counter that went down is a restarted server: it counted from zero since.
    const double delta = counter >= m_last->counter ? counter - m_last->counter : counter;
    m_last = Reading { counter, timeMs };
    return delta / (double(dt) / 1000.0);
}
