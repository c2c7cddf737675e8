"""Short writers queueing for SQLite's write lock: a loop of `pkdesk plan import` commands
while another process writes without pause (a window saving as the user types, a script's
loop of writes), or while another loop of the same commands runs (`--two-loops`).

    python benchmarks/bench_cli_writers.py [N] [--timeout-ms MS] [--two-loops]
                                           [--src OTHER_CHECKOUT/src]

N (default 20) commands, each a fresh process running pkdesk's CLI (`pkdesk.cli.main`) with
SQLite's busy timeout set to MS (default 5000, what pkdesk ships; a shorter one shows the
tail of the waits as failures in fewer runs). Prints how many were refused as busy, the time
each waited for the write lock (median, max) and the load average. `--src DIR` runs another
checkout's pkdesk, the writer included (before and after: run both, interleaved).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "unoci-2004.pkplan.json"

# The CLI, its wait for the write lock timed around `Database.write`'s start.
CLI = """
import sys, time
from contextlib import contextmanager
from pkdesk.store import db as dbm
dbm.BUSY_TIMEOUT_MS = int(sys.argv[1])
write = dbm.Database.write

@contextmanager
def timed_write(self, *args, **kwargs):
    began = time.perf_counter()
    with write(self, *args, **kwargs) as s:
        print(f"waited {time.perf_counter() - began:.4f}", file=sys.stderr, flush=True)
        yield s

dbm.Database.write = timed_write
from pkdesk.cli import main
sys.exit(main(sys.argv[2:]))
"""

# A writer without pause: one short write unit after another, as fast as it can.
WRITER = """
import sys, time
from pathlib import Path
from pkdesk.core.errors import StoreError
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
db = open_library(Path(sys.argv[1]))
repo, plan = PlanRepository(db), read_plan_file(Path(sys.argv[2]))
print("writing", flush=True)
while not Path(sys.argv[3]).exists():
    try:
        repo.import_plan(plan)
    except StoreError:
        pass
db.close()
"""


def _env(argv: list[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PKDESK_DB", "PYTHONPATH")}
    if "--src" in argv:
        env["PYTHONPATH"] = str(Path(argv[argv.index("--src") + 1]).resolve())
    return env


def _loop(db: Path, n: int, timeout_ms: int, env: dict[str, str],
          results: list[tuple[bool, float | None]]) -> None:
    for _ in range(n):
        done = subprocess.run([sys.executable, "-c", CLI, str(timeout_ms), "--db", str(db),
                               "plan", "import", str(EXAMPLE)], capture_output=True,
                              text=True, env=env, timeout=300)
        waited = [float(line.split()[1]) for line in done.stderr.splitlines()
                  if line.startswith("waited ")]
        refused = done.returncode != 0
        if refused and "busy" not in done.stderr:
            raise SystemExit(done.stderr)
        results.append((refused, waited[0] if waited else None))


def main(argv: list[str]) -> None:
    values = [a for i, a in enumerate(argv) if not a.startswith("--")
              and (i == 0 or argv[i - 1] not in ("--src", "--timeout-ms"))]
    n = int(values[0]) if values else 20
    timeout_ms = int(argv[argv.index("--timeout-ms") + 1]) if "--timeout-ms" in argv else 5000
    env = _env(argv)
    results: list[tuple[bool, float | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "writers.sqlite3"
        stop = Path(folder) / "stop"
        subprocess.run([sys.executable, "-m", "pkdesk", "--db", str(db), "plan", "import",
                        str(EXAMPLE)], check=True, capture_output=True, env=env)
        if "--two-loops" in argv:
            loops = [threading.Thread(target=_loop, args=(db, n, timeout_ms, env, results))
                     for _ in range(2)]
            for t in loops:
                t.start()
            for t in loops:
                t.join()
        else:
            writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(EXAMPLE),
                                       str(stop)], stdout=subprocess.PIPE, text=True, env=env)
            try:
                assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
                _loop(db, n, timeout_ms, env, results)
            finally:
                stop.touch()
                writer.communicate(timeout=120)
    refused = sum(r for r, _ in results)
    waits = [w for _, w in results if w is not None]
    shown = (f"lock wait median {statistics.median(waits) * 1000:.0f} ms, "
             f"max {max(waits) * 1000:.0f} ms" if waits else "no command got the lock")
    print(f"{refused} of {len(results)} commands refused as busy (timeout {timeout_ms} ms); "
          f"{shown}; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
