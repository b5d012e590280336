#include "prometheusanalyze.h"

#include "analysis.h"
#include "analysisjson.h"
#include "analysisreport.h"
#include "commandline.h"
#include "fleetquery.h"
#include "logdirectory.h"
#include "logreader.h"
#include "outputfile.h"
#include "prometheusclient.h"
#include "prometheushistory.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

using Terminal::fail;
using Terminal::print;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AnalyzeCommand", text);
}

// The markers of the logs in `dir` between fromMs and toMs, in time order. A log that started
// after toMs, or was last written before fromMs, is not read.
QList<LogMarkerRow> markersBetween(const QString &dir, qint64 fromMs, qint64 toMs)
{
    QList<LogMarkerRow> markers;
    const QFileInfoList files
        = QDir(dir).entryInfoList({ QStringLiteral("performance_log_*.csv") }, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        const QDateTime started
            = QDateTime::fromString(file.completeBaseName().mid(16), QStringLiteral("yyyyMMdd_HHmmss"));
        if ((started.isValid() && started.toMSecsSinceEpoch() > toMs)
            || file.lastModified().toMSecsSinceEpoch() < fromMs)
            continue;
        const LogReadResult read = LogReader::read(file.filePath());
        if (!read.data)
            continue;
        for (const LogMarkerRow &m : read.data->markers) {
            if (m.timeMs >= fromMs && m.timeMs <= toMs)
                markers << m;
        }
    }
    std::stable_sort(markers.begin(), markers.end(),
        [](const LogMarkerRow &a, const LogMarkerRow &b) { return a.timeMs < b.timeMs; });
    return markers;
}

// Waits on the event loop for the client's answer (the command line has nothing else to do).
template<typename Answer, typename Start> Answer await(Start start)
{
    Answer answer;
    QEventLoop loop;
    start([&](const Answer &a) {
        answer = a;
        loop.quit();
    });
    loop.exec();
    return answer;
}
} // namespace

int runPrometheusAnalyze(const CommandLine &options)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 fromMs = 0;
    qint64 toMs = 0;
    if (!PrometheusHistory::parseTime(options.from, now, &fromMs))
        return fail(tr("--from: '%1' is no time (ISO 8601, -2h, -30m, now)").arg(options.from));
    if (!PrometheusHistory::parseTime(options.to, now, &toMs))
        return fail(tr("--to: '%1' is no time (ISO 8601, -2h, -30m, now)").arg(options.to));
    if (toMs <= fromMs)
        return fail(tr("--to must be after --from"));
    QString error;
    const std::optional<QString> selector = FleetQuery::normalizeSelector(options.prometheusSelector, &error);
    if (!selector)
        return fail(error);
    PrometheusClient::Options clientOptions;
    clientOptions.url = QUrl(options.prometheusUrl);
    clientOptions.timeoutMs = 30000;
    PrometheusClient client(clientOptions);

    const PromTargetsAnswer targets
        = await<PromTargetsAnswer>([&](const PrometheusClient::TargetsCallback &done) { client.targets(done); });
    if (!targets.ok)
        return fail(tr("Prometheus %1: %2").arg(options.prometheusUrl, targets.error));
    qint64 scrapeMs = 0;
    for (const PromTarget &t : targets.targets) {
        if (t.scrapeIntervalMs > 0)
            scrapeMs = scrapeMs == 0 ? t.scrapeIntervalMs : std::min(scrapeMs, t.scrapeIntervalMs);
    }
    FleetIds ids;
    const qint64 stepMs = options.stepSeconds > 0 ? qint64(options.stepSeconds * 1000) : 0;
    const PrometheusHistory::Result history
        = await<PrometheusHistory::Result>([&](const PrometheusHistory::Callback &done) {
              PrometheusHistory::fetch(&client, &ids, *selector, fromMs, toMs, stepMs, scrapeMs, done);
          });
    if (!history.error.isEmpty())
        return fail(tr("Prometheus %1: %2").arg(options.prometheusUrl, history.error));
    for (const QString &w : history.warnings)
        std::fputs(qPrintable(tr("perfdash: Prometheus warning: %1").arg(w) + u'\n'), stderr);

    LogData data = PrometheusHistory::toLogData(history.frames);
    data.markers = markersBetween(LogDirectory::resolve(options.logDir), fromMs, toMs);
    AnalysisThresholds thresholds;
    if (options.cpuThreshold >= 0)
        thresholds.cpuPercent = options.cpuThreshold;
    if (options.lowTokensPerSecond >= 0)
        thresholds.lowTokensPerSecond = options.lowTokensPerSecond;
    RunSelection selection = RunSelection::all();
    if (options.run == QLatin1String("latest"))
        selection = RunSelection::latest();
    else if (options.run != QLatin1String("all"))
        selection = RunSelection::run(options.run.toInt());
    AnalysisResult result = Analysis::analyze(data, thresholds, selection);
    result.file = options.prometheusUrl;
    if (!result.error.isEmpty())
        return fail(options.prometheusUrl + QStringLiteral(": ") + result.error);

    const auto json = [&result] { return QJsonDocument(AnalysisJson::toJson(result)).toJson(QJsonDocument::Indented); };
    if (options.jsonOut == QLatin1String("-")) {
        print(json());
        return 0;
    }
    print(AnalysisReport::text(result).toUtf8());
    if (!options.jsonOut.isEmpty() && !OutputFile::write(options.jsonOut, json(), &error))
        return fail(tr("cannot write %1: %2").arg(options.jsonOut, error));
    return 0;
}
