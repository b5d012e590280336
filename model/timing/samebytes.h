#pragma once

#include <QtGlobal>

#include <cstdint>
#include <cstring>

// memcmp() == 0 without a call, 8 bytes at a time, for the short runs of bytes the timing readers
// compare per line (the bytes around a key, a function's name, a text value): cheaper than a call.
inline bool sameBytes(const char *a, const char *b, qsizetype n)
{
    if (n >= 8) {
        std::uint64_t x, y;
        for (qsizetype i = 0; i + 8 <= n; i += 8) {
            std::memcpy(&x, a + i, 8);
            std::memcpy(&y, b + i, 8);
            if (x != y)
                return false;
        }
        std::memcpy(&x, a + n - 8, 8);
        std::memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        std::uint32_t x0, y0, x1, y1;
        std::memcpy(&x0, a, 4);
        std::memcpy(&y0, b, 4);
        std::memcpy(&x1, a + n - 4, 4);
        std::memcpy(&y1, b + n - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    for (qsizetype i = 0; i < n; ++i) {
        if (a[i] != b[i])
            return false;
    }
    return true;
}
