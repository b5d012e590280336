#pragma once

#include <QtGlobal>

#include <vector>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

// Asks for transparent huge pages (2 MB) under the room a large vector has reserved, where the
// kernel gives them on request only ("madvise" mode, Debian's default): a page fault per 2 MB
// written instead of one per 4 kB. Advice only: nothing changes where it is not taken.
template<typename T> void adviseHugePages(const std::vector<T> &v)
{
#if defined(Q_OS_LINUX) && defined(MADV_HUGEPAGE)
    constexpr quintptr huge = 2 << 20;
    const quintptr b = (quintptr(v.data()) + huge - 1) & ~(huge - 1);
    const quintptr e = (quintptr(v.data() + v.capacity())) & ~(huge - 1);
    if (e > b)
        ::madvise(reinterpret_cast<void *>(b), size_t(e - b), MADV_HUGEPAGE);
#else
    Q_UNUSED(v);
#endif
}
