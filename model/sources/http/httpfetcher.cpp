#include "httpfetcher.h"

#include "logging.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>

namespace {
constexpr qsizetype kMaxHead = 64 * 1024;

QString printable(const QByteArray &bytes)
{
    QString s = QString::fromLatin1(bytes.left(24));
    for (QChar &c : s) {
        if (!c.isPrint())
            c = u'.';
    }
    return s;
}
} // namespace

HttpFetcher::HttpFetcher(QObject *parent)
    : QObject(parent)
{ }

HttpFetcher::~HttpFetcher()
{
    m_done = nullptr;
    abort();
    dropSocket();
}

bool HttpFetcher::fetch(
    const QUrl &url, int timeoutMs, const Callback &done, const QByteArray &postJson, qint64 bodyCap)
{
    if (m_busy)
        return false;
    if (!m_deadline) {
        m_deadline = new QTimer(this);
        m_deadline->setSingleShot(true);
        connect(m_deadline, &QTimer::timeout, this,
            [this] { finish(tr("no answer within %1 s").arg(m_deadline->interval() / 1000.0)); });
    }
    m_busy = true;
    m_done = done;
    m_cap = bodyCap;
    m_result = Result();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_deadline->start(timeoutMs);
    m_redirects = 0;
    start(url, postJson);
    return true;
}

void HttpFetcher::start(const QUrl &url, const QByteArray &postJson)
{
    m_url = url;
    m_post = postJson;
    if (url.scheme() == QLatin1String("https"))
        fetchWithNetworkManager(url, postJson);
    else
        fetchWithSocket(url, postJson);
}

void HttpFetcher::abort()
{
    if (m_busy)
        finish(tr("cancelled"));
}

// ---- https:// through QNetworkAccessManager ----------------------------------------------------

void HttpFetcher::fetchWithNetworkManager(const QUrl &url, const QByteArray &postJson)
{
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    }
    QNetworkRequest request(url);
    request.setMaximumRedirectsAllowed(kMaxRedirects - m_redirects);
    request.setTransferTimeout(m_deadline->interval());
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("perfdash/" PERFDASH_VERSION));
    for (const auto &header : m_extraHeaders)
        request.setRawHeader(header.first, header.second);
    if (postJson.isNull()) {
        m_reply = m_network->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        m_reply = m_network->post(request, postJson);
    }
    connect(m_reply, &QNetworkReply::readyRead, this, [this] {
        m_result.body += m_reply->read(m_cap + 1 - m_result.body.size());
        if (m_result.body.size() > m_cap) {
            m_result.body.truncate(m_cap);
            finish(tr("the answer is larger than %1 MiB").arg(m_cap / (1024 * 1024)));
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, [this] {
        if (!m_reply)
            return;
        m_result.body += m_reply->read(m_cap - m_result.body.size());
        m_result.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError e = m_reply->error();
        // An error status (4xx, 5xx) still is an answer: the caller reads status and body.
        const bool answered
            = m_result.status > 0 && (e == QNetworkReply::NoError || e >= QNetworkReply::ContentAccessDenied);
        finish(answered ? QString() : m_reply->errorString());
    });
}

// ---- http:// over a kept-alive socket ------------------------------------------------------------

void HttpFetcher::fetchWithSocket(const QUrl &url, const QByteArray &postJson)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    m_request = (postJson.isNull() ? QByteArray("GET ") : QByteArray("POST ")) + target
        + " HTTP/1.1\r\nHost: " + url.authority(QUrl::RemoveUserInfo | QUrl::FullyEncoded).toLatin1()
        + "\r\nUser-Agent: perfdash/" PERFDASH_VERSION "\r\nAccept: */*\r\nAccept-Encoding: identity\r\n"
          "Connection: keep-alive\r\n";
    for (const auto &header : m_extraHeaders)
        m_request += header.first + ": " + header.second + "\r\n";
    if (!postJson.isNull())
        m_request
            += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(postJson.size()) + "\r\n";
    m_request += "\r\n" + postJson;
    resetAnswer();

    const QString host = url.host();
    const quint16 port = quint16(url.port(80));
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState && host == m_host && port == m_port) {
        qCDebug(lcHttp).noquote() << "request on the kept-alive connection to" << m_host << port;
        m_reused = true;
        sendRequest();
        return;
    }
    m_host = host;
    m_port = port;
    connectSocket();
}

// Forgets what was read of an answer, before a request is sent.
void HttpFetcher::resetAnswer()
{
    m_in.clear();
    m_headDone = false;
    m_chunked = false;
    m_inTrailers = false;
    m_closeAfter = false;
    m_untilClose = false;
    m_contentLength = -1;
    m_chunkLeft = -1;
    m_location.clear();
}

// A new connection to m_host:m_port, which sends m_request once connected.
void HttpFetcher::connectSocket()
{
    dropSocket();
    m_reused = false;
    qCDebug(lcHttp).noquote() << "connecting to" << m_host << m_port;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &HttpFetcher::sendRequest);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpFetcher::onSocketData);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpFetcher::onSocketClosed);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError && m_busy && m_socket)
            finish(m_socket->errorString());
    });
    m_socket->connectToHost(m_host, m_port);
}

void HttpFetcher::sendRequest()
{
    if (m_socket && m_busy)
        m_socket->write(m_request);
}

void HttpFetcher::onSocketData()
{
    m_in += m_socket->readAll();
    if (!m_busy) {
        dropSocket(); // a server that talks out of turn: start afresh next time
        return;
    }
    if (!m_headDone && !parseHead())
        return;
    parseBody();
}

bool HttpFetcher::parseHead()
{
    for (;;) {
        if (m_in.size() >= 5 && !m_in.startsWith("HTTP/")) {
            finish(tr("not an HTTP answer: “%1”").arg(printable(m_in)));
            return false;
        }
        qsizetype end = m_in.indexOf("\r\n\r\n");
        qsizetype separator = 4;
        if (end < 0) {
            end = m_in.indexOf("\n\n");
            separator = 2;
        }
        if (end < 0) {
            if (m_in.size() > kMaxHead)
                finish(tr("not an HTTP answer: no end of headers in %1 KiB").arg(kMaxHead / 1024));
            return false;
        }
        const QList<QByteArray> lines = m_in.left(end).split('\n');
        m_in.remove(0, end + separator);
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        bool ok = false;
        const int status = statusLine.value(1).toInt(&ok);
        if (!ok || status < 100 || status > 999) {
            finish(tr("not an HTTP answer: “%1”").arg(printable(lines.first())));
            return false;
        }
        if (status < 200)
            continue; // 100 Continue and friends: the real answer follows
        m_closeAfter = statusLine.first() == "HTTP/1.0";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed().toLower();
            if (name == "content-length")
                m_contentLength = value.toLongLong(&ok) >= 0 && ok ? value.toLongLong() : -1;
            else if (name == "transfer-encoding")
                m_chunked = value.contains("chunked");
            else if (name == "connection")
                m_closeAfter = value.contains("close") || (m_closeAfter && !value.contains("keep-alive"));
            else if (name == "location")
                m_location = lines[i].mid(colon + 1).trimmed(); // as written: not lowered
        }
        m_result.status = status;
        m_headDone = true;
        if (status == 204 || status == 304)
            m_contentLength = 0;
        if (m_chunked)
            m_contentLength = -1;
        if (m_contentLength > m_cap) {
            finish(tr("the answer is larger than %1 MiB").arg(m_cap / (1024 * 1024)));
            return false;
        }
        m_untilClose = !m_chunked && m_contentLength < 0;
        return true;
    }
}

bool HttpFetcher::parseBody()
{
    auto tooLarge = [this] {
        finish(tr("the answer is larger than %1 MiB").arg(m_cap / (1024 * 1024)));
        return false;
    };
    if (m_inTrailers)
        return readTrailers();
    if (m_chunked) {
        for (;;) {
            if (m_chunkLeft < 0) {
                const qsizetype eol = m_in.indexOf("\r\n");
                if (eol < 0) {
                    if (m_in.size() > 1024)
                        finish(tr("a broken chunked answer"));
                    return false;
                }
                bool ok = false;
                const qint64 size = m_in.left(eol).split(';').first().trimmed().toLongLong(&ok, 16);
                m_in.remove(0, eol + 2);
                if (!ok || size < 0) {
                    finish(tr("a broken chunked answer"));
                    return false;
                }
                if (size == 0) {
                    m_inTrailers = true;
                    return readTrailers();
                }
                if (m_result.body.size() + size > m_cap)
                    return tooLarge();
                m_chunkLeft = size + 2;
            }
            if (m_in.size() < m_chunkLeft)
                return false;
            m_result.body += m_in.left(m_chunkLeft - 2);
            m_in.remove(0, m_chunkLeft);
            m_chunkLeft = -1;
        }
    }
    if (m_contentLength >= 0) {
        if (m_in.size() < m_contentLength)
            return false;
        m_result.body = m_in.left(m_contentLength);
        m_in.remove(0, m_contentLength);
        return complete();
    }
    if (m_in.size() > m_cap)
        return tooLarge();
    return false; // the body ends when the server closes
}

// After the last chunk: trailer fields, read and discarded, up to the empty line that ends the answer.
bool HttpFetcher::readTrailers()
{
    for (;;) {
        const qsizetype eol = m_in.indexOf("\r\n");
        if (eol < 0) {
            if (m_in.size() > kMaxHead)
                finish(tr("a broken chunked answer"));
            return false;
        }
        m_in.remove(0, eol + 2);
        if (eol == 0)
            return complete();
    }
}

// The whole answer is read: a redirect is followed, anything else is the result.
bool HttpFetcher::complete()
{
    if (m_closeAfter || m_untilClose || !m_in.isEmpty())
        dropSocket(); // the server closes it, or talked out of turn
    const int status = m_result.status;
    const bool redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (!redirect || m_location.isEmpty()) {
        finish({});
        return true;
    }
    if (m_redirects >= kMaxRedirects) {
        finish(tr("more than %n redirect(s)", nullptr, kMaxRedirects));
        return true;
    }
    const QUrl target = m_url.resolved(QUrl::fromEncoded(m_location));
    if (!target.isValid() || (target.scheme() != u"http" && target.scheme() != u"https") || target.host().isEmpty()) {
        finish(tr("redirected to an address that is not http:// or https://: “%1”")
                   .arg(QString::fromLatin1(m_location.left(200))));
        return true;
    }
    ++m_redirects;
    qCDebug(lcHttp).noquote() << "redirect" << m_redirects << "of" << m_url.toDisplayString() << "to"
                              << target.toDisplayString();
    const bool toGet = status == 303 || ((status == 301 || status == 302) && !m_post.isNull());
    m_result = Result();
    start(target, toGet ? QByteArray() : m_post);
    return true;
}

void HttpFetcher::onSocketClosed()
{
    if (!m_busy) {
        dropSocket();
        return;
    }
    if (m_headDone && m_untilClose) {
        m_result.body = m_in;
        m_in.clear();
        complete();
        return;
    }
    if (m_reused && !m_headDone && m_in.isEmpty()) {
        // The kept-alive connection had been closed by the server: the same request (m_request)
        // again, on a new connection.
        qCDebug(lcHttp).noquote() << "the server had closed the kept-alive connection; asking again";
        resetAnswer();
        connectSocket();
        return;
    }
    finish(tr("the connection closed before the answer was complete"));
}

void HttpFetcher::dropSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void HttpFetcher::finish(const QString &error)
{
    if (!m_busy)
        return;
    m_busy = false;
    m_deadline->stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (!error.isEmpty()) {
        qCDebug(lcHttp).noquote() << m_url.toDisplayString() << "failed:" << error;
        dropSocket(); // the exchange broke off: the connection's state is unknown
    }
    m_result.error = error;
    if (!error.isEmpty() && m_result.status == 0)
        m_result.body.clear();
    m_result.finishedMs = QDateTime::currentMSecsSinceEpoch();
    m_result.elapsedMs = m_result.finishedMs - m_startedMs;
    if (m_done) {
        const Callback done = std::move(m_done);
        m_done = nullptr;
        done(m_result);
    }
}
