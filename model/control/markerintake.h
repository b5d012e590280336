#pragma once

#include "marker.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

class Session;

// A marker that comes from outside the window — `perfdash mark` through the control socket, or
// POST /events — checked and added to a running session, at the present moment. One way in, so
// both answer the same: refused with a reason, stored in the log, or queued in memory while the
// log cannot be written (a full disk), to be written as soon as it can.
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

// `request` is {"label", "notes", "machine"} plus the keys in `alsoAllowed`.
Result add(Session *session, const QJsonObject &request, const QStringList &alsoAllowed = {});

} // namespace MarkerIntake
