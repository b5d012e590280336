#include "metricsexposition.h"

#include "machinemonitor.h"
#include "session.h"

#include <QLocale>

#include <cmath>

namespace MetricsExposition {

namespace {
struct Family
{
    const char *name;
    const char *type;
    const char *help;
    Metric metric;
    double scale; // to the family's unit (MiB to bytes)
};

const Family kFamilies[] = {
    { "perfdash_cpu_percent", "gauge", "Whole-machine CPU busy over the last interval, 0..100.", Metric::CpuPercent,
        1 },
    { "perfdash_memory_percent", "gauge", "Used memory / total memory, 0..100.", Metric::MemoryPercent, 1 },
    { "perfdash_memory_used_bytes", "gauge", "Used memory in bytes.", Metric::MemoryUsedMb, 1024.0 * 1024.0 },
    { "perfdash_server_up", "gauge", "1 when the model server answered its check, 0 when it did not.", Metric::ServerUp,
        1 },
    { "perfdash_tokens_per_second", "gauge", "Generated tokens per second over the last interval.",
        Metric::TokensPerSecond, 1 },
    { "perfdash_active_requests", "gauge", "Requests being processed.", Metric::ActiveRequests, 1 },
    { "perfdash_requests_total", "counter", "Requests completed, as the model server reports them.",
        Metric::RequestsTotal, 1 },
    { "perfdash_gpu_percent", "gauge", "GPU busy, 0..100.", Metric::GpuPercent, 1 },
    { "perfdash_gpu_memory_used_bytes", "gauge", "GPU memory in use in bytes.", Metric::GpuMemoryMb, 1024.0 * 1024.0 },
    { "perfdash_temperature_celsius", "gauge", "Hottest CPU/SoC sensor.", Metric::TemperatureC, 1 },
};

QByteArray labelValue(const QString &text)
{
    QByteArray out;
    for (const char c : text.toUtf8()) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

QByteArray number(double v)
{
    return QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
}

void header(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}
} // namespace

QByteArray format(const Session &session, qint64 nowMs)
{
    QByteArray out;
    const QList<MachineMonitor *> &machines = session.machines();
    for (const Family &f : kFamilies) {
        QByteArray lines;
        for (const MachineMonitor *m : machines) {
            if (m->history().isEmpty())
                continue;
            const double v = m->history().last().value(f.metric);
            if (std::isnan(v))
                continue;
            lines
                += QByteArray(f.name) + "{machine=\"" + labelValue(m->info().id) + "\"} " + number(v * f.scale) + '\n';
        }
        if (lines.isEmpty())
            continue;
        header(out, f.name, f.type, f.help);
        out += lines;
    }
    QByteArray ages;
    for (const MachineMonitor *m : machines) {
        if (m->history().isEmpty())
            continue;
        const double age = std::max<qint64>(0, nowMs - m->history().last().timeMs) / 1000.0;
        ages += "perfdash_sample_age_seconds{machine=\"" + labelValue(m->info().id) + "\"} " + number(age) + '\n';
    }
    if (!ages.isEmpty()) {
        header(out, "perfdash_sample_age_seconds", "gauge", "Seconds since the machine's latest sample.");
        out += ages;
    }
    header(out, "perfdash_markers", "gauge", "Markers in the current session.");
    out += "perfdash_markers " + QByteArray::number(session.markers()->markers().size()) + '\n';
    return out;
}

} // namespace MetricsExposition
