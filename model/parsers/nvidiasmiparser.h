#pragma once

#include <QByteArrayView>
#include <QList>

#include <optional>

// One GPU of `nvidia-smi --query-gpu=utilization.gpu,memory.used,memory.total,temperature.gpu
// --format=csv,noheader,nounits`. A field the driver does not report ([N/A], N/A, [Not Supported]) is
// empty.
struct NvidiaGpu
{
    std::optional<double> utilizationPercent;
    std::optional<double> memoryUsedMiB;
    std::optional<double> memoryTotalMiB;
    std::optional<double> temperatureC;
};

// The query perfdash sends, in this order.
inline constexpr const char *kNvidiaSmiQuery = "utilization.gpu,memory.used,memory.total,temperature.gpu";

// Parses one line per GPU; `fields` names the columns in query order (e.g. the comma-separated
// query), so outputs of other queries read too; unknown columns are skipped. Lines with a different
// number of columns are left out. Pure: no I/O.
QList<NvidiaGpu> parseNvidiaSmiCsv(QByteArrayView text, QByteArrayView fields = kNvidiaSmiQuery);

// The machine's GPU figures: mean utilization, total memory used and hottest temperature over the
// GPUs that report them.
NvidiaGpu combineGpus(const QList<NvidiaGpu> &gpus);
