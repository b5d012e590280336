#include "sshsource.h"

SshSource::SshSource(SshOptions options, QObject *parent)
    : Source(parent)
    , m_connection(new SshConnection(std::move(options), this))
{
    // The connection emits from its worker thread: the context object makes these queued.
    connect(m_connection, &SshConnection::stateChanged, this, [this](const ConnectionState &s) {
        m_state = s;
        emit connectionStateChanged(s);
    });
    connect(m_connection, &SshConnection::sampleReady, this,
        [this](quint64 tick, const Sample &sample, double) { emit sampleReady(tick, sample); });
    connect(m_connection, &SshConnection::sampleFailed, this,
        [this](quint64 tick, const QString &reason) { emit failed(tick, reason); });
}

SshSource::~SshSource()
{
    m_connection->stop();
}

QString SshSource::name() const
{
    return tr("%1 (SSH)").arg(m_connection->options().host);
}

void SshSource::requestSample(quint64 tick)
{
    // Started on the first request, when this object has reached the sampling thread.
    if (!m_started) {
        m_started = true;
        m_connection->start();
    }
    m_connection->requestSample(tick);
}
