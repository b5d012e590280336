#include "controlprotocol.h"

#include "logtime.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

#include <unistd.h>

namespace ControlProtocol {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ControlProtocol", text);
}
} // namespace

QString canonicalDirectory(const QString &logDir)
{
    const QString absolute = QDir::cleanPath(QFileInfo(logDir).absoluteFilePath());
    const QString canonical = QFileInfo(absolute).canonicalFilePath();
    return canonical.isEmpty() ? absolute : canonical;
}

QString serverName(const QString &logDir)
{
    const QByteArray hash
        = QCryptographicHash::hash(canonicalDirectory(logDir).toUtf8(), QCryptographicHash::Sha256).toHex().left(20);
    // An absolute path, so it does not follow $TMPDIR as Qt's short names do: a script started
    // from cron and the window started from the desktop must find the same socket.
    return QStringLiteral("/tmp/perfdash-%1-%2").arg(::getuid()).arg(QLatin1String(hash));
}

bool markerFromJson(const QJsonObject &object, const QStringList &machines, Marker *marker, QString *error,
    const QStringList &alsoAllowed)
{
    static const QStringList known = { QStringLiteral("label"), QStringLiteral("notes"), QStringLiteral("machine") };
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()) && !alsoAllowed.contains(it.key())) {
            *error = tr("unknown field '%1' (a marker has label, notes and machine)").arg(it.key());
            return false;
        }
    }
    const QJsonValue label = object.value(QStringLiteral("label"));
    if (!label.isString() || label.toString().trimmed().isEmpty()) {
        *error = tr("a marker needs a non-empty \"label\" string");
        return false;
    }
    for (const QString &key : { QStringLiteral("notes"), QStringLiteral("machine") }) {
        const QJsonValue v = object.value(key);
        if (!v.isUndefined() && !v.isNull() && !v.isString()) {
            *error = tr("\"%1\" must be a string").arg(key);
            return false;
        }
    }
    const QString machine = object.value(QStringLiteral("machine")).toString();
    if (!machine.isEmpty() && !machines.contains(machine)) {
        *error = tr("no machine '%1' in this session (machines: %2)").arg(machine, machines.join(QStringLiteral(", ")));
        return false;
    }
    if (const QString problem = MarkerText::problem(label.toString(), object.value(QStringLiteral("notes")).toString());
        !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    marker->label = label.toString().trimmed();
    marker->notes = object.value(QStringLiteral("notes")).toString();
    marker->machine = machine;
    return true;
}

QJsonObject markerToJson(const Marker &marker)
{
    return {
        { QStringLiteral("id"), marker.id },
        { QStringLiteral("time"), LogTime::format(marker.timeMs) },
        { QStringLiteral("time_ms"), marker.timeMs },
        { QStringLiteral("label"), marker.label },
        { QStringLiteral("notes"), marker.notes },
        { QStringLiteral("machine"), marker.machine },
    };
}

} // namespace ControlProtocol
