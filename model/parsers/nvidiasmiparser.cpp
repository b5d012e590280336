#include "nvidiasmiparser.h"

#include <QByteArray>

#include <algorithm>

namespace {
std::optional<double> value(const QByteArray &raw)
{
    const QByteArray v = raw.trimmed();
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (!ok) // "[N/A]", "N/A", "[Not Supported]", "[Unknown Error]"
        return {};
    return d;
}
} // namespace

QList<NvidiaGpu> parseNvidiaSmiCsv(QByteArrayView text, QByteArrayView fields)
{
    const QList<QByteArray> names = fields.toByteArray().split(',');
    QList<NvidiaGpu> gpus;
    const QList<QByteArray> lines = text.toByteArray().split('\n');
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> cells = line.split(',');
        if (cells.size() != names.size())
            continue;
        NvidiaGpu gpu;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const QByteArray name = names[i].trimmed();
            if (name == "utilization.gpu")
                gpu.utilizationPercent = value(cells[i]);
            else if (name == "memory.used")
                gpu.memoryUsedMiB = value(cells[i]);
            else if (name == "memory.total")
                gpu.memoryTotalMiB = value(cells[i]);
            else if (name == "temperature.gpu")
                gpu.temperatureC = value(cells[i]);
        }
        if (gpu.utilizationPercent && (*gpu.utilizationPercent < 0 || *gpu.utilizationPercent > 100))
            gpu.utilizationPercent.reset();
        gpus.append(gpu);
    }
    return gpus;
}

NvidiaGpu combineGpus(const QList<NvidiaGpu> &gpus)
{
    NvidiaGpu out;
    double utilSum = 0;
    int utilCount = 0;
    for (const NvidiaGpu &g : gpus) {
        if (g.utilizationPercent) {
            utilSum += *g.utilizationPercent;
            ++utilCount;
        }
        if (g.memoryUsedMiB)
            out.memoryUsedMiB = out.memoryUsedMiB.value_or(0) + *g.memoryUsedMiB;
        if (g.memoryTotalMiB)
            out.memoryTotalMiB = out.memoryTotalMiB.value_or(0) + *g.memoryTotalMiB;
        if (g.temperatureC)
            out.temperatureC = std::max(out.temperatureC.value_or(*g.temperatureC), *g.temperatureC);
    }
    if (utilCount > 0)
        out.utilizationPercent = utilSum / utilCount;
    return out;
}
