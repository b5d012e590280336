#include "remotestreamparser.h"

#include "macosparsers.h"
#include "meminfoparser.h"
#include "nvidiasmiparser.h"
#include "procstatparser.h"

namespace {
QByteArrayView withoutCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// Calls onLine for every complete line. Lines are read in place from `bytes`; only an unfinished
// last line is copied into `pending` (whose capacity is kept), so a block costs no allocation.
template<typename OnLine> void splitLines(QByteArray &pending, QByteArrayView bytes, bool &overflowed, OnLine &&onLine)
{
    qsizetype start = 0;
    if (!pending.isEmpty()) {
        const qsizetype nl = bytes.indexOf('\n');
        if (nl < 0) {
            start = bytes.size();
            pending.append(bytes.data(), bytes.size());
        } else {
            pending.append(bytes.data(), nl);
            onLine(withoutCr(pending));
            pending.resize(0);
            start = nl + 1;
        }
    }
    for (qsizetype nl; start < bytes.size() && (nl = bytes.indexOf('\n', start)) >= 0; start = nl + 1)
        onLine(withoutCr(bytes.sliced(start, nl - start)));
    if (start < bytes.size())
        pending.append(bytes.data() + start, bytes.size() - start);
    if (pending.size() > RemoteStreamParser::kMaxLine) {
        overflowed = true;
        pending.clear();
    }
}

RemoteStreamParser::Section sectionNamed(QByteArrayView tag)
{
    using S = RemoteStreamParser::Section;
    if (tag == "stat")
        return S::Stat;
    if (tag == "meminfo")
        return S::MemInfo;
    if (tag == "gpu")
        return S::Gpu;
    if (tag == "temp")
        return S::Temp;
    if (tag == "vmstat")
        return S::VmStat;
    if (tag == "ioreg")
        return S::Ioreg;
    return S::Other;
}
} // namespace

QByteArray RemoteStreamParser::script(int intervalMs)
{
    const int topSeconds = qMax(1, (intervalMs + 500) / 1000);
    QByteArray s = QByteArrayLiteral(
        "os=$(uname -s); echo \"##pd:os $os\"\n"
        "if [ \"$os\" = Darwin ]; then\n"
        "  echo \"##pd:memsize\"; sysctl -n hw.memsize; echo \"##pd:memsize-end\"\n"
        "  top -l 0 -s @TOP@ -n 0 >&2 & tp=$!\n"
        "  while read -r id; do\n"
        "    v=$(vm_stat); i=$(ioreg -r -d 1 -w 0 -c IOAccelerator | grep PerformanceStatistics)\n"
        "    printf \"##pd:begin %s\\n##pd:vmstat\\n%s\\n##pd:ioreg\\n%s\\n##pd:end\\n\" \"$id\" \"$v\" \"$i\"\n"
        "  done\n"
        "  kill $tp 2>/dev/null\n"
        "else\n"
        "  g=; command -v nvidia-smi >/dev/null 2>&1 && g=1\n"
        "  t=$(ls /sys/class/hwmon/hwmon*/temp*_input 2>/dev/null)\n"
        "  [ -n \"$t\" ] || t=$(ls /sys/class/thermal/thermal_zone*/temp 2>/dev/null)\n"
        "  nl=\"\n"
        "\"\n"
        // One block is built in a variable and printed with one printf, so it leaves in one write and
        // one SSH packet; /proc is read with shell builtins, and only the meminfo lines used.
        "  while read -r id; do\n"
        "    read -r l < /proc/stat\n"
        "    b=\"##pd:begin $id$nl##pd:stat$nl$l$nl##pd:meminfo$nl\"\n"
        "    while read -r k v u; do case $k in MemTotal:|MemFree:|MemAvailable:|Buffers:|Cached:|SReclaimable:|Shmem:)"
        " b=\"$b$k $v $u$nl\";; esac; done < /proc/meminfo\n"
        "    if [ -n \"$g\" ]; then b=\"$b##pd:gpu$nl$(nvidia-smi --query-gpu=@QUERY@ "
        "--format=csv,noheader,nounits 2>/dev/null)$nl\"; fi\n"
        "    if [ -n \"$t\" ]; then b=\"$b##pd:temp$nl$(cat $t 2>/dev/null)$nl\"; fi\n"
        "    printf \"%s##pd:end\\n\" \"$b\"\n"
        "  done\n"
        "fi\n");
    s.replace("@TOP@", QByteArray::number(topSeconds));
    s.replace("@QUERY@", kNvidiaSmiQuery);
    return s;
}

QByteArray RemoteStreamParser::command(int intervalMs)
{
    // The login shell may be zsh, fish or bash with a noisy ~/.bashrc: run our script under /bin/sh.
    return QByteArrayLiteral("exec /bin/sh -c '") + script(intervalMs) + QByteArrayLiteral("'");
}

void RemoteStreamParser::feedStdout(QByteArrayView bytes)
{
    splitLines(m_out, bytes, m_overflowed, [this](QByteArrayView line) { stdoutLine(line); });
}

void RemoteStreamParser::feedStderr(QByteArrayView bytes)
{
    splitLines(m_err, bytes, m_overflowed, [this](QByteArrayView line) { stderrLine(line); });
}

QList<RemoteStreamParser::Result> RemoteStreamParser::takeResults()
{
    QList<Result> out;
    out.swap(m_results);
    return out;
}

void RemoteStreamParser::stdoutLine(QByteArrayView line)
{
    if (line.startsWith("##pd:")) {
        const QByteArrayView tag = line.sliced(5);
        if (tag.startsWith("os ")) {
            m_os = QString::fromLatin1(tag.sliced(3).trimmed());
        } else if (tag == "memsize") {
            m_inMemsize = true;
        } else if (tag == "memsize-end") {
            m_inMemsize = false;
        } else if (tag.startsWith("begin")) {
            m_inBlock = true;
            m_blockId = tag.sliced(5).trimmed().toULongLong();
            m_section = Section::None;
            for (SectionText &text : m_sections) {
                text.present = false;
                text.text.resize(0); // keeps the capacity for the next block
            }
        } else if (tag == "end") {
            if (m_inBlock)
                finishBlock();
            m_inBlock = false;
        } else if (m_inBlock) {
            m_section = sectionNamed(tag);
            m_sections[size_t(m_section)].present = true; // even when the command printed nothing
        }
        return;
    }
    if (m_inMemsize) {
        if (const auto v = parseSysctlMemsize(line))
            m_memsize = v;
        return;
    }
    if (m_inBlock && m_section != Section::None) {
        QByteArray &text = m_sections[size_t(m_section)].text;
        text.append(line.data(), line.size());
        text.append('\n');
    }
}

void RemoteStreamParser::stderrLine(QByteArrayView line)
{
    if (const auto busy = parseTopCpuBusy(line)) {
        // The first sample of a top run is an average since boot (SOURCES.md §B.1): never chart it.
        if (++m_topSamples > 1)
            m_topBusy = busy;
    }
}

void RemoteStreamParser::finishBlock()
{
    Result r;
    r.requestId = m_blockId;
    Sample &s = r.sample;

    const auto section = [this](Section which) -> const QByteArray * {
        const SectionText &t = m_sections[size_t(which)];
        return t.present ? &t.text : nullptr;
    };
    if (const QByteArray *stat = section(Section::Stat)) {
        const ProcStatResult parsed = parseProcStat(*stat);
        if (parsed.total) {
            if (const auto busy = m_cpu.update(*parsed.total))
                s.set(Metric::CpuPercent, *busy);
        }
    }
    if (const QByteArray *meminfo = section(Section::MemInfo)) {
        const MemInfoResult mem = parseMemInfo(*meminfo);
        if (mem.info) {
            s.set(Metric::MemoryPercent, mem.info->usedPercent());
            s.set(Metric::MemoryUsedMb, mem.info->usedMiB());
        }
    }
    if (const QByteArray *gpu = section(Section::Gpu)) {
        const NvidiaGpu g = combineGpus(parseNvidiaSmiCsv(*gpu));
        if (g.utilizationPercent)
            s.set(Metric::GpuPercent, *g.utilizationPercent);
        if (g.memoryUsedMiB)
            s.set(Metric::GpuMemoryMb, *g.memoryUsedMiB);
        if (g.temperatureC)
            s.set(Metric::TemperatureC, *g.temperatureC);
    }
    const QByteArray *temp = section(Section::Temp);
    if (temp && !s.has(Metric::TemperatureC)) {
        // hwmon and thermal zones print millidegrees Celsius; the hottest sensor is shown.
        std::optional<double> hottest;
        splitLines(m_scratch, *temp, m_overflowed, [&hottest](QByteArrayView l) {
            bool ok = false;
            const double milli = l.trimmed().toDouble(&ok);
            if (ok && milli > -50000 && milli < 200000)
                hottest = std::max(hottest.value_or(milli / 1000.0), milli / 1000.0);
        });
        m_scratch.resize(0);
        if (hottest)
            s.set(Metric::TemperatureC, *hottest);
    }

    if (const QByteArray *vmstat = section(Section::VmStat)) {
        if (m_topBusy)
            s.set(Metric::CpuPercent, *m_topBusy);
        const auto vm = parseVmStat(*vmstat);
        const auto used = vm ? vm->usedBytes() : std::nullopt;
        if (used) {
            s.set(Metric::MemoryUsedMb, double(*used) / (1024.0 * 1024.0));
            if (m_memsize)
                s.set(Metric::MemoryPercent, qBound(0.0, 100.0 * double(*used) / double(*m_memsize), 100.0));
        }
    }
    if (const QByteArray *ioreg = section(Section::Ioreg)) {
        if (const auto g = parseIoregGpu(*ioreg)) {
            if (g->utilizationPercent)
                s.set(Metric::GpuPercent, *g->utilizationPercent);
            if (g->inUseBytes)
                s.set(Metric::GpuMemoryMb, double(*g->inUseBytes) / (1024.0 * 1024.0));
        }
    }
    m_results.append(r);
}
