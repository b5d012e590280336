// The Prometheus text exposition parser (parsePrometheusText), and what reads its samples: the
// model servers' counters (extractServerCounters, each kind) and node_exporter's CPU and memory.
#include "cpuusage.h"
#include "fuzzutil.h"
#include "nodeexporter.h"
#include "prometheusparser.h"
#include "servermetrics.h"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const PromParseResult r = parsePrometheusText(bytes);
    FUZZ_CHECK(!r.isExposition || !r.samples.isEmpty());
    for (const PromSample &s : r.samples) {
        FUZZ_CHECK(!s.name.isEmpty());
        for (const auto &label : s.labels)
            FUZZ_CHECK(!label.first.isEmpty());
    }
    for (const ParseWarning &w : r.warnings)
        FUZZ_CHECK(w.line >= 0 && !w.detail.isEmpty()); // 0: the whole body

    // Every quantity is a count, finite and >= 0, or left out (servermetrics.h).
    const auto isCount = [](const std::optional<double> &v) { return !v || (std::isfinite(*v) && *v >= 0); };
    for (ServerKind kind : allServerKinds()) {
        const ServerCounters c = extractServerCounters(r.samples, kind);
        FUZZ_CHECK(isCount(c.generatedTokens) && isCount(c.activeRequests) && isCount(c.completedRequests));
    }
    // node_exporter's readings go through what the /proc ones go through.
    const NodeExporterReading node = readNodeExporter(r.samples);
    if (node.cpu) {
        const std::optional<double> busy = CpuUsage::percentBetween(CpuTimes {}, *node.cpu);
        FUZZ_CHECK(!busy || (*busy >= 0 && *busy <= 100));
    }
    if (node.memory) {
        (void)node.memory->usedPercent();
        (void)node.memory->usedMiB();
    }
    return 0;
}
