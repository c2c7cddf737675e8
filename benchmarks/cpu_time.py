"""Run a benchmark script with its clock made the CPU time of its own process, so that its
figures hold on a shared, loaded machine (the other processes' share of the cores is not
counted; time spent waiting for I/O or a timer is not counted either).

    .venv/bin/python benchmarks/cpu_time.py benchmarks/bench_check.py [ITS ARGUMENTS]

`time.perf_counter`, which the benchmarks time with, is replaced by `time.process_time`
before the script runs; the script and its arguments are otherwise untouched, so an older
checkout's copy of a benchmark runs the same way (with that checkout's `src` on PYTHONPATH):
the before/after figures of the README are taken so.
"""

from __future__ import annotations

import os
import runpy
import sys
import time

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: cpu_time.py SCRIPT [ARGUMENTS]")
    time.perf_counter = time.process_time
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    runpy.run_path(script, run_name="__main__")
