#include "cpuusage.h"

#include <algorithm>

namespace {
quint64 saturatingDelta(quint64 before, quint64 after)
{
    return after > before ? after - before : 0;
}
} // namespace

std::optional<double> CpuUsage::percentBetween(const CpuTimes &before, const CpuTimes &after)
{
    std::array<quint64, CpuTimes::FieldCount> d {};
    for (int i = 0; i < CpuTimes::FieldCount; ++i)
        d[i] = saturatingDelta(before.ticks[i], after.ticks[i]);

    // user and nice include guest and guest_nice: count those once.
    const quint64 user = d[CpuTimes::User] - std::min(d[CpuTimes::User], d[CpuTimes::Guest]);
    const quint64 nice = d[CpuTimes::Nice] - std::min(d[CpuTimes::Nice], d[CpuTimes::GuestNice]);
    const quint64 idle = d[CpuTimes::Idle] + d[CpuTimes::IoWait];
    const quint64 busy = user + nice + d[CpuTimes::System] + d[CpuTimes::Irq] + d[CpuTimes::SoftIrq]
        + d[CpuTimes::Steal] + d[CpuTimes::Guest] + d[CpuTimes::GuestNice];
    const quint64 total = busy + idle;
    if (total == 0)
        return std::nullopt;
    return std::clamp(100.0 * double(busy) / double(total), 0.0, 100.0);
}

std::optional<double> CpuUsage::update(const CpuTimes &now)
{
    std::optional<double> percent;
    if (m_previous)
        percent = percentBetween(*m_previous, now);
    m_previous = now;
    return percent;
}
