#pragma once

#include "connectionstate.h"
#include "source.h"
#include "sshconnection.h"

// A remote machine over SSH (SshConnection): CPU, memory, GPU and temperature from one long-lived
// channel. Lives in the sampling thread; the connection's network I/O runs in its own thread, so a
// request is answered at once when not connected, else when the remote's answer is parsed.
class SshSource : public Source
{
    Q_OBJECT
public:
    explicit SshSource(SshOptions options, QObject *parent = nullptr);
    ~SshSource() override;

    QString name() const override;
    void requestSample(quint64 tick) override;
    void reconnect() override { m_connection->retryNow(); }
    ConnectionState state() const { return m_state; }

private:
    SshConnection *m_connection; // child
    ConnectionState m_state;
    bool m_started = false;
};
