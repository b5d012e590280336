#pragma once

#include "fleetstate.h"
#include "source.h"

#include <memory>

// One machine of a Prometheus fleet. It sends no request of its own: the fleet's poller reads every
// machine in one query per refresh, and this source answers each tick at once with the latest
// reading of its machine. Prometheus unreachable, slow or answering an error, and the machine's
// target down, show as its connection state; its model server's target as its server state.
class PrometheusSource : public Source
{
    Q_OBJECT
public:
    PrometheusSource(std::shared_ptr<const FleetState> state, const QString &id, const QString &serverName,
        qint64 staleAfterMs, QObject *parent = nullptr);

    QString name() const override;
    void requestSample(quint64 tick) override;

private:
    void setConnection(ConnectionState::Kind kind, const QString &detail, double latencyMs);
    void setServer(ServerState::Status status, const QString &detail);

    std::shared_ptr<const FleetState> m_state;
    QString m_id;
    QString m_serverName; // the Prometheus URL, for messages
    qint64 m_staleAfterMs;
    ConnectionState m_connection;
    ServerState m_server;
};
