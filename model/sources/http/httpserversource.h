#pragma once

#include "httpfetcher.h"
#include "servermetrics.h"
#include "serverstate.h"
#include "source.h"

#include <QUrl>

#include <optional>

// A model server over HTTP: up or down, tokens per second and requests from its Prometheus
// /metrics (llama.cpp, vLLM, SGLang, TGI), or health alone (Ollama, LM Studio, mlx_lm, any
// OpenAI-compatible server). With kind Auto it probes /metrics, /health, /v1/models and Ollama's
// /api/version and says what it found. It polls on its own, one request at a time, and answers
// each tick at once with its latest reading, so a slow server never holds a row back.
class HttpServerSource : public Source
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl baseUrl;
        ServerKind kind = ServerKind::Auto;
        int timeoutMs = 2000;
        int minPollMs = 500; // no more than two scrapes a second, whatever the interval
        bool probe = false;  // send a tiny completion now and then to measure tokens/s
        int probeIntervalS = 30;
    };

    explicit HttpServerSource(const Options &options, QObject *parent = nullptr);

    QString name() const override;
    void requestSample(quint64 tick) override;
    ServerState state() const { return m_state; }

private:
    struct Endpoint
    {
        QString path;
        ServerKind kind;
    };

    void poll();
    void onAnswer(const Endpoint &endpoint, const HttpFetcher::Result &result);
    void onProbeAnswer(const HttpFetcher::Result &result);
    void startProbe();
    void setState(ServerState::Status status, const QString &detail);
    QList<Endpoint> candidates() const;
    QUrl urlFor(const QString &path) const;

    Options m_options;
    HttpFetcher m_fetcher;
    HttpFetcher m_probeFetcher;
    std::optional<Endpoint> m_endpoint; // what answered; empty while probing
    int m_candidate = 0;
    CounterRate m_tokens;
    Sample m_latest; // the last reading, kept until a newer one or until stale
    qint64 m_lastPollMs = 0;
    qint64 m_endpointSinceMs = 0;
    qint64 m_lastProbeMs = 0;
    QString m_probeModel;
    std::optional<double> m_probeTokensPerSecond;
    ServerState m_state;
};
