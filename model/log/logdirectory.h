#pragma once

#include <QString>

// Where session logs live and what they are called (LOG_FORMAT.md, "File").
namespace LogDirectory {

// --log-dir, else $PERFDASH_LOG_DIR, else performance_logs/ under the application data directory.
QString resolve(const QString &override = {});
// performance_log_YYYYMMDD_HHMMSS.csv for the local time of msSinceEpoch.
QString fileNameFor(qint64 msSinceEpoch);
// The log with the latest start time in dir that has a log header, or empty when there is none.
QString newestLog(const QString &dir);
// performance_log_….json beside a log.
QString sidecarFor(const QString &csvPath);

} // namespace LogDirectory
