"""Two to four scenarios side by side: fields that differ, findings per principle, verdicts.

``matrix`` is principle × scenario, one ``Cell`` each (counts by severity and the rules),
ready for a heat map: ``Cell.level`` is the worst severity found, or ``"none"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pkdesk.core.checker import check
from pkdesk.core.errors import InputError
from pkdesk.core.findings import PRINCIPLES, SEVERITIES, CheckResult
from pkdesk.core.i18n import DEFAULT_LANGUAGE
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.diff import Difference, differences
from pkdesk.core.rules import RulePack

MIN_SCENARIOS = 2
MAX_SCENARIOS = 4
LABELS = "ABCD"


@dataclass(frozen=True)
class Scenario:
    label: str          # "A".."D": column headings
    source: str         # where it came from: "plan 3", "variant.pkplan.json"
    plan: Plan
    result: CheckResult


@dataclass(frozen=True)
class Cell:
    blocker: int = 0
    warning: int = 0
    advice: int = 0
    rules: tuple[str, ...] = ()

    @property
    def level(self) -> str:
        for severity in SEVERITIES:
            if getattr(self, severity):
                return severity
        return "none"

    @property
    def total(self) -> int:
        return self.blocker + self.warning + self.advice

    def to_dict(self) -> dict[str, Any]:
        return {"blocker": self.blocker, "warning": self.warning, "advice": self.advice,
                "level": self.level, "rules": list(self.rules)}


@dataclass(frozen=True)
class Comparison:
    scenarios: tuple[Scenario, ...]
    differences: tuple[Difference, ...]
    principles: tuple[str, ...]
    matrix: tuple[tuple[Cell, ...], ...]        # one row per principle, one cell per scenario

    def cell(self, principle: str, label: str) -> Cell:
        row = self.matrix[self.principles.index(principle)]
        return row[[s.label for s in self.scenarios].index(label)]


def _cells(result: CheckResult, principles: Sequence[str]) -> list[Cell]:
    counts: dict[str, dict[str, int]] = {p: {s: 0 for s in SEVERITIES} for p in principles}
    rules: dict[str, dict[str, None]] = {p: {} for p in principles}
    for f in result.findings:
        counts[f.principle][f.severity] += 1
        rules[f.principle][f.rule] = None
    return [Cell(counts[p]["blocker"], counts[p]["warning"], counts[p]["advice"],
                 tuple(rules[p])) for p in principles]


def compare_plans(named: Sequence[tuple[str, Plan]], rules: RulePack | None = None,
                  lang: str = DEFAULT_LANGUAGE) -> Comparison:
    """Compare ``(source, plan)`` pairs, in the order given (labelled A, B, C, D); findings'
    messages in ``lang``."""
    if not MIN_SCENARIOS <= len(named) <= MAX_SCENARIOS:
        raise InputError(f"compare: expected {MIN_SCENARIOS} to {MAX_SCENARIOS} plans "
                         f"(got {len(named)})")
    scenarios = tuple(Scenario(LABELS[i], source, plan, check(plan, rules, lang))
                      for i, (source, plan) in enumerate(named))
    extra = {f.principle for s in scenarios for f in s.result.findings} - set(PRINCIPLES)
    principles = PRINCIPLES + tuple(sorted(extra))
    columns = [_cells(s.result, principles) for s in scenarios]
    matrix = tuple(tuple(col[i] for col in columns) for i in range(len(principles)))
    return Comparison(scenarios, tuple(differences([s.plan for s in scenarios])), principles,
                      matrix)


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    return {
        "scenarios": [{
            "label": s.label, "source": s.source, "title": s.plan.title, "uid": s.plan.uid,
            "parent_uid": s.plan.lineage.parent if s.plan.lineage else None,
            "verdict": s.result.verdict,
            "counts": {sev: sum(1 for f in s.result.findings if f.severity == sev)
                       for sev in SEVERITIES},
        } for s in c.scenarios],
        "differences": [d.to_dict() for d in c.differences],
        "principles": list(c.principles),
        "matrix": [{"principle": p, "cells": [cell.to_dict() for cell in row]}
                   for p, row in zip(c.principles, c.matrix)],
    }
