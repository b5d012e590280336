// SshConnection's sampling stream: the exec channel of the remote script, and the bytes moved
// between it and SshSampleStream. The connection's life (connect, log in, retry) is sshconnection.cpp.
#include "logging.h"
#include "remotestreamparser.h"
#include "sshconnection.h"

#include <QDateTime>

#include <cerrno>
#include <cstring>
#include <libssh2.h>

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

SshConnection::End SshConnection::stream(QString &reason, bool &answered)
{
    const qint64 deadline = nowMs() + m_options.timeoutMs;
    const auto timedOut = [&](const char *what) {
        reason = tr("%1 did not answer within %2 s (%3)").arg(where()).arg(m_options.timeoutMs / 1000.0).arg(tr(what));
    };
    while (!(m_channel = libssh2_channel_open_session(m_session))) {
        if (libssh2_session_last_errno(m_session) != LIBSSH2_ERROR_EAGAIN) {
            reason = tr("cannot open a channel on %1: %2").arg(where(), lastError());
            return End::Lost;
        }
        const Wait w = waitSocket(deadline);
        if (w == Wait::Stopped)
            return End::Stopped;
        if (w != Wait::Ready) {
            timedOut("opening a channel");
            return End::Lost;
        }
    }
    const QByteArray command = RemoteStreamParser::command(m_options.intervalMs);
    int rc;
    while ((rc = libssh2_channel_exec(m_channel, command.constData())) == LIBSSH2_ERROR_EAGAIN) {
        const Wait w = waitSocket(deadline);
        if (w == Wait::Stopped)
            return End::Stopped;
        if (w != Wait::Ready) {
            timedOut("starting the sampling command");
            return End::Lost;
        }
    }
    if (rc != 0) {
        reason = tr("cannot run the sampling command on %1: %2").arg(where(), lastError());
        return End::Lost;
    }
    qCDebug(lcSsh).noquote() << "sampling stream started on" << where() << "every" << m_options.intervalMs << "ms";

    return pump(reason, answered);
}

// Runs the sampling stream on the open channel until it is lost or stopped: SshSampleStream says
// what to write and what was answered; this moves the bytes and emits the answers.
SshConnection::End SshConnection::pump(QString &reason, bool &answered)
{
    SshSampleStream samples(m_options.timeoutMs, nowMs());
    std::vector<quint64> asked; // swapped with m_requests: the two buffers are reused, never freed
    std::vector<SshSampleStream::Event> events;
    bool socketReady = true; // read on the first round
    auto lost = [&](const QString &why) {
        reason = tr("connection to %1 lost: %2").arg(where(), why);
        return End::Lost;
    };
    while (!m_stop) {
        events.clear();
        if (samples.accepting(nowMs())) {
            asked.clear();
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                asked.swap(m_requests);
            }
            samples.request(asked, nowMs(), events);
        }
        while (!samples.output().isEmpty()) {
            const QByteArray &out = samples.output();
            const ssize_t n = libssh2_channel_write(m_channel, out.constData(), size_t(out.size()));
            if (n == LIBSSH2_ERROR_EAGAIN)
                break;
            if (n < 0)
                return lost(lastError());
            samples.written(qsizetype(n));
        }
        if (!readChannel(samples, socketReady))
            return lost(lastError());
        if (samples.overflowed()) {
            reason = tr("%1 sent unreadable output (a line over 1 MiB)").arg(where());
            return End::Lost;
        }
        const bool wasStreaming = samples.streaming();
        samples.collect(nowMs(), events);
        if (!wasStreaming && samples.streaming()) {
            answered = true;
            std::lock_guard<std::mutex> lock(m_mutex);
            m_streaming = true;
            m_lastFailure.clear();
        }
        emitEvents(events);
        if (libssh2_channel_eof(m_channel)) {
            const QString tail = samples.stderrTail();
            reason = tail.isEmpty() ? tr("the sampling command on %1 ended").arg(where())
                                    : tr("the sampling command on %1 ended: %2").arg(where(), tail);
            return End::Lost;
        }
        if (samples.timedOut(nowMs())) {
            reason = tr("%1 did not answer within %2 s (%3)")
                         .arg(where())
                         .arg(m_options.timeoutMs / 1000.0)
                         .arg(tr("a sample"));
            return End::Lost;
        }
        const Wait w = waitSocket(samples.wakeAtMs(nowMs()), true, !samples.output().isEmpty(), &socketReady);
        if (w == Wait::Stopped)
            return End::Stopped;
        if (w == Wait::Error)
            return lost(QString::fromLocal8Bit(std::strerror(errno)));
    }
    return End::Stopped;
}

// Every libssh2 read first drains the socket into libssh2's packet queue, until the socket would
// block: so read only when poll() saw the socket ready (or on the first round) or packets are
// already queued (a write drains the socket too), and stop as soon as nothing is queued. Each read
// costs at least one recvfrom(); a sample needs two in all. False when the connection is lost.
bool SshConnection::readChannel(SshSampleStream &samples, bool socketReady)
{
    char buffer[32768];
    bool readStdout = socketReady || libssh2_poll_channel_read(m_channel, 0);
    while (readStdout) {
        const ssize_t n = libssh2_channel_read_ex(m_channel, 0, buffer, sizeof buffer);
        if (n == LIBSSH2_ERROR_EAGAIN || n == 0)
            break;
        if (n < 0)
            return false;
        samples.feedStdout(QByteArrayView(buffer, n));
        readStdout = libssh2_poll_channel_read(m_channel, 0);
    }
    // With stdout drained, "extended" data queued can only be stderr (macOS top).
    while (libssh2_poll_channel_read(m_channel, 1)) {
        const ssize_t n = libssh2_channel_read_ex(m_channel, SSH_EXTENDED_DATA_STDERR, buffer, sizeof buffer);
        if (n == LIBSSH2_ERROR_EAGAIN || n == 0)
            break;
        if (n < 0)
            return false;
        samples.feedStderr(QByteArrayView(buffer, n));
    }
    return true;
}

void SshConnection::emitEvents(const std::vector<SshSampleStream::Event> &events)
{
    for (const SshSampleStream::Event &e : events) {
        switch (e.kind) {
        case SshSampleStream::Event::Ready:
            emit sampleReady(e.tick, e.sample, e.latencyMs);
            break;
        case SshSampleStream::Event::Busy:
            emit sampleFailed(e.tick, tr("%1 is still answering earlier samples").arg(where()));
            break;
        case SshSampleStream::Event::Skipped:
            emit sampleFailed(e.tick, tr("%1 skipped a sample").arg(where()));
            break;
        case SshSampleStream::Event::Connected: {
            ConnectionState connected;
            connected.kind = ConnectionState::Connected;
            connected.os = e.os;
            connected.latencyMs = e.latencyMs;
            setState(connected);
            break;
        }
        }
    }
}
