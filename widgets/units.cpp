#include "units.h"

#include <QCoreApplication>

#include <cmath>

namespace Units {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Units", text);
}
} // namespace

QString formatMetric(Metric metric, double value)
{
    if (std::isnan(value))
        return tr("n/a");
    switch (metric) {
    case Metric::CpuPercent:
    case Metric::MemoryPercent:
    case Metric::GpuPercent:
        return QString::number(value, 'f', 1) + QStringLiteral(" %");
    case Metric::MemoryUsedMb:
    case Metric::GpuMemoryMb:
        return formatMebibytes(value);
    case Metric::ServerUp:
        return value > 0.5 ? tr("up") : tr("down");
    case Metric::TokensPerSecond:
        return tr("%1 tok/s").arg(value, 0, 'f', 1);
    case Metric::ActiveRequests:
    case Metric::RequestsTotal:
        return QString::number(qint64(std::llround(value)));
    case Metric::TemperatureC:
        return QString::number(value, 'f', 1) + QStringLiteral(" °C");
    }
    return QString::number(value);
}

QString formatMebibytes(double mib)
{
    if (mib >= 1024.0)
        return tr("%1 GiB").arg(mib / 1024.0, 0, 'f', 1);
    return tr("%1 MiB").arg(mib, 0, 'f', 0);
}

QString formatSpan(qint64 ms)
{
    // (Counts go through locals: Qt 6.4's lupdate hangs on arithmetic inside translate()'s arguments.)
    const int seconds = int(ms / 1000);
    const int hours = seconds / 3600;
    const int minutes = seconds / 60;
    if (hours > 0 && seconds % 3600 == 0)
        return QCoreApplication::translate("Units", "%n h", nullptr, hours);
    if (minutes > 0 && seconds % 60 == 0)
        return QCoreApplication::translate("Units", "%n min", nullptr, minutes);
    return QCoreApplication::translate("Units", "%n s", nullptr, seconds);
}

QString formatClock(const QString &iso, bool withDate)
{
    // "2026-11-22T14:30:22.125+01:00": the date is 0–9, the clock 11–18.
    if (iso.size() < 19 || iso[10] != u'T')
        return iso;
    return withDate ? iso.mid(5, 5) + u' ' + iso.mid(11, 8) : iso.mid(11, 8);
}

bool spansDays(const QString &firstIso, const QString &lastIso)
{
    return QStringView(firstIso).left(10) != QStringView(lastIso).left(10);
}

} // namespace Units
