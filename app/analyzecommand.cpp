#include "analyzecommand.h"

#include "analysis.h"
#include "analysisjson.h"
#include "analysisreport.h"
#include "commandline.h"
#include "logdirectory.h"
#include "logreader.h"
#include "outputfile.h"
#include "prometheusanalyze.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QDir>
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

} // namespace

int runAnalyze(const CommandLine &options)
{
    if (!options.prometheusUrl.isEmpty())
        return runPrometheusAnalyze(options);
    QString path = options.path;
    if (path.isEmpty()) {
        const QString dir = LogDirectory::resolve(options.logDir);
        path = LogDirectory::newestLog(dir);
        if (path.isEmpty())
            return fail(tr("no session log (performance_log_*.csv) in %1").arg(QDir::toNativeSeparators(dir)));
    } else if (QFileInfo(path).isDir()) {
        const QString newest = LogDirectory::newestLog(path);
        if (newest.isEmpty())
            return fail(tr("%1: a directory without session logs (performance_log_*.csv)").arg(path));
        path = newest;
    }

    const LogReadResult read = LogReader::read(path);
    if (!read.data)
        return fail(read.error);

    AnalysisThresholds thresholds;
    if (options.cpuThreshold >= 0)
        thresholds.cpuPercent = options.cpuThreshold;
    if (options.lowTokensPerSecond >= 0)
        thresholds.lowTokensPerSecond = options.lowTokensPerSecond;
    RunSelection selection = RunSelection::latest();
    if (options.run == QLatin1String("all"))
        selection = RunSelection::all();
    else if (options.run != QLatin1String("latest"))
        selection = RunSelection::run(options.run.toInt());

    AnalysisResult result = Analysis::analyze(*read.data, thresholds, selection);
    result.file = path;
    if (!result.error.isEmpty())
        return fail(path + QStringLiteral(": ") + result.error);

    // The JSON of a log with many issues takes longer to build than the analysis: only on demand.
    const auto json = [&result] { return QJsonDocument(AnalysisJson::toJson(result)).toJson(QJsonDocument::Indented); };
    if (options.jsonOut == QLatin1String("-")) {
        print(json());
        return 0;
    }
    print(AnalysisReport::text(result).toUtf8());
    if (!options.jsonOut.isEmpty()) {
        QString error;
        if (!OutputFile::write(options.jsonOut, json(), &error))
            return fail(tr("cannot write %1: %2").arg(options.jsonOut, error));
    }
    return 0;
}
