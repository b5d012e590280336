#pragma once

// What the model servers of SOURCES.md §A answer, for the tests of the HTTP sources: their
// /metrics built from the real samples, and the routes of the servers that have none.
#include "fakehttpserver.h"

#include <QByteArray>

#include <optional>

namespace ModelServers {

// The expositions. Each is built from the real sample quoted in SOURCES.md §A (names, label sets,
// value formats), with the generated-tokens counter, the active-requests gauge and the completed-
// requests counter replaced by values of the scrape number n, so every reading names its scrape.

enum class Flavour { LlamaCpp, Vllm, SglangColon, SglangUnderscore, Tgi };

inline QByteArray num(double v)
{
    return QByteArray::number(v, 'g', 15);
}

// The active-requests value the server reports at its n-th scrape, as the source must sum it.
inline double activeFor(Flavour f, int n)
{
    switch (f) {
    case Flavour::LlamaCpp:
    case Flavour::Tgi:
        return n;
    case Flavour::Vllm:
        return n + 8; // engine 0: n, engine 1: 8.0
    case Flavour::SglangColon:
    case Flavour::SglangUnderscore:
        return n + 160; // 162.0 at n = 2, the value of the SOURCES.md sample
    }
    return -1;
}

// The completed-requests total at the n-th scrape; none for llama.cpp (no success counter).
inline std::optional<double> requestsFor(Flavour f, int n)
{
    switch (f) {
    case Flavour::LlamaCpp:
        return std::nullopt;
    case Flavour::Vllm:
        return 131 + 3 * n; // length 131 + n, abort 0, stop 2n (two label sets, two engines)
    case Flavour::SglangColon:
    case Flavour::SglangUnderscore:
        return 500 + 2 * n;
    case Flavour::Tgi:
        return 77 + n;
    }
    return std::nullopt;
}

// llama.cpp: the two gauges of PR #11512 verbatim, the other names and HELP texts from the README
// table (A.1). The throughput gauges hold a decoy (9999): tokens/s must come from the counter.
inline QByteArray llamaCpp(double tokens, int n)
{
    return "# HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.\n"
           "# TYPE llamacpp:prompt_tokens_total counter\n"
           "llamacpp:prompt_tokens_total 4096\n"
           "# HELP llamacpp:prompt_seconds_total Prompt process time in seconds.\n"
           "# TYPE llamacpp:prompt_seconds_total counter\n"
           "llamacpp:prompt_seconds_total 3.125\n"
           "# HELP llamacpp:tokens_predicted_total Number of generation tokens processed.\n"
           "# TYPE llamacpp:tokens_predicted_total counter\n"
           "llamacpp:tokens_predicted_total "
        + num(tokens)
        + "\n"
          "# HELP llamacpp:tokens_predicted_seconds_total Predict process time in seconds.\n"
          "# TYPE llamacpp:tokens_predicted_seconds_total counter\n"
          "llamacpp:tokens_predicted_seconds_total 41.5\n"
          "# HELP llamacpp:prompt_tokens_seconds Average prompt throughput in tokens/s.\n"
          "# TYPE llamacpp:prompt_tokens_seconds gauge\n"
          "llamacpp:prompt_tokens_seconds 9999\n"
          "# HELP llamacpp:predicted_tokens_seconds Average generation throughput in tokens/s.\n"
          "# TYPE llamacpp:predicted_tokens_seconds gauge\n"
          "llamacpp:predicted_tokens_seconds 9999\n"
          "# HELP llamacpp:requests_processing Number of requests processing.\n"
          "# TYPE llamacpp:requests_processing gauge\n"
          "llamacpp:requests_processing "
        + num(activeFor(Flavour::LlamaCpp, n))
        + "\n"
          "# HELP llamacpp:requests_deferred Number of requests deferred.\n"
          "# TYPE llamacpp:requests_deferred gauge\n"
          "llamacpp:requests_deferred 0\n"
          "# HELP llamacpp:n_decode_total Total Number of llama_decode() calls.\n"
          "# TYPE llamacpp:n_decode_total counter\n"
          "llamacpp:n_decode_total 1771\n"
          "# HELP llamacpp:n_busy_slots_per_decode Average number of busy slots per llama_decode() call.\n"
          "# TYPE llamacpp:n_busy_slots_per_decode gauge\n"
          "llamacpp:n_busy_slots_per_decode 1\n";
}

// vLLM V1 (A.2): the docs/design/metrics.md sample, float values, every series labelled with
// model_name and (data parallel) engine: two engines, which the source must sum.
inline QByteArray vllm(double tokens, int n)
{
    const QByteArray model = "model_name=\"meta-llama/Llama-3.1-8B-Instruct\"";
    auto f1 = [](double v) { return QByteArray::number(v, 'f', 1); };
    return "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
           "# TYPE vllm:num_requests_running gauge\n"
           "vllm:num_requests_running{engine=\"0\","
        + model + "} " + f1(n)
        + "\n"
          "vllm:num_requests_running{engine=\"1\","
        + model
        + "} 8.0\n"
          "# HELP vllm:num_requests_waiting Number of requests waiting to be processed.\n"
          "# TYPE vllm:num_requests_waiting gauge\n"
          "vllm:num_requests_waiting{engine=\"0\","
        + model
        + "} 3.0\n"
          "# HELP vllm:generation_tokens_total Number of generation tokens processed.\n"
          "# TYPE vllm:generation_tokens_total counter\n"
          "vllm:generation_tokens_total{engine=\"0\","
        + model + "} " + f1(tokens)
        + "\n"
          "vllm:generation_tokens_total{engine=\"1\","
        + model
        + "} 27453.0\n"
          "# HELP vllm:request_success_total Count of successfully processed requests.\n"
          "# TYPE vllm:request_success_total counter\n"
          "vllm:request_success_total{engine=\"0\",finished_reason=\"length\","
        + model + "} " + f1(131 + n)
        + "\n"
          "vllm:request_success_total{engine=\"0\",finished_reason=\"abort\","
        + model
        + "} 0.0\n"
          "vllm:request_success_total{engine=\"1\",finished_reason=\"stop\","
        + model + "} " + f1(2 * n)
        + "\n"
          "# HELP vllm:request_generation_tokens Number of generation tokens processed.\n"
          "# TYPE vllm:request_generation_tokens histogram\n"
          "vllm:request_generation_tokens_bucket{engine=\"0\",le=\"+Inf\","
        + model
        + "} 131.0\n"
          "vllm:request_generation_tokens_count{engine=\"0\","
        + model
        + "} 131.0\n"
          "vllm:request_generation_tokens_sum{engine=\"0\","
        + model + "} 9999.0\n";
}

// SGLang (A.3): the production_metrics.md sample; counters in exponent form, parsed with strtod.
// gen_throughput holds the doc's value, which is not this server's rate.
inline QByteArray sglang(double tokens, int n, bool underscore)
{
    const QByteArray model = "{model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} ";
    QByteArray text = "# HELP sglang:prompt_tokens_total Number of prefill tokens processed.\n"
                      "# TYPE sglang:prompt_tokens_total counter\n"
                      "sglang:prompt_tokens_total"
        + model
        + "8.128902e+06\n"
          "# HELP sglang:generation_tokens_total Number of generation tokens processed.\n"
          "# TYPE sglang:generation_tokens_total counter\n"
          "sglang:generation_tokens_total"
        + model + QByteArray::number(tokens, 'e', 6)
        + "\n"
          "# HELP sglang:num_running_reqs The number of running requests\n"
          "# TYPE sglang:num_running_reqs gauge\n"
          "sglang:num_running_reqs"
        + model + QByteArray::number(activeFor(Flavour::SglangColon, n), 'f', 1)
        + "\n"
          "# HELP sglang:gen_throughput The generate throughput (token/s)\n"
          "# TYPE sglang:gen_throughput gauge\n"
          "sglang:gen_throughput"
        + model
        + "86.50814177726902\n"
          "# HELP sglang:num_queue_reqs The number of requests in the waiting queue\n"
          "# TYPE sglang:num_queue_reqs gauge\n"
          "sglang:num_queue_reqs"
        + model
        + "2826.0\n"
          "# HELP sglang:num_requests_total Number of requests processed.\n"
          "# TYPE sglang:num_requests_total counter\n"
          "sglang:num_requests_total"
        + model + QByteArray::number(500 + 2 * n, 'f', 1) + "\n";
    if (underscore)
        text.replace("sglang:", "sglang_");
    return text;
}

// TGI (A.4): SOURCES.md quotes the names, not a body; this is the shape its Rust exporter prints.
// The generated-token total is the histogram's _sum.
inline QByteArray tgi(double tokens, int n)
{
    return "# TYPE tgi_batch_current_size gauge\n"
           "tgi_batch_current_size "
        + num(n)
        + "\n"
          "# TYPE tgi_queue_size gauge\n"
          "tgi_queue_size 2\n"
          "# TYPE tgi_request_count counter\n"
          "tgi_request_count "
        + num(80 + n)
        + "\n"
          "# TYPE tgi_request_success counter\n"
          "tgi_request_success "
        + num(77 + n)
        + "\n"
          "# TYPE tgi_request_generated_tokens histogram\n"
          "tgi_request_generated_tokens_bucket{le=\"1\"} 0\n"
          "tgi_request_generated_tokens_bucket{le=\"10\"} 12\n"
          "tgi_request_generated_tokens_bucket{le=\"+Inf\"} "
        + num(77 + n)
        + "\n"
          "tgi_request_generated_tokens_sum "
        + num(tokens)
        + "\n"
          "tgi_request_generated_tokens_count "
        + num(77 + n)
        + "\n"
          "# TYPE tgi_request_mean_time_per_token_duration histogram\n"
          "tgi_request_mean_time_per_token_duration_bucket{le=\"+Inf\"} 78\n"
          "tgi_request_mean_time_per_token_duration_sum 1.9\n"
          "tgi_request_mean_time_per_token_duration_count 78\n";
}

inline QByteArray exposition(Flavour f, double tokens, int n)
{
    switch (f) {
    case Flavour::LlamaCpp:
        return llamaCpp(tokens, n);
    case Flavour::Vllm:
        return vllm(tokens, n);
    case Flavour::SglangColon:
        return sglang(tokens, n, false);
    case Flavour::SglangUnderscore:
        return sglang(tokens, n, true);
    case Flavour::Tgi:
        return tgi(tokens, n);
    }
    return {};
}

// The mlx_lm.server routes (A.7): /health and /v1/models, anything else 404.
inline void serveMlx(FakeHttpServer &server)
{
    server.route(QStringLiteral("/health"), FakeHttpServer::json(200, "{\"status\": \"ok\"}"));
    server.route(QStringLiteral("/v1/models"),
        FakeHttpServer::json(200,
            "{\"object\": \"list\", \"data\": [{\"id\": "
            "\"mlx-community/Qwen2.5-7B-Instruct-4bit\", \"object\": \"model\", "
            "\"created\": 1762300000}]}"));
}

// Ollama's routes (A.5): no /metrics; 404 is Go's plain "404 page not found".
inline void serveOllama(FakeHttpServer &server)
{
    server.route(QStringLiteral("/"), FakeHttpServer::text(200, "Ollama is running"));
    server.route(QStringLiteral("/api/version"), FakeHttpServer::json(200, "{\"version\":\"0.5.1\"}"));
    server.route(QStringLiteral("/api/tags"),
        FakeHttpServer::json(200,
            "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\","
            "\"size\":2019393189,\"digest\":\"a80c4f17acd5\"},{\"name\":"
            "\"qwen2.5:7b\",\"model\":\"qwen2.5:7b\"}]}"));
    server.route(QStringLiteral("/api/ps"), FakeHttpServer::json(200, "{\"models\":[]}"));
    server.route(QStringLiteral("/v1/models"),
        FakeHttpServer::json(200,
            "{\"object\":\"list\",\"data\":[{\"id\":\"llama3.2:latest\","
            "\"object\":\"model\",\"created\":1730000000,\"owned_by\":\"library\"}]}"));
}

// llama.cpp while loading (A.1): every endpoint 503 with this body.
inline const QByteArray kLoadingBody
    = "{\"error\": {\"code\": 503, \"message\": \"Loading model\", \"type\": \"unavailable_error\"}}";

} // namespace ModelServers
