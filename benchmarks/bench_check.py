"""Checker latency on a large plan (50 parties, 200 strategies), as the live findings panel
sees it: every call builds the plan's facts and runs the whole default rule pack.

The plan is built to make the rules work: a mix of state and non-state parties and of
consents, strategies naming 1-5 parties (some unknown), so per-party and per-strategy rules
produce findings. Also times reading the plan file (validation included) and the full
import path's parse of the same document.

The same plan is also timed in format 2 (issue 13): party roles (listed groups, spoilers),
consent conditions, a mandate directed against two parties, benchmarks, protection sites at
high threat, parallel forces and caveats, a crisis phase: the rules that read them all work.

Run: .venv/bin/python benchmarks/bench_check.py [PARTIES] [STRATEGIES]    target: < 10 ms
"""

from __future__ import annotations

import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import percentile, timed  # noqa: E402

from pkdesk.core.checker import check
from pkdesk.core.plan.model import (
    CONSENTS, PARTY_CONSENTS, PARTY_ROLES, STRATEGY_KINDS, Authorization, Benchmark, Caveat,
    Command, Mandate, ParallelForce, Party, Plan, Protection, ProtectionSite, Resources, Strategy,
)
from pkdesk.core.plan.file import dumps_plan, parse_plan
from pkdesk.core.rules import default_rule_pack

RUNS = 300


def big_plan(parties: int, strategies: int, seed: int = 7) -> Plan:
    rng = random.Random(seed)
    names = [f"Party {i:02d}" for i in range(parties)]
    return Plan(
        title=f"Benchmark plan ({parties} parties, {strategies} strategies)",
        context="civil_war", host_consent=rng.choice(CONSENTS),
        authorization=Authorization("UN Security Council", "S/RES/0000 (2026)"),
        mandate=Mandate("Monitor the ceasefire and protect civilians " * 3,
                        ["monitor_ceasefire", "protect_civilians", "elections"], 12),
        parties=[Party(n, rng.choice(("state", "non_state")), rng.choice(PARTY_CONSENTS),
                       rng.random() < 0.5) for n in names],
        use_of_force="defence_of_mandate",
        strategies=[Strategy(rng.choice(STRATEGY_KINDS),
                             rng.sample(names, rng.randint(1, 5))
                             + (["Unlisted group"] if rng.random() < 0.05 else []),
                             lead=rng.choice(names + ["AU mediator", "UN envoy"]),
                             notes="notes " * 10) for _ in range(strategies)],
        components=["military", "police"], resources=Resources(12000, "limited", "partial"),
        partners=["African Union"], community_engagement="", climate_risks="")


def version_2(plan: Plan, seed: int = 11) -> Plan:
    """The plan with every format 2 field in use (in place; returns it)."""
    rng = random.Random(seed)
    for party in plan.parties:
        party.role = rng.choice(PARTY_ROLES)
        if party.consent == "conditional" and rng.random() < 0.5:
            party.consent_conditions = "Cantonment sites agreed first."
    plan.phase, plan.host_authority = "crisis", "contested"
    plan.host_consent_conditions = "No operations in the capital without notice."
    plan.mandate.directed_against = [plan.parties[1].name, plan.parties[3].name]
    plan.mandate.end_state = "Civilians protected by national institutions."
    plan.mandate.benchmarks = [Benchmark(f"Benchmark {i}", f"2027-{i:02d}") for i in range(1, 7)]
    plan.protection = Protection("high", 500_000, [
        ProtectionSite(f"Site {i}", rng.randint(1000, 60_000), rng.randint(0, 600))
        for i in range(20)])
    plan.command = Command("hybrid", [ParallelForce(f"Force {i}", i % 2 == 0) for i in range(4)],
                           [Caveat(f"Contributor {i}", "No night patrols") for i in range(5)])
    plan.resources.personnel_required = 20_000
    plan.resources.funding_source = "voluntary"
    assert plan.uses_format_2()
    return plan


def main() -> None:
    parties = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    strategies = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    plan = big_plan(parties, strategies)
    pack = default_rule_pack()
    result = check(plan, pack)
    raw = dumps_plan(plan).encode("utf-8")
    for _ in range(20):  # warm up
        check(plan, pack)
    checks = timed(lambda: check(plan, pack), RUNS)
    parses = timed(lambda: parse_plan(raw), RUNS // 3)
    print(f"plan: {parties} parties, {strategies} strategies, {len(pack.rules)} rules, "
          f"{len(result.findings)} findings, file {len(raw) / 1024:.0f} KiB")
    print(f"check():      median {statistics.median(checks):.2f} ms, "
          f"p95 {percentile(checks, 0.95):.2f} ms, max {max(checks):.2f} ms  (target < 10 ms)")
    print(f"parse_plan(): median {statistics.median(parses):.2f} ms, "
          f"p95 {percentile(parses, 0.95):.2f} ms")
    plan2 = version_2(big_plan(parties, strategies))
    result2 = check(plan2, pack)
    for _ in range(20):
        check(plan2, pack)
    checks2 = timed(lambda: check(plan2, pack), RUNS)
    print(f"format 2: {len(result2.findings)} findings; check(): median "
          f"{statistics.median(checks2):.2f} ms, p95 {percentile(checks2, 0.95):.2f} ms, "
          f"max {max(checks2):.2f} ms  (target < 10 ms)")


if __name__ == "__main__":
    main()
