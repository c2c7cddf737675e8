"""Start-up of the PyInstaller bundle (dist/pkdesk, packaging/build_bundle.py) next to the
development venv's `pkdesk` (.venv/bin/pkdesk), as a user starts them.

Two things per program, each a fresh process, alternated, after one warm-up round:
- `pkdesk --version`: the program's own start (interpreter, imports up to the parser);
- `pkdesk FILE` (the desktop's "Open with"), offscreen: from spawn until the imported plan is
  in the database, i.e. window shown, database attached and the file imported (polled every
  5 ms with a read-only SQLite look), then the process is ended.

Run: .venv/bin/python benchmarks/bench_bundle.py [ROUNDS] [BUNDLE_DIR]
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rwanda-1993.pkplan.json"


def _plans(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM plan").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def time_version(program: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([program, "--version"], env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def time_open(program: str, env: dict[str, str], db: Path, template: Path) -> float:
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copy(template, db)
    start = time.perf_counter()
    proc = subprocess.Popen([program, "--db", str(db), str(EXAMPLE)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while _plans(db) < 1:
            if proc.poll() is not None or time.perf_counter() - start > 60:
                raise SystemExit(f"{program} did not import the plan")
            time.sleep(0.005)
        return (time.perf_counter() - start) * 1000
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    bundle = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "dist" / "pkdesk"
    programs = {"venv (.venv/bin/pkdesk)": str(Path(sys.executable).with_name("pkdesk")),
                "bundle (dist/pkdesk/pkdesk)": str(bundle / "pkdesk")}
    for program in programs.values():
        if not Path(program).exists():
            raise SystemExit(f"missing {program} (python packaging/build_bundle.py)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PKDESK_")}
        env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(folder / "config"),
                   XDG_RUNTIME_DIR="", HOME=str(folder))
        template = folder / "template.sqlite3"
        subprocess.run([programs["venv (.venv/bin/pkdesk)"], "--db", str(template), "plan", "list"],
                       env=env, check=True, capture_output=True)
        version: dict[str, list[float]] = {name: [] for name in programs}
        opened: dict[str, list[float]] = {name: [] for name in programs}
        for round_no in range(rounds + 1):
            for name, program in programs.items():
                v = time_version(program, env)
                o = time_open(program, env, folder / "db.sqlite3", template)
                if round_no:
                    version[name].append(v)
                    opened[name].append(o)
    print(f"{rounds} runs each, median (min-max) ms")
    print(f"  {'':30} {'--version':>18}   {'pkdesk FILE: plan imported':>28}")
    for name in programs:
        v, o = version[name], opened[name]
        print(f"  {name:30} {f'{statistics.median(v):.0f} ({min(v):.0f}-{max(v):.0f})':>18}"
              f"   {f'{statistics.median(o):.0f} ({min(o):.0f}-{max(o):.0f})':>28}")


if __name__ == "__main__":
    main()
