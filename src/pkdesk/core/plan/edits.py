"""Edits to a plan as pure functions: each returns a new ``Plan`` and never mutates its input.

The planner keeps every state it shows (for undo, for autosave) as a ``Plan`` value; because
an edit copies only the parts it changes and shares the rest, keeping a state costs next to
nothing even for a plan with hundreds of strategies. Nothing may mutate a plan in place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from pkdesk.core.acknowledgements import find, item_subjects
from pkdesk.core.errors import InputError
from pkdesk.core.findings import Finding
from pkdesk.core.plan.model import (Acknowledgement, DataPoint, Mandate, Party, Plan,
                                    Strategy)
from pkdesk.core.plan.performance_file import MAX_DATA_POINTS
from pkdesk.core.plan.file import plan_from_dict, plan_to_dict

# The form's scalar fields: key -> (label, how to read it, how to write it).
_Get = Callable[[Plan], Any]
_Set = Callable[[Plan, Any], Plan]


def _top(name: str) -> tuple[_Get, _Set]:
    return (lambda p: getattr(p, name),
            lambda p, v: dataclasses.replace(p, **{name: v}))


def _nested(outer: str, name: str) -> tuple[_Get, _Set]:
    def get(p: Plan) -> Any:
        return getattr(getattr(p, outer), name)

    def set_(p: Plan, v: Any) -> Plan:
        inner = dataclasses.replace(getattr(p, outer), **{name: v})
        return dataclasses.replace(p, **{outer: inner})
    return get, set_


FIELD_LABELS: dict[str, str] = {
    "title": "title", "host_country": "host country", "context": "context",
    "authorization.body": "authorising body", "authorization.reference": "authorisation reference",
    "mandate.summary": "mandate summary", "mandate.objectives": "objectives",
    "mandate.review_months": "review cycle", "host_consent": "host consent",
    "use_of_force": "use of force", "components": "components",
    "resources.personnel": "personnel", "resources.equipment": "equipment",
    "resources.funding": "funding", "resources.personnel_required": "personnel required",
    "partners": "partners",
    # format 2
    "phase": "phase", "host_authority": "host authority",
    "host_consent_conditions": "host consent conditions",
    "mandate.directed_against": "mandate directed against", "mandate.end_state": "end state",
    "mandate.benchmarks": "benchmarks", "protection.threat_level": "threat to civilians",
    "protection.civilians_at_risk": "civilians at risk", "protection.sites": "protection sites",
    "command.arrangement": "command arrangement", "command.parallel_forces": "parallel forces",
    "command.caveats": "national caveats", "resources.funding_source": "funding source",
    "community_engagement": "community engagement", "climate_risks": "climate risks",
    "notes": "notes", "parties": "parties", "strategies": "strategies",
    "acknowledgements": "acknowledgements", "lineage": "lineage", "extra": "extra fields",
}

_ACCESS: dict[str, tuple[_Get, _Set]] = {
    key: (_nested(*key.split(".")) if "." in key else _top(key))
    for key in FIELD_LABELS if key not in ("lineage", "extra")
}


def field_value(plan: Plan, key: str) -> Any:
    return _ACCESS[key][0](plan)


def with_field(plan: Plan, key: str, value: Any) -> Plan:
    """``plan`` with one field (``title``, ``mandate.summary``, ...) set to ``value``."""
    if isinstance(value, list):
        value = list(value)
    return _ACCESS[key][1](plan, value)


# Parties ---------------------------------------------------------------------------------

def unique_name(base: str, taken: list[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base} {n}" in taken:
        n += 1
    return f"{base} {n}"


def _follow_items(before: Plan, after: Plan,
                  replaced: Iterable[tuple[object, object]] = ()) -> Plan:
    """``after`` with each acknowledgement of a party's or strategy's finding still naming
    that same item: its subject follows a rename or a shift ("mediation#2" becoming
    "mediation#1"), and it goes with an item that was removed, so it can never come to
    cover another party or strategy. ``replaced``: (old item, the item now in its place)."""
    if not any(a.subject is not None for a in before.acknowledgements):
        return after
    was = {subject: id(item) for item, subject in item_subjects(before)}
    now = {id(item): subject for item, subject in item_subjects(after)}
    for old, new in replaced:
        if id(new) in now:
            now[id(old)] = now[id(new)]
    kept = []
    for a in after.acknowledgements:
        if a.subject is None or a.subject not in was:
            kept.append(a)                  # plan-level, or naming nothing already
        elif (subject := now.get(was[a.subject])) is not None:
            kept.append(a if subject == a.subject else dataclasses.replace(a, subject=subject))
    return dataclasses.replace(after, acknowledgements=kept)


def insert_party(plan: Plan, row: int, party: Party) -> Plan:
    parties = list(plan.parties)
    parties.insert(row, party)
    return _follow_items(plan, dataclasses.replace(plan, parties=parties))


def remove_party(plan: Plan, row: int) -> Plan:
    """Without the party, without its name in any strategy (it no longer exists) and
    without the acknowledgements of its findings."""
    name = plan.parties[row].name
    parties = plan.parties[:row] + plan.parties[row + 1:]
    still_named = {p.name for p in parties}
    strategies = [s if name not in s.parties or name in still_named
                  else dataclasses.replace(s, parties=[n for n in s.parties if n != name])
                  for s in plan.strategies]
    return _follow_items(plan, dataclasses.replace(plan, parties=parties,
                                                   strategies=strategies),
                         zip(plan.strategies, strategies))


def replace_party(plan: Plan, row: int, party: Party) -> Plan:
    """Set one party; a new name is carried into every strategy that named the old one, and
    into the acknowledgements of its findings."""
    old = plan.parties[row].name
    parties = list(plan.parties)
    parties[row] = party
    strategies = plan.strategies
    if party.name != old:
        strategies = [s if old not in s.parties
                      else dataclasses.replace(s, parties=[party.name if n == old else n
                                                           for n in s.parties])
                      for s in plan.strategies]
    return _follow_items(plan, dataclasses.replace(plan, parties=parties, strategies=strategies),
                         [(plan.parties[row], party), *zip(plan.strategies, strategies)])


# Strategies ------------------------------------------------------------------------------

def insert_strategy(plan: Plan, row: int, strategy: Strategy) -> Plan:
    strategies = list(plan.strategies)
    strategies.insert(row, strategy)
    return _follow_items(plan, dataclasses.replace(plan, strategies=strategies))


def remove_strategy(plan: Plan, row: int) -> Plan:
    return _follow_items(plan, dataclasses.replace(
        plan, strategies=plan.strategies[:row] + plan.strategies[row + 1:]))


def replace_strategy(plan: Plan, row: int, strategy: Strategy) -> Plan:
    strategies = list(plan.strategies)
    strategies[row] = strategy
    return _follow_items(plan, dataclasses.replace(plan, strategies=strategies),
                         [(plan.strategies[row], strategy)])


# Acknowledgements ------------------------------------------------------------------------

def acknowledge(plan: Plan, ack: Acknowledgement) -> Plan:
    """Add ``ack``, replacing an earlier one for the same finding (same rule and subject).
    ``ack.subject`` must name the finding of a per-party/per-strategy rule (use
    ``acknowledge_finding``); without one it applies only to a plan-level finding."""
    kept = [a for a in plan.acknowledgements
            if (a.rule, a.subject) != (ack.rule, ack.subject)]
    return dataclasses.replace(plan, acknowledgements=[*kept, ack])


def withdraw(plan: Plan, rule: str, subject: str | None = None) -> Plan:
    """Without the acknowledgement of that one finding (others of the rule stay)."""
    return dataclasses.replace(plan, acknowledgements=[
        a for a in plan.acknowledgements if (a.rule, a.subject) != (rule, subject)])


def acknowledgement_for(plan: Plan, rule: str, subject: str | None = None
                        ) -> Acknowledgement | None:
    return find(plan.acknowledgements, rule, subject)


def acknowledge_finding(plan: Plan, finding: Finding, reason: str, by: str = "",
                        at: str = "") -> Plan:
    """Acknowledge exactly ``finding`` (its rule and subject) with the planner's reason."""
    return acknowledge(plan, Acknowledgement(finding.rule, reason, by=by, at=at,
                                             subject=finding.subject))


def withdraw_finding(plan: Plan, finding: Finding) -> Plan:
    return withdraw(plan, finding.rule, finding.subject)


def acknowledgement_of(plan: Plan, finding: Finding) -> Acknowledgement | None:
    """The acknowledgement that applies to ``finding`` (its reason, who, when), if any."""
    return find(plan.acknowledgements, finding.rule, finding.subject)


# Whole plans -----------------------------------------------------------------------------

def changed_fields(before: Plan, after: Plan) -> list[str]:
    """Labels of the fields that differ, in form order (for a revision's summary)."""
    changed = []
    for key, label in FIELD_LABELS.items():
        if key in _ACCESS:
            differs = field_value(before, key) != field_value(after, key)
        else:
            differs = getattr(before, key) != getattr(after, key)
        if differs:
            changed.append(label)
    return changed


_ACCEPTED: dict[int, DataPoint] = {}
"""Data points the file format accepted, by identity. Plans are never mutated and an edit
copies only what it changes, so a data point an edit did not touch is the very object
accepted before and need not be read again (one point entered in a plan of 50 indicators ×
500 points would otherwise re-read 25,000 rows on every entry)."""
_ACCEPTED_MAX = 200_000


def _accepted(point: DataPoint) -> bool:
    return _ACCEPTED.get(id(point)) is point


def _without_accepted_data(plan: Plan) -> Plan:
    """``plan`` with the data points already accepted left out, when its uids are all
    distinct and no indicator has too many points (else the plan itself, so the format
    names what is wrong)."""
    performance = plan.performance
    indicators = [i for o in performance.objectives for i in o.indicators]
    if not any(_accepted(p) for i in indicators for p in i.data[:1]) \
            or any(len(i.data) > MAX_DATA_POINTS for i in indicators):
        return plan
    uids = [o.uid for o in performance.objectives] + [i.uid for i in indicators]
    uids += [p.uid for i in indicators for p in i.data]
    uids += [r.uid for r in performance.reviews]
    uids += [d.uid for r in performance.reviews for d in r.decisions]
    if len(set(uids)) != len(uids):
        return plan
    objectives = [dataclasses.replace(o, indicators=[
        dataclasses.replace(i, data=[p for p in i.data if not _accepted(p)])
        for i in o.indicators]) for o in performance.objectives]
    return dataclasses.replace(plan, performance=dataclasses.replace(performance,
                                                                     objectives=objectives))


def problem(plan: Plan) -> InputError | None:
    """Why ``plan`` cannot be stored (the file format's own check), or None when it can."""
    lighter = _without_accepted_data(plan)
    try:
        plan_from_dict(plan_to_dict(lighter))
    except InputError as exc:
        if lighter is plan:
            return exc
        try:    # read it whole, so the message names the point by its place in the plan
            plan_from_dict(plan_to_dict(plan))
        except InputError as whole:
            return whole
        return exc
    points = [p for o in plan.performance.objectives for i in o.indicators for p in i.data]
    if len(_ACCEPTED) + len(points) > _ACCEPTED_MAX:
        _ACCEPTED.clear()
    for point in points:
        _ACCEPTED[id(point)] = point
    return None


def duplicate(plan: Plan, new_uid: str) -> Plan:
    return dataclasses.replace(plan, uid=new_uid, title=f"{plan.title} (copy)"[:300])


def starter_plan(title: str) -> Plan:
    """What "New plan" starts from: every choice left at its most cautious value, all three
    components, a six-month review; the checker then says what still needs deciding."""
    return Plan(title=title, host_consent="pending", use_of_force="self_defence",
                components=["military", "police", "civilian"],
                mandate=Mandate(review_months=6))
