#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

#include <optional>

// Pure parsers for the macOS commands perfdash runs over SSH without sudo (SOURCES.md §B). No I/O.

// The busy percent of a `top -l … -n 0` "CPU usage:" line (100 − idle), which may share its physical
// line with "Load Avg:". Nothing when the text holds no such line. The first sample of a `top` run is
// an average since boot: the caller skips it.
std::optional<double> parseTopCpuBusy(QByteArrayView line);

// `vm_stat` (one-shot form): the page size from the header and the page counts by field name as
// printed ("Pages free", "Pages occupied by compressor", "Anonymous pages", …). Every field is
// optional (older macOS prints no compressor lines).
struct VmStat
{
    quint64 pageSize = 0; // bytes; 0: no header
    QHash<QByteArray, quint64> pages;

    std::optional<quint64> field(const char *name) const;
    // Memory used the way Activity Monitor counts it: app memory (anonymous − purgeable) + wired +
    // compressed (pages occupied by the compressor), in bytes. Nothing without the page size or these
    // fields; older systems without "Anonymous pages" fall back to active + wired.
    std::optional<quint64> usedBytes() const;
};
std::optional<VmStat> parseVmStat(QByteArrayView text);

// `sysctl -n hw.memsize`: the machine's memory in bytes.
std::optional<quint64> parseSysctlMemsize(QByteArrayView text);

// The GPU of `ioreg -r -d 1 -w 0 -c IOAccelerator` (its "PerformanceStatistics" dictionary).
struct IoregGpu
{
    std::optional<double> utilizationPercent; // "Device Utilization %" (else max of Renderer/Tiler), 0..100
    std::optional<quint64> inUseBytes;        // "In use system memory"
};
// The first accelerator's statistics; nothing when the text has no "PerformanceStatistics".
std::optional<IoregGpu> parseIoregGpu(QByteArrayView text);
