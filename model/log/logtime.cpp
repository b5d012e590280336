#include "logtime.h"

#include <QDateTime>

namespace LogTime {

namespace {
// Looking up the local offset costs a time-zone lookup (tzset, a stat of /etc/localtime) each
// time; offsets only change on minute boundaries, so keep the one of the current minute.
thread_local qint64 cachedMinute = -1;
thread_local int cachedOffset = 0;
} // namespace

void timeZoneChanged()
{
    cachedMinute = -1;
}

QString format(qint64 msSinceEpoch)
{
    const qint64 minute = msSinceEpoch >= 0 ? msSinceEpoch / 60'000 : (msSinceEpoch - 59'999) / 60'000;
    if (minute != cachedMinute) {
        cachedOffset = QDateTime::fromMSecsSinceEpoch(msSinceEpoch).offsetFromUtc();
        cachedMinute = minute;
    }
    const int offset = cachedOffset;
    const int absOffset = offset < 0 ? -offset : offset;
    // The wall clock is UTC shifted by the offset: formatting it as UTC needs no zone lookup.
    const QDateTime wall = QDateTime::fromMSecsSinceEpoch(msSinceEpoch + qint64(offset) * 1000, Qt::UTC);
    return wall.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + (offset < 0 ? u'-' : u'+')
        + QStringLiteral("%1:%2")
              .arg(absOffset / 3600, 2, 10, QLatin1Char('0'))
              .arg((absOffset % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace LogTime
