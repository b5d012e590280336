#pragma once

#include "cpuusage.h"
#include "httpfetcher.h"
#include "source.h"

#include <QUrl>

// A machine watched through Prometheus' node_exporter alone: CPU % from node_cpu_seconds_total
// deltas and memory from MemAvailable/MemTotal. Polls on its own, one request at a time, and
// answers each tick at once with its latest reading.
class NodeExporterSource : public Source
{
    Q_OBJECT
public:
    NodeExporterSource(const QUrl &url, int timeoutMs = 2000, QObject *parent = nullptr);

    QString name() const override;
    void requestSample(quint64 tick) override;

private:
    void poll();
    void onAnswer(const HttpFetcher::Result &result);

    QUrl m_url;
    int m_timeoutMs;
    HttpFetcher m_fetcher;
    CpuUsage m_cpu;
    Sample m_latest;
    QString m_error;
    qint64 m_lastPollMs = 0;
};
