#include "prometheusfleets.h"

#include "prometheusfleet.h"
#include "session.h"

PrometheusFleets::PrometheusFleets(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{ }

PrometheusFleets::~PrometheusFleets() = default;

QStringList PrometheusFleets::apply(const QList<PrometheusServerConfig> &servers)
{
    std::vector<std::unique_ptr<PrometheusFleet>> kept;
    for (auto &fleet : m_fleets) {
        if (servers.contains(fleet->config()))
            kept.push_back(std::move(fleet));
        else
            stop(fleet.get());
    }
    m_fleets.clear();
    QStringList problems;
    for (const PrometheusServerConfig &server : servers) {
        const auto running = std::find_if(kept.begin(), kept.end(),
            [&server](const std::unique_ptr<PrometheusFleet> &f) { return f && f->config() == server; });
        if (running != kept.end()) {
            m_fleets.push_back(std::move(*running));
            continue;
        }
        auto fleet = std::make_unique<PrometheusFleet>(m_session, server);
        connect(fleet.get(), &PrometheusFleet::errorChanged, this,
            [this, url = server.url](const QString &error) { emit errorChanged(url, error); });
        QString why;
        if (fleet->start(&why))
            m_fleets.push_back(std::move(fleet));
        else
            problems << why;
    }
    m_servers = servers;
    return problems;
}

// Its machines leave the session: without it, nothing would sample them.
void PrometheusFleets::stop(PrometheusFleet *fleet)
{
    if (!fleet->lastError().isEmpty())
        emit errorChanged(fleet->config().url, QString());
    if (!m_session)
        return;
    for (const FleetMachine &m : fleet->machines()) {
        const QList<MachineMonitor *> machines = m_session->machines();
        for (MachineMonitor *machine : machines) {
            if (machine->info().id == m.id)
                m_session->removeMachine(machine);
        }
    }
}
