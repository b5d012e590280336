#pragma once

#include "sample.h"

#include <vector>

// A machine's recent samples, oldest first, in a ring buffer that never grows past its capacity:
// appending to a full history drops the oldest sample. Memory grows with the samples actually held,
// so a short session does not pay for a day's room.
class History
{
public:
    explicit History(qsizetype capacity = 1);

    void append(const Sample &sample);
    void clear();
    // Keeps the newest samples that fit.
    void setCapacity(qsizetype capacity);

    qsizetype capacity() const { return m_capacity; }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // i = 0 is the oldest sample kept.
    const Sample &at(qsizetype i) const { return m_ring[std::size_t((m_start + i) % qsizetype(m_ring.size()))]; }
    const Sample &last() const { return at(m_size - 1); }

    // The first index whose time is >= timeMs (size() when none). Samples are in time order.
    qsizetype lowerBound(qint64 timeMs) const;
    // The index of the sample closest in time to timeMs, or -1 when empty.
    qsizetype nearest(qint64 timeMs) const;

    // Room for a day at this interval, plus a little.
    static qsizetype capacityFor(double intervalSeconds, double spanSeconds = 86400.0);

private:
    std::vector<Sample> m_ring; // grows up to m_capacity, then wraps
    qsizetype m_capacity = 1;
    qsizetype m_start = 0;
    qsizetype m_size = 0;
};
