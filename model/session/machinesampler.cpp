#include "machinesampler.h"

#include "source.h"

MachineSampler::MachineSampler(QObject *parent)
    : QObject(parent)
    , m_deadline(this)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &MachineSampler::onDeadline);
}

void MachineSampler::addSource(Source *source)
{
    source->setParent(this);
    m_sources.append(source);
    connect(source, &Source::sampleReady, this,
        [this, source](quint64 tick, const Sample &s) { onAnswer(source, tick, &s, {}); });
    connect(source, &Source::failed, this,
        [this, source](quint64 tick, const QString &reason) { onAnswer(source, tick, nullptr, reason); });
    connect(source, &Source::serverStateChanged, this, &MachineSampler::serverStateChanged);
    connect(source, &Source::connectionStateChanged, this, &MachineSampler::connectionStateChanged);
}

void MachineSampler::reconnect()
{
    for (Source *source : std::as_const(m_sources))
        source->reconnect();
}

void MachineSampler::sample(quint64 tick, qint64 timeMs, int timeoutMs)
{
    if (!m_waiting.isEmpty())
        onDeadline();
    m_tick = tick;
    m_timeoutMs = timeoutMs;
    m_pending = Sample();
    m_pending.timeMs = timeMs;
    m_errors.clear();
    m_waiting = m_sources;
    if (m_waiting.isEmpty()) {
        finish();
        return;
    }
    if (timeoutMs > 0)
        m_deadline.start(timeoutMs);
    // Copy: a source may answer synchronously, which changes m_waiting.
    const QList<Source *> sources = m_sources;
    for (Source *source : sources)
        source->requestSample(tick);
}

void MachineSampler::onAnswer(Source *source, quint64 tick, const Sample *sample, const QString &error)
{
    if (tick != m_tick || !m_waiting.removeOne(source))
        return;
    if (!error.isEmpty())
        m_errors.append(error);
    if (sample) {
        // A value outside its range is not measured, whichever source sent it (issue 18, item 7).
        Sample checked = *sample;
        const QStringList cleared = checked.clearOutOfRange();
        if (!cleared.isEmpty())
            m_errors.append(tr("%1 reported %2; not recorded").arg(source->name(), cleared.join(QStringLiteral(", "))));
        m_pending.merge(checked);
    }
    if (m_waiting.isEmpty())
        finish();
}

void MachineSampler::onDeadline()
{
    for (const Source *source : std::as_const(m_waiting))
        m_errors.append(tr("%1 did not answer within %2 s").arg(source->name()).arg(m_timeoutMs / 1000.0));
    m_waiting.clear();
    finish();
}

void MachineSampler::finish()
{
    m_deadline.stop();
    emit sampled(m_tick, m_pending, m_errors.join(QStringLiteral("; ")));
}
