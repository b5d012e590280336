#pragma once

struct CommandLine;

// `perfdash timings [FILE|DIR] [--run latest|all|N] [--json OUT] [--top N]`: reads timing logs
// (PRODUCT.md F8), prints the per-function table sorted by total time and the runs, optionally
// writes the JSON. Exit 0 when read (maybe with warnings), 1 when nothing can be read or no calls
// are there (one line on stderr); usage errors (2) are CommandLine's.
int runTimings(const CommandLine &options);
