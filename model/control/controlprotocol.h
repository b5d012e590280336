#pragma once

#include "marker.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

// How other perfdash processes talk to the one running for a log directory (ControlServer,
// ControlClient): a local socket named after the canonical log directory, one JSON object per line
// each way. A request has "op" ("ping", "mark", "raise", "open"); the answer has "ok" and, when
// false, "error" (a sentence for the person).
namespace ControlProtocol {

inline constexpr int kMaxLineBytes = 64 * 1024;

// The log directory as an absolute path with links resolved (as far as it exists).
QString canonicalDirectory(const QString &logDir);
// The local socket for a log directory, per user and per directory: /tmp/perfdash-UID-HASH.
QString serverName(const QString &logDir);

// A marker from JSON {"label", "notes", "machine"} (plus the keys in `alsoAllowed`): the label must
// be a non-blank string, notes and machine strings, machine one of `machines` (or empty), no other
// keys. Returns false with a reason.
bool markerFromJson(const QJsonObject &object, const QStringList &machines, Marker *marker, QString *error,
    const QStringList &alsoAllowed = {});
QJsonObject markerToJson(const Marker &marker);

} // namespace ControlProtocol
