#include "markcommand.h"

#include "commandline.h"
#include "controlclient.h"
#include "controlprotocol.h"
#include "logdirectory.h"
#include "sessionlog.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

#include <cstdio>

using Terminal::fail;
using Terminal::print;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MarkCommand", text);
}

// No perfdash runs for the directory: the marker becomes a row of its newest log.
int appendToNewestLog(const CommandLine &options, const QString &dir)
{
    const QString newest = LogDirectory::newestLog(dir);
    if (newest.isEmpty())
        return fail(tr("no perfdash is running for %1 and it holds no log to mark").arg(dir));
    SessionLog log;
    QString error;
    if (!log.openForAppend(newest, &error))
        return fail(error);
    if (!log.tailNote().isEmpty())
        std::fputs(qPrintable(QStringLiteral("perfdash: note: ") + log.tailNote() + u'\n'), stderr);
    QStringList machines;
    for (const LogLayout::Column &c : log.layout().columns()) {
        if (!c.machine.isEmpty() && !machines.contains(c.machine))
            machines << c.machine;
    }
    if (!options.machine.isEmpty() && !machines.contains(options.machine)) {
        return fail(tr("no machine '%1' in %2 (machines: %3)")
                        .arg(options.machine, newest, machines.join(QStringLiteral(", "))));
    }
    Marker marker;
    marker.timeMs = QDateTime::currentMSecsSinceEpoch();
    marker.label = options.label;
    marker.recordedLabel = options.label;
    marker.notes = options.notes;
    marker.machine = options.machine;
    log.setLockWaitMs(10'000);
    if (!log.write(log.layout().markerRow(marker), &error))
        return fail(error);
    std::fputs(qPrintable(newest + u'\n'), stdout);
    return 0;
}
} // namespace

int runMark(const CommandLine &options)
{
    const QString dir = LogDirectory::resolve(options.logDir);
    const QJsonObject request {
        { QStringLiteral("op"), QStringLiteral("mark") },
        { QStringLiteral("label"), options.label },
        { QStringLiteral("notes"), options.notes },
        { QStringLiteral("machine"), options.machine },
    };
    const ControlClient::Reply reply = ControlClient::request(dir, request);
    switch (reply.outcome) {
    case ControlClient::Reply::NoInstance:
        return appendToNewestLog(options, dir);
    case ControlClient::Reply::Failed:
        return fail(reply.error);
    case ControlClient::Reply::Answered:
        break;
    }
    if (!reply.answer.value(QStringLiteral("ok")).toBool())
        return fail(reply.answer.value(QStringLiteral("error")).toString());
    const QString warning = reply.answer.value(QStringLiteral("warning")).toString();
    if (!warning.isEmpty())
        std::fputs(qPrintable(QStringLiteral("perfdash: warning: ") + warning + u'\n'), stderr);
    const QString csv = reply.answer.value(QStringLiteral("csv")).toString();
    if (!csv.isEmpty())
        std::fputs(qPrintable(csv + u'\n'), stdout);
    return 0;
}
