#pragma once

#include "sample.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

class MachineMonitor;
class Session;

// Running totals of each machine's samples since the session started, for the HTTP API's
// /metrics/summary (and anything else that wants them without keeping the whole history, which a
// headless logger keeps for a minute only). Follows the machines' sampleReady().
class SessionStats : public QObject
{
    Q_OBJECT
public:
    // Follows the session's machines, those added later too.
    explicit SessionStats(Session *session, QObject *parent = nullptr);

    struct Series
    {
        qint64 count = 0;
        double sum = 0;
        double peak = 0;
        void add(double v);
        QJsonValue average() const;
        QJsonValue peakValue() const;
    };
    struct Machine
    {
        qint64 samples = 0; // samples with at least one metric measured
        qint64 firstMs = 0;
        qint64 lastMs = 0;
        Series cpu;                 // cpu_percent
        Series memoryPercent;       // memory_percent
        Series memoryUsedMb;        // memory_used_mb
        Series tokensPerSecond;     // every sample that measured it
        Series tokensPerSecondBusy; // only while requests were active
        Series activeRequests;
        qint64 serverChecks = 0; // samples that measured server_up
        qint64 serverUp = 0;     // ... and found it up
        double requests = 0;     // requests completed, from requests_total (restarts counted)
        bool requestsKnown = false;
        double lastRequestsTotal = -1;
    };

    const Machine *machine(const QString &id) const;
    void add(const QString &id, const Sample &sample);
    // The summary document (README, "HTTP API").
    QJsonObject toJson() const;

private:
    void follow(MachineMonitor *machine);

    Session *m_session;
    QStringList m_order;
    QHash<QString, Machine> m_machines;
};
