#include "logdirectory.h"

#include "loglayout.h"

#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

namespace LogDirectory {

QString resolve(const QString &override)
{
    if (!override.isEmpty())
        return QDir::cleanPath(override);
    const QString env = qEnvironmentVariable("PERFDASH_LOG_DIR");
    if (!env.isEmpty())
        return QDir::cleanPath(env);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/performance_logs");
}

QString fileNameFor(qint64 msSinceEpoch)
{
    return QStringLiteral("performance_log_")
        + QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("yyyyMMdd_HHmmss"))
        + QStringLiteral(".csv");
}

QString newestLog(const QString &dir)
{
    // The names hold the start time, so the greatest name is the newest log. A file without a
    // log header (left empty by a start on a full disk, say) is not a log to mark or analyse.
    const QStringList names = QDir(dir).entryList(
        { QStringLiteral("performance_log_*.csv") }, QDir::Files | QDir::Readable, QDir::Name | QDir::Reversed);
    for (const QString &name : names) {
        const QString path = QDir(dir).filePath(name);
        if (LogLayout::fromFile(path).isValid())
            return path;
    }
    return {};
}

QString sidecarFor(const QString &csvPath)
{
    QString path = csvPath;
    if (path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
        path.chop(4);
    return path + QStringLiteral(".json");
}

} // namespace LogDirectory
