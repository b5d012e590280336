#pragma once

#include <QByteArrayView>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// What the fuzz targets share: a check that stops the run as a finding, and the pseudo-random
// splits of an input into the pieces a socket or an SSH channel would deliver.
namespace Fuzz {

[[noreturn]] inline void fail(const char *what, const char *file, int line)
{
    std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, file, line);
    std::abort();
}

// Splits derived from the input itself (FNV-1a of its bytes, then xorshift): the same input always
// splits the same way, so a reproducer reproduces, and every mutation tries other splits.
class Splitter
{
public:
    explicit Splitter(QByteArrayView input)
    {
        std::uint64_t h = 1469598103934665603ULL;
        for (char c : input)
            h = (h ^ std::uint8_t(c)) * 1099511628211ULL;
        m_state = h | 1;
    }

    std::uint64_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }

    // The length of the next piece of `remaining` bytes (> 0 when remaining is): often one byte or
    // a few, sometimes a few hundred, sometimes all the rest.
    qsizetype piece(qsizetype remaining)
    {
        if (remaining <= 0)
            return 0;
        qsizetype n = 0;
        switch (next() % 4) {
        case 0:
            n = 1;
            break;
        case 1:
            n = qsizetype(1 + next() % 16);
            break;
        case 2:
            n = qsizetype(1 + next() % 512);
            break;
        default:
            n = remaining;
            break;
        }
        return n < remaining ? n : remaining;
    }

private:
    std::uint64_t m_state;
};

} // namespace Fuzz

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            Fuzz::fail(#condition, __FILE__, __LINE__);                                                                \
    } while (false)
