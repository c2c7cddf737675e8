"""Timing helpers every benchmark script shares: run a call N times, summarise in ms."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds taken by each of `runs` calls of `fn`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def show(name: str, times: list[float], width: int = 46) -> None:
    print(f"{name:<{width}} median {statistics.median(times):7.2f} ms   p95 "
          f"{percentile(times, 0.95):7.2f} ms   max {max(times):7.2f} ms")


def cold_catalogs_ms() -> float:
    """Both language catalogs parsed and validated, in a fresh interpreter (best of 5)."""
    code = ("import time; from pkdesk.core.i18n import catalog; s = time.perf_counter(); "
            "catalog('en'); catalog('fr'); print((time.perf_counter() - s) * 1000)")
    return min(float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                    text=True, check=True).stdout) for _ in range(5))
