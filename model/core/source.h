#pragma once

#include "connectionstate.h"
#include "sample.h"
#include "serverstate.h"

#include <QObject>

// One way of measuring a machine: local /proc, an SSH session, a model server's metrics, a GPU tool.
// A source lives in the sampling thread. For every requestSample() it answers exactly once, with
// sampleReady() (the metrics it measured; the rest stay NaN) or failed() with a translated reason,
// and never blocks the thread it lives in for long.
class Source : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Source() override = default;

    virtual QString name() const = 0;
    virtual void requestSample(quint64 tick) = 0;
    // Sources that keep a connection try again now when it failed or waits to reconnect.
    virtual void reconnect() { }

signals:
    void sampleReady(quint64 tick, const Sample &sample);
    void failed(quint64 tick, const QString &reason);
    // Sources that check a model server say when its state changes.
    void serverStateChanged(const ServerState &state);
    // Sources that keep a connection (SSH) say where it stands.
    void connectionStateChanged(const ConnectionState &state);
};
