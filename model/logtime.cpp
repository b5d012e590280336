#include "logtime.h"

#include <QDateTime>

namespace LogTime {

QString format(qint64 msSinceEpoch)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    const int offset = local.offsetFromUtc();
    const int absOffset = offset < 0 ? -offset : offset;
    const QDateTime wall = local.toOffsetFromUtc(offset); // keeps the wall clock, drops DST lookups
    return wall.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + (offset < 0 ? u'-' : u'+')
        + QStringLiteral("%1:%2")
              .arg(absOffset / 3600, 2, 10, QLatin1Char('0'))
              .arg((absOffset % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace LogTime
