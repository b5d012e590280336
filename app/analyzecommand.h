#pragma once

struct CommandLine;

// `perfdash analyze [FILE|DIR] [--json OUT] [--cpu-threshold N] [--low-tps N] [--run latest|all|N]`:
// reads a log, prints the analysis report, optionally writes its JSON. Exit 0 when analysed (maybe
// with reader warnings), 1 when the log cannot be analysed (one line on stderr).
int runAnalyze(const CommandLine &options);
