#include "machinedescription.h"

#include "meminfoparser.h"

#include <QFile>
#include <QSysInfo>
#include <QThread>

QJsonObject describeThisComputer()
{
    QJsonObject o {
        { QStringLiteral("host"), QSysInfo::machineHostName() },
        { QStringLiteral("os"), QSysInfo::prettyProductName() },
        { QStringLiteral("kernel"), QString(QSysInfo::kernelType() + u' ' + QSysInfo::kernelVersion()) },
        { QStringLiteral("arch"), QSysInfo::currentCpuArchitecture() },
        { QStringLiteral("cpus"), QThread::idealThreadCount() },
    };
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (meminfo.open(QIODevice::ReadOnly)) {
        const MemInfoResult mem = parseMemInfo(meminfo.readAll());
        if (mem.info)
            o.insert(QStringLiteral("memory_mb"), qint64(mem.info->totalKiB / 1024));
    }
    return o;
}
