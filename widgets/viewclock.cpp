#include "viewclock.h"

#include "analysis.h"
#include "units.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdlib>

ViewClock::ViewClock(Zone zone, int logOffsetSeconds, bool logHasOffsets)
    : m_zone(zone)
    , m_logOffset(logHasOffsets ? logOffsetSeconds : 0)
    , m_withOffset(logHasOffsets)
{ }

int ViewClock::offsetAt(qint64 ms) const
{
    if (zone() == LocalZone)
        return QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc();
    return m_logOffset;
}

std::optional<int> ViewClock::axisOffset() const
{
    return zone() == LocalZone ? std::nullopt : std::optional<int>(m_logOffset);
}

QString ViewClock::iso(qint64 ms) const
{
    return Analysis::formatTime({ ms, offsetAt(ms) }, m_withOffset);
}

QString ViewClock::clock(qint64 ms, bool withDate) const
{
    return Units::formatClock(iso(ms), withDate);
}

bool ViewClock::spansDays(qint64 firstMs, qint64 lastMs) const
{
    return Units::spansDays(iso(firstMs), iso(lastMs));
}

QString ViewClock::describe(qint64 ms) const
{
    if (!m_withOffset)
        return QCoreApplication::translate("ViewClock", "as written in the log (it has no UTC offsets)");
    const int offset = offsetAt(ms);
    const int a = std::abs(offset);
    const QString utc = QStringLiteral("UTC%1%2:%3")
                            .arg(offset < 0 ? QStringLiteral("-") : QStringLiteral("+"))
                            .arg(a / 3600, 2, 10, QLatin1Char('0'))
                            .arg((a % 3600) / 60, 2, 10, QLatin1Char('0'));
    return zone() == LocalZone ? QCoreApplication::translate("ViewClock", "%1, this computer's time zone").arg(utc)
                               : QCoreApplication::translate("ViewClock", "%1, the log's own clock").arg(utc);
}
