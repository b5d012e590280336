#include "timeticks.h"

#include <QDateTime>

#include <algorithm>
#include <iterator>

namespace TimeTicks {

namespace {
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kSteps[] = { kSecond, 2 * kSecond, 5 * kSecond, 10 * kSecond, 15 * kSecond, 30 * kSecond, kMinute,
    2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute, 30 * kMinute, kHour, 2 * kHour, 3 * kHour, 6 * kHour,
    12 * kHour, kDay, 2 * kDay, 7 * kDay };

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

QDateTime at(qint64 ms, std::optional<int> offsetSeconds)
{
    return offsetSeconds ? QDateTime::fromMSecsSinceEpoch(ms, Qt::OffsetFromUTC, *offsetSeconds)
                         : QDateTime::fromMSecsSinceEpoch(ms);
}
} // namespace

QString format(qint64 ms, std::optional<int> offsetSeconds, const QString &format)
{
    return at(ms, offsetSeconds).toString(format);
}

QList<Tick> compute(qint64 startMs, qint64 endMs, int maxTicks, std::optional<int> offsetSeconds)
{
    QList<Tick> ticks;
    if (endMs <= startMs)
        return ticks;
    maxTicks = std::max(maxTicks, 2);
    const qint64 span = endMs - startMs;
    qint64 step = kSteps[std::size(kSteps) - 1];
    for (qint64 s : kSteps) {
        if (span / s + 1 <= maxTicks) {
            step = s;
            break;
        }
    }
    // Round on the clock shown: the offset at the start (this computer's may change within a
    // long range; the labels follow it).
    const qint64 offsetMs = qint64(offsetSeconds ? *offsetSeconds : at(startMs, std::nullopt).offsetFromUtc()) * 1000;
    const QString fmt = step < kMinute ? QStringLiteral("HH:mm:ss")
        : span < kDay                  ? QStringLiteral("HH:mm")
                                       : QStringLiteral("MM-dd HH:mm");
    for (qint64 wall = (floorDiv(startMs + offsetMs, step) + 1) * step; wall - offsetMs <= endMs; wall += step) {
        const qint64 ms = wall - offsetMs;
        if (ms >= startMs)
            ticks.append({ ms, format(ms, offsetSeconds, fmt) });
    }
    // The start itself is on a round time: it gets its tick too.
    if (floorDiv(startMs + offsetMs, step) * step == startMs + offsetMs)
        ticks.prepend({ startMs, format(startMs, offsetSeconds, fmt) });
    return ticks;
}

} // namespace TimeTicks
