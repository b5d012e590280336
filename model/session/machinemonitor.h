#pragma once

#include "connectionstate.h"
#include "history.h"
#include "serverstate.h"

#include <QObject>
#include <QString>

#include <memory>

class MachineSampler;
class Source;
class QThread;

struct MachineInfo
{
    QString id;                        // names the log columns: [a-z0-9_]+
    QString name;                      // shown to the person
    bool hasSystemMetrics = true;      // CPU and memory are measured (this computer, SSH, node_exporter)
    bool hasServer = false;            // a model server is checked
    bool hasGpuAndTemperature = false; // GPU and temperature may be measured (SSH): the log gets their columns
};

// One monitored machine: owns its sources (through a sampler living in the sampling thread) and its
// bounded history. Lives in the thread that created it; only the sampling itself runs elsewhere.
class MachineMonitor : public QObject
{
    Q_OBJECT
public:
    MachineMonitor(MachineInfo info, QThread *samplingThread, QObject *parent = nullptr);
    ~MachineMonitor() override;

    const MachineInfo &info() const { return m_info; }
    const History &history() const { return m_history; }
    QString lastError() const { return m_lastError; }
    ServerState serverState() const { return m_serverState; }
    // The SSH connection's state; Idle for a machine without one.
    ConnectionState connectionState() const { return m_connectionState; }

    // Takes ownership; call before the first requestSample().
    void addSource(std::unique_ptr<Source> source);
    // Asks every source for the metrics at this tick; sampleReady() follows within timeoutMs
    // (0: waits for every source), with what the sources that answered in time measured.
    void requestSample(quint64 tick, qint64 timeMs, int timeoutMs = 0);
    // Asks a failed or waiting connection (SSH) to try again now.
    void reconnect();
    // Sizes the history to hold spanSeconds of samples taken every intervalSeconds.
    void setHistorySpan(double intervalSeconds, double spanSeconds = 86400.0);
    // Records a sample as if the sampler had delivered it: history, error state, sampleReady().
    // The sampler's results come through here; benchmarks and tests replay samples with it.
    void deliver(quint64 tick, const Sample &sample, const QString &error = {});

signals:
    // The machine's sample for a tick; the metrics no source measured are NaN.
    void sampleReady(quint64 tick, const Sample &sample);
    void errorChanged(const QString &error);
    void serverStateChanged(const ServerState &state);
    void connectionStateChanged(const ConnectionState &state);

private:
    MachineInfo m_info;
    History m_history;
    MachineSampler *m_sampler = nullptr; // owned; deleted in the sampling thread
    QString m_lastError;
    ServerState m_serverState;
    ConnectionState m_connectionState;
};
