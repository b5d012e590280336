#pragma once

#include "httpfetcher.h"
#include "promapi.h"

#include <QObject>
#include <QQueue>
#include <QUrl>

#include <functional>

// A client of Prometheus' HTTP API on HttpFetcher (a kept-alive connection, a deadline per request):
// instant and range queries, the targets and the build information. Requests wait in a queue and go
// one at a time; each callback runs exactly once, in this object's thread, with the parsed answer or
// why there was none (unreachable, slower than the timeout, an error answer). Never blocks.
class PrometheusClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url;            // the server's base, e.g. http://prom:9090 (a path prefix is kept)
        QString bearerToken; // sent as "Authorization: Bearer …" when not empty
        QString user;        // basic auth when not empty (and no token)
        QString password;
        int timeoutMs = 5000;
    };
    using AnswerCallback = std::function<void(const PromApiAnswer &)>;
    using TargetsCallback = std::function<void(const PromTargetsAnswer &)>;

    explicit PrometheusClient(const Options &options, QObject *parent = nullptr);

    const Options &options() const { return m_options; }
    // The token of a token file (its first line, trimmed), or an empty string with `error` set.
    static QString readTokenFile(const QString &path, QString *error);

    // /api/v1/query at `timeMs` (0: now).
    void query(const QString &promql, const AnswerCallback &done, qint64 timeMs = 0);
    // /api/v1/query_range from..to (ms since the epoch) every stepMs.
    void queryRange(const QString &promql, qint64 fromMs, qint64 toMs, qint64 stepMs, const AnswerCallback &done);
    void targets(const TargetsCallback &done);
    // /api/v1/status/buildinfo: the version in answer.text, or the error.
    void buildInfo(const AnswerCallback &done);

    // A range of a large fleet is larger than an instant answer (1,000 machines × 11,000 points).
    static constexpr qint64 kRangeBodyCap = 512LL * 1024 * 1024;

    int requestsSent() const { return m_sent; }
    bool isIdle() const { return !m_fetcher.isBusy() && m_queue.isEmpty(); }
    // Drops the queued requests and the one in flight; their callbacks run with "cancelled".
    void cancelAll();

private:
    struct Pending
    {
        QUrl url;
        std::function<void(const HttpFetcher::Result &)> done;
        qint64 bodyCap = HttpFetcher::kDefaultBodyCap;
    };
    QUrl apiUrl(const QString &path) const;
    void enqueue(const QUrl &url, std::function<void(const HttpFetcher::Result &)> done,
        qint64 bodyCap = HttpFetcher::kDefaultBodyCap);
    void next();

    Options m_options;
    HttpFetcher m_fetcher;
    QQueue<Pending> m_queue;
    int m_sent = 0;
};
