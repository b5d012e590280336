#include "prometheusclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QUrlQuery>

namespace {
QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}

// A transport failure as an answer: unreachable, too slow, cut off.
PromApiAnswer transportFailure(const HttpFetcher::Result &r)
{
    PromApiAnswer a;
    a.errorType = QStringLiteral("unreachable");
    a.error = r.error;
    return a;
}
} // namespace

PrometheusClient::PrometheusClient(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_fetcher(this)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!options.bearerToken.isEmpty())
        headers.append({ "Authorization", "Bearer " + options.bearerToken.toUtf8() });
    else if (!options.user.isEmpty())
        headers.append({ "Authorization", "Basic " + (options.user + u':' + options.password).toUtf8().toBase64() });
    m_fetcher.setExtraHeaders(headers);
}

QString PrometheusClient::readTokenFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the token file %1: %2").arg(path, file.errorString());
        return {};
    }
    const QString token = QString::fromUtf8(file.readLine(64 * 1024)).trimmed();
    if (token.isEmpty())
        *error = tr("the token file %1 is empty").arg(path);
    return token;
}

QUrl PrometheusClient::apiUrl(const QString &path) const
{
    QUrl url = m_options.url;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(QString());
    return url;
}

void PrometheusClient::query(const QString &promql, const AnswerCallback &done, qint64 timeMs)
{
    QUrl url = apiUrl(QStringLiteral("/api/v1/query"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), QString::fromLatin1(QUrl::toPercentEncoding(promql)));
    if (timeMs > 0)
        q.addQueryItem(QStringLiteral("time"), seconds(timeMs));
    url.setQuery(q.query(QUrl::FullyEncoded), QUrl::StrictMode);
    enqueue(url, [done](const HttpFetcher::Result &r) {
        done(r.error.isEmpty() ? PromApi::parseAnswer(r.body, r.status) : transportFailure(r));
    });
}

void PrometheusClient::queryRange(
    const QString &promql, qint64 fromMs, qint64 toMs, qint64 stepMs, const AnswerCallback &done)
{
    QUrl url = apiUrl(QStringLiteral("/api/v1/query_range"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), QString::fromLatin1(QUrl::toPercentEncoding(promql)));
    q.addQueryItem(QStringLiteral("start"), seconds(fromMs));
    q.addQueryItem(QStringLiteral("end"), seconds(toMs));
    q.addQueryItem(QStringLiteral("step"), seconds(stepMs));
    url.setQuery(q.query(QUrl::FullyEncoded), QUrl::StrictMode);
    enqueue(
        url,
        [done](const HttpFetcher::Result &r) {
            done(r.error.isEmpty() ? PromApi::parseAnswer(r.body, r.status) : transportFailure(r));
        },
        kRangeBodyCap);
}

void PrometheusClient::targets(const TargetsCallback &done)
{
    QUrl url = apiUrl(QStringLiteral("/api/v1/targets"));
    url.setQuery(QStringLiteral("state=active"));
    enqueue(url, [done](const HttpFetcher::Result &r) {
        if (!r.error.isEmpty()) {
            PromTargetsAnswer a;
            a.error = r.error;
            return done(a);
        }
        done(PromApi::parseTargets(r.body, r.status));
    });
}

void PrometheusClient::buildInfo(const AnswerCallback &done)
{
    enqueue(apiUrl(QStringLiteral("/api/v1/status/buildinfo")), [done](const HttpFetcher::Result &r) {
        if (!r.error.isEmpty())
            return done(transportFailure(r));
        PromApiAnswer a;
        a.text = PromApi::parseBuildVersion(r.body, r.status, &a.error);
        a.ok = a.error.isEmpty();
        a.type = PromApiAnswer::Type::String;
        done(a);
    });
}

void PrometheusClient::cancelAll()
{
    const QQueue<Pending> queued = std::exchange(m_queue, {});
    m_fetcher.abort();
    HttpFetcher::Result cancelled;
    cancelled.error = tr("cancelled");
    for (const Pending &p : queued)
        p.done(cancelled);
}

void PrometheusClient::enqueue(const QUrl &url, std::function<void(const HttpFetcher::Result &)> done, qint64 bodyCap)
{
    m_queue.enqueue({ url, std::move(done), bodyCap });
    next();
}

void PrometheusClient::next()
{
    if (m_fetcher.isBusy() || m_queue.isEmpty())
        return;
    const Pending p = m_queue.dequeue();
    ++m_sent;
    m_fetcher.fetch(
        p.url, m_options.timeoutMs,
        [this, done = p.done](const HttpFetcher::Result &r) {
            done(r);
            // The next request leaves from the event loop, not from inside the fetcher's callback.
            QMetaObject::invokeMethod(this, &PrometheusClient::next, Qt::QueuedConnection);
        },
        {}, p.bodyCap);
}
