#include "controlclient.h"

#include "controlprotocol.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QLocalSocket>

namespace ControlClient {

Reply request(const QString &logDir, const QJsonObject &message, int timeoutMs)
{
    Reply reply;
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    socket.connectToServer(ControlProtocol::serverName(logDir));
    if (!socket.waitForConnected(int(deadline.remainingTime()))) {
        const auto e = socket.error();
        if (e == QLocalSocket::ServerNotFoundError || e == QLocalSocket::ConnectionRefusedError)
            return reply; // NoInstance; a refused socket is one a crashed perfdash left behind
        reply.outcome = Reply::Failed;
        reply.error = QCoreApplication::translate("ControlClient", "cannot reach the running perfdash: %1")
                          .arg(socket.errorString());
        return reply;
    }
    socket.write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    QByteArray buffer;
    while (!buffer.contains('\n')) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(int(deadline.remainingTime()))) {
            reply.outcome = Reply::Failed;
            reply.error = deadline.hasExpired()
                ? QCoreApplication::translate("ControlClient", "the running perfdash did not answer within %1 ms")
                      .arg(timeoutMs)
                : QCoreApplication::translate("ControlClient", "the running perfdash closed the connection: %1")
                      .arg(socket.errorString());
            return reply;
        }
        buffer += socket.readAll();
    }
    const QJsonDocument doc = QJsonDocument::fromJson(buffer.left(buffer.indexOf('\n')));
    if (!doc.isObject()) {
        reply.outcome = Reply::Failed;
        reply.error = QCoreApplication::translate("ControlClient", "the running perfdash answered garbage");
        return reply;
    }
    reply.outcome = Reply::Answered;
    reply.answer = doc.object();
    socket.disconnectFromServer();
    return reply;
}

} // namespace ControlClient
