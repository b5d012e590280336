#pragma once

#include "marker.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

class Session;

// A marker that comes from outside the window — `perfdash mark` through the control socket, or
// POST /events — checked and added to a running session, at the present moment. One way in, so
// both answer the same: refused with a reason, stored in the log, or queued in memory while the
// log cannot be written (a full disk), to be written as soon as it can. The answer waits for the
// log writer's thread, never blocking the caller's.
namespace MarkerIntake {

struct Result
{
    bool accepted = false;
    QString error;       // why it was refused (a sentence for the person)
    Marker marker;       // as stored, when accepted
    bool logged = false; // its row is in the log
    bool queued = false; // it waits in memory for the log to take it
    QString warning;     // why it is not logged, when it is not
};

// `request` is {"label", "notes", "machine"} plus the keys in `alsoAllowed`. `done` is called on
// the session's thread: at once when the marker is refused, else once the log writer has written
// it (or kept it in memory); never when `context` is gone by then.
void add(Session *session, const QJsonObject &request, const QStringList &alsoAllowed, QObject *context,
    std::function<void(const Result &)> done);

} // namespace MarkerIntake
