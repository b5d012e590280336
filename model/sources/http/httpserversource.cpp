#include "httpserversource.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {
constexpr qint64 kReprobeMs = 60'000;

QString firstLine(const QByteArray &body)
{
    QString line = QString::fromUtf8(body.left(200)).section(u'\n', 0, 0).trimmed();
    return line.isEmpty() ? HttpServerSource::tr("an empty body") : QStringLiteral("“%1”").arg(line);
}
} // namespace

HttpServerSource::HttpServerSource(const Options &options, QObject *parent)
    : Source(parent)
    , m_options(options)
    , m_fetcher(this)
    , m_probeFetcher(this)
{
    m_latest.timeMs = 0;
}

QString HttpServerSource::name() const
{
    return tr("Model server %1").arg(m_options.baseUrl.toString());
}

QList<HttpServerSource::Endpoint> HttpServerSource::candidates() const
{
    const QString metrics = QStringLiteral("/metrics");
    switch (m_options.kind) {
    case ServerKind::Auto:
        return { { metrics, ServerKind::Auto }, { QStringLiteral("/health"), ServerKind::Auto },
            { QStringLiteral("/v1/models"), ServerKind::OpenAi },
            { QStringLiteral("/api/version"), ServerKind::Ollama } };
    case ServerKind::LlamaCpp:
        // llama-server without --metrics still answers /health.
        return { { metrics, ServerKind::LlamaCpp }, { QStringLiteral("/health"), ServerKind::LlamaCpp } };
    case ServerKind::Vllm:
    case ServerKind::Sglang:
    case ServerKind::Tgi:
        return { { metrics, m_options.kind } };
    case ServerKind::Ollama:
        return { { QStringLiteral("/api/version"), ServerKind::Ollama } };
    case ServerKind::LmStudio:
    case ServerKind::Mlx:
    case ServerKind::OpenAi:
        return { { QStringLiteral("/v1/models"), m_options.kind } };
    }
    return {};
}

QUrl HttpServerSource::urlFor(const QString &path) const
{
    QUrl url = m_options.baseUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(QString());
    return url;
}

void HttpServerSource::requestSample(quint64 tick)
{
    poll();
    if (m_options.probe)
        startProbe();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Sample answer;
    // A reading is current for as long as the next scrape may take to replace it.
    if (m_latest.timeMs > 0 && now - m_latest.timeMs <= m_options.timeoutMs + 2 * m_options.minPollMs + 1000)
        answer = m_latest;
    answer.timeMs = now;
    // tokens/s from a probe belongs to the one row after the probe.
    if (m_probeTokensPerSecond) {
        answer.set(Metric::TokensPerSecond, *m_probeTokensPerSecond);
        m_probeTokensPerSecond.reset();
    }
    emit sampleReady(tick, answer);
}

void HttpServerSource::poll()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_fetcher.isBusy() || now - m_lastPollMs < m_options.minPollMs)
        return;
    const QList<Endpoint> all = candidates();
    if (all.isEmpty())
        return;
    // A server found health-only may be restarted with metrics (llama-server --metrics) without
    // ever going down in between: look for /metrics again once a minute.
    if (m_endpoint && m_endpoint->path != QLatin1String("/metrics") && all.first().path == QLatin1String("/metrics")
        && now - m_endpointSinceMs > kReprobeMs) {
        m_endpoint.reset();
        m_candidate = 0;
    }
    const Endpoint endpoint = m_endpoint ? *m_endpoint : all[std::min<int>(m_candidate, int(all.size()) - 1)];
    m_lastPollMs = now;
    m_fetcher.fetch(urlFor(endpoint.path), m_options.timeoutMs,
        [this, endpoint](const HttpFetcher::Result &r) { onAnswer(endpoint, r); });
}

void HttpServerSource::onAnswer(const Endpoint &endpoint, const HttpFetcher::Result &r)
{
    Sample reading;
    reading.timeMs = r.finishedMs;
    const bool probing = !m_endpoint;
    const int candidateCount = int(candidates().size());
    auto tryNext = [this, candidateCount] {
        if (m_candidate + 1 >= candidateCount)
            return false;
        ++m_candidate;
        m_lastPollMs = 0;
        poll();
        return true;
    };

    if (!r.error.isEmpty()) {
        // No answer at all: every endpoint would say the same. The server may come back as
        // something else (restarted with or without --metrics): find out again then.
        m_endpoint.reset();
        m_candidate = 0;
        reading.set(Metric::ServerUp, 0);
        m_latest = reading;
        m_tokens.reset();
        setState(ServerState::Down, tr("%1: %2").arg(endpoint.path, r.error));
        return;
    }
    if (r.status == 503 && r.body.contains("Loading model")) {
        reading.set(Metric::ServerUp, 0);
        m_latest = reading;
        setState(ServerState::Loading, tr("loading the model"));
        return;
    }
    if (r.status < 200 || r.status > 299) {
        if (probing && tryNext())
            return;
        if (!probing) {
            // What answered before no longer does: look again from the first endpoint at once.
            m_endpoint.reset();
            m_candidate = 0;
            m_lastPollMs = 0;
            poll();
            return;
        }
        m_candidate = 0;
        reading.set(Metric::ServerUp, 0);
        m_latest = reading;
        setState(ServerState::Down, tr("HTTP %1 from %2: %3").arg(r.status).arg(endpoint.path, firstLine(r.body)));
        return;
    }

    if (endpoint.path == QLatin1String("/metrics")) {
        const PromParseResult parsed = parsePrometheusText(r.body);
        if (!parsed.isExposition) {
            if (probing && tryNext())
                return;
            reading.set(Metric::ServerUp, 0);
            m_latest = reading;
            setState(ServerState::Down,
                tr("%1 answered, but not with Prometheus metrics: %2").arg(endpoint.path, firstLine(r.body)));
            return;
        }
        const ServerCounters counters = extractServerCounters(parsed.samples, endpoint.kind);
        m_endpoint = Endpoint { endpoint.path, counters.kind };
        m_endpointSinceMs = r.finishedMs;
        reading.set(Metric::ServerUp, 1);
        if (counters.generatedTokens) {
            if (const auto rate = m_tokens.update(*counters.generatedTokens, r.finishedMs))
                reading.set(Metric::TokensPerSecond, *rate);
        }
        if (counters.activeRequests)
            reading.set(Metric::ActiveRequests, *counters.activeRequests);
        if (counters.completedRequests)
            reading.set(Metric::RequestsTotal, *counters.completedRequests);
        // What the server sent outside a count's range, and what came out of range here (a count
        // past the log's bounds, a rate that overflowed), is not measured: the state says why.
        QStringList rejected;
        for (const RejectedServerValue &v : counters.rejected)
            rejected << v.name + QStringLiteral(" = ") + QString::number(v.value, 'g', QLocale::FloatingPointShortest);
        rejected << reading.clearOutOfRange();
        m_latest = reading;
        const QString what = counters.kind == ServerKind::Auto ? tr("Prometheus metrics of no known model server")
                                                               : serverKindDisplayName(counters.kind);
        if (rejected.isEmpty())
            setState(ServerState::Up, tr("%1, %2").arg(what, endpoint.path));
        else
            setState(ServerState::Up,
                tr("%1, %2; %1 reported %3; not recorded")
                    .arg(what, endpoint.path, rejected.join(QStringLiteral(", "))));
        return;
    }

    // A health-only endpoint answered 2xx.
    ServerKind kind = endpoint.kind;
    if (m_options.kind != ServerKind::Auto)
        kind = m_options.kind;
    m_endpoint = Endpoint { endpoint.path, kind };
    m_endpointSinceMs = r.finishedMs;
    reading.set(Metric::ServerUp, 1);
    m_latest = reading;
    const QString what = kind == ServerKind::Auto ? tr("server") : serverKindDisplayName(kind);
    setState(ServerState::Up, tr("%1, %2 (health only: no metrics)").arg(what, endpoint.path));
}

void HttpServerSource::startProbe()
{
    if (!m_endpoint || serverKindHasMetrics(m_endpoint->kind) || m_endpoint->kind == ServerKind::Auto
        || m_probeFetcher.isBusy() || m_state.status != ServerState::Up)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_lastProbeMs > 0 && now - m_lastProbeMs < qint64(m_options.probeIntervalS) * 1000)
        return;
    m_lastProbeMs = now;
    const bool ollama = m_endpoint->kind == ServerKind::Ollama;
    const int timeout = std::max(m_options.timeoutMs, 30'000);
    if (m_probeModel.isEmpty()) {
        // First learn a model to ask: the server's own list.
        m_lastProbeMs = 0;
        m_probeFetcher.fetch(urlFor(ollama ? QStringLiteral("/api/tags") : QStringLiteral("/v1/models")),
            m_options.timeoutMs, [this, ollama](const HttpFetcher::Result &r) {
                const QJsonObject o = QJsonDocument::fromJson(r.body).object();
                const QJsonArray list = o.value(ollama ? QStringLiteral("models") : QStringLiteral("data")).toArray();
                if (!list.isEmpty())
                    m_probeModel = list.first()
                                       .toObject()
                                       .value(ollama ? QStringLiteral("name") : QStringLiteral("id"))
                                       .toString();
            });
        return;
    }
    QJsonObject request { { QStringLiteral("model"), m_probeModel }, { QStringLiteral("stream"), false } };
    const QString prompt = QStringLiteral("Reply with the word OK.");
    if (ollama) {
        request.insert(QStringLiteral("prompt"), prompt);
        request.insert(QStringLiteral("options"), QJsonObject { { QStringLiteral("num_predict"), 16 } });
    } else {
        request.insert(QStringLiteral("messages"),
            QJsonArray { QJsonObject {
                { QStringLiteral("role"), QStringLiteral("user") }, { QStringLiteral("content"), prompt } } });
        request.insert(QStringLiteral("max_tokens"), 16);
    }
    const QString path = ollama ? QStringLiteral("/api/generate") : QStringLiteral("/v1/chat/completions");
    m_probeFetcher.fetch(
        urlFor(path), timeout, [this](const HttpFetcher::Result &r) { onProbeAnswer(r); },
        QJsonDocument(request).toJson(QJsonDocument::Compact));
}

void HttpServerSource::onProbeAnswer(const HttpFetcher::Result &r)
{
    if (!r.error.isEmpty() || r.status < 200 || r.status > 299)
        return;
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    double tps = -1;
    if (o.contains(QStringLiteral("eval_count"))) {
        // Ollama's own timing: generated tokens over generation time (ns).
        const double count = o.value(QStringLiteral("eval_count")).toDouble();
        const double ns = o.value(QStringLiteral("eval_duration")).toDouble();
        if (ns > 0)
            tps = count / (ns / 1e9);
    } else {
        // OpenAI style: usage.completion_tokens over the request's wall time.
        const double tokens
            = o.value(QStringLiteral("usage")).toObject().value(QStringLiteral("completion_tokens")).toDouble(-1);
        if (tokens >= 0 && r.elapsedMs > 0)
            tps = tokens / (double(r.elapsedMs) / 1000.0);
    }
    if (std::isfinite(tps) && tps >= 0)
        m_probeTokensPerSecond = tps;
}

void HttpServerSource::setState(ServerState::Status status, const QString &detail)
{
    ServerState next { status, detail, m_state.sinceMs };
    if (status != m_state.status)
        next.sinceMs = QDateTime::currentMSecsSinceEpoch();
    if (next == m_state)
        return;
    m_state = next;
    emit serverStateChanged(m_state);
}
