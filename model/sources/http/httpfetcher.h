#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTcpSocket;
class QTimer;

// One HTTP request at a time, asynchronous, with an overall deadline and a cap on the body, for
// the sources that poll servers. Lives in (and must be used from) one thread; never blocks it.
//
// Plain http:// is spoken directly over a kept-alive QTcpSocket in this thread: a scrape a second
// per server must cost well under a millisecond of CPU, and QNetworkAccessManager's thread hop and
// reply objects alone cost more than that here (bench_scrape --baseline). https:// goes through
// QNetworkAccessManager for its TLS. Both follow redirects by the same rules: at most kMaxRedirects,
// never from https:// to http://, a POST turned into a GET by 303 (and by 301 and 302) as
// QNetworkAccessManager does it.
class HttpFetcher : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        int status = 0;  // HTTP status; 0 when no answer came
        QByteArray body; // at most the cap
        QString error;   // empty on a complete answer (any status); else why there was none
        qint64 elapsedMs = 0;
        qint64 finishedMs = 0; // wall clock, ms since the epoch
    };
    using Callback = std::function<void(const Result &)>;

    static constexpr qint64 kDefaultBodyCap = 8 * 1024 * 1024;
    static constexpr int kMaxRedirects = 10;

    explicit HttpFetcher(QObject *parent = nullptr);
    ~HttpFetcher() override;

    bool isBusy() const { return m_busy; }
    // Header lines sent with every later request, e.g. {"Authorization", "Bearer …"}.
    void setExtraHeaders(const QList<QPair<QByteArray, QByteArray>> &headers) { m_extraHeaders = headers; }
    // Starts a GET (or a POST when postJson is not null). Returns false when a request is in flight.
    bool fetch(const QUrl &url, int timeoutMs, const Callback &done, const QByteArray &postJson = {},
        qint64 bodyCap = kDefaultBodyCap);
    void abort();

private:
    void start(const QUrl &url, const QByteArray &postJson);
    void fetchWithNetworkManager(const QUrl &url, const QByteArray &postJson);
    void fetchWithSocket(const QUrl &url, const QByteArray &postJson);
    void resetAnswer();
    void connectSocket();
    void sendRequest();
    void onSocketData();
    void onSocketClosed();
    bool parseHead();
    bool parseBody();
    bool readTrailers();
    bool complete();
    void dropSocket();
    void finish(const QString &error);

    bool m_busy = false;
    Callback m_done;
    Result m_result;
    qint64 m_cap = kDefaultBodyCap;
    qint64 m_startedMs = 0;
    QTimer *m_deadline = nullptr;
    QList<QPair<QByteArray, QByteArray>> m_extraHeaders;
    QUrl m_url;          // of the request in flight, redirects followed
    QByteArray m_post;   // its body; null for a GET
    int m_redirects = 0; // followed so far

    // https://
    QNetworkAccessManager *m_network = nullptr; // made on first use, in this object's thread
    QNetworkReply *m_reply = nullptr;

    // http://: one connection, kept alive between requests to the same host and port
    QTcpSocket *m_socket = nullptr;
    QString m_host;
    quint16 m_port = 0;
    QByteArray m_request;
    QByteArray m_in; // bytes received and not consumed yet
    bool m_headDone = false;
    bool m_chunked = false;
    bool m_inTrailers = false; // past the last chunk: trailer lines up to an empty line
    bool m_closeAfter = false;
    bool m_untilClose = false; // no length and not chunked: the body ends when the server closes
    QByteArray m_location;     // the Location header of the answer
    qint64 m_contentLength = -1;
    qint64 m_chunkLeft = -1; // bytes left in the current chunk (+2 for its CRLF); -1: read a size
    bool m_reused = false;   // sent on a kept-alive connection: a silent close means "try anew"
};
