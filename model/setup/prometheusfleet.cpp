#include "prometheusfleet.h"

#include "fleetquery.h"
#include "fleetstate.h"
#include "prometheuspoller.h"
#include "prometheussource.h"
#include "session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>

PrometheusFleet::PrometheusFleet(Session *session, const PrometheusServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_config(config)
    , m_state(std::make_shared<FleetState>())
{ }

PrometheusFleet::~PrometheusFleet()
{
    if (!m_poller)
        return;
    disconnect(m_poller, nullptr, this, nullptr);
    if (m_poller->thread()->isRunning())
        m_poller->deleteLater();
    else
        delete m_poller;
}

bool PrometheusFleet::start(QString *error)
{
    PrometheusPoller::Options options;
    options.client.url = QUrl(m_config.url);
    if (!options.client.url.isValid() || options.client.url.host().isEmpty()
        || (options.client.url.scheme() != u"http" && options.client.url.scheme() != u"https")) {
        *error = tr("the Prometheus URL must be http:// or https:// with a host, not '%1'").arg(m_config.url);
        return false;
    }
    options.client.timeoutMs = m_config.timeoutSeconds * 1000;
    options.client.user = m_config.user;
    options.client.password = m_config.password;
    if (!m_config.tokenFile.isEmpty()) {
        options.client.bearerToken = PrometheusClient::readTokenFile(m_config.tokenFile, error);
        if (options.client.bearerToken.isEmpty())
            return false;
    }
    const std::optional<QString> selector = FleetQuery::normalizeSelector(m_config.selector, error);
    if (!selector)
        return false;
    options.selector = *selector;

    QStringList reserved { QStringLiteral("local") };
    for (MachineMonitor *m : m_session->machines())
        reserved << m->info().id;
    m_poller = new PrometheusPoller(options, m_state, reserved);
    m_poller->moveToThread(m_session->samplingThread());
    connect(
        m_poller, &PrometheusPoller::machinesChanged, this, &PrometheusFleet::onMachinesChanged, Qt::QueuedConnection);
    connect(m_poller, &PrometheusPoller::refreshed, this, &PrometheusFleet::onRefreshed, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_poller, &PrometheusPoller::start, Qt::QueuedConnection);
    return true;
}

QString PrometheusFleet::waitForFirstRefresh(int timeoutMs)
{
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    // The first refresh always says its error (empty when fine), after its machines were added.
    const QMetaObject::Connection done = connect(this, &PrometheusFleet::errorChanged, &loop, &QEventLoop::quit);
    if (!m_refreshedOnce)
        loop.exec();
    disconnect(done);
    if (!m_refreshedOnce)
        return tr("Prometheus %1 did not answer within %2 s").arg(m_config.url).arg(timeoutMs / 1000.0);
    return m_lastError;
}

void PrometheusFleet::onRefreshed(const QString &error)
{
    const bool first = !m_refreshedOnce;
    m_refreshedOnce = true;
    if (error != m_lastError || first) {
        m_lastError = error;
        emit errorChanged(error);
    }
}

void PrometheusFleet::onMachinesChanged(const QList<FleetMachine> &machines, bool hasGpuOrTemperature)
{
    if (!m_session)
        return;
    for (const FleetMachine &m : machines) {
        bool known = false;
        for (const FleetMachine &k : std::as_const(m_machines))
            known = known || k.id == m.id;
        if (known)
            continue;
        m_machines << m;
        MachineInfo info;
        info.id = m.id;
        info.name = m.name;
        info.hasSystemMetrics = m.hasNode;
        info.hasServer = m.hasServer;
        info.hasGpuAndTemperature = hasGpuOrTemperature;
        QJsonObject description;
        description.insert(QStringLiteral("prometheus_url"), m_config.url);
        description.insert(QStringLiteral("instance"), m.instance);
        MachineMonitor *machine = m_session->addMachine(info, description);
        // A reading older than three refreshes (at most 15 s each) and a timeout is no longer news.
        const qint64 staleMs = 3 * 15000 + m_config.timeoutSeconds * 1000;
        machine->addSource(std::make_unique<PrometheusSource>(m_state, m.id, m_config.url, staleMs));
        emit machineAdded(m.id);
    }
}
