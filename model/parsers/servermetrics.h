#pragma once

#include "prometheusparser.h"
#include "serverkind.h"

#include <QList>
#include <QString>

#include <optional>

// How the model servers' /metrics map onto the log's metrics (SOURCES.md §A). Matching is by
// metric name, never by HELP text.

// A sample a server sent that cannot be a count: negative, or not a number.
struct RejectedServerValue
{
    QString name; // the server's metric name, e.g. "llamacpp:requests_processing"
    double value = 0;
};

// What one scrape says. Every quantity is a count, finite and >= 0: one that is not (a negative
// sample in any label set, or no finite sample at all) is left out and named in `rejected`.
struct ServerCounters
{
    ServerKind kind = ServerKind::Auto;      // recognised from the metric names, or the hint
    std::optional<double> generatedTokens;   // cumulative generated-token counter
    std::optional<double> activeRequests;    // requests in flight (summed over label sets)
    std::optional<double> completedRequests; // cumulative completed requests (all reasons)
    QList<RejectedServerValue> rejected;     // the samples that left a quantity out, one per quantity
};

// llamacpp:tokens_predicted_total, vllm:generation_tokens_total, sglang:generation_tokens_total
// (or sglang_…), tgi_request_generated_tokens_sum; llamacpp:requests_processing,
// vllm:num_requests_running, sglang:num_running_reqs, tgi_batch_current_size;
// vllm:request_success_total, sglang:num_requests_total, tgi_request_success.
// `hint` Auto recognises the kind from the names present.
ServerCounters extractServerCounters(const QList<PromSample> &samples, ServerKind hint = ServerKind::Auto);

// Tokens per second from successive readings of a cumulative counter: Δcounter / Δtime between
// scrapes. A counter that went down is a restart: the new value counts from zero. Never negative.
class CounterRate
{
public:
    std::optional<double> update(double counter, qint64 timeMs);
    void reset() { m_last.reset(); }

private:
    struct Reading
    {
        double counter;
        qint64 timeMs;
    };
    std::optional<Reading> m_last;
};
