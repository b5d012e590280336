#include "sshconnection.h"

#include "hostkeydecision.h"
#include "logging.h"
#include "sshlogin.h"

#include <QDateTime>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <libssh2.h>
#include <mutex>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void initLibssh2Once()
{
    static std::once_flag once;
    std::call_once(once, [] { libssh2_init(0); });
}

} // namespace

SshConnection::SshConnection(SshOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_passphrase(m_options.passphrase)
{
    initLibssh2Once();
    if (::pipe2(m_wake, O_NONBLOCK | O_CLOEXEC) != 0)
        m_wake[0] = m_wake[1] = -1;
}

SshConnection::~SshConnection()
{
    stop();
    if (m_wake[0] >= 0)
        ::close(m_wake[0]);
    if (m_wake[1] >= 0)
        ::close(m_wake[1]);
}

void SshConnection::start()
{
    if (m_thread.joinable())
        return;
    m_stop = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_lastFailure.clear();
    }
    ConnectionState connecting;
    connecting.kind = ConnectionState::Connecting;
    setState(connecting);
    m_thread = std::thread([this] { run(); });
}

void SshConnection::retryNow()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_state.kind != ConnectionState::Failed && m_state.kind != ConnectionState::Reconnecting)
            return;
    }
    m_retryNow = true;
    qCDebug(lcSsh).noquote() << "retry asked for" << where();
    if (m_wake[1] >= 0) {
        const char c = 'n';
        [[maybe_unused]] const auto n = ::write(m_wake[1], &c, 1);
    }
}

void SshConnection::stop()
{
    m_stop = true;
    if (m_wake[1] >= 0) {
        const char c = 's';
        [[maybe_unused]] const auto n = ::write(m_wake[1], &c, 1);
    }
    if (m_thread.joinable())
        m_thread.join();
}

ConnectionState SshConnection::state() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_state;
}

void SshConnection::requestSample(quint64 tick)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_streaming) {
            QString reason;
            switch (m_state.kind) {
            case ConnectionState::AwaitingHostKey:
                reason = tr("waiting for you to trust the host key of %1").arg(where());
                break;
            default:
                reason = m_lastFailure.isEmpty() ? tr("connecting to %1").arg(where()) : m_lastFailure;
                break;
            }
            // Outside the lock: the signal may be direct.
            QMetaObject::invokeMethod(
                this, [this, tick, reason] { emit sampleFailed(tick, reason); }, Qt::QueuedConnection);
            return;
        }
        m_requests.push_back(tick);
    }
    const char c = 'r';
    [[maybe_unused]] const auto n = ::write(m_wake[1], &c, 1);
}

void SshConnection::setState(const ConnectionState &s)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_state == s && !s.decision)
            return;
        m_state = s;
    }
    emit stateChanged(s);
}

QString SshConnection::where() const
{
    return QStringLiteral("%1:%2").arg(m_options.host).arg(m_options.port);
}

QString SshConnection::lastError() const
{
    return SshLogin::lastError(m_session);
}

bool SshConnection::sleepFor(int ms)
{
    const qint64 deadline = nowMs() + ms;
    while (!m_stop) {
        const qint64 left = deadline - nowMs();
        if (left <= 0 || m_retryNow)
            return true;
        pollfd p { m_wake[0], POLLIN, 0 };
        if (::poll(&p, 1, int(left)) > 0)
            drainWake();
    }
    return false;
}

void SshConnection::drainWake()
{
    // One read: a wake-up is one byte, and more than 64 pending only makes the next poll() return
    // at once. (A loop until EAGAIN would cost a second system call for every sample.)
    char buf[64];
    [[maybe_unused]] const auto n = ::read(m_wake[0], buf, sizeof buf);
}

SshConnection::Wait SshConnection::waitSocket(qint64 deadlineMs, bool alsoRead, bool alsoWrite, bool *socketReady)
{
    short events = 0;
    if (m_session) {
        const int dir = libssh2_session_block_directions(m_session);
        if (dir & LIBSSH2_SESSION_BLOCK_INBOUND)
            events |= POLLIN;
        if (dir & LIBSSH2_SESSION_BLOCK_OUTBOUND)
            events |= POLLOUT;
    }
    if (alsoRead)
        events |= POLLIN;
    if (alsoWrite)
        events |= POLLOUT;
    if (events == 0)
        events = POLLIN;
    pollfd fds[2] = { { m_socket, events, 0 }, { m_wake[0], POLLIN, 0 } };
    const qint64 left = deadlineMs - nowMs();
    if (left <= 0)
        return Wait::Timeout;
    const int rc = ::poll(fds, 2, int(qMin<qint64>(left, 1000000)));
    if (socketReady)
        *socketReady = rc != 0 && (rc < 0 || fds[0].revents != 0);
    if (m_stop)
        return Wait::Stopped;
    if (rc < 0)
        return errno == EINTR ? Wait::Ready : Wait::Error;
    if (fds[1].revents)
        drainWake();
    if (rc == 0)
        return Wait::Timeout;
    return Wait::Ready;
}

void SshConnection::failPending(const QString &reason)
{
    std::vector<quint64> pending;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_streaming = false;
        pending.swap(m_requests);
    }
    for (quint64 tick : pending)
        emit sampleFailed(tick, reason);
}

void SshConnection::run()
{
    pthread_setname_np(pthread_self(), "perfdash-ssh"); // visible in top -H and /proc/<pid>/task
    int retryMs = m_options.firstRetryMs;
    while (!m_stop) {
        ConnectionState connecting;
        connecting.kind = ConnectionState::Connecting;
        setState(connecting);
        m_retryNow = false; // a click before this try counts for it, not for the next wait
        qCDebug(lcSsh).noquote() << "connecting to" << where();
        QString reason;
        bool answered = false;
        const End end = runSession(reason, answered);
        closeSession();
        qCDebug(lcSsh).noquote() << where() << (end == End::Stopped ? "stopped" : "dropped:") << reason;
        failPending(reason.isEmpty() ? tr("not connected") : reason);
        if (end == End::Stopped || m_stop)
            break;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_lastFailure = end == End::Permanent ? reason : tr("not connected to %1 (%2)").arg(where(), reason);
        }
        if (end == End::Permanent) {
            ConnectionState failed;
            failed.kind = ConnectionState::Failed;
            failed.detail = reason;
            setState(failed);
            qCDebug(lcSsh).noquote() << where() << "failed; waiting for a retry to be asked for";
            // Stays failed until the person asks for another try (or stop()).
            while (sleepFor(1000) && !m_retryNow) { }
            retryMs = m_options.firstRetryMs;
            continue;
        }
        // Only a machine that answered starts the backoff again: one that accepts the connection, or
        // even the login, and then stays silent is retried ever more slowly.
        if (answered)
            retryMs = m_options.firstRetryMs;
        qCDebug(lcSsh).noquote() << "retrying" << where() << "in" << retryMs << "ms";
        // Count down in whole seconds so the panel can say "reconnecting in N s".
        const qint64 retryAt = nowMs() + retryMs;
        for (;;) {
            const qint64 left = retryAt - nowMs();
            if (left <= 0)
                break;
            ConnectionState waiting;
            waiting.kind = ConnectionState::Reconnecting;
            waiting.detail = reason;
            waiting.retryInSeconds = int((left + 999) / 1000);
            setState(waiting);
            const int slice = left % 1000 == 0 ? 1000 : int(left % 1000);
            if (!sleepFor(slice))
                return;
            if (m_retryNow)
                break;
        }
        retryMs = nextRetryMs(retryMs, m_options.maxRetryMs);
    }
}

bool SshConnection::connectTcp(QString &reason)
{
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    const QByteArray port = QByteArray::number(m_options.port);
    const int gai = ::getaddrinfo(m_options.host.toUtf8().constData(), port.constData(), &hints, &found);
    if (gai != 0) {
        reason = tr("cannot find host %1: %2").arg(m_options.host, QString::fromLocal8Bit(gai_strerror(gai)));
        return false;
    }
    const qint64 deadline = nowMs() + m_options.timeoutMs;
    QString lastReason;
    for (addrinfo *a = found; a && !m_stop; a = a->ai_next) {
        m_socket = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (m_socket < 0)
            continue;
        int rc = ::connect(m_socket, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            const Wait w = waitSocket(deadline, false, true);
            if (w == Wait::Ready) {
                int error = 0;
                socklen_t len = sizeof error;
                ::getsockopt(m_socket, SOL_SOCKET, SO_ERROR, &error, &len);
                errno = error;
                rc = error == 0 ? 0 : -1;
            } else if (w == Wait::Timeout) {
                errno = ETIMEDOUT;
            }
        }
        if (rc == 0) {
            qCDebug(lcSsh).noquote() << "TCP connected to" << where();
            const int one = 1;
            ::setsockopt(m_socket, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            ::freeaddrinfo(found);
            return true;
        }
        lastReason = QString::fromLocal8Bit(std::strerror(errno));
        ::close(m_socket);
        m_socket = -1;
    }
    ::freeaddrinfo(found);
    reason = tr("cannot connect to %1: %2").arg(where(), lastReason);
    return false;
}

SshConnection::End SshConnection::runSession(QString &reason, bool &answered)
{
    if (!connectTcp(reason))
        return m_stop ? End::Stopped : End::Lost;
    m_session = libssh2_session_init();
    if (!m_session) {
        reason = tr("cannot start an SSH session (out of memory)");
        return End::Lost;
    }
    libssh2_session_set_blocking(m_session, 0);
    const qint64 deadline = nowMs() + m_options.timeoutMs;
    int rc;
    while ((rc = libssh2_session_handshake(m_session, m_socket)) == LIBSSH2_ERROR_EAGAIN) {
        const Wait w = waitSocket(deadline);
        if (w == Wait::Stopped)
            return End::Stopped;
        if (w == Wait::Timeout) {
            reason = tr("%1 accepted the connection but did not answer within %2 s (is it an SSH server?)")
                         .arg(where())
                         .arg(m_options.timeoutMs / 1000.0);
            return End::Lost;
        }
    }
    if (rc != 0) {
        reason = tr("SSH handshake with %1 failed: %2").arg(where(), lastError());
        return End::Lost;
    }
    SshLogin::Hooks hooks;
    hooks.wait = [this](qint64 deadlineMs) {
        switch (waitSocket(deadlineMs)) {
        case Wait::Ready:
            return SshLogin::Wait::Ready;
        case Wait::Stopped:
            return SshLogin::Wait::Stopped;
        case Wait::Timeout:
        case Wait::Error:
            break;
        }
        return SshLogin::Wait::Timeout;
    };
    hooks.ask = [this](ConnectionState &asking) { return ask(asking); };
    hooks.stopped = [this] { return bool(m_stop); };
    SshLogin login(m_session, m_options, m_passphrase, std::move(hooks));
    bool permanent = false;
    if (!login.checkHostKey(reason, permanent))
        return m_stop ? End::Stopped : (permanent ? End::Permanent : End::Lost);
    qCDebug(lcSsh).noquote() << "host key of" << where() << "accepted";
    if (!login.authenticate(reason))
        return m_stop ? End::Stopped : End::Permanent;
    qCDebug(lcSsh).noquote() << "logged in to" << where();
    return stream(reason, answered);
}

std::optional<bool> SshConnection::ask(ConnectionState &asking)
{
    asking.decision = std::make_shared<HostKeyDecision>();
    setState(asking);
    const qint64 giveUp = nowMs() + m_options.hostKeyWaitMs;
    std::optional<bool> answer;
    while (!answer && !m_stop && nowMs() < giveUp)
        answer = asking.decision->waitFor(200);
    return answer;
}

void SshConnection::closeSession()
{
    if (m_channel) {
        libssh2_channel_free(m_channel);
        m_channel = nullptr;
    }
    if (m_session) {
        // Non-blocking: a dead peer makes these give up at once instead of waiting.
        libssh2_session_disconnect(m_session, "perfdash closing");
        if (m_socket >= 0)
            ::shutdown(m_socket, SHUT_RDWR);
        libssh2_session_free(m_session);
        m_session = nullptr;
    }
    if (m_socket >= 0) {
        ::close(m_socket);
        m_socket = -1;
    }
}
