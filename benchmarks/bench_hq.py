"""Issue 17 at a headquarters' scale (10,000 plans x 20 revisions, made by make_big_db.py):
each pkdesk figure side by side with its floor, interleaved round by round, medians.

- read-only CLI commands (a fresh `pkdesk` process each) against a fresh Python process
  running the same query with the standard library's sqlite3 (`--version`: `python -c pass`);
- `pkdesk backup -o FILE` against SQLite's backup API + fsync of the same file;
- Planner usable (window shown on the Planner with its plan and list) on this database
  against the same app on an empty one, and the time `close()` takes there (a fresh
  offscreen process each).

    .venv/bin/python benchmarks/bench_hq.py [DB] [ROUNDS] [--skip-cli] [--skip-backup]
        [--skip-planner] [--src OTHER_CHECKOUT/src]

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

PY = sys.executable
# The `pkdesk` command as installed beside this Python (a console script), else `-m pkdesk`.
_SCRIPT = Path(PY).with_name("pkdesk")
PKDESK = [str(_SCRIPT)] if _SCRIPT.is_file() else [PY, "-m", "pkdesk"]
# --src DIR: the pkdesk processes measured run the pkdesk in DIR (another checkout's src/,
# to compare before and after side by side); the floors are the same either way.
CHILD_ENV = dict(os.environ)
# An installed pkdesk has its bytecode (pip compiles a wheel's modules); without it every
# fresh process compiles pkdesk's modules from source (~14 ms of a `plan history` here).
CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)

FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(sys.argv[2], tuple(sys.argv[3:])).fetchall()
sys.stdout.write("\\n".join(map(repr, rows)) + "\\n")
"""
FLOOR_SEARCH = ("SELECT node_id, title, snippet(ref_fts, 3, '[', ']', '…', 16), "
                "bm25(ref_fts, 0.0, 0.0, 8.0, 1.0, 0.1) AS r FROM ref_fts WHERE ref_fts MATCH ? "
                "ORDER BY r LIMIT 10")

PLANNER = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
start, cpu = time.perf_counter(), time.process_time()
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
usable, cpu = time.perf_counter() - start, time.process_time() - cpu
t0 = time.perf_counter()
window.close()
closed = time.perf_counter() - t0
getattr(window, "wait_for_backup", lambda: None)()   # (a pkdesk before it: at close)
print(usable * 1000, closed * 1000, cpu * 1000)
"""


def _run(argv: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
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
        _run(PKDESK + args, CHILD_ENV), _run(floor)     # warm the file cache
        ours, base = [], []
        for _ in range(rounds):
            ours.append(_run(PKDESK + args, CHILD_ENV))
            base.append(_run(floor))
        _line(name, ours, base, floor_name)


BACKUP_FLOOR = """
import os, sqlite3, sys
src = sqlite3.connect(sys.argv[1] + "?mode=ro", uri=True)
dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
dst.close()
src.close()
with open(sys.argv[2], "rb+") as fh:
    os.fsync(fh.fileno())
"""
FINGERPRINT = """
import sys, time
from pathlib import Path
from pkdesk.store.backup import _snapshot, fingerprint
with _snapshot(Path(sys.argv[1])) as conn:
    start = time.perf_counter()
    fingerprint(conn)
    print((time.perf_counter() - start) * 1000)
"""


def backup(db: Path, rounds: int, tmp: Path) -> None:
    ours, base = [], []
    for i in range(rounds):
        out = tmp / f"ours-{i}.sqlite3"
        ours.append(_run(PKDESK + ["--db", str(db), "backup", "-o", str(out)], CHILD_ENV))
        out.unlink()
        out = tmp / f"floor-{i}.sqlite3"
        base.append(_run([PY, "-c", BACKUP_FLOOR, db.resolve().as_uri(), str(out)]))
        out.unlink()
    _line("pkdesk backup -o FILE", ours, base, "SQLite backup API + fsync")
    # Into the backups folder beside the database (what the window does): the change
    # fingerprint, the copy, its check; each made backup removed again.
    ours = []
    folder = db.parent / "backups"
    existed = set(folder.iterdir()) if folder.is_dir() else set()
    for i in range(rounds):
        ours.append(_run(PKDESK + ["--db", str(db), "backup"], CHILD_ENV))
        for made in set(folder.iterdir()) - existed:
            made.unlink()
    _line("pkdesk backup (backups folder)", ours, base, "SQLite backup API + fsync")
    fps = [float(subprocess.run([PY, "-c", FINGERPRINT, str(db)], env=CHILD_ENV, check=True,
                                capture_output=True, text=True).stdout) for _ in range(rounds)]
    print(f"{'  the change fingerprint (auto backup)':<34} {statistics.median(fps):8.0f} ms")


def planner(db: Path, rounds: int, tmp: Path) -> None:
    empty = tmp / "empty.sqlite3"
    subprocess.run(PKDESK + ["--db", str(empty), "plan", "list"], check=True, env=CHILD_ENV,
                   stdout=subprocess.DEVNULL)
    results: dict[str, list[tuple[float, float, float]]] = {"big": [], "empty": []}
    for i in range(rounds + 1):
        for key, path in (("big", db), ("empty", empty)):
            out = subprocess.run([PY, "-c", PLANNER, str(path), str(tmp / f"s{i}{key}.ini")],
                                 check=True, capture_output=True, text=True,
                                 env=CHILD_ENV).stdout.split()
            if i:                                  # the first round warms the caches
                results[key].append((float(out[0]), float(out[1]), float(out[2])))
    _line("Planner usable, 10,000 plans", [u for u, _, _ in results["big"]],
          [u for u, _, _ in results["empty"]], "same app, empty database")
    # The process's own CPU time over the same span: less at the mercy of the other
    # processes on a shared machine than the wall clock (which is what the user waits).
    _line("  the same, CPU time of the process", [c for _, _, c in results["big"]],
          [c for _, _, c in results["empty"]], "same app, empty database")
    print(f"{'closing the window, 10,000 plans':<34} "
          f"{statistics.median([c for _, c, _ in results['big']]):8.0f} ms   "
          f"(max {max(c for _, c, _ in results['big']):.0f} ms; the last backup runs after)")


def main() -> None:
    argv = sys.argv[1:]
    if "--src" in argv:
        at = argv.index("--src")
        CHILD_ENV["PYTHONPATH"] = str(Path(argv[at + 1]).resolve())
        del argv[at:at + 2]
        print(f"pkdesk measured from {CHILD_ENV['PYTHONPATH']}")
    args = [a for a in argv if not a.startswith("--")]
    rounds = int(args[1]) if len(args) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args and args[0]:
            db = Path(args[0])
        else:
            from make_big_db import make_big_db

            db = make_big_db(tmp / "hq.sqlite3")
        import pkdesk

        src = CHILD_ENV.get("PYTHONPATH") or str(Path(pkdesk.__file__).parent.parent)
        if "PYTHONPATH" in CHILD_ENV:
            # Another checkout is only read: its bytecode goes to a folder of our own.
            CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir())
                                                   / "pkdesk-bench-pycache")
        subprocess.run([PY, "-m", "compileall", "-q", str(Path(src) / "pkdesk")], check=True,
                       env=CHILD_ENV, stdout=subprocess.DEVNULL)
        print(f"database: {db.stat().st_size / 1e6:.0f} MB; load average "
              f"{os.getloadavg()[0]:.1f} (2 cores); medians of {rounds}")
        if "--skip-cli" not in sys.argv:
            cli(db, rounds)
        if "--skip-backup" not in sys.argv:
            backup(db, max(3, rounds // 2), tmp)
        if "--skip-planner" not in sys.argv:
            planner(db, max(3, rounds // 2), tmp)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
