#pragma once

#include "samebytes.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <cstring>
#include <vector>

// Byte strings to ids, for interning the few distinct names and values of a log read a million
// times: open addressing in one array (no node per entry), the keys' bytes side by side in one
// buffer, a 64-bit hash kept per slot so that bytes are compared only on a full hash match. Cheaper
// per look-up than QHash<QByteArray, int> (bench/README.md, Timing logs). Not seeded: a file made
// to collide only makes its own reading slower.
class ByteTable
{
public:
    // The id of these bytes, or -1.
    int find(QByteArrayView key) const
    {
        if (m_slots.empty())
            return -1;
        const std::uint64_t h = hash(key);
        for (size_t i = size_t(h) & m_mask;; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.id < 0)
                return -1;
            if (s.hash == h && s.size == key.size() && equal(m_bytes.constData() + s.offset, key.data(), s.size))
                return s.id;
        }
    }

    // Adds bytes not in the table yet.
    void insert(QByteArrayView key, int id)
    {
        if (size_t(m_count + 1) * 2 > m_slots.size())
            grow();
        place(Slot { hash(key), m_bytes.size(), key.size(), id });
        m_bytes.append(key.data(), key.size());
        ++m_count;
    }

    void clear()
    {
        m_slots.clear();
        m_bytes.clear();
        m_count = 0;
        m_mask = 0;
    }

private:
    struct Slot
    {
        std::uint64_t hash = 0;
        qsizetype offset = 0;
        qsizetype size = 0;
        int id = -1;
    };

    // 8 bytes at a time, multiplied and folded (the mixing of wyhash/murmur finalisers).
    static std::uint64_t hash(QByteArrayView key)
    {
        constexpr std::uint64_t k = 0x9E3779B97F4A7C15u;
        std::uint64_t h = std::uint64_t(key.size()) * k;
        const char *p = key.data();
        qsizetype n = key.size();
        for (; n >= 8; p += 8, n -= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            h = (h ^ w) * k;
            h ^= h >> 32;
        }
        if (n > 0) { // the last 1 – 7 bytes, read in at most two loads (as wyhash reads them)
            std::uint64_t w = 0;
            if (n >= 4) {
                w = std::uint64_t(load32(p)) << 32 | load32(p + n - 4);
            } else {
                const auto byte = [p](qsizetype i) { return std::uint64_t(static_cast<unsigned char>(p[i])); };
                w = byte(0) << 16 | byte(n / 2) << 8 | byte(n - 1);
            }
            h = (h ^ w) * k;
            h ^= h >> 32;
        }
        h *= k;
        return h ^ (h >> 29);
    }

    static std::uint32_t load32(const char *p)
    {
        std::uint32_t w;
        std::memcpy(&w, p, 4);
        return w;
    }

    static bool equal(const char *a, const char *b, qsizetype n) { return sameBytes(a, b, n); }

    void place(const Slot &slot)
    {
        size_t i = size_t(slot.hash) & m_mask;
        while (m_slots[i].id >= 0)
            i = (i + 1) & m_mask;
        m_slots[i] = slot;
    }

    void grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.resize(old.empty() ? 16 : old.size() * 2);
        m_mask = m_slots.size() - 1;
        for (const Slot &s : old) {
            if (s.id >= 0)
                place(s);
        }
    }

    std::vector<Slot> m_slots;
    QByteArray m_bytes;
    qsizetype m_count = 0;
    size_t m_mask = 0;
};
