#pragma once

#include <QString>

#include <optional>

// The one clock of a view of a log: the log's own UTC offset (its first row's, the default) or
// this computer's time zone (View → Time zone). The Analysis axis, its tables and tooltips and the
// reports all read times through it, so that one moment reads the same everywhere. A log written
// without offsets is shown as written, whatever the choice.
class ViewClock
{
public:
    enum Zone { LogZone, LocalZone };

    ViewClock() = default;
    ViewClock(Zone zone, int logOffsetSeconds, bool logHasOffsets);

    Zone zone() const { return m_withOffset ? m_zone : LogZone; }
    // The UTC offset at `ms`: the log's, or this computer's at that moment (summer time moves it).
    int offsetAt(qint64 ms) const;
    // For the time axis (ChartCanvas::setTimeOffset): the log's offset, or none for this computer.
    std::optional<int> axisOffset() const;
    // "2026-11-22T14:30:22.125+01:00" on this clock (no offset for a log written without).
    QString iso(qint64 ms) const;
    // "14:30:22", or "11-22 14:30:22" with the date (Units::formatClock).
    QString clock(qint64 ms, bool withDate) const;
    // Whether the two moments fall on different days of this clock.
    bool spansDays(qint64 firstMs, qint64 lastMs) const;
    // "UTC+01:00, the log's own clock", "UTC+01:00, this computer's time zone" (at `ms`).
    QString describe(qint64 ms) const;

private:
    Zone m_zone = LogZone;
    int m_logOffset = 0;
    bool m_withOffset = true;
};
