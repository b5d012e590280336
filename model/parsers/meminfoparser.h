#pragma once

#include "parsewarning.h"

#include <QByteArrayView>

#include <optional>

// The fields of /proc/meminfo that used memory is computed from, in KiB.
struct MemInfo
{
    quint64 totalKiB = 0;
    quint64 availableKiB = 0;
    bool availableEstimated = false; // kernel older than 3.14: no MemAvailable line

    // Used = MemTotal - MemAvailable, as psutil and free(1) report it (SOURCES.md C.2).
    quint64 usedKiB() const { return availableKiB >= totalKiB ? 0 : totalKiB - availableKiB; }
    double usedPercent() const { return totalKiB == 0 ? 0.0 : 100.0 * double(usedKiB()) / double(totalKiB); }
    double usedMiB() const { return double(usedKiB()) / 1024.0; }
};

struct MemInfoResult
{
    std::optional<MemInfo> info; // empty when MemTotal is missing or zero
    ParseWarnings warnings;
};

// Parses the text of /proc/meminfo. Pure: no I/O.
MemInfoResult parseMemInfo(QByteArrayView text);
