#pragma once

#include "remotestreamparser.h"
#include "sample.h"

#include <QByteArray>
#include <QString>

#include <deque>
#include <optional>
#include <vector>

// The sampling protocol of one SSH exec channel that runs RemoteStreamParser's script, apart from
// the channel and the connection's life: which request lines to write, what the bytes read back
// answer, which requests were skipped or refused, and when an answer is late. A state machine fed
// bytes and the time (ms); no I/O and no threads, so it is tested without sshd. SshConnection's
// worker drives it: it writes output(), feeds what it reads, and turns the events into signals.
class SshSampleStream
{
public:
    // A first request is sent at once: it primes the remote CPU counters and is not a sample. The
    // first real request waits this long after its answer: /proc/stat counts in clock ticks (10 ms),
    // and two reads within one tick give no CPU % (regression: a first sample without it).
    static constexpr qint64 kAfterPrimeMs = 20;
    // Requests answered in order; past this many unanswered, a new one is refused.
    static constexpr size_t kMaxInFlight = 4;

    struct Event
    {
        enum Kind {
            Ready,     // the answer to `tick`: sample, latencyMs
            Busy,      // `tick` refused: kMaxInFlight requests are still unanswered
            Skipped,   // the remote answered a later request: `tick` will never be
            Connected, // the state to show changed: os, latencyMs (at most once a second)
        };
        Kind kind = Ready;
        quint64 tick = 0;
        Sample sample;
        double latencyMs = 0;
        QString os;
    };

    // Queues the priming request, sent at nowMs.
    SshSampleStream(qint64 timeoutMs, qint64 nowMs);

    // Whether requests are taken now: after the first answer, and kAfterPrimeMs after it.
    bool accepting(qint64 nowMs);
    // Queues a request line for each tick, or refuses it (Busy). Only while accepting().
    void request(const std::vector<quint64> &ticks, qint64 nowMs, std::vector<Event> &events);

    // The bytes to write to the channel; written() drops the first n of them once written.
    const QByteArray &output() const { return m_out; }
    void written(qsizetype n) { m_out.remove(0, n); }

    void feedStdout(QByteArrayView bytes) { m_parser.feedStdout(bytes); }
    void feedStderr(QByteArrayView bytes);
    // The answers parsed so far, matched to their requests, in order.
    void collect(qint64 nowMs, std::vector<Event> &events);
    // True once the first answer came: the machine is streaming samples.
    bool streaming() const { return m_streaming; }

    bool overflowed() const { return m_parser.overflowed(); }
    QString stderrTail() const { return m_stderrTail; } // the last stderr output, for an ended command
    // The oldest unanswered request has waited longer than the timeout.
    bool timedOut(qint64 nowMs) const;
    // When to look again, at the latest: the end of the hold, the oldest request's deadline, or a
    // second from now.
    qint64 wakeAtMs(qint64 nowMs) const;

private:
    struct InFlight
    {
        quint64 id;
        quint64 tick;
        qint64 sentMs;
        bool prime;
    };

    RemoteStreamParser m_parser;
    const qint64 m_timeoutMs;
    std::deque<InFlight> m_inFlight;
    quint64 m_nextId = 1;
    QByteArray m_out;
    QString m_stderrTail;
    bool m_streaming = false;
    qint64 m_holdUntilMs = 0; // while > 0, requests are not taken until then
    qint64 m_stateSaidMs = 0;
    QString m_osSaid;
};
