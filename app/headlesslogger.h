#pragma once

struct CommandLine;

// `perfdash log`: records the session log with no window, until --duration ends, Ctrl-C or SIGTERM.
// Returns the process exit code.
int runHeadlessLogger(const CommandLine &options);

// `perfdash log --single`: one snapshot with a marker, appended to the newest log.
int runSingleSnapshot(const CommandLine &options);
