"""check() and assess() on a plan carried through its life: 50 indicators × 500 data points.

The plan is the shipped example (examples/sector-east-2024.pkplan.json) with its performance
replaced by 5 worded objectives of 10 indicators each, every indicator with 500 data points
(weekly, monthly and quarterly ones, so some data is stale and the loop's rules fire), a
baseline and a target, and 8 reviews rating every objective. The floor is check() on the
same plan without performance: what the loop adds is the difference.

Also prints the plan file's size and the time to read it (validation included), since data
points are what makes a plan file large.

Run: .venv/bin/python benchmarks/bench_performance_check.py [INDICATORS] [POINTS]
target: check() < 10 ms
"""

from __future__ import annotations

import copy
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import percentile, timed  # noqa: E402

from pkdesk.core.checker import check
from pkdesk.core.performance.assessment import assess
from pkdesk.core.plan.file import dumps_plan, parse_plan, read_plan_file
from pkdesk.core.plan.model import (
    OBJECTIVES, DataPoint, Decision, Indicator, MissionObjective, ObjectiveRating, Performance,
    Plan, Review,
)
from pkdesk.core.rules import default_rule_pack

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sector-east-2024.pkplan.json"
TODAY = date(2026, 6, 1)
STEP = {"weekly": 7, "monthly": 30, "quarterly": 91}
RUNS = 200


def performance_plan(indicators: int = 50, points: int = 500, seed: int = 14) -> Plan:
    """The example with ``indicators`` indicators of ``points`` data points each."""
    rng = random.Random(seed)
    plan = read_plan_file(EXAMPLE)
    objectives = []
    per = max(1, indicators // 5)
    for k in range(0, indicators, per):
        inds = []
        for n in range(k, min(k + per, indicators)):
            frequency = ("weekly", "monthly", "quarterly")[n % 3]
            last = TODAY - timedelta(days=rng.randint(1, 60))
            first = last - timedelta(days=STEP[frequency] * (points - 1))
            lower = n % 2 == 0
            data = [DataPoint(round(rng.uniform(0, 100), 1),
                              (first + timedelta(days=STEP[frequency] * j)).isoformat(),
                              "Team site patrol log", "" if j % 7 else "checked twice",
                              "Sgt. A. Diallo", uid=f"b{n}p{j}") for j in range(points)]
            inds.append(Indicator(f"Indicator {n}", "per month", 80 if lower else 20,
                                  first.isoformat(), 20 if lower else 80,
                                  (TODAY + timedelta(days=365)).isoformat(),
                                  "lower" if lower else "higher", "JMAC", frequency, data,
                                  uid=f"bind{n}"))
        objectives.append(MissionObjective(OBJECTIVES[len(objectives) % len(OBJECTIVES)],
                                           f"Objective {len(objectives) + 1}", inds,
                                           uid=f"bobj{len(objectives)}"))
    reviews = [Review((date(2022, 7, 1) + timedelta(days=182 * r)).isoformat(), "Head of Office",
                      [ObjectiveRating(o.uid, rng.choice(("on_track", "at_risk", "off_track")),
                                       "at_risk") for o in objectives],
                      [Decision("Keep going", objectives[0].uid, uid=f"bdec{r}")],
                      uid=f"brev{r}") for r in range(8)]
    plan.performance = Performance("2022-01-01", "", objectives, reviews)
    return plan


def cpu_timed(fn: Callable[[], object], runs: int) -> list[float]:
    """CPU milliseconds of each call: on a shared machine, what waiting for a core adds to
    the wall clock is left out."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return times


def main(indicators: int, points: int) -> None:
    plan = performance_plan(indicators, points)
    floor = copy.deepcopy(plan)
    floor.performance = Performance()
    pack = default_rule_pack()
    result = check(plan, pack, today=TODAY)
    loop = [f for f in result.findings if f.rule.startswith("LOOP-")]
    print(f"plan: {indicators} indicators × {points} data points, 8 reviews; "
          f"{len(result.findings)} findings ({len(loop)} of the loop)")

    times = timed(lambda: check(plan, pack, today=TODAY), RUNS)
    base = timed(lambda: check(floor, pack, today=TODAY), RUNS)
    print(f"check(), with performance     median {statistics.median(times):6.2f} ms   "
          f"p95 {percentile(times, 0.95):6.2f} ms   ({RUNS} runs; target < 10 ms)")
    print(f"check(), same plan without    median {statistics.median(base):6.2f} ms   "
          f"p95 {percentile(base, 0.95):6.2f} ms   (the floor)")
    cpu = cpu_timed(lambda: check(plan, pack, today=TODAY), RUNS)
    cpu_base = cpu_timed(lambda: check(floor, pack, today=TODAY), RUNS)
    print(f"check(), CPU time             median {statistics.median(cpu):6.2f} ms   "
          f"p95 {percentile(cpu, 0.95):6.2f} ms   (floor: median "
          f"{statistics.median(cpu_base):.2f} ms)")
    a = timed(lambda: assess(plan, TODAY, pack), 20)
    print(f"assess()                      median {statistics.median(a):6.2f} ms   "
          f"p95 {percentile(a, 0.95):6.2f} ms   (20 runs)")
    text = dumps_plan(plan).encode()
    read = timed(lambda: parse_plan(text), 5)
    print(f"plan file: {len(text) / 2**20:.2f} MiB; read and validated in median "
          f"{statistics.median(read):.0f} ms (5 runs)")
    try:
        import os
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    except (AttributeError, OSError):
        pass


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*(args + [50, 500][len(args):]))
