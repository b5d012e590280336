#pragma once

#include "analysisresult.h"
#include "machineconfig.h"

#include <QByteArray>
#include <QStringList>

// The settings the window keeps between runs (QSettings, perfdash/perfdash).
namespace AppSettings {

double interval();
void setInterval(double seconds);
qint64 windowMs();
void setWindowMs(qint64 ms);
QStringList presets();
void setPresets(const QStringList &presets);
QByteArray geometry();
void setGeometry(const QByteArray &geometry);
QByteArray windowState();
void setWindowState(const QByteArray &state);
// View → Theme: "system" (the default), "light" or "dark".
QString theme();
void setTheme(const QString &theme);
// View → Time zone of the Analysis tab and its reports: "log" (the log's own UTC offset, the
// default) or "local" (this computer's time zone).
QString timeZone();
void setTimeZone(const QString &zone);
// The Analysis tab's splitters (charts and tables, the log list) as the person left them.
QByteArray analysisLayout();
void setAnalysisLayout(const QByteArray &state);
// The machines and Prometheus servers of the machines dialog, as the JSON of a machines file under
// "machines/json".
QList<MachineConfig> machines();
QList<PrometheusServerConfig> prometheusServers();
void setMachines(const QList<MachineConfig> &machines, const QList<PrometheusServerConfig> &prometheus);
// The Analysis tab's thresholds (defaults: CPU > 80 %, tokens/s < 10, gap > 3 x the median interval).
AnalysisThresholds analysisThresholds();
void setAnalysisThresholds(const AnalysisThresholds &thresholds);
// The window's HTTP API: on or off, where it listens, and its token (empty: none on loopback,
// generated off loopback).
bool httpEnabled();
QString httpBind();
QString httpToken();
void setHttp(bool enabled, const QString &bind, const QString &token);
// Where chart exports go first: the folder of the last one, else Pictures, else home, whichever
// exists first (a fresh account may have no Pictures folder).
QString exportDirectory();
void setExportDirectory(const QString &dir);
// The logs opened in the Analysis tab, the latest first (at most 10).
QStringList recentLogs();
void addRecentLog(const QString &path);

} // namespace AppSettings
