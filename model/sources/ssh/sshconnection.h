#pragma once

#include "connectionstate.h"
#include "sample.h"
#include "sshoptions.h"
#include "sshsamplestream.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

struct _LIBSSH2_SESSION;
struct _LIBSSH2_CHANNEL;

// One TCP connection and one authenticated libssh2 session to a machine (its host key checked and
// the user logged in by SshLogin), kept for the session, with one long-lived exec channel running
// RemoteStreamParser's script: every requestSample() writes one line to it and the answer is parsed
// as it arrives. All network I/O happens in the connection's own worker thread (libssh2
// non-blocking, driven by poll() with a deadline), so neither the thread the object lives in nor the
// GUI ever waits on the socket. A lost connection is retried with backoff. Signals are emitted from
// the worker thread: connect with a receiver context (queued).
class SshConnection : public QObject
{
    Q_OBJECT
public:
    explicit SshConnection(SshOptions options, QObject *parent = nullptr);
    ~SshConnection() override; // stops and joins the worker

    const SshOptions &options() const { return m_options; }
    void start();
    void stop();
    ConnectionState state() const;
    // Thread-safe. Answered once with sampleReady() or sampleFailed().
    void requestSample(quint64 tick);
    // Thread-safe. Tries again now: from a failure (after the person fixed what it named), or instead
    // of waiting out the reconnect backoff. Does nothing while connecting or connected.
    void retryNow();
    // The wait before the try after one that waited currentMs: doubling up to maxMs.
    static int nextRetryMs(int currentMs, int maxMs) { return currentMs >= maxMs / 2 ? maxMs : currentMs * 2; }

signals:
    void stateChanged(const ConnectionState &state);
    void sampleReady(quint64 tick, const Sample &sample, double latencyMs);
    void sampleFailed(quint64 tick, const QString &reason);

private:
    enum class Wait { Ready, Timeout, Stopped, Error };
    enum class End { Lost, Permanent, Stopped };

    void run();
    // answered: set once the machine has answered (the first sample), which ends the backoff.
    End runSession(QString &reason, bool &answered);
    bool connectTcp(QString &reason);
    // Publishes a state that asks the person (a host key, a passphrase) and waits for the answer,
    // at most hostKeyWaitMs and never past stop(); empty when nobody answered.
    std::optional<bool> ask(ConnectionState &asking);
    // Opens the exec channel of the sampling script, then pump()s it.
    End stream(QString &reason, bool &answered);
    End pump(QString &reason, bool &answered);
    bool readChannel(SshSampleStream &samples, bool socketReady);
    void emitEvents(const std::vector<SshSampleStream::Event> &events);
    void closeSession();
    // socketReady: set to whether poll() saw the socket ready (or was interrupted).
    Wait waitSocket(qint64 deadlineMs, bool alsoRead = false, bool alsoWrite = false, bool *socketReady = nullptr);
    void drainWake();
    bool sleepFor(int ms); // false: stopped; returns early when retryNow() was called
    void setState(const ConnectionState &s);
    void failPending(const QString &reason);
    QString lastError() const;
    QString where() const;

    const SshOptions m_options;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::atomic<bool> m_retryNow { false };
    int m_wake[2] = { -1, -1 }; // a pipe: requestSample() and stop() wake poll()

    mutable std::mutex m_mutex; // guards the members below it
    ConnectionState m_state;
    std::vector<quint64> m_requests; // ticks asked for, not yet sent
    bool m_streaming = false;
    // Why the last try failed, as requests are answered until a try brings a sample: the same words
    // while waiting and while trying again, so the reason does not flip on every try.
    QString m_lastFailure;

    // Worker thread only.
    int m_socket = -1;
    _LIBSSH2_SESSION *m_session = nullptr;
    _LIBSSH2_CHANNEL *m_channel = nullptr;
    QString m_passphrase; // as given or asked for; memory only, kept for reconnecting
};
