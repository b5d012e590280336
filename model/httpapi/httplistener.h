#pragma once

#include "httprequestparser.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class HttpConnection;
class QTcpServer;

// An answer to one request.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers; // beyond Content-Type and Content-Length
    QByteArray body;
};

// Where the answer to one request goes. A handle: copy it into a job and send() when the answer
// is ready, in the listener's thread; a connection gone meanwhile takes nothing, harmlessly.
class HttpResponder
{
public:
    HttpResponder() = default;
    void send(const HttpResponse &response) const;

private:
    friend class HttpConnection;
    explicit HttpResponder(HttpConnection *connection);
    QPointer<HttpConnection> m_connection;
};

// A small HTTP/1.1 server for the local API, with the limits a server that may face the network
// needs, all enforced before a request reaches its handler: the head and the declared body size
// (HttpRequestParser), a deadline for a request to arrive whole (slow clients get 408 and are
// closed), an idle timeout for kept-alive connections, and a cap on open connections (beyond it
// a new one gets 503 and is closed). One request at a time per connection, answered in order;
// "Connection: close" and HTTP/1.0 close after the answer.
class HttpListener : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        HttpRequestParser::Limits limits;
        int requestTimeoutMs = 10'000; // from a request's first byte to its last
        int idleTimeoutMs = 30'000;    // a kept-alive connection with no request in progress
        int maxConnections = 64;
    };
    using Handler = std::function<void(const HttpRequest &request, const HttpResponder &responder)>;

    explicit HttpListener(Handler handler, QObject *parent = nullptr);
    ~HttpListener() override;

    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    // Stops listening and closes every connection.
    void close();
    bool isListening() const;
    quint16 port() const;
    int connectionCount() const { return int(m_connections.size()); }

private:
    friend class HttpConnection;
    void onNewConnection();
    void forget(HttpConnection *connection);

    Handler m_handler;
    Options m_options;
    QTcpServer *m_server;
    QSet<HttpConnection *> m_connections;
};
