"""Time from process start to a window on screen: a bare PySide6 QMainWindow against pkdesk's
main window with the reference tree filled (shipped corpus, then a 10,000-node corpus).

Each measurement is a fresh interpreter, timed from just before it is spawned until it
reports the window exposed, run side by side in rounds (bare, pkdesk, pkdesk 10k), after one
warm-up round that fills the OS file cache. Databases are created beforehand, as after a
first start.

Run: .venv/bin/python benchmarks/bench_startup.py [ROUNDS] [--with-file] [--src DIR]
targets (issue 17): window shown <= 1.3x bare; resident memory <= 100 MiB once started.
Each child also reports its resident memory (VmRSS from /proc) when shown, when attached
(the target) and then once the Planner is shown (which imports SQLAlchemy).
--src DIR runs the children on another checkout's code (PYTHONPATH=DIR, e.g. /work/main/src),
for a before/after side by side from the same venv.
--with-file adds `pkdesk FILE` (the desktop's "Open with"): the local-socket look for a
window already open, then the window, "ready" once the imported plan is shown.
Uses $QT_QPA_PLATFORM if set, else xcb when $DISPLAY is set, else offscreen.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_database  # noqa: E402
from timing import child_env  # noqa: E402

from pkdesk.store.library import open_library  # noqa: E402

TARGET_RATIO = 1.3      # issue 17 (was 2.0)
RSS_TARGET_MIB = 100    # resident memory once started (issue 17)

# Both children report once their window is exposed, from the event loop, so both pay for
# the first event-loop turn. pkdesk's child then also reports when its database is attached
# (search, notes and bookmarks work from then on).
BARE = """
import sys
def _rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
window.show()
def report():
    if not window.windowHandle().isExposed():
        QTimer.singleShot(1, report)
        return
    print("shown", flush=True)
    print("ready", flush=True)
    print("rss", _rss_kib(), _rss_kib(), _rss_kib(), flush=True)
    app.quit()
QTimer.singleShot(0, report)
app.exec()
"""

# What `pkdesk --db PATH` runs (pkdesk.cli.main up to the event loop).
PKDESK = """
import sys
def _rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
from pkdesk.cli import gui_args
from pkdesk.ui.app import create_application, start_window
args = gui_args(["--db", sys.argv[1]])
app = create_application()      # imports PySide6 itself, as `pkdesk` does (first its hook)
from PySide6.QtCore import QTimer
window = start_window(args)
shown = False
def report():
    global shown
    if not shown and window.windowHandle().isExposed():
        assert window.reference.tree_model.rowCount() > 0
        print("shown", flush=True)
        shown = _rss_kib()
    if shown and window.db is not None:
        print("ready", flush=True)
        attached = _rss_kib()
        window.pages.setCurrentIndex(1)     # the Planner, as the user opens it
        QTimer.singleShot(0, lambda: planner_shown(attached))
        return
    QTimer.singleShot(1, report)
def planner_shown(attached):
    assert window.planner.session.repo is not None
    print("rss", shown, attached, _rss_kib(), flush=True)
    # Back to the Reference page, which the next child then opens on (the page shown is
    # remembered: a window left on the Planner builds it, and loads SQLAlchemy, at attach).
    window.pages.setCurrentIndex(0)
    app.quit()
QTimer.singleShot(0, report)
app.exec()
# As `pkdesk` does on quitting (ui.app.run_gui): the file closed cleanly, so the next child
# starts from it as a user's next start would (its "-checked" stamp valid).
window.db.close()
window.wait_for_backup()
"""


# What `pkdesk --db PATH FILE` runs (the desktop's "Open with"): first the local-socket look
# for a window already open on that database (none here), then the window, which imports FILE
# once the database is attached ("ready" waits for the plan to be shown).
PKDESK_FILE = """
import sys
def _rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
from pkdesk.cli import gui_args
from pkdesk.paths import resolve_db_path
from pkdesk.ui.app import create_application, start_window
from pkdesk.ui.window.single_instance import hand_over
args = gui_args(["--db", sys.argv[1], sys.argv[2]])
app = create_application()
from PySide6.QtCore import QTimer
assert not hand_over(resolve_db_path(args.db), args.files)
window = start_window(args)
shown = False
def report():
    global shown
    if not shown and window.windowHandle().isExposed():
        print("shown", flush=True)
        shown = _rss_kib()
    if shown and window.db is not None and window.planner.plan is not None:
        print("ready", flush=True)
        print("rss", shown, _rss_kib(), _rss_kib(), flush=True)
        app.quit()
        return
    QTimer.singleShot(1, report)
QTimer.singleShot(0, report)
app.exec()
# As `pkdesk` does on quitting (ui.app.run_gui): the file closed cleanly, so the next child
# starts from it as a user's next start would (its "-checked" stamp valid).
window.db.close()
window.wait_for_backup()
"""



def time_child(code: str, args: list[str],
               env: dict[str, str]) -> tuple[float, float, int, int, int]:
    """Milliseconds from spawning `python -c code` to its "shown" and its "ready" line, and
    its resident memory (VmRSS, KiB) at those two moments and once the Planner is shown."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    lines = []
    for expected in ("shown", "ready"):
        lines.append(proc.stdout.readline().strip())
        if lines[-1] != expected:
            break
        lines[-1] = str((time.perf_counter() - start) * 1000)
    rss = proc.stdout.readline().split()
    _, err = proc.communicate(timeout=60)
    if proc.returncode != 0 or len(lines) != 2 or not lines[1][0].isdigit() or len(rss) != 4:
        raise SystemExit(f"child failed (exit {proc.returncode}): {err.strip()[-2000:]}")
    return float(lines[0]), float(lines[1]), int(rss[1]), int(rss[2]), int(rss[3])


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    rounds = int(numbers[0]) if numbers else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = child_env(folder, sys.argv)
        shipped = folder / "shipped.sqlite3"
        open_library(shipped).close()
        t0 = time.perf_counter()
        big = folder / "synthetic-10k.sqlite3"
        build_database(big, 10_000, with_shipped=True).close()
        print(f"built the 10,000-node database in {(time.perf_counter() - t0):.1f} s")

        cases = {"bare QMainWindow": (BARE, []),
                 "pkdesk (shipped corpus, 41 nodes)": (PKDESK, [str(shipped)]),
                 "pkdesk (10,041 nodes)": (PKDESK, [str(big)])}
        if "--with-file" in sys.argv:
            # Each run imports the plan again: a fresh copy of the database every time.
            example = Path(__file__).resolve().parents[1] / "examples" / "rwanda-1993.pkplan.json"
            cases["pkdesk FILE (shipped corpus)"] = (PKDESK_FILE, [str(folder / "file.sqlite3"),
                                                                  str(example)])
        times: dict[str, list[float]] = {name: [] for name in cases}
        ready: dict[str, list[float]] = {name: [] for name in cases}
        rss: dict[str, list[tuple[int, int, int]]] = {name: [] for name in cases}
        for round_no in range(rounds + 1):
            for name, (code, args) in cases.items():
                if code is PKDESK_FILE:
                    shutil.copy(shipped, args[0])
                shown_ms, ready_ms, *memory = time_child(code, args, env)
                if round_no:  # round 0 warms the caches
                    times[name].append(shown_ms)
                    ready[name].append(ready_ms)
                    rss[name].append((memory[0], memory[1], memory[2]))

    print(f"platform {env['QT_QPA_PLATFORM']}, Python {sys.version.split()[0]}, "
          f"{rounds} runs each, median (min-max) ms from process start to")
    print(f"  {'':36} {'window shown':>20}   {'database attached':>20}")
    medians = {name: statistics.median(ms) for name, ms in times.items()}
    for name, ms in times.items():
        shown = f"{medians[name]:.0f} ({min(ms):.0f}-{max(ms):.0f})"
        attached = f"{statistics.median(ready[name]):.0f} ({min(ready[name]):.0f}-{max(ready[name]):.0f})"
        print(f"  {name:36} {shown:>20}   {attached:>20}")
    print(f"resident memory (VmRSS), median MiB: {'window shown':>20}   {'database attached':>20}"
          f"   {'Planner shown':>14}")
    for name, triples in rss.items():
        at_shown, at_ready, at_planner = (statistics.median(p[i] for p in triples) / 1024
                                          for i in range(3))
        verdict = "" if name.startswith("bare") else \
            ("ok" if at_ready <= RSS_TARGET_MIB else f"OVER {RSS_TARGET_MIB} MiB")
        print(f"  {name:36} {at_shown:>20.0f}   {at_ready:>20.0f}   {at_planner:>14.0f} "
              f"{verdict}")
    bare = medians["bare QMainWindow"]
    for name in list(cases)[1:]:
        ratio = medians[name] / bare
        verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
        print(f"  ratio {name}: {ratio:.2f}x bare (target <= {TARGET_RATIO}x) {verdict}")


if __name__ == "__main__":
    main()
