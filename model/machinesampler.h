#pragma once

#include "sample.h"

#include <QList>
#include <QObject>

class Source;

// Lives in the sampling thread: asks a machine's sources for a tick and merges their answers into
// one sample. A tick still waiting on a slow source when the next one starts is delivered with what
// arrived; a late answer for an old tick is dropped.
class MachineSampler : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void addSource(Source *source);
    Q_INVOKABLE void sample(quint64 tick, qint64 timeMs);

signals:
    void sampled(quint64 tick, const Sample &sample, const QString &error);

private:
    void onAnswer(quint64 tick, const Sample *sample, const QString &error);
    void finish();

    QList<Source *> m_sources;
    quint64 m_tick = 0;
    int m_outstanding = 0;
    Sample m_pending;
    QStringList m_errors;
};
