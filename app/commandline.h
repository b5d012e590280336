#pragma once

#include <QString>
#include <QStringList>

// What the command line asked for. Parsed before any window exists, so a bad option is a
// one-line message and exit code 2, never a dialog.
struct CommandLine
{
    enum class Mode { Gui, Log, Help, Version, Error };

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
    // --accept-new-host-keys: trust and record SSH host keys not yet in known_hosts
    bool acceptNewHostKeys = false;

    static CommandLine parse(const QStringList &arguments);
};
