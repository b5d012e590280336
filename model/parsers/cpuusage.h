#pragma once

#include "procstatparser.h"

#include <optional>

// Turns successive /proc/stat readings into whole-machine CPU busy %, the way htop, btop and
// psutil agree on (SOURCES.md C.1): idle = idle + iowait; guest and guest_nice are already inside
// user and nice, so they are taken out of the total; steal counts as busy. A counter that went
// backwards (a CPU taken offline, a wrapped or reset counter) contributes zero, never a negative.
class CpuUsage
{
public:
    // Returns the busy percent since the previous reading; nothing for the first reading or when
    // no time passed.
    std::optional<double> update(const CpuTimes &now);
    void reset() { m_previous.reset(); }

    static std::optional<double> percentBetween(const CpuTimes &before, const CpuTimes &after);

private:
    std::optional<CpuTimes> m_previous;
};
