"""Which finding an acknowledgement is for: finding subjects, matching, stale acknowledgements.

A rule with ``for_each`` gives one finding per party or strategy, so "acknowledged" must say
which one. Each such finding has a *subject*, and an acknowledgement applies only to the
finding with the same rule and subject:

- ``party:<name>`` for a party (``party:<name>#2`` for a second party of the same name);
- ``strategy:<kind>#<k>`` for the k-th strategy of that kind (``strategy:mediation#2``),
  counted like ``plan.diff`` counts them, so adding a strategy of another kind moves nothing;
- ``objective:<uid>`` and ``indicator:<uid>`` for a worded objective or an indicator (format
  3): by uid, which no edit changes and no other item ever takes.

A plan-level finding has no subject, and only an acknowledgement without one applies to it.

Plan files written before subjects existed acknowledged a rule as a whole. Such an
acknowledgement of a per-item rule now applies to nothing: it is kept in the plan (never
dropped), and ``stale_acknowledgements`` reports it so the planner acknowledges each finding
again with its own reason. Guessing which instances it was meant for would be silently
covering findings, which is the very thing subjects stop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from pkdesk.core.plan.model import (
    STRATEGY_KINDS, Acknowledgement, MissionObjective, Party, Plan, Strategy,
)

PARTY = "party:"
STRATEGY = "strategy:"
OBJECTIVE = "objective:"
INDICATOR = "indicator:"
_UID_SUBJECT = re.compile(r"(objective|indicator):[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
MAX_SUBJECT_CHARS = 400
_STRATEGY_SUBJECT = re.compile(r"strategy:([a-z_]+)#([1-9][0-9]{0,5})")


def party_subjects(parties: Sequence[Party]) -> list[str]:
    """The subject of each party, in order."""
    seen: dict[str, int] = {}
    out = []
    for p in parties:
        seen[p.name] = seen.get(p.name, 0) + 1
        out.append(f"{PARTY}{p.name}" + (f"#{seen[p.name]}" if seen[p.name] > 1 else ""))
    return out


def strategy_subjects(strategies: Sequence[Strategy]) -> list[str]:
    """The subject of each strategy, in order."""
    seen: dict[str, int] = {}
    out = []
    for s in strategies:
        seen[s.kind] = seen.get(s.kind, 0) + 1
        out.append(f"{STRATEGY}{s.kind}#{seen[s.kind]}")
    return out


def objective_subjects(objectives: Sequence[MissionObjective]) -> list[str]:
    """The subject of each worded objective, in order."""
    return [f"{OBJECTIVE}{o.uid}" for o in objectives]


def indicator_subjects(objectives: Sequence[MissionObjective]) -> list[str]:
    """The subject of each indicator of the worded objectives, in plan order."""
    return [f"{INDICATOR}{i.uid}" for o in objectives for i in o.indicators]


def item_subjects(plan: Plan) -> Iterator[tuple[object, str]]:
    """Every party and strategy of ``plan`` with its subject."""
    yield from zip(plan.parties, party_subjects(plan.parties))
    yield from zip(plan.strategies, strategy_subjects(plan.strategies))


def item_words(plan: Plan | None, subject: str | None) -> tuple[str, str] | None:
    """``("objective" | "indicator", its text)`` for a uid subject of ``plan``'s worded
    objectives and indicators, or None (another kind of subject, or a uid the plan lacks)."""
    if plan is None or subject is None:
        return None
    if subject.startswith(OBJECTIVE):
        uid = subject[len(OBJECTIVE):]
        return next((("objective", o.text) for o in plan.performance.objectives
                     if o.uid == uid), None)
    if subject.startswith(INDICATOR):
        uid = subject[len(INDICATOR):]
        return next((("indicator", i.text) for o in plan.performance.objectives
                     for i in o.indicators if i.uid == uid), None)
    return None


def subject_problem(subject: str) -> str | None:
    """Why ``subject`` cannot name a finding (for the file reader), or None when it can."""
    if subject.startswith(PARTY):
        return None if subject[len(PARTY):].strip() else "a party's name after \"party:\""
    if subject.startswith((OBJECTIVE, INDICATOR)):
        return None if _UID_SUBJECT.fullmatch(subject) else \
            "a uid after \"objective:\" or \"indicator:\" (letters, digits, '-', '_')"
    match = _STRATEGY_SUBJECT.fullmatch(subject)
    if match is None or match.group(1) not in STRATEGY_KINDS:
        return ("\"party:NAME\", \"strategy:KIND#N\" (e.g. \"strategy:mediation#1\"), "
                "\"objective:UID\" or \"indicator:UID\", or null for a finding about the "
                "whole plan")
    return None


def find(acknowledgements: Iterable[Acknowledgement], rule: str,
         subject: str | None) -> Acknowledgement | None:
    """The acknowledgement of exactly that finding (the last one, if a file repeats it)."""
    found = None
    for a in acknowledgements:
        if a.rule == rule and a.subject == subject:
            found = a
    return found


def stale_acknowledgements(acknowledgements: Iterable[Acknowledgement],
                           per_item_rules: Iterable[str],
                           plan_rules: Iterable[str]) -> tuple[Acknowledgement, ...]:
    """Acknowledgements that no finding of their rule can ever match: without a subject for a
    per-party/per-strategy rule (written before subjects existed), or with one for a
    plan-level rule. Rules the pack does not have are not judged (another pack's)."""
    per_item, plan_level = set(per_item_rules), set(plan_rules)
    return tuple(a for a in acknowledgements
                 if (a.subject is None and a.rule in per_item)
                 or (a.subject is not None and a.rule in plan_level))
