#include "prometheuspoller.h"

#include "fleetquery.h"

#include <QDateTime>

namespace {
constexpr qint64 kDefaultScrapeMs = 15000;
constexpr qint64 kMinRefreshMs = 500;

bool sameMachines(const QList<FleetMachine> &a, const QList<FleetMachine> &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        if (a[i].id != b[i].id || a[i].name != b[i].name || a[i].hasNode != b[i].hasNode
            || a[i].hasServer != b[i].hasServer)
            return false;
    }
    return true;
}
} // namespace

PrometheusPoller::PrometheusPoller(
    const Options &options, std::shared_ptr<FleetState> state, const QStringList &reservedIds, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_state(std::move(state))
    , m_client(options.client, this)
    , m_timer(this)
{
    for (const QString &id : reservedIds)
        m_ids.reserve(id);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PrometheusPoller::refresh);
}

void PrometheusPoller::start()
{
    // The scrape interval first, so the first query's rate window fits it; then the first query.
    m_lastTargetsMs = QDateTime::currentMSecsSinceEpoch();
    m_client.targets([this](const PromTargetsAnswer &targets) {
        qint64 scrape = 0;
        QHash<QString, QString> errors;
        for (const PromTarget &t : targets.targets) {
            if (t.scrapeIntervalMs > 0)
                scrape = scrape == 0 ? t.scrapeIntervalMs : std::min(scrape, t.scrapeIntervalMs);
            if (!t.lastError.isEmpty())
                errors.insert(t.instance, t.lastError);
        }
        m_state->setTargetErrors(errors);
        m_scrapeMs = scrape > 0 ? scrape : kDefaultScrapeMs;
        m_refreshMs = std::max(kMinRefreshMs, m_options.refreshMs > 0 ? m_options.refreshMs : m_scrapeMs);
        if (!m_timer.isActive()) {
            m_timer.start(int(m_refreshMs));
            refresh();
        }
    });
}

void PrometheusPoller::fetchTargets()
{
    m_lastTargetsMs = QDateTime::currentMSecsSinceEpoch();
    m_client.targets([this](const PromTargetsAnswer &targets) {
        if (!targets.ok)
            return;
        QHash<QString, QString> errors;
        for (const PromTarget &t : targets.targets) {
            if (!t.lastError.isEmpty())
                errors.insert(t.instance, t.lastError);
        }
        m_state->setTargetErrors(errors);
    });
}

void PrometheusPoller::refresh()
{
    // A slow server: never more than one query waiting; the refresh that finds one in flight is skipped.
    if (m_queryInFlight)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastTargetsMs >= m_options.targetsEveryMs)
        fetchTargets();
    m_queryInFlight = true;
    const QString promql = FleetQuery::build(m_options.selector, FleetQuery::rateWindowMs(m_scrapeMs));
    m_client.query(promql, [this, now](const PromApiAnswer &a) { onAnswer(a, now); });
}

void PrometheusPoller::onAnswer(const PromApiAnswer &answer, qint64 sentMs)
{
    m_queryInFlight = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!answer.ok) {
        m_state->setError(answer.errorText());
        emit refreshed(answer.errorText());
        return;
    }
    const FleetFrames frames = FleetAssembly::assemble(answer, m_ids);
    m_state->setFrames(frames, now, now - sentMs);
    if (!sameMachines(frames.machines, m_machines)) {
        bool gpuOrTemperature = false;
        for (const auto &samples : frames.samples) {
            for (const Sample &s : samples)
                gpuOrTemperature = gpuOrTemperature || s.has(Metric::GpuPercent) || s.has(Metric::TemperatureC);
        }
        m_machines = frames.machines;
        emit machinesChanged(m_machines, gpuOrTemperature);
    }
    emit refreshed({});
}
