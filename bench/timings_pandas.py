#!/usr/bin/env python3
"""The pandas baseline of bench_timings: the same JSON-lines log read with json.loads per line into
a DataFrame and summarised per function with groupby().describe() (count, mean, std, min, quartiles,
max) plus the 95th percentile and the total. Prints "wall_s maxrss_mib calls cpu_s" as
bench_timings' children do (cpu: user + system of the process, the import of pandas included). Run with Debian's python3 (apt-get install python3-pandas)."""
import json
import resource
import sys
import time

import pandas as pd


def main(path):
    start = time.perf_counter()
    with open(path, encoding="utf-8", errors="replace") as f:
        records = [json.loads(line) for line in f if line.strip()]
    df = pd.DataFrame.from_records(records)
    groups = df.groupby("function")["execution_time"]
    summary = groups.describe()
    summary["p95"] = groups.quantile(0.95)
    summary["total"] = groups.sum()
    summary = summary.sort_values("total", ascending=False)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss / 1024.0
    cpu = usage.ru_utime + usage.ru_stime
    print(summary.head(3), file=sys.stderr)
    print(f"{wall:f} {peak:f} {int(summary['count'].sum())} {cpu:f}")


if __name__ == "__main__":
    main(sys.argv[1])
