#include "markerintake.h"

#include "controlprotocol.h"
#include "machinemonitor.h"
#include "session.h"

#include <QCoreApplication>
#include <QDateTime>

namespace MarkerIntake {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MarkerIntake", text);
}
} // namespace

void add(Session *session, const QJsonObject &request, const QStringList &alsoAllowed, QObject *context,
    std::function<void(const Result &)> done)
{
    Result result;
    QStringList machines;
    for (const MachineMonitor *m : session->machines())
        machines << m->info().id;
    Marker marker;
    if (!ControlProtocol::markerFromJson(request, machines, &marker, &result.error, alsoAllowed)) {
        done(result);
        return;
    }
    const int id = session->addMarker(QDateTime::currentMSecsSinceEpoch(), marker.label, marker.notes, marker.machine);
    const Marker *stored = session->markers()->find(id);
    if (!stored) {
        result.error = tr("the marker was not stored");
        done(result);
        return;
    }
    result.accepted = true;
    result.marker = *stored;
    session->whenLogged(context, [session, result, done = std::move(done)]() mutable {
        const LogStatus &log = session->log();
        // Markers go out in order: behind one that waits, this one waits too.
        result.queued = log.isOpen() && log.unwrittenMarkers() > 0;
        result.logged = log.isOpen() && !result.queued;
        if (!log.isOpen()) {
            result.warning = tr("this session is not being recorded");
        } else if (result.queued) {
            result.warning = tr("the log cannot be written now (%1); the marker is kept in memory and written "
                                "as soon as the log takes it")
                                 .arg(session->lastError());
        }
        done(result);
    });
}

} // namespace MarkerIntake
