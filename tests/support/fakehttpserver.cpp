#include "fakehttpserver.h"

#include <QDateTime>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace {
constexpr qint64 kChunk = 256 * 1024;
constexpr qint64 kMaxHead = 64 * 1024;
} // namespace

// One client connection. A QObject so that delayed answers and chunk writers die with it.
struct FakeHttpServer::Connection : QObject
{
    QTcpSocket *socket = nullptr;
    QByteArray buffer;
    bool requestOpen = false; // a request arrived and its answer is not complete
    bool closed = false;
    bool closeAfterAnswer = false;
    // A huge body in progress.
    qint64 hugeLeft = 0;
    bool hugeChunked = false;
    QByteArray hugeLine;
};

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onNewConnection);
}

FakeHttpServer::~FakeHttpServer()
{
    m_server->close();
    // The connections are children: QObject deletes them, closed ones waiting for deleteLater too.
    for (Connection *c : std::as_const(m_connections)) {
        c->socket->disconnect(this);
        c->socket->abort();
    }
}

bool FakeHttpServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 FakeHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl FakeHttpServer::url(const QString &path) const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    u.setPath(path);
    return u;
}

void FakeHttpServer::route(const QString &path, Handler handler)
{
    m_routes.insert(path, std::move(handler));
}

void FakeHttpServer::route(const QString &path, const Response &response)
{
    m_routes.insert(path, [response](const Request &) { return response; });
}

void FakeHttpServer::setFallback(Handler handler)
{
    m_fallback = std::move(handler);
}

void FakeHttpServer::resetCounts()
{
    m_requests.clear();
    m_counts.clear();
    m_maxOpen = m_open;
    m_maxConnections = int(m_connections.size());
    m_accepted = 0;
}

void FakeHttpServer::dropConnections()
{
    const QList<Connection *> connections = m_connections;
    for (Connection *c : connections)
        c->socket->abort();
}

void FakeHttpServer::close()
{
    m_server->close();
    dropConnections();
}

FakeHttpServer::Response FakeHttpServer::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    Response r;
    r.status = status;
    r.body = body;
    r.contentType = contentType;
    return r;
}

FakeHttpServer::Response FakeHttpServer::json(int status, const QByteArray &body)
{
    return text(status, body, "application/json");
}

FakeHttpServer::Response FakeHttpServer::behaving(Behaviour behaviour)
{
    Response r;
    r.behaviour = behaviour;
    return r;
}

FakeHttpServer::Response FakeHttpServer::redirect(int status, const QByteArray &location)
{
    Response r = text(status, "moved\n");
    r.headers.append({ "Location", location });
    return r;
}

void FakeHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *c = new Connection;
        c->setParent(this);
        c->socket = socket;
        socket->setParent(c);
        m_connections.append(c);
        ++m_accepted;
        m_maxConnections = std::max(m_maxConnections, int(m_connections.size()));
        connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
        connect(socket, &QTcpSocket::disconnected, this, [this, c] { onClosed(c); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, c] { onClosed(c); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, c] { writeHugeChunk(c); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(c);
    }
}

void FakeHttpServer::onClosed(Connection *c)
{
    if (c->closed)
        return;
    c->closed = true;
    if (c->requestOpen) {
        c->requestOpen = false;
        --m_open;
    }
    m_connections.removeOne(c);
    c->socket->disconnect(this);
    c->deleteLater();
}

void FakeHttpServer::onReadyRead(Connection *c)
{
    if (c->closed)
        return;
    c->buffer += c->socket->readAll();
    // One request at a time per connection: the next waits until this one is answered.
    while (!c->requestOpen && !c->closed) {
        const qsizetype headEnd = c->buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (c->buffer.size() > kMaxHead)
                c->socket->abort();
            return;
        }
        const QList<QByteArray> lines = c->buffer.left(headEnd).split('\n');
        Request request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        const QByteArray target = requestLine.value(1);
        const qsizetype q = target.indexOf('?');
        request.path = QString::fromLatin1(q < 0 ? target : target.left(q));
        if (q >= 0)
            request.query = target.mid(q + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qint64 length = request.headers.value("content-length").toLongLong();
        if (c->buffer.size() < headEnd + 4 + length)
            return; // the body is still coming
        request.body = c->buffer.mid(headEnd + 4, length);
        c->buffer.remove(0, headEnd + 4 + length);
        c->closeAfterAnswer
            = request.headers.value("connection").toLower() == "close" || requestLine.value(2) == "HTTP/1.0";
        request.number = ++m_counts[request.path];
        request.receivedMs = QDateTime::currentMSecsSinceEpoch();
        c->requestOpen = true;
        ++m_open;
        m_maxOpen = std::max(m_maxOpen, m_open);
        m_requests.append(request);
        emit requestReceived(request);
        serve(c, request);
    }
}

void FakeHttpServer::serve(Connection *c, Request request)
{
    Handler handler = m_routes.value(request.path);
    if (!handler)
        handler = m_fallback;
    const Response response = handler ? handler(request) : text(404, "404 page not found\n");
    if (response.behaviour == Behaviour::Answer && response.delayMs > 0) {
        QTimer::singleShot(response.delayMs, c, [this, c, response] { respond(c, response); });
        return;
    }
    respond(c, response);
}

void FakeHttpServer::respond(Connection *c, const Response &r)
{
    if (c->closed)
        return;
    QTcpSocket *socket = c->socket;
    auto head = [&r](qint64 length, bool chunked) {
        QByteArray h = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
        h += "Content-Type: " + r.contentType + "\r\n";
        for (const auto &[name, value] : r.headers)
            h += name + ": " + value + "\r\n";
        h += chunked ? QByteArray("Transfer-Encoding: chunked\r\n")
                     : "Content-Length: " + QByteArray::number(length) + "\r\n";
        h += "\r\n";
        return h;
    };

    switch (r.behaviour) {
    case Behaviour::Answer:
        socket->write(head(r.body.size(), false) + r.body);
        finishRequest(c);
        return;
    case Behaviour::CloseWithoutAnswer:
        socket->abort();
        return;
    case Behaviour::StallBeforeHeaders:
        return;
    case Behaviour::HeadersThenStall:
        socket->write(head(std::max<qint64>(r.body.size(), 1000), false));
        return;
    case Behaviour::Garbage: {
        QByteArray bytes(r.garbageBytes, Qt::Uninitialized);
        QRandomGenerator random(42);
        for (char &b : bytes)
            b = char(random.bounded(256));
        socket->write(bytes);
        if (r.closeAfterGarbage)
            socket->disconnectFromHost();
        return;
    }
    case Behaviour::Truncated:
        socket->write(head(r.body.size(), false) + r.body.left(r.truncateAt));
        socket->disconnectFromHost();
        return;
    case Behaviour::ChunkedWithTrailers:
        socket->write(head(0, true) + QByteArray::number(r.body.size(), 16) + "\r\n" + r.body + "\r\n0\r\n");
        QTimer::singleShot(r.delayMs, c, [this, c, trailers = r.trailers] {
            if (c->closed)
                return;
            c->socket->write(trailers + "\r\n");
            finishRequest(c);
        });
        return;
    case Behaviour::Huge:
    case Behaviour::HugeChunked: {
        const bool chunked = r.behaviour == Behaviour::HugeChunked;
        socket->write(head(r.hugeBytes, chunked));
        c->hugeLeft = r.hugeBytes;
        c->hugeChunked = chunked;
        // A valid exposition line over and over: only the size is wrong.
        c->hugeLine = r.body.isEmpty() ? QByteArray("vllm:num_requests_running{model_name=\"pad\"} 1.0\n") : r.body;
        writeHugeChunk(c);
        return;
    }
    }
}

void FakeHttpServer::writeHugeChunk(Connection *c)
{
    if (c->closed || c->hugeLeft <= 0 || c->socket->bytesToWrite() > kChunk)
        return;
    const qint64 n = std::min(kChunk, c->hugeLeft);
    QByteArray data;
    data.reserve(n + c->hugeLine.size());
    while (data.size() < n)
        data += c->hugeLine;
    data.truncate(n);
    c->hugeLeft -= n;
    if (c->hugeChunked)
        c->socket->write(QByteArray::number(n, 16) + "\r\n" + data + "\r\n" + (c->hugeLeft == 0 ? "0\r\n\r\n" : ""));
    else
        c->socket->write(data);
    if (c->hugeLeft == 0)
        finishRequest(c);
}

void FakeHttpServer::finishRequest(Connection *c)
{
    if (c->requestOpen) {
        c->requestOpen = false;
        --m_open;
    }
    if (c->closeAfterAnswer) {
        c->socket->disconnectFromHost();
        return;
    }
    // A request that came behind this one on the same connection.
    if (!c->buffer.isEmpty())
        QTimer::singleShot(0, c, [this, c] { onReadyRead(c); });
}

QByteArray FakeHttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}
