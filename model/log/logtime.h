#pragma once

#include <QString>

// Timestamps of the session log: ISO 8601 local time with milliseconds and the UTC offset,
// e.g. 2026-11-22T14:30:22.125+01:00 (LOG_FORMAT.md).
namespace LogTime {

QString format(qint64 msSinceEpoch);
// The UTC offset is looked up once a minute; after changing TZ in this process, call this to
// look it up again at once.
void timeZoneChanged();

} // namespace LogTime
