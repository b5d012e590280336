#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

// One HTTP/1.x request as the local API reads it.
struct HttpRequest
{
    QByteArray method;                            // as sent: "GET", "POST", …
    QByteArray target;                            // the request target, e.g. "/events?x=1"
    QByteArray path;                              // the target without its query
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent, values trimmed
    QByteArray body;
    bool keepAlive = true; // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "keep-alive"

    // The first header of that name (case-insensitive), or a null array.
    QByteArray header(QByteArrayView name) const;
};

// What one request may bring.
struct HttpLimits
{
    qsizetype maxHeadBytes = 16 * 1024; // the request line and the headers
    qsizetype maxBodyBytes = 64 * 1024;
};

// Reads requests from the bytes of one connection, refusing on what the head declares before any
// body is read: a head over limits.maxHeadBytes (431), a declared Content-Length over
// limits.maxBodyBytes (413), a chunked body (411: send a Content-Length), or a malformed request
// line or header (400). Pure: the caller owns the bytes and the socket; parse() is called again
// with the grown buffer until it says Complete or Failed. Finding the head's end resumes where the
// last call stopped, so a client sending a byte at a time costs a byte of work each time.
class HttpRequestParser
{
public:
    using Limits = HttpLimits;
    enum class Status { Incomplete, Complete, Failed };

    explicit HttpRequestParser(Limits limits = {})
        : m_limits(limits)
    { }

    // Parses the request at the start of `buffer`. Complete: *request is filled and *consumed is
    // its length in bytes (the rest is the next request). Failed: errorStatus(), errorMessage().
    Status parse(QByteArrayView buffer, HttpRequest *request, qsizetype *consumed);
    // Forgets the request in progress, for the next one on the connection.
    void reset();

    // Whether some of a request has arrived (a slow request times out; an idle connection not).
    bool isStarted() const { return m_started; }
    int errorStatus() const { return m_errorStatus; }
    QString errorMessage() const { return m_errorMessage; }
    const Limits &limits() const { return m_limits; }

private:
    Status fail(int status, const QString &message);
    Status parseHead(QByteArrayView head);

    Limits m_limits;
    qsizetype m_scanned = 0;  // bytes searched for the head's end so far
    qsizetype m_headEnd = -1; // the length of the head with its blank line, once found
    qsizetype m_bodyLength = 0;
    HttpRequest m_request; // the head, once parsed
    bool m_started = false;
    int m_errorStatus = 0;
    QString m_errorMessage;
};
