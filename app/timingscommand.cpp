#include "timingscommand.h"

#include "commandline.h"
#include "outputfile.h"
#include "terminal.h"
#include "timingreader.h"
#include "timingreport.h"
#include "timingstats.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>

#include <cstdio>

using Terminal::fail;
using Terminal::print;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TimingsCommand", text);
}

} // namespace

int runTimings(const CommandLine &options)
{
    QString path = options.path;
    if (path.isEmpty()) {
        path = QStringLiteral("performance_logs");
        if (!QDir(path).exists())
            return fail(tr("no FILE or DIR given, and no performance_logs directory here"));
    }
    const TimingReadResult read = TimingReader::read(path);
    if (!read.data)
        return fail(read.error);

    TimingSelection selection = TimingSelection::latest();
    if (options.run == QLatin1String("all"))
        selection = TimingSelection::all();
    else if (options.run != QLatin1String("latest"))
        selection = TimingSelection::number(options.run.toInt());
    const TimingSummary summary = TimingStats::summarize(*read.data, selection);
    if (!summary.error.isEmpty()) {
        const QString first = read.data->warnings.isEmpty()
            ? QString()
            : tr(" (%1 warnings; line %2: %3)")
                  .arg(read.data->warnings.size() + read.data->warningsNotListed)
                  .arg(read.data->warnings.first().line)
                  .arg(read.data->warnings.first().message);
        return fail(path + QStringLiteral(": ") + summary.error + first);
    }

    const auto json
        = [&] { return QJsonDocument(TimingReport::toJson(*read.data, summary)).toJson(QJsonDocument::Indented); };
    if (options.jsonOut == QLatin1String("-")) {
        print(json());
        return 0;
    }
    print(TimingReport::text(*read.data, summary, path, options.top).toUtf8());
    if (!options.jsonOut.isEmpty()) {
        QString error;
        if (!OutputFile::write(options.jsonOut, json(), &error))
            return fail(tr("cannot write %1: %2").arg(options.jsonOut, error));
    }
    return 0;
}
