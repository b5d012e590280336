#pragma once

struct CommandLine;

// `perfdash mark LABEL`: hands the marker to the perfdash running for the log directory, or, when
// none runs, appends it to the newest log there under the writers' lock. Returns the exit code.
int runMark(const CommandLine &options);
