#pragma once

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QJsonValue>

#include <functional>

class QTcpServer;
class Session;
class SessionStats;

// The local HTTP API of a running session (README, "HTTP API"): GET /health, /metrics (Prometheus
// text), /metrics/summary, /metrics/export, /events; POST /events adds a marker. Loopback by default;
// on any other address every request needs "Authorization: Bearer TOKEN". Runs in the thread of
// the session (the GUI thread in the window): each answer is built from memory, nothing blocks.
class HttpApi : public QAbstractHttpServer
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;

    // Follows the session's machines as they are now (add the machines before).
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

    // What /metrics/export returns under "analysis". By default the session's log is read and
    // analysed for each export, as `perfdash analyze --run all --json` does (a day at 1 s takes a
    // few tens of milliseconds); null while nothing is recorded. Called in this thread.
    void setAnalysisProvider(std::function<QJsonValue()> provider) { m_analysis = std::move(provider); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    QJsonObject health() const;
    QJsonValue analysis() const;
    QJsonObject exportDocument() const;
    QJsonObject sessionJson() const;

    Session *m_session;
    SessionStats *m_stats;
    QTcpServer *m_tcp = nullptr; // bound once, listens again after a stop
    std::function<QJsonValue()> m_analysis;
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_token;
    qint64 m_startedMs = 0;
};
