#pragma once

#include "fleetframes.h"
#include "fleetstate.h"
#include "prometheusclient.h"

#include <QObject>
#include <QTimer>

#include <memory>

// Reads a whole fleet from one Prometheus server: one query per refresh for all machines
// (FleetQuery), the targets now and then for the scrape interval and each target's last error.
// Refreshes at the scrape interval Prometheus reports unless told otherwise. Lives in the sampling
// thread; writes what it reads to a FleetState and says when the fleet's machines change.
class PrometheusPoller : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        PrometheusClient::Options client;
        QString selector;     // normalized (FleetQuery::normalizeSelector)
        qint64 refreshMs = 0; // 0: the scrape interval
        qint64 targetsEveryMs = 30000;
    };

    PrometheusPoller(const Options &options, std::shared_ptr<FleetState> state, const QStringList &reservedIds,
        QObject *parent = nullptr);

    // Call in the poller's thread (queued): the first targets request, then the refreshes.
    Q_INVOKABLE void start();
    qint64 refreshMs() const { return m_refreshMs; }
    int requestsSent() const { return m_client.requestsSent(); }

signals:
    // Every answer's machines, when they or their names differ from the previous answer's.
    void machinesChanged(const QList<FleetMachine> &machines, bool hasGpuOrTemperature);
    // After every refresh: empty, or why Prometheus gave no fleet.
    void refreshed(const QString &error);

private:
    void refresh();
    void fetchTargets();
    void onAnswer(const PromApiAnswer &answer, qint64 sentMs);

    Options m_options;
    std::shared_ptr<FleetState> m_state;
    PrometheusClient m_client;
    FleetIds m_ids;
    QTimer m_timer;
    qint64 m_refreshMs = 15000;
    qint64 m_scrapeMs = 15000;
    qint64 m_lastTargetsMs = 0;
    bool m_queryInFlight = false;
    QList<FleetMachine> m_machines;
};
