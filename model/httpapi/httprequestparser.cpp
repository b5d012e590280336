#include "httprequestparser.h"

#include <QCoreApplication>

#include <cstring>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("HttpRequestParser", text);
}

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (c == '\0' || !isTokenChar(c))
            return false;
    }
    return true;
}

// Whether a comma-separated header value (Connection) holds `token`, case-insensitively.
bool hasToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView part : QByteArray(list.data(), list.size()).split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void HttpRequestParser::reset()
{
    m_scanned = 0;
    m_headEnd = -1;
    m_bodyLength = 0;
    m_request = HttpRequest();
    m_started = false;
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QString &message)
{
    m_errorStatus = status;
    m_errorMessage = message;
    return Status::Failed;
}

HttpRequestParser::Status HttpRequestParser::parse(QByteArrayView buffer, HttpRequest *request, qsizetype *consumed)
{
    if (buffer.isEmpty())
        return Status::Incomplete;
    m_started = true;
    if (m_headEnd < 0) {
        // The head ends at an empty line: "\n\n" or "\n\r\n".
        const char *d = buffer.data();
        const qsizetype n = buffer.size();
        qsizetype i = m_scanned;
        for (;;) {
            const auto *nl = static_cast<const char *>(std::memchr(d + i, '\n', size_t(n - i)));
            if (!nl) {
                m_scanned = n;
                break;
            }
            const qsizetype p = nl - d;
            if (p + 1 >= n || (d[p + 1] == '\r' && p + 2 >= n)) {
                m_scanned = p; // what follows this line end has not arrived yet
                break;
            }
            if (d[p + 1] == '\n' || (d[p + 1] == '\r' && d[p + 2] == '\n')) {
                m_headEnd = p + (d[p + 1] == '\n' ? 2 : 3);
                break;
            }
            i = p + 1;
        }
        if (m_headEnd < 0 ? n > m_limits.maxHeadBytes : m_headEnd > m_limits.maxHeadBytes) {
            return fail(431, tr("the request line and headers are longer than %1 bytes").arg(m_limits.maxHeadBytes));
        }
        if (m_headEnd < 0)
            return Status::Incomplete;
        if (parseHead(buffer.first(m_headEnd)) == Status::Failed)
            return Status::Failed;
    }
    const qsizetype total = m_headEnd + m_bodyLength;
    if (buffer.size() < total)
        return Status::Incomplete;
    *request = std::move(m_request);
    request->body = buffer.sliced(m_headEnd, m_bodyLength).toByteArray();
    *consumed = total;
    reset();
    return Status::Complete;
}

HttpRequestParser::Status HttpRequestParser::parseHead(QByteArrayView head)
{
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < head.size(); ++i) {
        if (head[i] != '\n')
            continue;
        QByteArrayView line = head.sliced(start, i - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(line);
        start = i + 1;
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return fail(400, tr("the request has no request line"));

    const QList<QByteArray> parts = lines.first().toByteArray().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || !parts[1].startsWith('/'))
        return fail(400, tr("malformed request line (expected e.g. \"GET /health HTTP/1.1\")"));
    const QByteArray &version = parts[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        return version.startsWith("HTTP/")
            ? fail(505, tr("only HTTP/1.0 and HTTP/1.1 are served"))
            : fail(400, tr("malformed request line (expected e.g. \"GET /health HTTP/1.1\")"));
    }
    HttpRequest &r = m_request;
    r.method = parts[0];
    r.target = parts[1];
    const qsizetype query = r.target.indexOf('?');
    r.path = query < 0 ? r.target : r.target.left(query);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return fail(400, tr("malformed header line %1").arg(i + 1));
        r.headers.append({ line.first(colon).toByteArray(), line.sliced(colon + 1).trimmed().toByteArray() });
    }

    const QByteArray connection = r.header("Connection");
    r.keepAlive = version == "HTTP/1.1" ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
    if (!r.header("Transfer-Encoding").isNull())
        return fail(411, tr("send the body with a Content-Length (chunked bodies are not accepted)"));
    m_bodyLength = 0;
    QByteArray declared;
    for (const auto &h : std::as_const(r.headers)) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        if (!declared.isNull() && h.second != declared)
            return fail(400, tr("conflicting Content-Length headers"));
        declared = h.second;
    }
    if (!declared.isNull()) {
        bool ok = !declared.isEmpty() && declared.size() <= 18;
        for (char c : std::as_const(declared))
            ok = ok && c >= '0' && c <= '9';
        if (!ok)
            return fail(400, tr("malformed Content-Length"));
        m_bodyLength = declared.toLongLong();
        if (m_bodyLength > m_limits.maxBodyBytes)
            return fail(413, tr("the body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
    }
    return Status::Complete;
}
