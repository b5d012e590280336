#pragma once

#include "parsewarning.h"

#include <QByteArrayView>

#include <array>
#include <optional>

// The aggregate "cpu" line of /proc/stat, in USER_HZ ticks. Older kernels print fewer fields
// (4 before 2.5.41, 7 before 2.6.11, 8 before 2.6.24, 9 before 2.6.33): missing ones are zero.
struct CpuTimes
{
    enum Field { User, Nice, System, Idle, IoWait, Irq, SoftIrq, Steal, Guest, GuestNice, FieldCount };
    std::array<quint64, FieldCount> ticks {};
    int fieldsPresent = 0;

    quint64 operator[](Field f) const { return ticks[f]; }
};

struct ProcStatResult
{
    std::optional<CpuTimes> total; // the "cpu " line; empty when the text has none
    int cpuCount = 0;              // "cpuN" lines
    ParseWarnings warnings;
};

// Parses the text of /proc/stat (or of a remote `cat /proc/stat`). Pure: no I/O.
ProcStatResult parseProcStat(QByteArrayView text);
