#pragma once

#include "connectionstate.h"
#include "sample.h"
#include "serverstate.h"

#include <QList>
#include <QObject>
#include <QTimer>

class Source;

// Lives in the sampling thread: asks a machine's sources for a tick and merges their answers into
// one sample. A source still silent at the tick's deadline is reported and the sample goes out with
// what arrived, in time for its row; a late answer for an old tick is dropped. A value outside its
// metric's range is left out ("not measured") and reported with the errors.
class MachineSampler : public QObject
{
    Q_OBJECT
public:
    explicit MachineSampler(QObject *parent = nullptr);

    void addSource(Source *source);
    Q_INVOKABLE void sample(quint64 tick, qint64 timeMs, int timeoutMs);
    void reconnect();

signals:
    void sampled(quint64 tick, const Sample &sample, const QString &error);
    void serverStateChanged(const ServerState &state);
    void connectionStateChanged(const ConnectionState &state);

private:
    void onAnswer(Source *source, quint64 tick, const Sample *sample, const QString &error);
    void onDeadline();
    void finish();

    QList<Source *> m_sources;
    QList<Source *> m_waiting;
    QTimer m_deadline;
    quint64 m_tick = 0;
    int m_timeoutMs = 0;
    Sample m_pending;
    QStringList m_errors;
};
