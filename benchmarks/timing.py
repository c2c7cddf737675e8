"""Timing helpers every benchmark script shares: run a call N times, summarise in ms."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


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


def qt_platform() -> str:
    """The Qt platform the start-up benchmarks' children use: the caller's, else xcb under an
    X display, else offscreen."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"]
    return "xcb" if os.environ.get("DISPLAY") else "offscreen"


def child_env(folder: Path, argv: list[str]) -> dict[str, str]:
    """The environment of a start-up benchmark's child: settings in `folder`, bytecode written
    as an install has it, no `PKDESK_DB`; `--src DIR` in `argv` runs another checkout's code
    (before/after)."""
    env = dict(os.environ, QT_QPA_PLATFORM=qt_platform(), XDG_CONFIG_HOME=str(folder / "config"),
               PYTHONDONTWRITEBYTECODE="")
    env.pop("PKDESK_DB", None)
    if "--src" in argv:
        env["PYTHONPATH"] = str(Path(argv[argv.index("--src") + 1]).resolve())
    return env
