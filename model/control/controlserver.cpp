#include "controlserver.h"

#include "controlprotocol.h"
#include "logging.h"
#include "markerintake.h"
#include "session.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>

namespace {
QJsonObject failure(const QString &error)
{
    return { { QStringLiteral("ok"), false }, { QStringLiteral("error"), error } };
}
} // namespace

ControlServer::ControlServer(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{ }

ControlServer::~ControlServer()
{
    if (m_server)
        m_server->close();
}

bool ControlServer::listen(const QString &logDir, QString *error)
{
    QDir().mkpath(logDir); // so the name follows the directory's canonical path from the start
    m_name = ControlProtocol::serverName(logDir);
    // The lock file's owner owns the socket name; a dead owner's lock is stale at once.
    m_lock = std::make_unique<QLockFile>(m_name + QStringLiteral(".lock"));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0) && m_lock->error() != QLockFile::LockFailedError) {
        // Not held by anyone: the lock file could not be written (a full disk, no permission).
        *error = tr("cannot create the lock file %1 (is the disk full, or the folder not writable?)")
                     .arg(m_lock->fileName());
        m_lock.reset();
        return false;
    }
    if (!m_lock->isLocked()) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        *error = tr("another perfdash (pid %1) is already running for %2")
                     .arg(pid)
                     .arg(ControlProtocol::canonicalDirectory(logDir));
        m_lock.reset();
        return false;
    }
    QLocalServer::removeServer(m_name); // left behind by a crash
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        *error = tr("cannot listen on %1: %2").arg(m_name, m_server->errorString());
        delete m_server;
        m_server = nullptr;
        m_lock.reset();
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &ControlServer::onNewConnection);
    qCDebug(lcControl).noquote() << "listening on" << m_server->fullServerName();
    return true;
}

void ControlServer::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        qCDebug(lcControl) << "a client connected";
        m_buffers.insert(socket, {});
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QLocalSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            m_waiting.remove(socket);
            socket->deleteLater();
        });
    }
}

void ControlServer::onReadyRead(QLocalSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    QByteArray &buffer = it.value();
    buffer += socket->readAll();
    qsizetype end;
    // Answers go out in the order of the requests: behind a marker the log writer has not taken
    // yet, the next request waits.
    while (!m_waiting.contains(socket) && (end = buffer.indexOf('\n')) >= 0) {
        const QByteArray line = buffer.left(end);
        buffer.remove(0, end + 1);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        const auto reply = [socket](const QJsonObject &answer) {
            socket->write(QJsonDocument(answer).toJson(QJsonDocument::Compact) + '\n');
        };
        if (!doc.isObject()) {
            reply(failure(tr("not a JSON object: %1").arg(parseError.errorString())));
        } else if (doc.object().value(QStringLiteral("op")).toString() == QLatin1String("mark")) {
            m_waiting.insert(socket);
            mark(doc.object(), socket, [this, socket, reply](const QJsonObject &answer) {
                reply(answer);
                m_waiting.remove(socket);
                onReadyRead(socket);
            });
        } else {
            reply(handle(doc.object()));
        }
    }
    it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    if (it->size() > ControlProtocol::kMaxLineBytes) {
        socket->write(QJsonDocument(failure(tr("request too long"))).toJson(QJsonDocument::Compact) + '\n');
        socket->disconnectFromServer();
        it->clear();
    }
}

QJsonObject ControlServer::handle(const QJsonObject &request)
{
    const QString op = request.value(QStringLiteral("op")).toString();
    if (op == QLatin1String("ping")) {
        return {
            { QStringLiteral("ok"), true },
            { QStringLiteral("pid"), QCoreApplication::applicationPid() },
            { QStringLiteral("windowed"), m_windowed },
            { QStringLiteral("csv"), m_session->log().csvPath() },
        };
    }
    if (op == QLatin1String("raise") || op == QLatin1String("open")) {
        if (!m_windowed) {
            return failure(tr("'perfdash log' (pid %1) is recording to this log directory without a window")
                               .arg(QCoreApplication::applicationPid()));
        }
        const QString path = request.value(QStringLiteral("path")).toString();
        emit raiseRequested();
        if (op == QLatin1String("open") && !path.isEmpty())
            emit openLogRequested(path);
        return { { QStringLiteral("ok"), true } };
    }
    return failure(tr("unknown request '%1'").arg(op));
}

void ControlServer::mark(const QJsonObject &request, QObject *context, std::function<void(const QJsonObject &)> reply)
{
    MarkerIntake::add(m_session, request, { QStringLiteral("op") }, context,
        [this, reply = std::move(reply)](const MarkerIntake::Result &added) {
            if (!added.accepted) {
                reply(failure(added.error));
                return;
            }
            QJsonObject answer {
                { QStringLiteral("ok"), true },
                { QStringLiteral("marker"), ControlProtocol::markerToJson(added.marker) },
                { QStringLiteral("csv"), m_session->log().csvPath() },
                { QStringLiteral("logged"), added.logged },
                { QStringLiteral("queued"), added.queued },
            };
            if (!added.warning.isEmpty())
                answer.insert(QStringLiteral("warning"), added.warning);
            reply(answer);
        });
}
