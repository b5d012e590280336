#include "machinesampler.h"

#include "source.h"

void MachineSampler::addSource(Source *source)
{
    source->setParent(this);
    m_sources.append(source);
    connect(source, &Source::sampleReady, this,
            [this](quint64 tick, const Sample &s) { onAnswer(tick, &s, {}); });
    connect(source, &Source::failed, this,
            [this](quint64 tick, const QString &reason) { onAnswer(tick, nullptr, reason); });
}

void MachineSampler::sample(quint64 tick, qint64 timeMs)
{
    if (m_outstanding > 0)
        finish();
    m_tick = tick;
    m_pending = Sample();
    m_pending.timeMs = timeMs;
    m_errors.clear();
    m_outstanding = int(m_sources.size());
    if (m_outstanding == 0) {
        finish();
        return;
    }
    // Copy: a source may answer synchronously and a slot may change the list.
    const QList<Source *> sources = m_sources;
    for (Source *source : sources)
        source->requestSample(tick);
}

void MachineSampler::onAnswer(quint64 tick, const Sample *sample, const QString &error)
{
    if (tick != m_tick || m_outstanding <= 0)
        return;
    if (sample)
        m_pending.merge(*sample);
    if (!error.isEmpty())
        m_errors.append(error);
    if (--m_outstanding == 0)
        finish();
}

void MachineSampler::finish()
{
    m_outstanding = 0;
    emit sampled(m_tick, m_pending, m_errors.join(QStringLiteral("; ")));
}
