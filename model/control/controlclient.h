#pragma once

#include <QJsonObject>
#include <QString>

// The other end of ControlServer: one request to the perfdash running for a log directory, and
// its answer. Blocking, with a deadline; for command-line paths only (`perfdash mark`, the start of
// a second `perfdash`), never for a window's event loop.
namespace ControlClient {

struct Reply
{
    enum Outcome {
        NoInstance, // nothing listens for that directory
        Answered,   // `answer` holds the reply ("ok" says whether it was done)
        Failed,     // something listens but did not answer in time, or answered garbage: `error`
    };
    Outcome outcome = NoInstance;
    QJsonObject answer;
    QString error;
};

Reply request(const QString &logDir, const QJsonObject &message, int timeoutMs = 5000);

} // namespace ControlClient
