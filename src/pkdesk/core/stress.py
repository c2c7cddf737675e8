"""Stress test: every what-if of a pack applied to a plan, one at a time, against the baseline.

For each perturbation it reports the principles it breaks (blocker and warning findings the
perturbed plan has and the baseline does not), the findings it clears, the verdict after,
and the strategies already in the plan whose kind the pack says answers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pkdesk.core.checker import check
from pkdesk.core.findings import PRINCIPLES, CheckResult, Finding
from pkdesk.core.i18n import DEFAULT_LANGUAGE
from pkdesk.core.plan.model import Plan, Strategy
from pkdesk.core.rules import RulePack
from pkdesk.core.whatif import WhatIf, WhatIfPack, default_whatif_pack, perturb

BREAKING = ("blocker", "warning")


def _key(f: Finding) -> tuple[str, str]:
    # The message names the party or strategy of a per-item rule, so (rule, message)
    # tells "a new party now lacks a channel" from "the same party still does".
    return f.rule, f.message


def new_findings(baseline: CheckResult, after: CheckResult) -> tuple[Finding, ...]:
    before = {_key(f) for f in baseline.findings}
    return tuple(f for f in after.findings if _key(f) not in before)


def cleared_findings(baseline: CheckResult, after: CheckResult) -> tuple[Finding, ...]:
    now = {_key(f) for f in after.findings}
    return tuple(f for f in baseline.findings if _key(f) not in now)


@dataclass(frozen=True)
class StressRow:
    whatif: WhatIf
    result: CheckResult                         # the perturbed plan's findings
    new: tuple[Finding, ...]                    # every finding the baseline did not have
    cleared: tuple[Finding, ...]                # baseline findings that went away
    answering: tuple[tuple[int, Strategy], ...]  # (number from 1, strategy) answering it

    @property
    def breaks(self) -> dict[str, dict[str, int]]:
        """Principles with new blocker/warning findings: {principle: {severity: count}}."""
        out: dict[str, dict[str, int]] = {}
        for f in self.new:
            if f.severity in BREAKING:
                counts = out.setdefault(f.principle, {s: 0 for s in BREAKING})
                counts[f.severity] += 1
        order = {p: i for i, p in enumerate(PRINCIPLES)}
        return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], len(order))))


@dataclass(frozen=True)
class StressReport:
    plan_title: str
    baseline: CheckResult
    rows: tuple[StressRow, ...]
    lang: str = DEFAULT_LANGUAGE     # the language of the findings' messages


def answering_strategies(plan: Plan, whatif: WhatIf) -> tuple[tuple[int, Strategy], ...]:
    kinds = set(whatif.answered_by)
    return tuple((n, s) for n, s in enumerate(plan.strategies, 1) if s.kind in kinds)


def stress_test(plan: Plan, pack: WhatIfPack | None = None,
                rules: RulePack | None = None, lang: str = DEFAULT_LANGUAGE) -> StressReport:
    pack = pack or default_whatif_pack()
    baseline = check(plan, rules, lang)
    rows = []
    for whatif in pack.whatifs:
        after = check(perturb(plan, whatif, lang), rules, lang)
        rows.append(StressRow(whatif, after, new_findings(baseline, after),
                              cleared_findings(baseline, after),
                              answering_strategies(plan, whatif)))
    return StressReport(plan.title, baseline, tuple(rows), lang)


def _finding(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "principle": f.principle, "severity": f.severity,
            "message": f.message}


def stress_to_dict(report: StressReport) -> dict[str, Any]:
    return {
        "plan": report.plan_title,
        "baseline_verdict": report.baseline.verdict,
        "whatifs": [{
            "id": row.whatif.id, "title": row.whatif.title_in(report.lang),
            "verdict": row.result.verdict,
            "breaks": row.breaks,
            "new_findings": [_finding(f) for f in row.new],
            "cleared_findings": [_finding(f) for f in row.cleared],
            "answered_by_kinds": list(row.whatif.answered_by),
            "answered_by": [{"number": n, "kind": s.kind, "lead": s.lead,
                             "parties": list(s.parties)} for n, s in row.answering],
        } for row in report.rows],
    }
