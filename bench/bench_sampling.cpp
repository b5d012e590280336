// The CPU cost of one local sample: LocalSource::measure() reads and parses /proc/stat and
// /proc/meminfo. Target: < 100 us per sample.

#include "benchutil.h"
#include "localsource.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cmath>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kWarmUp = 500;
    constexpr int kIterations = 20'000;

    LocalSource source;
    QString error;
    double sink = 0; // keeps the samples observable
    for (int i = 0; i < kWarmUp; ++i)
        sink += source.measure(&error).value(Metric::MemoryPercent);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "bench_sampling: %s\n", qPrintable(error));
        return 1;
    }

    const double cpuBefore = Bench::cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < kIterations; ++i)
        sink += source.measure().value(Metric::MemoryPercent);
    const double wallUs = double(wall.nsecsElapsed()) / 1e3 / kIterations;
    const double cpuUs = (Bench::cpuSeconds() - cpuBefore) * 1e6 / kIterations;

    std::printf("bench_sampling: LocalSource::measure(), %d samples after %d warm-up\n", kIterations, kWarmUp);
    Bench::report("local sample (CPU)", cpuUs, "us per sample", "< 100 us", cpuUs < 100);
    Bench::report("local sample (wall)", wallUs, "us per sample", "< 100 us", wallUs < 100);
    // 1 s sampling costs cpuUs per second: the share of one core it takes.
    Bench::report("at a 1 s interval", cpuUs / 1e4, "% of one core");
    return std::isnan(sink) ? 2 : 0;
}
