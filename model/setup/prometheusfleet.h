#pragma once

#include "fleetframes.h"
#include "machineconfig.h"

#include <QObject>
#include <QPointer>

#include <memory>

class FleetState;
class PrometheusPoller;
class Session;

// The machines of one Prometheus server in a session. A poller in the session's sampling thread
// reads the whole fleet in one query per refresh; every machine it discovers (from the targets'
// `up` and `instance` labels) joins the session as a machine with a PrometheusSource, under an id
// derived from its instance that stays the same when its target goes and comes back. A machine
// whose target goes stays in the session, shown as no longer a target.
class PrometheusFleet : public QObject
{
    Q_OBJECT
public:
    PrometheusFleet(Session *session, const PrometheusServerConfig &config, QObject *parent = nullptr);
    ~PrometheusFleet() override;

    // Starts polling. False with `error` set when the configuration cannot work (a token file that
    // cannot be read, a bad selector, a URL that is not http(s)).
    bool start(QString *error);
    // Runs the event loop until the first refresh answered or failed, at most timeoutMs, so that a
    // headless log starts with the fleet's columns. The error of that refresh, or empty.
    QString waitForFirstRefresh(int timeoutMs);

    const PrometheusServerConfig &config() const { return m_config; }
    const QList<FleetMachine> &machines() const { return m_machines; }
    QString lastError() const { return m_lastError; }

signals:
    void machineAdded(const QString &id);
    // Prometheus itself failing (unreachable, slow, an error answer), or an empty string when it answers again.
    void errorChanged(const QString &error);

private:
    void onMachinesChanged(const QList<FleetMachine> &machines, bool hasGpuOrTemperature);
    void onRefreshed(const QString &error);

    QPointer<Session> m_session;
    PrometheusServerConfig m_config;
    std::shared_ptr<FleetState> m_state;
    PrometheusPoller *m_poller = nullptr; // lives in the sampling thread
    QList<FleetMachine> m_machines;       // every machine ever discovered, in order
    QString m_lastError;
    bool m_refreshedOnce = false;
};
