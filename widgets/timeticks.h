#pragma once

#include <QList>
#include <QString>

#include <optional>

// The labelled ticks of a time axis: at round times (every 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15,
// 30 min, 1, 2, 3, 6, 12 h or a day), as many as fit, on the clock of one time zone — the log's own
// UTC offset in the Analysis tab, this computer's in the live view — so that the axis, the tables
// and the tooltips of a view say the same time.
namespace TimeTicks {

struct Tick
{
    qint64 ms = 0; // since the Unix epoch
    QString label;
};

// The ticks within [startMs, endMs], at most maxTicks of them (at least 2 are asked for). The
// labels are "HH:mm:ss" for steps under a minute, "HH:mm" up to a day's span, "MM-dd HH:mm" past
// it. offsetSeconds: the clock's UTC offset; none: this computer's time zone.
QList<Tick> compute(qint64 startMs, qint64 endMs, int maxTicks, std::optional<int> offsetSeconds);

// A moment as that clock shows it, in `format` (QDateTime::toString's).
QString format(qint64 ms, std::optional<int> offsetSeconds, const QString &format);

} // namespace TimeTicks
