#pragma once

#include "httplistener.h"

#include <QHostAddress>
#include <QJsonValue>
#include <QObject>

#include <functional>

class Session;
class SessionStats;

// The local HTTP API of a running session (README, "HTTP API"): GET /health, /metrics (Prometheus
// text), /metrics/summary, /metrics/export, /events; POST /events adds a marker. Loopback by default;
// on any other address every request needs "Authorization: Bearer TOKEN". Runs in the thread of
// the session (the GUI thread in the window) on an HttpListener, whose limits refuse oversized,
// slow and excess requests before they reach a handler. Each answer is built from memory; the one
// that reads the log (the analysis in /metrics/export) runs in a worker thread.
class HttpApi : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;

    // Follows the session's machines as they change.
    explicit HttpApi(Session *session, QObject *parent = nullptr);
    ~HttpApi() override;

    // Listens on `bind`. Off loopback an empty token is replaced by a generated one (token()).
    bool start(const QString &bind, const QString &token, QString *error);
    void stop();
    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QString token() const { return m_token; }
    // Where to reach it, e.g. "http://127.0.0.1:8765/".
    QString url() const;
    HttpListener *listener() { return m_listener; }

    // What /metrics/export returns under "analysis". By default the session's log is read and
    // analysed, as `perfdash analyze --run all --json` does, in a worker thread, and the answer
    // is kept until the log's size or time changes; null while nothing is recorded. A provider
    // set here runs in a worker thread too, so it must not touch the session.
    void setAnalysisProvider(std::function<QJsonValue()> provider) { m_analysis = std::move(provider); }

private:
    struct Route;
    void handle(const HttpRequest &request, const HttpResponder &responder);
    // The routes' handlers.
    void getHealth(const HttpRequest &request, const HttpResponder &responder);
    void getMetrics(const HttpRequest &request, const HttpResponder &responder);
    void getSummary(const HttpRequest &request, const HttpResponder &responder);
    void getExport(const HttpRequest &request, const HttpResponder &responder);
    void getEvents(const HttpRequest &request, const HttpResponder &responder);
    void postEvent(const HttpRequest &request, const HttpResponder &responder);
    void startAnalysis();

    QJsonObject health() const;
    QJsonObject exportDocument(const QJsonValue &analysis) const;
    QJsonObject sessionJson() const;

    Session *m_session;
    SessionStats *m_stats;
    HttpListener *m_listener;
    std::function<QJsonValue()> m_analysis;
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_token;

    // /metrics/export: the answers waiting for the analysis that runs, those that came after it
    // started (they get a fresh one), and the last result with the log's size and time.
    QList<HttpResponder> m_exportWaiting;
    QList<HttpResponder> m_exportNext;
    bool m_analysisRunning = false;
    struct CachedAnalysis
    {
        QString path;
        qint64 size = -1;
        qint64 modifiedMs = -1;
        QJsonValue value;
    };
    CachedAnalysis m_cache;
};
