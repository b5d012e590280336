#include "history.h"

#include <algorithm>
#include <cmath>

History::History(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(1, capacity))
{ }

void History::append(const Sample &sample)
{
    if (m_size < m_capacity) {
        if (m_ring.size() == m_ring.capacity())
            m_ring.reserve(std::size_t(std::min(m_capacity, std::max<qsizetype>(1024, 2 * m_size))));
        m_ring.push_back(sample);
        ++m_size;
    } else {
        m_ring[std::size_t(m_start)] = sample;
        m_start = (m_start + 1) % m_capacity;
    }
}

void History::clear()
{
    m_ring.clear();
    m_ring.shrink_to_fit();
    m_start = 0;
    m_size = 0;
}

void History::setCapacity(qsizetype capacity)
{
    capacity = std::max<qsizetype>(1, capacity);
    if (capacity == m_capacity)
        return;
    const qsizetype keep = std::min(capacity, m_size);
    std::vector<Sample> ring;
    ring.reserve(std::size_t(keep));
    for (qsizetype i = m_size - keep; i < m_size; ++i)
        ring.push_back(at(i));
    m_ring.swap(ring);
    m_capacity = capacity;
    m_start = 0;
    m_size = keep;
}

qsizetype History::lowerBound(qint64 timeMs) const
{
    qsizetype lo = 0;
    qsizetype hi = m_size;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (at(mid).timeMs < timeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

qsizetype History::nearest(qint64 timeMs) const
{
    if (m_size == 0)
        return -1;
    const qsizetype i = lowerBound(timeMs);
    if (i == 0)
        return 0;
    if (i == m_size)
        return m_size - 1;
    return (timeMs - at(i - 1).timeMs) <= (at(i).timeMs - timeMs) ? i - 1 : i;
}

qsizetype History::capacityFor(double intervalSeconds, double spanSeconds)
{
    const double interval = std::max(intervalSeconds, 0.01);
    return qsizetype(std::ceil(spanSeconds / interval)) + 16;
}
