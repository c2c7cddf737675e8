"""20 writers saving plans at once, on a PostgreSQL server and on one SQLite file.

    .venv/bin/python benchmarks/bench_team_load.py [--seconds 60] [--writers 20] [--plans 5]
                                                  [--engine both|postgresql|sqlite]

Each writer is a process with its own connection; writer i saves plan i % PLANS again and
again (read it, change its notes, save) until the time is up, so several writers contend for
each plan. A save the database refuses for a reason worth retrying (a serialization failure
or deadlock on PostgreSQL, "busy" on SQLite) is retried and counted; anything else stops the
run. Afterwards every acknowledged save must be in the database: each plan has exactly
1 + its acknowledged saves revisions, numbered 1..N without a gap, and every number a writer
was told is there. Prints p50/p95 save latency and throughput.

The PostgreSQL server is a private one on 127.0.0.1 (tests/pgserver.py: Debian's package,
a temporary data directory, a random port), started and removed by this script. Nothing
leaves the machine.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import percentile  # noqa: E402


def _retryable(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        state = getattr(getattr(seen, "orig", seen), "sqlstate", None)
        if state in ("40001", "40P01"):          # serialization failure, deadlock detected
            return True
        text = str(seen).lower()
        if "busy" in text or "locked" in text or "deadlock" in text or "serializ" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _open(target: str) -> Any:
    from pkdesk.store.db import Database

    return Database.open(target if "://" in target else Path(target))  # type: ignore[arg-type]


def _writer(target: str, index: int, plan_id: int, ready: Any, go: Any, when: Any,
            out: Any) -> None:
    from pkdesk.store.plan_repo import PlanRepository

    db = _open(target)
    repo = PlanRepository(db)
    repo.get(plan_id)            # connected and warm before the clock starts
    ready.put(index)
    go.wait()
    deadline = when.value
    latencies: list[float] = []
    acked: list[int] = []
    retries = 0
    error = ""
    n = 0
    try:
        while time.time() < deadline:
            n += 1
            start = time.perf_counter()
            while True:
                try:
                    plan = repo.get(plan_id)
                    number = repo.save(plan_id, replace(plan, notes=f"writer {index} save {n}"),
                                       author=f"writer {index}")
                    break
                except Exception as exc:
                    if not _retryable(exc) or time.time() > deadline + 30:
                        raise
                    retries += 1
            latencies.append((time.perf_counter() - start) * 1000)
            acked.append(number)
    except Exception as exc:
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    finally:
        db.close()
    out.put((index, plan_id, latencies, acked, retries, error))


def run(engine: str, target: str, writers: int, plans: int, seconds: float) -> bool:
    from pkdesk.core.plan.model import Plan
    from pkdesk.store.plan_repo import PlanRepository

    db = _open(target)
    repo = PlanRepository(db)
    plan_ids = [repo.create(Plan(title=f"load plan {i}")) for i in range(plans)]
    ctx = mp.get_context("spawn")
    out, ready, go, when = ctx.Queue(), ctx.Queue(), ctx.Event(), ctx.Value("d", 0.0)
    procs = [ctx.Process(target=_writer, args=(target, i, plan_ids[i % plans], ready, go, when,
                                               out)) for i in range(writers)]
    for p in procs:
        p.start()
    for _ in procs:                          # every writer connected before the clock starts
        ready.get(timeout=600)
    when.value = time.time() + seconds
    go.set()
    results = [out.get(timeout=seconds + 180) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    latencies = [ms for r in results for ms in r[2]]
    retries = sum(r[4] for r in results)
    errors = [f"writer {r[0]}: {r[5]}" for r in results if r[5]]
    acked: dict[int, list[int]] = {pid: [] for pid in plan_ids}
    for r in results:
        acked[r[1]] += r[3]
    with db.engine.connect() as conn:
        stored = {pid: [row[0] for row in conn.exec_driver_sql(
            "SELECT number FROM plan_revision WHERE plan_id = %s ORDER BY number"
            if engine == "postgresql" else
            "SELECT number FROM plan_revision WHERE plan_id = ? ORDER BY number",
            (pid,)).all()] for pid in plan_ids}
    db.close()
    problems = list(errors)
    for pid in plan_ids:
        numbers = stored[pid]
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"plan {pid}: revision numbers not contiguous")
        if len(numbers) != 1 + len(acked[pid]):
            problems.append(f"plan {pid}: {len(numbers)} revisions stored, "
                            f"1 + {len(acked[pid])} acknowledged")
        if sorted(acked[pid]) != numbers[1:]:
            problems.append(f"plan {pid}: acknowledged numbers differ from stored ones")
    saves = len(latencies)
    print(f"{engine:<10} {writers} writers, {plans} plans, {seconds:.0f} s: {saves} saves, "
          f"{saves / seconds:7.1f} saves/s, p50 {percentile(latencies, 0.5) if saves else 0:7.1f}"
          f" ms, p95 {percentile(latencies, 0.95) if saves else 0:7.1f} ms, "
          f"{retries} retried (serialization/deadlock/busy)")
    for problem in problems:
        print(f"  PROBLEM {problem}")
    if not problems:
        print(f"  every acknowledged save is stored; revision numbers contiguous "
              f"({sum(len(v) for v in stored.values())} revisions)")
    return not problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--plans", type=int, default=5)
    parser.add_argument("--engine", choices=("both", "postgresql", "sqlite"), default="both")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average at start: {load:.2f} on {os.cpu_count()} cores")
    ok = True
    if args.engine in ("both", "postgresql"):
        from tests.pgserver import PgServer

        server = PgServer.start()
        try:
            url = server.url(server.create_database("load"))
            ok &= run("postgresql", url, args.writers, args.plans, args.seconds)
        finally:
            server.destroy()
    if args.engine in ("both", "sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            ok &= run("sqlite", str(Path(tmp) / "load.sqlite3"), args.writers, args.plans,
                      args.seconds)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
