#include "machinemonitor.h"

#include "machinesampler.h"
#include "source.h"

#include <QMetaObject>
#include <QThread>

MachineMonitor::MachineMonitor(MachineInfo info, QThread *samplingThread, QObject *parent)
    : QObject(parent)
    , m_info(std::move(info))
    , m_history(History::capacityFor(1.0))
    , m_sampler(new MachineSampler)
{
    m_sampler->moveToThread(samplingThread);
    connect(m_sampler, &MachineSampler::sampled, this, &MachineMonitor::deliver, Qt::QueuedConnection);
    connect(
        m_sampler, &MachineSampler::serverStateChanged, this,
        [this](const ServerState &state) {
            m_serverState = state;
            emit serverStateChanged(state);
        },
        Qt::QueuedConnection);
    connect(
        m_sampler, &MachineSampler::connectionStateChanged, this,
        [this](const ConnectionState &state) {
            m_connectionState = state;
            emit connectionStateChanged(state);
        },
        Qt::QueuedConnection);
}

MachineMonitor::~MachineMonitor()
{
    // The sampler and its sources belong to the sampling thread: delete them there.
    disconnect(m_sampler, nullptr, this, nullptr);
    if (m_sampler->thread()->isRunning())
        m_sampler->deleteLater();
    else
        delete m_sampler;
}

void MachineMonitor::addSource(std::unique_ptr<Source> source)
{
    source->moveToThread(m_sampler->thread());
    // The source travels inside the queued call: if the sampler is deleted before running it (a
    // session ended at once), the call is dropped and the source deleted with it, not leaked.
    auto carried = std::make_shared<std::unique_ptr<Source>>(std::move(source));
    QMetaObject::invokeMethod(
        m_sampler, [sampler = m_sampler, carried] { sampler->addSource(carried->release()); }, Qt::QueuedConnection);
}

void MachineMonitor::requestSample(quint64 tick, qint64 timeMs, int timeoutMs)
{
    QMetaObject::invokeMethod(
        m_sampler, "sample", Qt::QueuedConnection, Q_ARG(quint64, tick), Q_ARG(qint64, timeMs), Q_ARG(int, timeoutMs));
}

void MachineMonitor::reconnect()
{
    QMetaObject::invokeMethod(m_sampler, &MachineSampler::reconnect, Qt::QueuedConnection);
}

void MachineMonitor::setHistorySpan(double intervalSeconds, double spanSeconds)
{
    m_history.setCapacity(History::capacityFor(intervalSeconds, spanSeconds));
}

void MachineMonitor::deliver(quint64 tick, const Sample &sample, const QString &error)
{
    if (!sample.isEmpty())
        m_history.append(sample);
    if (error != m_lastError) {
        m_lastError = error;
        emit errorChanged(error);
    }
    emit sampleReady(tick, sample);
}
