#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

class QTcpServer;
class QTcpSocket;

// A small scriptable HTTP/1.1 server on 127.0.0.1 (a free port), for the tests and benchmarks of
// the HTTP sources. Each path has a handler that computes the answer per request, so counters can
// advance with the request count or with time; an answer can also misbehave (close at once, stall,
// garbage, a short or a huge body). Keep-alive like the real servers. Lives in the thread that made
// it and never blocks it. Counts requests per path and the most requests open at once.
class FakeHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QString path; // without the query
        QByteArray query;
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
        int number = 0;        // 1 for the first request to this path, 2 for the next…
        qint64 receivedMs = 0; // wall clock, when the whole request had arrived
    };

    enum class Behaviour {
        Answer,             // status, headers, body (after delayMs)
        CloseWithoutAnswer, // closes the connection at once
        StallBeforeHeaders, // keeps the connection open and never writes a byte
        HeadersThenStall,   // writes the status line and headers (Content-Length of the body), then nothing
        Garbage,            // writes garbageBytes of random bytes instead of HTTP (then closes)
        Truncated,          // announces Content-Length of the body, writes only truncateAt bytes, closes
        Huge,               // a body of hugeBytes in chunks, with Content-Length
        HugeChunked,        // a body of hugeBytes in chunks, Transfer-Encoding: chunked (no length)
        // The body as one chunk, then the last chunk "0", then `trailers` (lines "Name: value\r\n")
        // and the empty line, delayMs later: a client that stops at the "0" is out of step.
        ChunkedWithTrailers,
    };

    struct Response
    {
        int status = 200;
        QByteArray contentType = "text/plain; version=0.0.4; charset=utf-8";
        QByteArray body;
        Behaviour behaviour = Behaviour::Answer;
        int delayMs = 0; // Answer: wait this long before writing
        qint64 garbageBytes = 4096;
        bool closeAfterGarbage = true; // Garbage: close, or keep the connection open
        qint64 truncateAt = 0;         // Truncated: bytes of the body actually sent
        qint64 hugeBytes = 20 * 1024 * 1024;
        QList<QPair<QByteArray, QByteArray>> headers; // more headers, e.g. Location
        QByteArray trailers;                          // ChunkedWithTrailers
    };

    using Handler = std::function<Response(const Request &)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    // Listens on 127.0.0.1, port 0 (or the port given). False when it cannot.
    bool listen(quint16 port = 0);
    quint16 port() const;
    // http://127.0.0.1:<port><path>
    QUrl url(const QString &path = QString()) const;

    // The handler for an exact path (no query). Paths without a handler answer 404.
    void route(const QString &path, Handler handler);
    // A fixed answer for a path.
    void route(const QString &path, const Response &response);
    // The handler for every path without its own (default: 404 "Not Found").
    void setFallback(Handler handler);

    int requestCount(const QString &path) const { return m_counts.value(path); }
    int totalRequests() const { return int(m_requests.size()); }
    // Every request, in the order it arrived.
    const QList<Request> &requests() const { return m_requests; }
    // Requests that arrived and whose answer was not yet written completely nor their
    // connection closed, now and at most.
    int openRequests() const { return m_open; }
    int maxOpenRequests() const { return m_maxOpen; }
    int openConnections() const { return int(m_connections.size()); }
    int maxOpenConnections() const { return m_maxConnections; }
    // Connections accepted since the start or resetCounts(): 1 for a client that keeps one alive.
    int acceptedConnections() const { return m_accepted; }
    void resetCounts();

    // Closes every connection (a server restart keeps the port; a crash does this).
    void dropConnections();
    // Stops listening and drops every connection: connections are refused until listen() again.
    void close();

    static Response text(
        int status, const QByteArray &body, const QByteArray &contentType = "text/plain; charset=utf-8");
    static Response json(int status, const QByteArray &body);
    static Response behaving(Behaviour behaviour);
    // A redirect (301, 302, 303, 307 or 308) to `location`, as written in the Location header.
    static Response redirect(int status, const QByteArray &location);

signals:
    void requestReceived(const FakeHttpServer::Request &request);

private:
    struct Connection;

    void onNewConnection();
    void onReadyRead(Connection *c);
    void onClosed(Connection *c);
    void serve(Connection *c, Request request);
    void respond(Connection *c, const Response &response);
    void writeHugeChunk(Connection *c);
    void finishRequest(Connection *c);
    static QByteArray reasonPhrase(int status);

    QTcpServer *m_server = nullptr;
    QHash<QString, Handler> m_routes;
    Handler m_fallback;
    QList<Connection *> m_connections;
    QList<Request> m_requests;
    QHash<QString, int> m_counts;
    int m_open = 0;
    int m_maxOpen = 0;
    int m_maxConnections = 0;
    int m_accepted = 0;
};
