#pragma once

#include <functional>
#include <thread>
#include <vector>

namespace Parallel {

// Runs job(0 .. n-1) at once, job(0) on the calling thread; returns when all are done.
inline void runTogether(int n, const std::function<void(int)> &job)
{
    std::vector<std::thread> threads;
    threads.reserve(size_t(n > 0 ? n - 1 : 0));
    for (int k = 1; k < n; ++k)
        threads.emplace_back(job, k);
    if (n > 0)
        job(0);
    for (std::thread &t : threads)
        t.join();
}

} // namespace Parallel
