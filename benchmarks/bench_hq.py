"""Issue 17 at a headquarters' scale (10,000 plans x 20 revisions, made by make_big_db.py):
each pkdesk figure side by side with its floor, interleaved round by round, medians.

- read-only CLI commands (a fresh `pkdesk` process each) against a fresh Python process
  running the same query with the standard library's sqlite3 (`--version`: `python -c pass`);
- `pkdesk backup -o FILE` against SQLite's backup API + fsync of the same file;
- Planner usable (window shown on the Planner with its plan and list) on this database
  against the same app on an empty one, and the time `close()` takes there (a fresh
  offscreen process each).

    .venv/bin/python benchmarks/bench_hq.py [DB] [ROUNDS] [--skip-backup] [--skip-planner]

Without DB a new one is made in a temporary folder (~80 s). Prints the load average: the
machine is shared, so figures are noisy; the ratios are what to compare.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from make_big_db import make_big_db  # noqa: E402

PY = sys.executable
PKDESK = [PY, "-m", "pkdesk"]

FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(sys.argv[2], tuple(sys.argv[3:])).fetchall()
sys.stdout.write("\\n".join(map(repr, rows)) + "\\n")
"""
FLOOR_SEARCH = ("SELECT node_id, title, snippet(ref_fts, 2, '[', ']', '…', 16), "
                "bm25(ref_fts, 0.0, 8.0, 1.0) AS r FROM ref_fts WHERE ref_fts MATCH ? "
                "ORDER BY r LIMIT 10")

PLANNER = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
start = time.perf_counter()
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pkdesk.store.library import open_library
from pkdesk.ui.window.main_window import MainWindow
app = QApplication([])
db = open_library(sys.argv[1])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow.for_database(db, settings)
window.show()
window.pages.setCurrentWidget(window.planner)
while window.planner.plan is None and window.planner.list_model.rowCount() or \\
        not window.planner.list_view.isVisible():
    app.processEvents()
app.processEvents()
usable = time.perf_counter() - start
t0 = time.perf_counter()
window.close()
closed = time.perf_counter() - t0
window.wait_for_backup()
print(usable * 1000, closed * 1000)
"""


def _run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def _line(name: str, ours: list[float], floor: list[float], floor_name: str) -> None:
    a, b = statistics.median(ours), statistics.median(floor)
    print(f"{name:<34} {a:8.0f} ms   {floor_name:<28} {b:8.0f} ms   {a / b:5.2f}x")


def cli(db: Path, rounds: int) -> None:
    from pkdesk.store import queries
    from pkdesk.core.search import fts_query

    cases = [
        ("pkdesk --version", ["--version"], [PY, "-c", "pass"], "python -c pass"),
        ("pkdesk plan list", ["--db", str(db), "plan", "list"],
         [PY, "-c", FLOOR, str(db), queries.PLAN_LIST], "sqlite3: the same query"),
        ("pkdesk plan history 5000", ["--db", str(db), "plan", "history", "5000"],
         [PY, "-c", FLOOR, str(db), queries.PLAN_REVISIONS, "5000"], "sqlite3: the same query"),
        ("pkdesk reference", ["--db", str(db), "reference"],
         [PY, "-c", FLOOR, str(db), queries.REF_TREE], "sqlite3: the same query"),
        ("pkdesk search impartiality", ["--db", str(db), "search", "impartiality"],
         [PY, "-c", FLOOR, str(db), FLOOR_SEARCH, str(fts_query("impartiality"))],
         "sqlite3: bm25 + snippet"),
    ]
    for name, args, floor, floor_name in cases:
        _run(PKDESK + args), _run(floor)     # warm the file cache
        ours, base = [], []
        for _ in range(rounds):
            ours.append(_run(PKDESK + args))
            base.append(_run(floor))
        _line(name, ours, base, floor_name)


def backup(db: Path, rounds: int, tmp: Path) -> None:
    import sqlite3

    from pkdesk.store.backup import _snapshot, backup_now, fingerprint

    def floor(out: Path) -> None:
        src = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(out)
        src.backup(dst)
        dst.close()
        src.close()
        with out.open("rb+") as fh:
            os.fsync(fh.fileno())

    ours, base = [], []
    for i in range(rounds):
        for fn, times in ((lambda p: backup_now(db, p), ours), (floor, base)):
            out = tmp / f"copy-{i}-{len(times)}.sqlite3"
            start = time.perf_counter()
            fn(out)
            times.append((time.perf_counter() - start) * 1000)
            out.unlink()
    _line("pkdesk backup -o FILE", ours, base, "SQLite backup API + fsync")
    fps = []
    for _ in range(rounds):
        with _snapshot(db) as conn:
            start = time.perf_counter()
            fingerprint(conn)
            fps.append((time.perf_counter() - start) * 1000)
    print(f"{'  of which the change fingerprint':<34} {statistics.median(fps):8.0f} ms")


def planner(db: Path, rounds: int, tmp: Path) -> None:
    from pkdesk.store.library import open_library

    empty = tmp / "empty.sqlite3"
    open_library(empty).close()
    results: dict[str, list[tuple[float, float]]] = {"big": [], "empty": []}
    for i in range(rounds + 1):
        for key, path in (("big", db), ("empty", empty)):
            out = subprocess.run([PY, "-c", PLANNER, str(path), str(tmp / f"s{i}{key}.ini")],
                                 check=True, capture_output=True, text=True).stdout.split()
            if i:                                  # the first round warms the caches
                results[key].append((float(out[0]), float(out[1])))
    _line("Planner usable, 10,000 plans", [u for u, _ in results["big"]],
          [u for u, _ in results["empty"]], "same app, empty database")
    print(f"{'closing the window, 10,000 plans':<34} "
          f"{statistics.median([c for _, c in results['big']]):8.0f} ms   "
          f"(max {max(c for _, c in results['big']):.0f} ms; the last backup runs after)")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rounds = int(args[1]) if len(args) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = Path(args[0]) if args and args[0] else make_big_db(tmp / "hq.sqlite3")
        print(f"database: {db.stat().st_size / 1e6:.0f} MB; load average "
              f"{os.getloadavg()[0]:.1f} (2 cores); medians of {rounds}")
        cli(db, rounds)
        if "--skip-backup" not in sys.argv:
            backup(db, max(3, rounds // 2), tmp)
        if "--skip-planner" not in sys.argv:
            planner(db, max(3, rounds // 2), tmp)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
