#include "httpfetcher.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

HttpFetcher::HttpFetcher(QObject *parent)
    : QObject(parent)
{
}

HttpFetcher::~HttpFetcher()
{
    m_done = nullptr;
    abort();
}

bool HttpFetcher::fetch(const QUrl &url, int timeoutMs, const Callback &done, const QByteArray &postJson,
                        qint64 bodyCap)
{
    if (m_reply)
        return false;
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        m_deadline = new QTimer(this);
        m_deadline->setSingleShot(true);
        connect(m_deadline, &QTimer::timeout, this,
                [this] { finish(tr("no answer within %1 s").arg(m_deadline->interval() / 1000.0)); });
    }
    m_done = done;
    m_cap = bodyCap;
    m_result = Result();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();

    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("perfdash/" PERFDASH_VERSION));
    if (postJson.isNull()) {
        m_reply = m_network->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        m_reply = m_network->post(request, postJson);
    }
    m_deadline->start(timeoutMs);

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
        const bool answered = m_result.status > 0
            && (e == QNetworkReply::NoError || e >= QNetworkReply::ContentAccessDenied);
        finish(answered ? QString() : m_reply->errorString());
    });
    return true;
}

void HttpFetcher::abort()
{
    if (m_reply)
        finish(tr("cancelled"));
}

void HttpFetcher::finish(const QString &error)
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    m_deadline->stop();
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
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
