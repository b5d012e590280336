#include "appsettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace AppSettings {

namespace {
QSettings store()
{
    return QSettings(QStringLiteral("perfdash"), QStringLiteral("perfdash"));
}
} // namespace

double interval()
{
    return store().value(QStringLiteral("sampling/interval"), 1.0).toDouble();
}

void setInterval(double seconds)
{
    store().setValue(QStringLiteral("sampling/interval"), seconds);
}

qint64 windowMs()
{
    return store().value(QStringLiteral("view/windowMs"), 60'000).toLongLong();
}

void setWindowMs(qint64 ms)
{
    store().setValue(QStringLiteral("view/windowMs"), ms);
}

QStringList presets()
{
    const QStringList defaults = {
        QCoreApplication::translate("AppSettings", "Started batch"),
        QCoreApplication::translate("AppSettings", "Batch complete"),
        QCoreApplication::translate("AppSettings", "Server restarted"),
        QCoreApplication::translate("AppSettings", "Model crashed"),
        QCoreApplication::translate("AppSettings", "Changed model"),
        QCoreApplication::translate("AppSettings", "Slow response"),
    };
    return store().value(QStringLiteral("markers/presets"), defaults).toStringList();
}

void setPresets(const QStringList &presets)
{
    store().setValue(QStringLiteral("markers/presets"), presets);
}

QByteArray geometry()
{
    return store().value(QStringLiteral("window/geometry")).toByteArray();
}

void setGeometry(const QByteArray &geometry)
{
    store().setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray windowState()
{
    return store().value(QStringLiteral("window/state")).toByteArray();
}

void setWindowState(const QByteArray &state)
{
    store().setValue(QStringLiteral("window/state"), state);
}

QString theme()
{
    return store().value(QStringLiteral("view/theme"), QStringLiteral("system")).toString();
}

void setTheme(const QString &theme)
{
    store().setValue(QStringLiteral("view/theme"), theme);
}

QString timeZone()
{
    return store().value(QStringLiteral("view/timeZone"), QStringLiteral("log")).toString();
}

void setTimeZone(const QString &zone)
{
    store().setValue(QStringLiteral("view/timeZone"), zone);
}

QByteArray analysisLayout()
{
    return store().value(QStringLiteral("window/analysisLayout")).toByteArray();
}

void setAnalysisLayout(const QByteArray &state)
{
    store().setValue(QStringLiteral("window/analysisLayout"), state);
}

QList<MachineConfig> machines()
{
    // Written by setMachines, so valid; an entry someone broke by hand is left out.
    return parseMachinesJson(store().value(QStringLiteral("machines/json")).toString().toUtf8()).machines;
}

QList<PrometheusServerConfig> prometheusServers()
{
    return parseMachinesJson(store().value(QStringLiteral("machines/json")).toString().toUtf8()).prometheus;
}

void setMachines(const QList<MachineConfig> &machines, const QList<PrometheusServerConfig> &prometheus)
{
    store().setValue(QStringLiteral("machines/json"), QString::fromUtf8(machinesToJson(machines, prometheus)));
}

AnalysisThresholds analysisThresholds()
{
    const QSettings s = store();
    AnalysisThresholds t;
    t.cpuPercent = s.value(QStringLiteral("analysis/cpuThreshold"), t.cpuPercent).toDouble();
    t.lowTokensPerSecond = s.value(QStringLiteral("analysis/lowTokensPerSecond"), t.lowTokensPerSecond).toDouble();
    t.gapFactor = s.value(QStringLiteral("analysis/gapFactor"), t.gapFactor).toDouble();
    return t;
}

void setAnalysisThresholds(const AnalysisThresholds &t)
{
    QSettings s = store();
    s.setValue(QStringLiteral("analysis/cpuThreshold"), t.cpuPercent);
    s.setValue(QStringLiteral("analysis/lowTokensPerSecond"), t.lowTokensPerSecond);
    s.setValue(QStringLiteral("analysis/gapFactor"), t.gapFactor);
}

bool httpEnabled()
{
    return store().value(QStringLiteral("http/enabled"), false).toBool();
}

QString exportDirectory()
{
    const QStringList candidates = { store().value(QStringLiteral("export/dir")).toString(),
        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation), QDir::homePath() };
    for (const QString &dir : candidates) {
        if (!dir.isEmpty() && QFileInfo(dir).isDir())
            return dir;
    }
    return QDir::currentPath();
}

void setExportDirectory(const QString &dir)
{
    store().setValue(QStringLiteral("export/dir"), dir);
}

QString httpBind()
{
    return store().value(QStringLiteral("http/bind"), QStringLiteral("127.0.0.1:8765")).toString();
}

QString httpToken()
{
    return store().value(QStringLiteral("http/token")).toString();
}

void setHttp(bool enabled, const QString &bind, const QString &token)
{
    QSettings s = store();
    s.setValue(QStringLiteral("http/enabled"), enabled);
    s.setValue(QStringLiteral("http/bind"), bind);
    s.setValue(QStringLiteral("http/token"), token);
}

QStringList recentLogs()
{
    return store().value(QStringLiteral("analysis/recentLogs")).toStringList();
}

void addRecentLog(const QString &path)
{
    QStringList logs = recentLogs();
    logs.removeAll(path);
    logs.prepend(path);
    while (logs.size() > 10)
        logs.removeLast();
    store().setValue(QStringLiteral("analysis/recentLogs"), logs);
}

} // namespace AppSettings
