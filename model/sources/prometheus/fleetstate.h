#pragma once

#include "fleetframes.h"

#include <QHash>
#include <QString>

#include <cmath>
#include <mutex>

// The latest reading of a Prometheus fleet, written by its poller and read by the machines'
// sources. Thread-safe; copies out, so nobody holds the lock for long.
class FleetState
{
public:
    struct Reading
    {
        bool known = false;       // the machine is in the latest answer
        Sample sample;            // NaN where not measured
        double up = std::nan(""); // its node_exporter (else any) target: 1, 0, NaN unknown
        QString targetError;      // the target's last scrape error, from /api/v1/targets
        QString error;            // Prometheus itself: unreachable, too slow, an error answer; empty when fine
        qint64 answeredMs = 0;    // when the latest good answer arrived (0: never)
        qint64 latencyMs = 0;
    };

    void setFrames(const FleetFrames &frames, qint64 nowMs, qint64 latencyMs)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_readings.clear();
        for (int i = 0; i < frames.machines.size(); ++i) {
            Reading r;
            r.known = true;
            if (!frames.timesMs.empty()) {
                r.sample = frames.samples[size_t(i)].back();
                r.up = frames.up[size_t(i)].back();
            }
            r.targetError = m_targetErrors.value(frames.machines[i].instance);
            m_readings.insert(frames.machines[i].id, r);
        }
        m_error.clear();
        m_answeredMs = nowMs;
        m_latencyMs = latencyMs;
    }
    void setError(const QString &error)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_error = error;
    }
    void setTargetErrors(const QHash<QString, QString> &byInstance)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_targetErrors = byInstance;
    }
    Reading reading(const QString &id) const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        Reading r = m_readings.value(id);
        r.error = m_error;
        r.answeredMs = m_answeredMs;
        r.latencyMs = m_latencyMs;
        return r;
    }

private:
    mutable std::mutex m_mutex;
    QHash<QString, Reading> m_readings; // by machine id
    QHash<QString, QString> m_targetErrors;
    QString m_error;
    qint64 m_answeredMs = 0;
    qint64 m_latencyMs = 0;
};
