#include "commandline.h"

#include "httpbind.h"
#include "marker.h"
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
              "  perfdash analyze [FILE|DIR] [--json OUT] [--cpu-threshold N] [--low-tps N]\n"
              "                   [--run latest|all|N] [--log-dir DIR]\n"
              "      Analyse a log (default: the newest of the log directory, or of DIR) and print\n"
              "      its summary, per-machine statistics and issue periods.\n"
              "  perfdash analyze --prometheus URL --from T [--to T] [--selector SEL] [--step S]\n"
              "                   [--json OUT] [--cpu-threshold N] [--low-tps N] [--log-dir DIR]\n"
              "      Analyse what a Prometheus server holds of its machines from T to T (ISO 8601,\n"
              "      or relative: -2h, -30m, now), with the markers of the logs in DIR.\n"
              "  perfdash timings [FILE|DIR] [--run latest|all|N] [--json OUT] [--top N]\n"
              "      Read the timing logs of an instrumented program (JSON lines, timing_results.csv,\n"
              "      collector exports, per-request CSVs, Chrome traces; default ./performance_logs)\n"
              "      and print per-function statistics by total time, and the runs.\n"
              "  perfdash mark LABEL [--notes TEXT] [--machine ID] [--log-dir DIR]\n"
              "      Put a marker on the charts of the perfdash running for DIR, or, when none runs,\n"
              "      append it to the newest log there.\n"
              "  perfdash [options] FILE.csv\n"
              "      Open a log in the Analysis tab (of the perfdash already running, when there is one).\n"
              "\n"
              "Options:\n"
              "  --interval S   sampling interval in seconds, 0.1 to 60 (default 1)\n"
              "  --duration S   stop logging after S seconds\n"
              "  --log-dir DIR  where logs are written (default: $PERFDASH_LOG_DIR, else the\n"
              "                 application data directory's performance_logs/)\n"
              "  --machines FILE  the machines to watch, from a JSON file (see the README)\n"
              "  --no-local     do not watch this computer\n"
              "  --prometheus URL  also watch the machines of this Prometheus server (its targets)\n"
              "  --prometheus-selector SEL  only its targets matching SEL, e.g. job=\"node\"\n"
              "  --accept-new-host-keys  trust SSH host keys not yet in known_hosts and record\n"
              "                 them there (without it, perfdash log refuses them and the\n"
              "                 window asks)\n"
              "  --single       one snapshot, appended to the newest log\n"
              "  --event LABEL  the marker label of the snapshot\n"
              "  --notes TEXT   the marker's notes\n"
              "  --json OUT     also write the analysis as JSON to OUT ('-': standard output only)\n"
              "  --cpu-threshold N  high CPU above N percent (default 80)\n"
              "  --low-tps N    low performance below N tokens/s while busy (default 10)\n"
              "  --run R        the latest run (default), all (the whole file) or run number N\n"
              "  --top N        perfdash timings: print the N functions of largest total (default 20; 0: all)\n"
              "  --machine ID   the machine a mark is about (default: all)\n"
              "  --http ADDR:PORT  serve the HTTP API there (e.g. 127.0.0.1:8765; port 0: any free)\n"
              "  --http-token TOKEN  the bearer token the HTTP API asks for (needed off loopback;\n"
              "                 generated and shown when not given)\n"
              "  -h, --help     show this help\n"
              "  -v, --version  show the version\n");
}

// Qt's own options of every GUI program (QGuiApplication, QApplication), which the window's
// QApplication takes from argv itself: `-platform xcb`, `-style fusion`, `-stylesheet x.qss`, …,
// with one dash or two, the value after a space or an '='.
QStringList withoutQtOptions(const QStringList &args)
{
    static const QStringList withValue = { QStringLiteral("platform"), QStringLiteral("platformpluginpath"),
        QStringLiteral("platformtheme"), QStringLiteral("plugin"), QStringLiteral("qwindowgeometry"),
        QStringLiteral("geometry"), QStringLiteral("qwindowicon"), QStringLiteral("qwindowtitle"),
        QStringLiteral("title"), QStringLiteral("session"), QStringLiteral("display"), QStringLiteral("style"),
        QStringLiteral("stylesheet"), QStringLiteral("name") };
    static const QStringList flags = { QStringLiteral("reverse"), QStringLiteral("widgetcount"),
        QStringLiteral("nograb"), QStringLiteral("dograb"), QStringLiteral("sync"), QStringLiteral("qmljsdebugger") };
    QStringList kept;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (i == 0 || !arg.startsWith(u'-') || arg == QLatin1String("--")) {
            kept << arg;
            continue;
        }
        QString name = arg.mid(arg.startsWith(QLatin1String("--")) ? 2 : 1);
        const qsizetype equals = name.indexOf(u'=');
        const bool inlineValue = equals >= 0;
        if (inlineValue)
            name.truncate(equals);
        if (withValue.contains(name)) {
            if (!inlineValue)
                ++i; // its value
        } else if (!flags.contains(name)) {
            kept << arg;
        }
    }
    return kept;
}
// --run latest|all|N into cl.run; false when it is none of them.
bool parseRun(const QString &value, CommandLine &cl)
{
    cl.run = value.trimmed().toLower();
    bool ok = false;
    const int n = cl.run.toInt(&ok);
    return cl.run == QLatin1String("latest") || cl.run == QLatin1String("all") || (ok && n >= 1);
}

// `perfdash timings [FILE|DIR] [--run latest|all|N] [--json OUT] [--top N]`.
template<typename Fail> CommandLine parseTimings(const QCommandLineParser &parser, CommandLine &cl, Fail fail)
{
    static const QStringList allowed { QStringLiteral("json"), QStringLiteral("run"), QStringLiteral("top") };
    for (const QString &name : parser.optionNames()) {
        if (!allowed.contains(name))
            return fail(tr("'perfdash timings' takes FILE|DIR, --run, --json and --top, not --%1").arg(name));
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(tr("unexpected argument '%1'").arg(positional[1]));
    cl.path = positional.value(0);
    cl.jsonOut = parser.value(QStringLiteral("json"));
    if (parser.isSet(QStringLiteral("json")) && cl.jsonOut.isEmpty())
        return fail(tr("--json needs a file"));
    if (parser.isSet(QStringLiteral("run")) && !parseRun(parser.value(QStringLiteral("run")), cl))
        return fail(
            tr("--run must be latest, all or a run number from 1, not '%1'").arg(parser.value(QStringLiteral("run"))));
    if (parser.isSet(QStringLiteral("top"))) {
        bool ok = false;
        cl.top = parser.value(QStringLiteral("top")).toInt(&ok);
        if (!ok || cl.top < 0)
            return fail(
                tr("--top must be a count of functions, 0 or more, not '%1'").arg(parser.value(QStringLiteral("top"))));
    }
    return cl;
}
} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine cl;
    QStringList args = arguments;
    const bool subcommand = args.size() > 1
        && (args[1] == QLatin1String("log") || args[1] == QLatin1String("analyze") || args[1] == QLatin1String("mark")
            || args[1] == QLatin1String("timings"));
    if (!subcommand)
        args = withoutQtOptions(args); // the window's QApplication takes them
    if (args.size() > 1 && args[1] == QLatin1String("log")) {
        cl.mode = Mode::Log;
        args.removeAt(1);
    } else if (args.size() > 1 && args[1] == QLatin1String("analyze")) {
        cl.mode = Mode::Analyze;
        args.removeAt(1);
    } else if (args.size() > 1 && args[1] == QLatin1String("timings")) {
        cl.mode = Mode::Timings;
        args.removeAt(1);
    } else if (args.size() > 1 && args[1] == QLatin1String("mark")) {
        cl.mode = Mode::Mark;
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
    const QCommandLineOption machine(QStringLiteral("machine"), tr("Marked machine."), QStringLiteral("ID"));
    const QCommandLineOption http(QStringLiteral("http"), tr("HTTP API address."), QStringLiteral("ADDR:PORT"));
    const QCommandLineOption httpToken(QStringLiteral("http-token"), tr("HTTP API token."), QStringLiteral("TOKEN"));
    const QCommandLineOption json(QStringLiteral("json"), tr("JSON output."), QStringLiteral("OUT"));
    const QCommandLineOption cpuThreshold(QStringLiteral("cpu-threshold"), tr("CPU threshold."), QStringLiteral("N"));
    const QCommandLineOption lowTps(QStringLiteral("low-tps"), tr("Tokens/s threshold."), QStringLiteral("N"));
    const QCommandLineOption run(QStringLiteral("run"), tr("Run."), QStringLiteral("R"));
    const QCommandLineOption top(QStringLiteral("top"), tr("Functions printed."), QStringLiteral("N"));
    const QCommandLineOption acceptNewHostKeys(
        QStringLiteral("accept-new-host-keys"), tr("Trust and record unknown SSH host keys."));
    const QCommandLineOption prometheus(QStringLiteral("prometheus"), tr("Prometheus server."), QStringLiteral("URL"));
    const QCommandLineOption prometheusSelector(
        QStringLiteral("prometheus-selector"), tr("Prometheus selector."), QStringLiteral("SEL"));
    const QCommandLineOption selector(QStringLiteral("selector"), tr("Prometheus selector."), QStringLiteral("SEL"));
    const QCommandLineOption from(QStringLiteral("from"), tr("Start of the range."), QStringLiteral("T"));
    const QCommandLineOption to(QStringLiteral("to"), tr("End of the range."), QStringLiteral("T"));
    const QCommandLineOption step(QStringLiteral("step"), tr("Step of the range."), QStringLiteral("S"));
    parser.addOptions({ help, version, interval, duration, logDir, single, event, notes, machines, noLocal, machine,
        http, httpToken, json, cpuThreshold, lowTps, run, top, acceptNewHostKeys, prometheus, prometheusSelector,
        selector, from, to, step });

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
    if (cl.mode == Mode::Timings)
        return parseTimings(parser, cl, fail);
    if (parser.isSet(top))
        return fail(tr("--top belongs to 'perfdash timings'"));
    const bool analyzeOnly
        = parser.isSet(json) || parser.isSet(cpuThreshold) || parser.isSet(lowTps) || parser.isSet(run);
    if (cl.mode != Mode::Analyze && analyzeOnly)
        return fail(tr("--json, --cpu-threshold, --low-tps and --run belong to 'perfdash analyze'"));
    if (cl.mode == Mode::Analyze) {
        const bool other = parser.isSet(interval) || parser.isSet(duration) || parser.isSet(single)
            || parser.isSet(event) || parser.isSet(notes) || parser.isSet(machines) || parser.isSet(noLocal)
            || parser.isSet(machine) || parser.isSet(http) || parser.isSet(httpToken)
            || parser.isSet(acceptNewHostKeys);
        if (other)
            return fail(tr("'perfdash analyze' takes FILE|DIR, --json, --cpu-threshold, --low-tps, --run and "
                           "--log-dir, or --prometheus URL with --from, --to, --selector and --step"));
        const QStringList positional = parser.positionalArguments();
        cl.prometheusUrl = parser.value(prometheus);
        const bool rangeOptions = parser.isSet(from) || parser.isSet(to) || parser.isSet(step) || parser.isSet(selector)
            || parser.isSet(prometheusSelector);
        if (!parser.isSet(prometheus) && rangeOptions)
            return fail(tr("--from, --to, --step and --selector go with --prometheus URL"));
        if (parser.isSet(prometheus)) {
            if (!positional.isEmpty())
                return fail(tr("--prometheus reads a server, not a log: unexpected argument '%1'").arg(positional[0]));
            if (!parser.isSet(from))
                return fail(tr("--prometheus needs --from T (ISO 8601, or relative such as -1h)"));
            cl.from = parser.value(from);
            cl.to = parser.isSet(to) ? parser.value(to) : QStringLiteral("now");
            cl.prometheusSelector = parser.isSet(selector) ? parser.value(selector) : parser.value(prometheusSelector);
            if (parser.isSet(step) && !parseSeconds(parser.value(step), 0.001, 86400, &cl.stepSeconds))
                return fail(tr("--step must be a number of seconds, not '%1'").arg(parser.value(step)));
            if (!parser.isSet(run))
                cl.run = QStringLiteral("all");
        }
        if (positional.size() > 1)
            return fail(tr("unexpected argument '%1'").arg(positional[1]));
        cl.path = positional.value(0);
        cl.logDir = parser.value(logDir);
        if (parser.isSet(logDir) && cl.logDir.isEmpty())
            return fail(tr("--log-dir needs a directory"));
        cl.jsonOut = parser.value(json);
        if (parser.isSet(json) && cl.jsonOut.isEmpty())
            return fail(tr("--json needs a file"));
        if (parser.isSet(cpuThreshold) && !parseSeconds(parser.value(cpuThreshold), 0, 100, &cl.cpuThreshold))
            return fail(
                tr("--cpu-threshold must be a percent from 0 to 100, not '%1'").arg(parser.value(cpuThreshold)));
        if (parser.isSet(lowTps) && !parseSeconds(parser.value(lowTps), 0, 1e9, &cl.lowTokensPerSecond))
            return fail(
                tr("--low-tps must be a number of tokens per second, 0 or more, not '%1'").arg(parser.value(lowTps)));
        if (parser.isSet(run) && !parseRun(parser.value(run), cl))
            return fail(tr("--run must be latest, all or a run number from 1, not '%1'").arg(parser.value(run)));
        return cl;
    }
    cl.logDir = parser.value(logDir);
    if (parser.isSet(logDir) && cl.logDir.isEmpty())
        return fail(tr("--log-dir needs a directory"));

    if (cl.mode == Mode::Mark) {
        const QStringList positional = parser.positionalArguments();
        if (positional.isEmpty() || positional.first().trimmed().isEmpty())
            return fail(tr("'perfdash mark' needs a LABEL"));
        if (positional.size() > 1)
            return fail(tr("unexpected argument '%1' (quote a label of several words)").arg(positional[1]));
        for (const QCommandLineOption &o : { interval, duration, single, event, machines, noLocal, http, httpToken,
                 acceptNewHostKeys, prometheus, prometheusSelector, selector, from, to, step }) {
            if (parser.isSet(o))
                return fail(tr("--%1 does not apply to 'perfdash mark'").arg(o.names().first()));
        }
        cl.label = positional.first().trimmed();
        cl.notes = parser.value(notes);
        cl.machine = parser.value(machine);
        if (const QString problem = MarkerText::problem(cl.label, cl.notes); !problem.isEmpty())
            return fail(problem);
        return cl;
    }
    if (parser.isSet(machine))
        return fail(tr("--machine belongs to 'perfdash mark'"));
    for (const QCommandLineOption &o : { from, to, step, selector }) {
        if (parser.isSet(o))
            return fail(tr("--%1 belongs to 'perfdash analyze --prometheus'").arg(o.names().first()));
    }
    cl.prometheusUrl = parser.value(prometheus);
    cl.prometheusSelector = parser.value(prometheusSelector);
    if (parser.isSet(prometheusSelector) && !parser.isSet(prometheus))
        return fail(tr("--prometheus-selector goes with --prometheus URL"));
    const QStringList positional = parser.positionalArguments();
    if (cl.mode == Mode::Gui && positional.size() == 1)
        cl.path = positional.first();
    else if (!positional.isEmpty())
        return fail(tr("unexpected argument '%1'").arg(positional.value(cl.mode == Mode::Gui ? 1 : 0)));

    cl.http = parser.value(http);
    cl.httpToken = parser.value(httpToken);
    if (parser.isSet(http)) {
        QString why;
        if (!HttpBind::parse(cl.http, nullptr, nullptr, &why))
            return fail(why);
    }
    if (parser.isSet(httpToken) && !parser.isSet(http))
        return fail(tr("--http-token goes with --http"));
    if (parser.isSet(http) && parser.isSet(single))
        return fail(tr("--single takes one snapshot: --http does not apply"));
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
    if (const QString problem = MarkerText::problem(cl.event, cl.notes); !problem.isEmpty())
        return fail(problem);
    if (!cl.single && (parser.isSet(event) || parser.isSet(notes)))
        return fail(tr("--event and --notes go with --single"));
    if (cl.single && parser.isSet(duration))
        return fail(tr("--single takes one snapshot: --duration does not apply"));
    if (cl.single && (parser.isSet(machines) || cl.noLocal || parser.isSet(prometheus)))
        return fail(tr("--single takes a snapshot of this computer: --machines and --no-local do not apply"));
    return cl;
}
