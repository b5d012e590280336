#include "commandline.h"

#include "session.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cmath>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CommandLine", text);
}

bool parseSeconds(const QString &text, double min, double max, double *out)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < min || v > max)
        return false;
    *out = v;
    return true;
}

QString usage()
{
    return tr("Usage:\n"
              "  perfdash [--interval S] [--log-dir DIR] [--machines FILE] [--no-local] [--accept-new-host-keys]\n"
              "      Open the dashboard, watching this computer and logging every S seconds.\n"
              "  perfdash log [--interval S] [--duration S] [--log-dir DIR] [--machines FILE] [--no-local]\n"
              "               [--accept-new-host-keys]\n"
              "      Record the same CSV log without a window. Ctrl-C or SIGTERM stops it.\n"
              "  perfdash log --single --event LABEL [--notes TEXT] [--log-dir DIR]\n"
              "      Take one snapshot with a marker and append it to the newest log.\n"
              "\n"
              "Options:\n"
              "  --interval S   sampling interval in seconds, 0.1 to 60 (default 1)\n"
              "  --duration S   stop logging after S seconds\n"
              "  --log-dir DIR  where logs are written (default: $PERFDASH_LOG_DIR, else the\n"
              "                 application data directory's performance_logs/)\n"
              "  --machines FILE  the machines to watch, from a JSON file (see the README)\n"
              "  --no-local     do not watch this computer\n"
              "  --accept-new-host-keys  trust SSH host keys not yet in known_hosts and record\n"
              "                 them there (without it, perfdash log refuses them and the\n"
              "                 window asks)\n"
              "  --single       one snapshot, appended to the newest log\n"
              "  --event LABEL  the marker label of the snapshot\n"
              "  --notes TEXT   the marker's notes\n"
              "  -h, --help     show this help\n"
              "  -v, --version  show the version\n");
}
} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine cl;
    QStringList args = arguments;
    if (args.size() > 1 && args[1] == QLatin1String("log")) {
        cl.mode = Mode::Log;
        args.removeAt(1);
    }

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, tr("Show this help."));
    const QCommandLineOption version({ QStringLiteral("v"), QStringLiteral("version") }, tr("Show the version."));
    const QCommandLineOption interval(QStringLiteral("interval"), tr("Sampling interval."), QStringLiteral("S"));
    const QCommandLineOption duration(QStringLiteral("duration"), tr("Stop after S seconds."), QStringLiteral("S"));
    const QCommandLineOption logDir(QStringLiteral("log-dir"), tr("Log directory."), QStringLiteral("DIR"));
    const QCommandLineOption single(QStringLiteral("single"), tr("One snapshot."));
    const QCommandLineOption event(QStringLiteral("event"), tr("Marker label."), QStringLiteral("LABEL"));
    const QCommandLineOption notes(QStringLiteral("notes"), tr("Marker notes."), QStringLiteral("TEXT"));
    const QCommandLineOption machines(QStringLiteral("machines"), tr("Machines file."), QStringLiteral("FILE"));
    const QCommandLineOption noLocal(QStringLiteral("no-local"), tr("Do not watch this computer."));
    const QCommandLineOption acceptNewHostKeys(
        QStringLiteral("accept-new-host-keys"), tr("Trust and record unknown SSH host keys."));
    parser.addOptions(
        { help, version, interval, duration, logDir, single, event, notes, machines, noLocal, acceptNewHostKeys });

    auto fail = [&cl](const QString &message) {
        cl.mode = Mode::Error;
        cl.text = QStringLiteral("perfdash: ") + message + QStringLiteral("\n") + tr("Try 'perfdash --help'.");
        return cl;
    };

    if (!parser.parse(args))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        cl.mode = Mode::Help;
        cl.text = usage();
        return cl;
    }
    if (parser.isSet(version)) {
        cl.mode = Mode::Version;
        cl.text = QStringLiteral("perfdash " PERFDASH_VERSION);
        return cl;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    cl.logDir = parser.value(logDir);
    if (parser.isSet(logDir) && cl.logDir.isEmpty())
        return fail(tr("--log-dir needs a directory"));
    if (parser.isSet(interval)
        && !parseSeconds(parser.value(interval), Session::kMinInterval, Session::kMaxInterval, &cl.interval))
        return fail(tr("--interval must be a number of seconds from 0.1 to 60, not '%1'").arg(parser.value(interval)));

    const bool logOnly = parser.isSet(duration) || parser.isSet(single) || parser.isSet(event) || parser.isSet(notes);
    if (cl.mode != Mode::Log && logOnly)
        return fail(tr("--duration, --single, --event and --notes belong to 'perfdash log'"));
    if (parser.isSet(duration) && !parseSeconds(parser.value(duration), 0.1, 1e9, &cl.duration))
        return fail(tr("--duration must be a positive number of seconds, not '%1'").arg(parser.value(duration)));

    cl.machinesFile = parser.value(machines);
    if (parser.isSet(machines) && cl.machinesFile.isEmpty())
        return fail(tr("--machines needs a file"));
    cl.noLocal = parser.isSet(noLocal);
    cl.acceptNewHostKeys = parser.isSet(acceptNewHostKeys);

    cl.single = parser.isSet(single);
    cl.event = parser.value(event);
    cl.notes = parser.value(notes);
    if (cl.single && cl.event.trimmed().isEmpty())
        return fail(tr("--single needs --event LABEL"));
    if (!cl.single && (parser.isSet(event) || parser.isSet(notes)))
        return fail(tr("--event and --notes go with --single"));
    if (cl.single && parser.isSet(duration))
        return fail(tr("--single takes one snapshot: --duration does not apply"));
    if (cl.single && (parser.isSet(machines) || cl.noLocal))
        return fail(tr("--single takes a snapshot of this computer: --machines and --no-local do not apply"));
    return cl;
}
