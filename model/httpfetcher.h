#pragma once

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

// One HTTP request at a time, asynchronous, with an overall deadline and a cap on the body, for
// the sources that poll servers. Lives in (and must be used from) one thread; never blocks it.
class HttpFetcher : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        int status = 0;         // HTTP status; 0 when no answer came
        QByteArray body;        // at most the cap
        QString error;          // empty on a complete answer (any status); else why there was none
        qint64 elapsedMs = 0;
        qint64 finishedMs = 0;  // wall clock, ms since the epoch
    };
    using Callback = std::function<void(const Result &)>;

    static constexpr qint64 kDefaultBodyCap = 8 * 1024 * 1024;

    explicit HttpFetcher(QObject *parent = nullptr);
    ~HttpFetcher() override;

    bool isBusy() const { return m_reply != nullptr; }
    // Starts a GET (or a POST when body is not null). Returns false when a request is in flight.
    bool fetch(const QUrl &url, int timeoutMs, const Callback &done, const QByteArray &postJson = {},
               qint64 bodyCap = kDefaultBodyCap);
    void abort();

private:
    void finish(const QString &error);

    QNetworkAccessManager *m_network = nullptr; // made on first use, in this object's thread
    QNetworkReply *m_reply = nullptr;
    QTimer *m_deadline = nullptr;
    Callback m_done;
    Result m_result;
    qint64 m_cap = kDefaultBodyCap;
    qint64 m_startedMs = 0;
};
