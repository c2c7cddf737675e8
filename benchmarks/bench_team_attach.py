"""The window started on a team database (PostgreSQL), with and without edits waiting in this
computer's journal (kept while the server was unreachable): time until the database is
attached and the window shown (`ui.app.start_window` returns), in a fresh process each run.

Starts a private PostgreSQL on 127.0.0.1 (tests/pgserver.py), loads the shipped corpus and
two example plans. A "journal" run first keeps one edit of each plan in the journal (at the
plan's current revision, so both are saved as next revisions); the child checks the journal
is empty afterwards. Runs interleave: this checkout and `--src DIR` (another checkout's
code, e.g. /work/main/src: before issue 16's replay at attach), each with and without a
journal. Wall time and the child's CPU time (less scattered under load). Round 0 is not
counted (it writes this checkout's bytecode); `--src`'s bytecode is only read, so compile it
there first if it has none, or its figures include compiling.

Run: .venv/bin/python benchmarks/bench_team_attach.py [ROUNDS] [--src DIR]   (default 5)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # tests.pgserver

from timing import qt_platform  # noqa: E402

HERE_SRC = Path(__file__).resolve().parents[1] / "src"
CHILD = r"""
import argparse, json, sys, time
url = sys.argv[1]
wall, cpu = time.perf_counter(), time.process_time()
from pkdesk.ui.app import create_application, start_window
app = create_application()
window = start_window(argparse.Namespace(db=url))
assert window is not None and window.db is not None and window.db.is_server
out = {"wall": (time.perf_counter() - wall) * 1000, "cpu": (time.process_time() - cpu) * 1000,
       "planner": window._planner is not None}
from pkdesk.paths import server_state_dir
from pkdesk.store.journal import Journal
out["left"] = len(Journal(server_state_dir(url)).entries())
window.close()
window.db.close()
print(json.dumps(out))
"""


def keep_edits(url: str, round_no: int) -> None:
    """One edit of each plan in the journal, at the plan's current revision."""
    from pkdesk.paths import server_state_dir
    from pkdesk.store.db import Database
    from pkdesk.store.journal import Journal
    from pkdesk.store.plan_repo import PlanRepository

    db = Database.open(url)
    try:
        repo = PlanRepository(db)
        journal = Journal(server_state_dir(url))
        for summary in repo.list():
            plan, revision = repo.current(summary.id)
            journal.put(summary.id, revision,
                        replace(plan, climate_risks=f"Kept offline, round {round_no}."),
                        "changed climate risks")
    finally:
        db.close()


def run_child(url: str, src: Path, folder: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=qt_platform(), PYTHONPATH=str(src),
               XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"))
    if src == HERE_SRC:     # bytecode written, as an install has it (another checkout's is
        env["PYTHONDONTWRITEBYTECODE"] = ""     # read as it is: never written to)
    env.pop("PKDESK_DB", None)
    done = subprocess.run([sys.executable, "-c", CHILD, url], capture_output=True, text=True,
                          env=env, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> None:
    from tests.pgserver import PgServer, unavailable_reason

    reason = unavailable_reason()
    if reason is not None:
        raise SystemExit(f"bench_team_attach: {reason}")
    rounds = int(argv[0]) if argv and argv[0].isdigit() else 5
    sources = {"this checkout": HERE_SRC}
    if "--src" in argv:
        sources["--src " + argv[argv.index("--src") + 1]] = Path(argv[argv.index("--src") + 1])
    server = PgServer.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            os.environ["XDG_DATA_HOME"] = str(folder / "data")   # the journal's folder
            url = server.url(server.create_database())
            from pkdesk.store.library import open_library
            from pkdesk.store.plan_repo import PlanRepository
            from pkdesk.core.plan.file import read_plan_file

            db = open_library(url)
            examples = Path(__file__).resolve().parents[1] / "examples"
            for name in ("unoci-2004.pkplan.json", "undof-1974.pkplan.json"):
                PlanRepository(db).import_plan(read_plan_file(examples / name))
            db.close()
            results: dict[tuple[str, str], list[dict[str, float]]] = {}
            for round_no in range(rounds + 1):      # round 0 warms the caches, not counted
                for name, src in sources.items():
                    for mode in ("no journal", "2 kept edits"):
                        if mode != "no journal":
                            keep_edits(url, round_no)
                        out = run_child(url, src, folder)
                        if mode != "no journal" and out["left"]:
                            raise SystemExit(f"{name}: {out['left']} edits left in the journal")
                        if round_no:
                            results.setdefault((name, mode), []).append(out)
        load = os.getloadavg()
        print(f"{rounds} rounds, interleaved; load average {load[0]:.1f} {load[1]:.1f} "
              f"{load[2]:.1f} at the end")
        for (name, mode), outs in results.items():
            wall = statistics.median(o["wall"] for o in outs)
            cpu = statistics.median(o["cpu"] for o in outs)
            built = "built" if all(o["planner"] for o in outs) else "not built"
            print(f"{name:<28} {mode:<14} attached+shown: wall {wall:6.0f} ms  "
                  f"cpu {cpu:6.0f} ms  (Planner {built})")
    finally:
        server.destroy()


if __name__ == "__main__":
    main(sys.argv[1:])
