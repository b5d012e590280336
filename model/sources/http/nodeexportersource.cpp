#include "nodeexportersource.h"

#include "nodeexporter.h"
#include "prometheusparser.h"

#include <QDateTime>

namespace {
constexpr int kMinPollMs = 500;
}

NodeExporterSource::NodeExporterSource(const QUrl &url, int timeoutMs, QObject *parent)
    : Source(parent)
    , m_url(url)
    , m_timeoutMs(timeoutMs)
    , m_fetcher(this)
{ }

QString NodeExporterSource::name() const
{
    return tr("node_exporter %1").arg(m_url.toString());
}

void NodeExporterSource::requestSample(quint64 tick)
{
    poll();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_latest.timeMs > 0 && now - m_latest.timeMs <= m_timeoutMs + 2 * kMinPollMs + 1000) {
        Sample answer = m_latest;
        answer.timeMs = now;
        emit sampleReady(tick, answer);
    } else {
        emit failed(tick, m_error.isEmpty() ? tr("%1: no reading yet").arg(name()) : m_error);
    }
}

void NodeExporterSource::poll()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_fetcher.isBusy() || now - m_lastPollMs < kMinPollMs)
        return;
    m_lastPollMs = now;
    m_fetcher.fetch(m_url, m_timeoutMs, [this](const HttpFetcher::Result &r) { onAnswer(r); });
}

void NodeExporterSource::onAnswer(const HttpFetcher::Result &r)
{
    auto fail = [this](const QString &why) {
        m_error = tr("%1: %2").arg(name(), why);
        m_latest = Sample();
        m_cpu.reset();
    };
    if (!r.error.isEmpty())
        return fail(r.error);
    if (r.status < 200 || r.status > 299)
        return fail(tr("HTTP %1").arg(r.status));
    const PromParseResult parsed = parsePrometheusText(r.body);
    if (!parsed.isExposition)
        return fail(tr("the answer is not Prometheus metrics"));
    const NodeExporterReading node = readNodeExporter(parsed.samples);
    if (!node.cpu && !node.memory)
        return fail(tr("no node_cpu_seconds_total or node_memory_* metrics (is this node_exporter on Linux?)"));

    Sample reading;
    reading.timeMs = r.finishedMs;
    if (node.cpu) {
        if (const auto percent = m_cpu.update(*node.cpu))
            reading.set(Metric::CpuPercent, *percent);
    }
    if (node.memory) {
        reading.set(Metric::MemoryPercent, node.memory->usedPercent());
        reading.set(Metric::MemoryUsedMb, node.memory->usedMiB());
    }
    m_error.clear();
    m_latest = reading;
}
