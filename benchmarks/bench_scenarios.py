"""Scenario latency: a stress test (every shipped what-if, each checked against the
baseline) on a 50-party/200-strategy plan, and listing the history of a plan with 1,000
revisions from a real SQLite file (what the history panel reads when it opens).

Run: .venv/bin/python benchmarks/bench_scenarios.py      targets: stress < 100 ms,
history listing well under 200 ms
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_check import big_plan  # noqa: E402
from benchmarks.timing import show, timed  # noqa: E402
from pkdesk.core.stress import stress_test  # noqa: E402
from pkdesk.core.whatif import default_whatif_pack  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.plan_repo import PlanRepository  # noqa: E402

STRESS_RUNS = 100
HISTORY_RUNS = 50
REVISIONS = 1000


def main() -> None:
    plan = big_plan(50, 200)
    pack = default_whatif_pack()
    report = stress_test(plan, pack)
    new = sum(len(r.new) for r in report.rows)
    print(f"plan: {len(plan.parties)} parties, {len(plan.strategies)} strategies; "
          f"{len(pack.whatifs)} what-ifs; {len(report.baseline.findings)} baseline findings, "
          f"{new} new across the what-ifs")
    stress_test(plan, pack)   # warm-up
    show("stress_test(), every what-if", timed(lambda: stress_test(plan, pack), STRESS_RUNS))

    with tempfile.TemporaryDirectory() as folder:
        db = open_library(Path(folder) / "bench.sqlite3")
        try:
            repo = PlanRepository(db)
            plan_id = repo.create(plan, author="bench")
            start = time.perf_counter()
            for i in range(REVISIONS - 1):
                repo.save(plan_id, replace(plan, notes=f"revision {i}"), author="bench")
            print(f"wrote {REVISIONS} revisions in {time.perf_counter() - start:.1f} s "
                  f"(each save diffs against the previous one for its summary)")
            assert len(repo.revisions(plan_id)) == REVISIONS
            show(f"revisions() of {REVISIONS} revisions",
                 timed(lambda: repo.revisions(plan_id), HISTORY_RUNS))
            show("diff_revisions(1, 1000)",
                 timed(lambda: repo.diff_revisions(plan_id, 1, REVISIONS), 20))
        finally:
            db.close()


if __name__ == "__main__":
    main()
