"""What PySide6's `Qt` namespace costs on first touch, and what changes it (issue 17, the
first paint). Each variant is a fresh interpreter, run interleaved with the others in rounds
after a warm-up round; CPU time of this process (`time.process_time`), medians.

A child imports QtCore, QtGui and QtWidgets, builds the QApplication, then times the first
`QtCore.Qt` (PySide creates the namespace type lazily, and with it all its ~93 enum classes
through Python's `enum` module) and counts the enum classes made. Variants: as pkdesk's start
runs it (cyclic GC off), GC on, `PYSIDE6_OPTION_LAZY=0` (every type made at import: the
import pays instead), and `sys.pyside6_option_python_enum` values (PySide's enum options:
they shape the classes, they cannot make them lazy).

`--imports` also times importing the window's modules (`ui.window.main_window`) with and
without `pkdesk.ui.common.qt_import_hook`, which answers PySide's per-import "does this
module use PySide?" question (it reads each newly imported module's source) without reading
the file.

Run: .venv/bin/python benchmarks/bench_qt_namespace.py [ROUNDS] [--imports] [--src DIR]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import child_env  # noqa: E402

NAMESPACE = """
import sys, time
{pre}
t0 = time.process_time()
import PySide6.QtCore as QtCore, PySide6.QtGui, PySide6.QtWidgets
t1 = time.process_time()
app = PySide6.QtWidgets.QApplication(sys.argv[:1])
import enum, gc
{gc}
made = []
_call = enum.EnumType.__call__
def _count(cls, value, names=None, *a, **k):
    if names is not None:
        made.append(value)
    return _call(cls, value, names, *a, **k)
enum.EnumType.__call__ = _count
already = "Qt" in vars(QtCore)
t2 = time.process_time()
QtCore.Qt.AlignmentFlag.AlignLeft
t3 = time.process_time()
print(1000 * (t1 - t0), 1000 * (t3 - t2), len(made), int(already))
"""

VARIANTS: dict[str, tuple[str, str, dict[str, str]]] = {
    # name: (code before PySide's import, gc line, extra environment)
    "as pkdesk starts (GC off)": ("", "gc.disable()", {}),
    "GC on": ("", "", {}),
    "PYSIDE6_OPTION_LAZY=0": ("", "gc.disable()", {"PYSIDE6_OPTION_LAZY": "0"}),
    "python_enum 0x80 (no _missing_)": ("sys.pyside6_option_python_enum = 0x81",
                                        "gc.disable()", {}),
    "python_enum 0x02 (Int* bases)": ("sys.pyside6_option_python_enum = 0x03",
                                      "gc.disable()", {}),
}

IMPORTS = """
import sys, time, gc
{hook}
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
app = PySide6.QtWidgets.QApplication(sys.argv[:1])
gc.disable()
from PySide6.QtCore import Qt
t0 = time.process_time()
import pkdesk.store.snapshot
from pkdesk.ui.window.main_window import MainWindow
t1 = time.process_time()
print(1000 * (t1 - t0))
"""

IMPORT_VARIANTS = {
    "window's modules, PySide's source scan": "",
    "window's modules, qt_import_hook": ("from pkdesk.ui.common.qt_import_hook import "
                                         "skip_source_scan; skip_source_scan()"),
}


def run(code: str, env: dict[str, str]) -> list[float]:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"child failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return [float(x) for x in proc.stdout.split()]


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    rounds = int(numbers[0]) if numbers else 9
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp), sys.argv)
        results: dict[str, list[list[float]]] = {name: [] for name in VARIANTS}
        imports: dict[str, list[float]] = {name: [] for name in IMPORT_VARIANTS}
        for round_no in range(rounds + 1):           # round 0 warms the caches
            for name, (pre, gc_line, extra) in VARIANTS.items():
                out = run(NAMESPACE.format(pre=pre, gc=gc_line), dict(env, **extra))
                if round_no:
                    results[name].append(out)
            if "--imports" in sys.argv:
                for name, hook in IMPORT_VARIANTS.items():
                    out = run(IMPORTS.format(hook=hook), env)
                    if round_no:
                        imports[name].append(out[0])
    print(f"platform {env['QT_QPA_PLATFORM']}, Python {sys.version.split()[0]}, {rounds} runs "
          f"each, interleaved, load average {os.getloadavg()[0]:.1f}; median CPU ms")
    print(f"  {'variant':34} {'PySide imports':>14} {'first Qt':>9} {'enum classes':>12}")
    for name, rows in results.items():
        imp = statistics.median(r[0] for r in rows)
        first = statistics.median(r[1] for r in rows)
        made = int(statistics.median(r[2] for r in rows))
        note = " (Qt made at import)" if all(r[3] for r in rows) else ""
        print(f"  {name:34} {imp:14.1f} {first:9.1f} {made:12d}{note}")
    for name, times in imports.items():
        if times:
            print(f"  {name:42} {statistics.median(times):8.1f} "
                  f"(min {min(times):.1f}, max {max(times):.1f})")


if __name__ == "__main__":
    main()
