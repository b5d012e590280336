#pragma once

#include "machineconfig.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

class PrometheusFleet;
class Session;

// The Prometheus servers of a running session, a PrometheusFleet each. apply() brings them to a new
// list as the machines dialog saves it: a server whose configuration did not change goes on with
// its machines and their history; a removed or edited one is stopped and its machines leave the
// session (an edited one then starts again); a new one starts.
class PrometheusFleets : public QObject
{
    Q_OBJECT
public:
    explicit PrometheusFleets(Session *session, QObject *parent = nullptr);
    ~PrometheusFleets() override;

    // Why the servers that could not start did not (a token file that cannot be read, a bad
    // selector, a URL that is not http(s)), one line each; empty when all started.
    QStringList apply(const QList<PrometheusServerConfig> &servers);
    // The servers as configured, those that could not start included.
    const QList<PrometheusServerConfig> &servers() const { return m_servers; }
    int fleetCount() const { return int(m_fleets.size()); }
    PrometheusFleet *fleet(int i) const { return m_fleets.at(std::size_t(i)).get(); }

signals:
    // A fleet's Prometheus failing, or answering again (empty), with its URL.
    void errorChanged(const QString &url, const QString &error);

private:
    void stop(PrometheusFleet *fleet);

    QPointer<Session> m_session;
    QList<PrometheusServerConfig> m_servers;
    std::vector<std::unique_ptr<PrometheusFleet>> m_fleets;
};
