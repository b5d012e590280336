#pragma once

#include <QHash>
#include <QJsonObject>
#include <QLockFile>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

class QLocalServer;
class QLocalSocket;
class Session;

// The running perfdash's door for other perfdash processes on this computer (ControlProtocol):
// `perfdash mark` hands it markers, which the session stores and writes at once; a second
// `perfdash` asks it to raise its window or open a log. One per log directory: a lock file
// beside the socket says who owns the name, so a crashed owner's socket is taken over.
class ControlServer : public QObject
{
    Q_OBJECT
public:
    explicit ControlServer(Session *session, QObject *parent = nullptr);
    ~ControlServer() override;

    // Starts listening for logDir; false with a reason when another perfdash already owns it.
    bool listen(const QString &logDir, QString *error);
    QString serverName() const { return m_name; }
    // A window answers "raise" and "open"; a headless logger refuses them.
    void setWindowed(bool windowed) { m_windowed = windowed; }

signals:
    void raiseRequested();
    // Another `perfdash FILE` asked this one to open a log (the window raises itself as well).
    void openLogRequested(const QString &path);

private:
    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);
    QJsonObject handle(const QJsonObject &request);
    // Answers through `reply` once the log writer has the marker; not if `context` is gone.
    void mark(const QJsonObject &request, QObject *context, std::function<void(const QJsonObject &)> reply);

    Session *m_session;
    QLocalServer *m_server = nullptr;
    std::unique_ptr<QLockFile> m_lock;
    QHash<QLocalSocket *, QByteArray> m_buffers;
    QSet<QLocalSocket *> m_waiting; // a marker of theirs is on its way to the log
    QString m_name;
    bool m_windowed = false;
};
