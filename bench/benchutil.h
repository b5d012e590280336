#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <sys/types.h>

// Small helpers shared by the benchmarks: process memory and CPU time from the kernel, medians,
// and one printed line per figure.
namespace Bench {

// A "VmHWM:" style field of /proc/<pid>/status in KiB, or -1 when the process or field is gone.
inline qint64 statusKiB(const QByteArray &field, pid_t pid = 0)
{
    QFile file(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = field + ':';
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(prefix)) {
            const QByteArray value = line.mid(prefix.size()).trimmed();
            bool ok = false;
            const qint64 kib = value.left(value.indexOf(' ')).toLongLong(&ok);
            return ok ? kib : -1;
        }
    }
    return -1;
}

inline double mib(qint64 kib)
{
    return double(kib) / 1024.0;
}

// User + system CPU seconds of this process (RUSAGE_SELF) or of its waited-for children.
inline double cpuSeconds(int who = RUSAGE_SELF)
{
    rusage usage {};
    getrusage(who, &usage);
    auto seconds = [](const timeval &tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

inline double median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

inline double minimum(const QList<double> &values)
{
    return values.isEmpty() ? 0.0 : *std::min_element(values.begin(), values.end());
}

inline double maximum(const QList<double> &values)
{
    return values.isEmpty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

// A figure with three significant digits, never in exponent form: 0.0123, 1.23, 12.3, 123, 12345.
inline QByteArray figure(double value)
{
    const double magnitude = value < 0 ? -value : value;
    const int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.1 ? 3 : 4;
    return QByteArray::number(value, 'f', decimals);
}

// One figure: "name: value unit (target ...)", flushed at once so a slow run shows progress.
inline void report(const char *name, double value, const char *unit, const char *target = nullptr, bool met = true)
{
    if (target)
        std::printf(
            "%s: %s %s (target %s)%s\n", name, figure(value).constData(), unit, target, met ? "" : "  ** MISSED **");
    else
        std::printf("%s: %s %s\n", name, figure(value).constData(), unit);
    std::fflush(stdout);
}

inline void note(const QString &text)
{
    std::printf("  %s\n", qPrintable(text));
    std::fflush(stdout);
}

} // namespace Bench
