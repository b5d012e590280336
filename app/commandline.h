#pragma once

#include <QString>
#include <QStringList>

// What the command line asked for. Parsed before any window exists, so a bad option is a
// one-line message and exit code 2, never a dialog.
struct CommandLine
{
    enum class Mode { Gui, Log, Analyze, Timings, Mark, Help, Version, Error };

    Mode mode = Mode::Gui;
    QString logDir;       // empty: the default, resolved by LogDirectory::resolve
    double interval = -1; // seconds; < 0: not given
    double duration = -1; // seconds; < 0: until stopped
    bool single = false;
    QString event;
    QString notes;
    QString machinesFile; // --machines FILE: use these machines instead of the saved ones
    bool noLocal = false; // --no-local: do not watch this computer
    QString text;         // the help text, or the error message
    QString label;        // perfdash mark LABEL
    QString machine;      // perfdash mark --machine ID
    QString http;         // --http ADDR:PORT: serve the HTTP API there
    QString httpToken;    // --http-token TOKEN

    // perfdash analyze [FILE|DIR] …, perfdash timings [FILE|DIR] …, and `perfdash FILE.csv` (a log to
    // open in the Analysis tab, in the running window when there is one).
    QString path;                           // empty: the newest log of the log directory
    QString jsonOut;                        // --json OUT ("-": standard output)
    double cpuThreshold = -1;               // --cpu-threshold N; < 0: not given
    double lowTokensPerSecond = -1;         // --low-tps N; < 0: not given
    QString run = QStringLiteral("latest"); // --run latest|all|N
    // --prometheus URL: the machines of a Prometheus server (issue 15); --prometheus-selector SEL
    // (analyze: --selector SEL) limits them. analyze --prometheus reads --from..--to every --step.
    QString prometheusUrl;
    QString prometheusSelector;
    QString from; // ISO 8601, or relative to now: -2h, -30m, now
    QString to;
    double stepSeconds = -1; // < 0: chosen from the range
    int top = 20;                           // perfdash timings --top N: functions printed (0: all)
    // --accept-new-host-keys: trust and record SSH host keys not yet in known_hosts
    bool acceptNewHostKeys = false;

    static CommandLine parse(const QStringList &arguments);
};
