#include "meminfoparser.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <charconv>

namespace {
// Reads "Name:   1234 kB" into (Name, value in KiB). Lines without a unit are page counts
// (HugePages_*): they are skipped. In place: no copies.
bool parseLine(QByteArrayView line, QByteArrayView &name, quint64 &kib)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    name = line.first(colon);
    QByteArrayView rest = line.sliced(colon + 1).trimmed();
    if (!rest.endsWith(" kB"))
        return false;
    rest = rest.chopped(3).trimmed();
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), kib);
    return ec == std::errc() && ptr == rest.data() + rest.size() && !rest.isEmpty();
}
} // namespace

MemInfoResult parseMemInfo(QByteArrayView text)
{
    MemInfoResult result;
    std::optional<quint64> total;
    std::optional<quint64> available;
    quint64 memFree = 0;
    quint64 buffers = 0;
    quint64 cached = 0;
    quint64 reclaimable = 0;
    quint64 shmem = 0;

    int lineNo = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArrayView line = text.sliced(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        QByteArrayView name;
        quint64 kib = 0;
        if (!parseLine(line, name, kib))
            continue;
        if (name == "MemTotal")
            total = kib;
        else if (name == "MemAvailable")
            available = kib;
        else if (name == "MemFree")
            memFree = kib;
        else if (name == "Buffers")
            buffers = kib;
        else if (name == "Cached")
            cached = kib;
        else if (name == "SReclaimable")
            reclaimable = kib;
        else if (name == "Shmem")
            shmem = kib;
    }

    if (!total || *total == 0) {
        result.warnings.append({ 0, QStringLiteral("no MemTotal in /proc/meminfo") });
        return result;
    }
    MemInfo info;
    info.totalKiB = *total;
    if (available && *available > 0) {
        info.availableKiB = std::min(*available, *total);
    } else {
        // Before Linux 3.14: estimate what free(1) would, free + reclaimable caches.
        const quint64 cache = cached + reclaimable;
        info.availableKiB = std::min(memFree + buffers + (cache > shmem ? cache - shmem : 0), *total);
        info.availableEstimated = true;
        result.warnings.append({ 0,
            available ? QStringLiteral("MemAvailable is 0: estimated from the caches")
                      : QStringLiteral("no MemAvailable (kernel before 3.14): estimated") });
    }
    result.info = info;
    return result;
}
