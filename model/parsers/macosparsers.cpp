#include "macosparsers.h"

#include <QList>

namespace {
std::optional<double> numberBefore(QByteArrayView text, QByteArrayView label)
{
    // "81.63% idle": the number that ends just before "% <label>".
    const qsizetype at = text.indexOf(label);
    if (at < 0)
        return {};
    qsizetype end = at;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '%'))
        --end;
    qsizetype begin = end;
    while (begin > 0 && ((text[begin - 1] >= '0' && text[begin - 1] <= '9') || text[begin - 1] == '.'))
        --begin;
    if (begin == end)
        return {};
    bool ok = false;
    const double v = text.sliced(begin, end - begin).toDouble(&ok);
    if (!ok)
        return {};
    return v;
}

// The unsigned integer that follows `key` (a quoted name including its closing quote) and '='.
std::optional<quint64> ioregNumber(QByteArrayView dict, QByteArrayView key)
{
    const qsizetype at = dict.indexOf(key);
    if (at < 0)
        return {};
    qsizetype pos = at + key.size();
    while (pos < dict.size() && dict[pos] == ' ')
        ++pos;
    if (pos >= dict.size() || dict[pos] != '=')
        return {};
    ++pos;
    while (pos < dict.size() && dict[pos] == ' ')
        ++pos;
    qsizetype end = pos;
    while (end < dict.size() && dict[end] >= '0' && dict[end] <= '9')
        ++end;
    if (end == pos)
        return {};
    bool ok = false;
    const quint64 v = dict.sliced(pos, end - pos).toULongLong(&ok);
    if (!ok)
        return {};
    return v;
}

std::optional<double> percent(std::optional<quint64> v)
{
    // Intel GPUs report other numbers in this dictionary, above 100 (SOURCES.md §B.4): not a percent.
    if (!v || *v > 100)
        return {};
    return double(*v);
}
} // namespace

std::optional<double> parseTopCpuBusy(QByteArrayView text)
{
    const qsizetype at = text.indexOf("CPU usage:");
    if (at < 0)
        return {};
    qsizetype end = text.indexOf('\n', at);
    if (end < 0)
        end = text.size();
    const QByteArrayView line = text.sliced(at, end - at);
    const auto idle = numberBefore(line, "idle");
    if (!idle || *idle < 0 || *idle > 100)
        return {};
    return 100.0 - *idle;
}

std::optional<quint64> VmStat::field(const char *name) const
{
    const auto it = pages.constFind(QByteArray(name));
    if (it == pages.constEnd())
        return {};
    return *it;
}

std::optional<quint64> VmStat::usedBytes() const
{
    if (pageSize == 0)
        return {};
    const auto wired = field("Pages wired down");
    if (!wired)
        return {};
    quint64 used = *wired;
    if (const auto anonymous = field("Anonymous pages")) {
        const quint64 purgeable = field("Pages purgeable").value_or(0);
        used += *anonymous > purgeable ? *anonymous - purgeable : 0;
    } else if (const auto active = field("Pages active")) {
        used += *active;
    } else {
        return {};
    }
    used += field("Pages occupied by compressor").value_or(0);
    return used * pageSize;
}

std::optional<VmStat> parseVmStat(QByteArrayView text)
{
    VmStat vm;
    const QList<QByteArray> lines = text.toByteArray().split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.startsWith("Mach Virtual Memory Statistics:")) {
            const qsizetype at = line.indexOf("page size of ");
            if (at >= 0) {
                const qsizetype from = at + 13;
                const qsizetype space = line.indexOf(' ', from);
                vm.pageSize = line.mid(from, space < 0 ? -1 : space - from).toULongLong();
            }
            continue;
        }
        const qsizetype colon = line.lastIndexOf(':');
        if (colon <= 0)
            continue;
        QByteArray value = line.mid(colon + 1).trimmed();
        if (value.endsWith('.'))
            value.chop(1);
        bool ok = false;
        const quint64 n = value.toULongLong(&ok);
        if (!ok)
            continue;
        QByteArray name = line.left(colon).trimmed();
        if (name.size() >= 2 && name.startsWith('"') && name.endsWith('"'))
            name = name.mid(1, name.size() - 2);
        vm.pages.insert(name, n);
    }
    if (vm.pageSize == 0 && vm.pages.isEmpty())
        return {};
    return vm;
}

std::optional<quint64> parseSysctlMemsize(QByteArrayView text)
{
    QByteArray t = text.toByteArray().trimmed();
    // `sysctl hw.memsize` without -n prints "hw.memsize: N".
    if (t.startsWith("hw.memsize:"))
        t = t.mid(11).trimmed();
    const qsizetype nl = t.indexOf('\n');
    if (nl >= 0)
        t.truncate(nl);
    bool ok = false;
    const quint64 v = t.trimmed().toULongLong(&ok);
    if (!ok || v == 0)
        return {};
    return v;
}

std::optional<IoregGpu> parseIoregGpu(QByteArrayView text)
{
    const qsizetype at = text.indexOf("\"PerformanceStatistics\"");
    if (at < 0)
        return {};
    const qsizetype open = text.indexOf('{', at);
    if (open < 0)
        return {};
    qsizetype close = text.indexOf('}', open);
    if (close < 0)
        close = text.size();
    const QByteArrayView dict = text.sliced(open, close - open);
    IoregGpu gpu;
    gpu.utilizationPercent = percent(ioregNumber(dict, "\"Device Utilization %\""));
    if (!gpu.utilizationPercent) {
        const auto renderer = percent(ioregNumber(dict, "\"Renderer Utilization %\""));
        const auto tiler = percent(ioregNumber(dict, "\"Tiler Utilization %\""));
        if (renderer || tiler)
            gpu.utilizationPercent = std::max(renderer.value_or(0.0), tiler.value_or(0.0));
    }
    gpu.inUseBytes = ioregNumber(dict, "\"In use system memory\"");
    return gpu;
}
