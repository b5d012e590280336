#include "sshsamplestream.h"

#include <charconv>

SshSampleStream::SshSampleStream(qint64 timeoutMs, qint64 nowMs)
    : m_timeoutMs(timeoutMs)
{
    m_out = "1\n";
    m_inFlight.push_back({ m_nextId++, 0, nowMs, true });
}

bool SshSampleStream::accepting(qint64 nowMs)
{
    if (m_holdUntilMs > 0 && nowMs >= m_holdUntilMs)
        m_holdUntilMs = 0;
    return m_streaming && m_holdUntilMs == 0;
}

void SshSampleStream::request(const std::vector<quint64> &ticks, qint64 nowMs, std::vector<Event> &events)
{
    for (quint64 tick : ticks) {
        if (m_inFlight.size() >= kMaxInFlight) {
            Event busy;
            busy.kind = Event::Busy;
            busy.tick = tick;
            events.push_back(busy);
            continue;
        }
        m_inFlight.push_back({ m_nextId, tick, nowMs, false });
        char digits[24];
        const auto written = std::to_chars(digits, digits + sizeof digits, m_nextId++);
        m_out.append(digits, written.ptr - digits).append('\n');
    }
}

void SshSampleStream::feedStderr(QByteArrayView bytes)
{
    m_parser.feedStderr(bytes);
    m_stderrTail = QString::fromUtf8(bytes).trimmed().right(300);
}

void SshSampleStream::collect(qint64 nowMs, std::vector<Event> &events)
{
    const QList<RemoteStreamParser::Result> results = m_parser.takeResults();
    for (const RemoteStreamParser::Result &r : results) {
        while (!m_inFlight.empty() && m_inFlight.front().id < r.requestId) {
            if (!m_inFlight.front().prime) {
                Event skipped;
                skipped.kind = Event::Skipped;
                skipped.tick = m_inFlight.front().tick;
                events.push_back(skipped);
            }
            m_inFlight.pop_front();
        }
        if (m_inFlight.empty() || m_inFlight.front().id != r.requestId)
            continue;
        const InFlight done = m_inFlight.front();
        m_inFlight.pop_front();
        const double latency = double(nowMs - done.sentMs);
        if (!m_streaming) {
            m_streaming = true;
            m_holdUntilMs = nowMs + kAfterPrimeMs;
        }
        // The latency is shown, not logged: said at most once a second, or when the OS is new.
        if (nowMs - m_stateSaidMs >= 1000 || m_osSaid != m_parser.os()) {
            m_stateSaidMs = nowMs;
            m_osSaid = m_parser.os();
            Event connected;
            connected.kind = Event::Connected;
            connected.os = m_osSaid;
            connected.latencyMs = latency;
            events.push_back(connected);
        }
        if (!done.prime) {
            Event ready;
            ready.kind = Event::Ready;
            ready.tick = done.tick;
            ready.sample = r.sample;
            ready.latencyMs = latency;
            events.push_back(ready);
        }
    }
}

bool SshSampleStream::timedOut(qint64 nowMs) const
{
    return !m_inFlight.empty() && nowMs >= m_inFlight.front().sentMs + m_timeoutMs;
}

qint64 SshSampleStream::wakeAtMs(qint64 nowMs) const
{
    qint64 wakeAt = nowMs + 1000;
    if (!m_inFlight.empty())
        wakeAt = std::min(wakeAt, m_inFlight.front().sentMs + m_timeoutMs);
    if (m_holdUntilMs > 0)
        wakeAt = std::min(wakeAt, m_holdUntilMs);
    return wakeAt;
}
