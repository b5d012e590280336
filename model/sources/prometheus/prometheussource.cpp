#include "prometheussource.h"

#include <QDateTime>

PrometheusSource::PrometheusSource(std::shared_ptr<const FleetState> state, const QString &id,
    const QString &serverName, qint64 staleAfterMs, QObject *parent)
    : Source(parent)
    , m_state(std::move(state))
    , m_id(id)
    , m_serverName(serverName)
    , m_staleAfterMs(staleAfterMs)
{ }

QString PrometheusSource::name() const
{
    return tr("Prometheus %1").arg(m_serverName);
}

void PrometheusSource::requestSample(quint64 tick)
{
    const FleetState::Reading r = m_state->reading(m_id);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString problem;
    if (!r.error.isEmpty())
        problem = tr("%1: %2").arg(name(), r.error);
    else if (r.answeredMs == 0)
        problem = tr("%1: no answer yet").arg(name());
    else if (now - r.answeredMs > m_staleAfterMs)
        problem = tr("%1: no answer for %2 s").arg(name()).arg((now - r.answeredMs) / 1000);
    else if (!r.known)
        problem = tr("no longer a target of %1").arg(name());
    if (!problem.isEmpty()) {
        // Nothing is known of the machine, nor of its server: neither is said to be down.
        setConnection(ConnectionState::Failed, problem, std::nan(""));
        if (m_server.status != ServerState::Unknown)
            setServer(ServerState::Unknown, problem);
        emit failed(tick, problem);
        return;
    }
    if (r.up == 0)
        setConnection(ConnectionState::Failed,
            r.targetError.isEmpty() ? tr("target down") : tr("target down: %1").arg(r.targetError),
            double(r.latencyMs));
    else
        setConnection(ConnectionState::Connected, {}, double(r.latencyMs));
    if (r.sample.has(Metric::ServerUp)) {
        const bool up = r.sample.value(Metric::ServerUp) > 0;
        setServer(up ? ServerState::Up : ServerState::Down, up ? name() : tr("target down (%1)").arg(name()));
    }
    Sample sample = r.sample;
    sample.timeMs = now;
    if (sample.isEmpty()) {
        emit failed(tick, m_connection.text());
        return;
    }
    emit sampleReady(tick, sample);
}

void PrometheusSource::setConnection(ConnectionState::Kind kind, const QString &detail, double latencyMs)
{
    ConnectionState next = m_connection;
    next.kind = kind;
    next.detail = detail;
    next.latencyMs = latencyMs;
    if (next == m_connection)
        return;
    m_connection = next;
    emit connectionStateChanged(next);
}

void PrometheusSource::setServer(ServerState::Status status, const QString &detail)
{
    if (status == m_server.status && detail == m_server.detail)
        return;
    m_server.status = status;
    m_server.detail = detail;
    m_server.sinceMs = QDateTime::currentMSecsSinceEpoch();
    emit serverStateChanged(m_server);
}
