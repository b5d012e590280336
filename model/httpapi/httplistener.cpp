#include "httplistener.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace {
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 400 ? "OK" : "Error";
    }
}

QByteArray serialize(const HttpResponse &response, bool keepAlive)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    return out + "\r\n" + response.body;
}

HttpResponse errorResponse(int status, const QString &message)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject { { QStringLiteral("error"), message }, { QStringLiteral("status"), status } })
                 .toJson(QJsonDocument::Compact)
        + '\n';
    return r;
}

// After an error answer the client may still be sending (a body refused on its declared size):
// what it sends is read and dropped for a moment, up to this much, so it can read the answer
// instead of a reset; then the connection is cut.
constexpr int kLingerMs = 2000;
constexpr qint64 kLingerBytes = 256 * 1024;
} // namespace

// One client connection: reads one request at a time, hands it to the listener's handler and
// waits for its answer before reading the next.
class HttpConnection : public QObject
{
public:
    HttpConnection(QTcpSocket *socket, HttpListener *listener)
        : QObject(listener)
        , m_socket(socket)
        , m_listener(listener)
        , m_parser(listener->options().limits)
        , m_sinceMs(QDateTime::currentMSecsSinceEpoch())
    {
        const auto &limits = listener->options().limits;
        socket->setParent(this);
        socket->setReadBufferSize(limits.maxHeadBytes + limits.maxBodyBytes + 4096);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
        connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::process);
        connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
        connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                finish();
        });
        m_timer.start(listener->options().idleTimeoutMs);
    }

    void respond(const HttpResponse &response)
    {
        if (!m_busy || m_closing)
            return;
        m_busy = false;
        m_socket->write(serialize(response, m_keepAlive));
        if (!m_keepAlive) {
            closeAfterWriting();
            return;
        }
        m_sinceMs = QDateTime::currentMSecsSinceEpoch();
        m_timer.start(m_listener->options().idleTimeoutMs);
        if (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &HttpConnection::process);
    }

    // Waiting for a request (not computing an answer), since when.
    bool isWaiting() const { return !m_busy && !m_closing; }
    qint64 sinceMs() const { return m_sinceMs; }

    // Cut at once, without an answer (a slow or idle client making room for a new one).
    void drop()
    {
        m_socket->abort();
        finish();
    }

    void refuse(int status, const QString &message)
    {
        m_keepAlive = false;
        m_busy = false;
        m_socket->write(serialize(errorResponse(status, message), false));
        closeAfterWriting();
    }

private:
    void process()
    {
        if (m_closing) {
            linger();
            return;
        }
        if (m_busy)
            return; // the next request waits for this one's answer
        m_buffer += m_socket->readAll();
        if (m_buffer.isEmpty())
            return;
        if (!m_parser.isStarted())
            m_timer.start(m_listener->options().requestTimeoutMs); // the request's deadline
        HttpRequest request;
        qsizetype used = 0;
        switch (m_parser.parse(m_buffer, &request, &used)) {
        case HttpRequestParser::Status::Incomplete:
            return;
        case HttpRequestParser::Status::Failed:
            refuse(m_parser.errorStatus(), m_parser.errorMessage());
            return;
        case HttpRequestParser::Status::Complete:
            break;
        }
        m_buffer.remove(0, used);
        m_timer.stop();
        m_busy = true;
        m_keepAlive = request.keepAlive;
        m_listener->m_handler(request, HttpResponder(this));
    }

    void onTimeout()
    {
        if (m_closing) {
            m_socket->abort();
            finish();
        } else if (m_parser.isStarted()) {
            refuse(408,
                QCoreApplication::translate("HttpListener", "the request did not arrive whole within %1 s")
                    .arg(m_listener->options().requestTimeoutMs / 1000.0));
        } else if (!m_busy) {
            m_socket->disconnectFromHost(); // idle
        }
    }

    void closeAfterWriting()
    {
        m_closing = true;
        m_buffer.clear();
        m_timer.start(kLingerMs);
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0)
                ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        });
        if (m_socket->bytesToWrite() == 0)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        linger();
    }

    void linger()
    {
        const qint64 skipped = m_socket->skip(kLingerBytes);
        if (skipped > 0)
            m_lingered += skipped;
        if (m_lingered >= kLingerBytes) {
            m_socket->abort();
            finish();
        }
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_timer.stop();
        m_listener->forget(this);
        deleteLater();
    }

    QTcpSocket *m_socket;
    HttpListener *m_listener;
    HttpRequestParser m_parser;
    QByteArray m_buffer;
    QTimer m_timer;
    qint64 m_sinceMs;
    qint64 m_lingered = 0;
    bool m_busy = false;
    bool m_keepAlive = true;
    bool m_closing = false;
    bool m_finished = false;
};

HttpResponder::HttpResponder(HttpConnection *connection)
    : m_connection(connection)
{ }

void HttpResponder::send(const HttpResponse &response) const
{
    if (m_connection)
        m_connection->respond(response);
}

HttpListener::HttpListener(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &HttpListener::onNewConnection);
}

HttpListener::~HttpListener()
{
    close();
}

bool HttpListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    close();
    if (!m_server->listen(address, port)) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

void HttpListener::close()
{
    m_server->close();
    const QSet<HttpConnection *> open = std::exchange(m_connections, {});
    qDeleteAll(open);
}

bool HttpListener::isListening() const
{
    return m_server->isListening();
}

quint16 HttpListener::port() const
{
    return m_server->isListening() ? m_server->serverPort() : 0;
}

void HttpListener::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= m_options.maxConnections) {
            // Full: the connection that has waited longest for a request makes room (slow or idle
            // clients must not lock others out); when every one is being answered, the new one is
            // turned away.
            HttpConnection *oldest = nullptr;
            for (HttpConnection *c : std::as_const(m_connections)) {
                if (c->isWaiting() && (!oldest || c->sinceMs() < oldest->sinceMs()))
                    oldest = c;
            }
            if (oldest) {
                oldest->drop();
            } else {
                auto *refused = new HttpConnection(socket, this);
                refused->refuse(503, tr("too many connections; try again"));
                continue;
            }
        }
        m_connections.insert(new HttpConnection(socket, this));
    }
}

void HttpListener::forget(HttpConnection *connection)
{
    m_connections.remove(connection);
}
