#pragma once

#include "sample.h"

#include <algorithm>
#include <random>

// A day of made-up but plausible samples for the benchmarks: a noisy CPU load with bursts and
// one-sample spikes, memory creeping up and falling back, all deterministic for a given seed.
class SyntheticMachine
{
public:
    explicit SyntheticMachine(unsigned seed = 1)
        : m_random(seed)
    { }

    Sample next(qint64 timeMs)
    {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        std::normal_distribution<double> noise(0.0, 4.0);
        // CPU: a random walk around a slowly changing load, with a rare one-sample spike.
        if (unit(m_random) < 0.002)
            m_load = 10 + 80 * unit(m_random);
        m_cpu = std::clamp(m_cpu + 0.2 * (m_load - m_cpu) + noise(m_random), 0.0, 100.0);
        const double cpu = unit(m_random) < 0.001 ? 100.0 : m_cpu;
        // Memory: grows slowly, and drops when a job ends.
        m_memory = unit(m_random) < 0.0005 ? 35.0 : std::min(92.0, m_memory + 0.001 + 0.02 * noise(m_random));

        Sample s;
        s.timeMs = timeMs;
        s.set(Metric::CpuPercent, cpu);
        s.set(Metric::MemoryPercent, m_memory);
        s.set(Metric::MemoryUsedMb, m_memory / 100.0 * 32'000.0);
        return s;
    }

private:
    std::mt19937 m_random;
    double m_load = 30;
    double m_cpu = 30;
    double m_memory = 40;
};
