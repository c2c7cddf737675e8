"""The facts rules can test, derived from a plan once per check.

Everything a rule may ask is listed in ``FIELDS`` (name, scope, kind, allowed values), so a
rule pack is checked against it when loaded. ``plan_facts`` computes them in one linear
pass: the sets rules need (which parties any strategy names, which kinds of strategy reach
each party) are built up front, so evaluating a rule never rescans the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pkdesk.core.plan.model import (
    COMPONENTS, CONSENTS, CONTEXTS, EQUIPMENT_LEVELS, FUNDING_LEVELS, OBJECTIVES, PARTY_CONSENTS,
    PARTY_KINDS, STRATEGY_KINDS, USES_OF_FORCE, Plan,
)


@dataclass(frozen=True)
class FieldSpec:
    scope: str                          # plan, party or strategy
    kind: str                           # text, int, bool or set (of text)
    allowed: tuple[str, ...] = ()       # for enumerated text and sets of it
    doc: str = ""

    def element(self) -> FieldSpec:
        """What one value of this field looks like (a set's members are text)."""
        return FieldSpec(self.scope, "text", self.allowed) if self.kind == "set" else self


def _f(scope: str, kind: str, allowed: tuple[str, ...] = (), doc: str = "") -> FieldSpec:
    return FieldSpec(scope, kind, allowed, doc)


FIELDS: dict[str, FieldSpec] = {
    "title": _f("plan", "text"),
    "host_country": _f("plan", "text"),
    "context": _f("plan", "text", CONTEXTS),
    "authorization.body": _f("plan", "text"),
    "authorization.reference": _f("plan", "text"),
    "mandate.summary": _f("plan", "text"),
    "mandate.summary_words": _f("plan", "int", doc="words in the mandate summary"),
    "mandate.objectives": _f("plan", "set", OBJECTIVES),
    "mandate.review_months": _f("plan", "int", doc="null when no review cycle is set"),
    "host_consent": _f("plan", "text", CONSENTS),
    "use_of_force": _f("plan", "text", USES_OF_FORCE),
    "components": _f("plan", "set", COMPONENTS),
    "resources.personnel": _f("plan", "int"),
    "resources.equipment": _f("plan", "text", EQUIPMENT_LEVELS),
    "resources.funding": _f("plan", "text", FUNDING_LEVELS),
    "resources.personnel_required": _f("plan", "int", doc="the strength the planner estimates "
                                       "the mandate needs; null when not estimated"),
    "resources.personnel_shortfall": _f("plan", "int", doc="personnel_required minus "
                                        "personnel when that is more than 0, else 0"),
    "partners": _f("plan", "set"),
    "community_engagement": _f("plan", "text"),
    "climate_risks": _f("plan", "text"),
    "notes": _f("plan", "text"),
    "party_count": _f("plan", "int"),
    "strategy_count": _f("plan", "int"),
    "strategy_kinds": _f("plan", "set", STRATEGY_KINDS, "kinds of all strategies"),
    "engaged_parties": _f("plan", "set", doc="parties named by at least one strategy"),
    "engaged_party_count": _f("plan", "int"),
    "party.name": _f("party", "text"),
    "party.kind": _f("party", "text", PARTY_KINDS),
    "party.consent": _f("party", "text", PARTY_CONSENTS),
    "party.direct_talks": _f("party", "bool"),
    "party.number": _f("party", "int", doc="position in the plan, from 1"),
    "party.engaged": _f("party", "bool", doc="named by at least one strategy"),
    "party.strategy_kinds": _f("party", "set", STRATEGY_KINDS, "kinds of strategy naming it"),
    "strategy.number": _f("strategy", "int", doc="position in the plan, from 1"),
    "strategy.kind": _f("strategy", "text", STRATEGY_KINDS),
    "strategy.parties": _f("strategy", "set"),
    "strategy.party_count": _f("strategy", "int"),
    "strategy.unknown_parties": _f("strategy", "set", doc="names that are not plan parties"),
    "strategy.lead": _f("strategy", "text"),
    "strategy.lead_is_party": _f("strategy", "bool", doc="its lead is one of the parties"),
    "strategy.notes": _f("strategy", "text"),
}


def plan_facts(plan: Plan) -> dict[str, Any]:
    names = {p.name for p in plan.parties}
    kinds_by_party: dict[str, set[str]] = {}
    strategies: list[dict[str, Any]] = []
    for number, s in enumerate(plan.strategies, 1):
        named = frozenset(s.parties)
        for name in named & names:
            kinds_by_party.setdefault(name, set()).add(s.kind)
        strategies.append({
            "strategy.number": number, "strategy.kind": s.kind, "strategy.parties": named,
            "strategy.party_count": len(named), "strategy.unknown_parties": named - names,
            "strategy.lead": s.lead, "strategy.lead_is_party": s.lead.strip() in names,
            "strategy.notes": s.notes,
        })
    parties = [{
        "party.name": p.name, "party.kind": p.kind, "party.consent": p.consent,
        "party.direct_talks": p.direct_talks, "party.number": number,
        "party.engaged": p.name in kinds_by_party,
        "party.strategy_kinds": frozenset(kinds_by_party.get(p.name, ())),
    } for number, p in enumerate(plan.parties, 1)]
    return {
        "title": plan.title, "host_country": plan.host_country, "context": plan.context,
        "authorization.body": plan.authorization.body,
        "authorization.reference": plan.authorization.reference,
        "mandate.summary": plan.mandate.summary,
        "mandate.summary_words": len(plan.mandate.summary.split()),
        "mandate.objectives": frozenset(plan.mandate.objectives),
        "mandate.review_months": plan.mandate.review_months,
        "host_consent": plan.host_consent, "use_of_force": plan.use_of_force,
        "components": frozenset(plan.components),
        "resources.personnel": plan.resources.personnel,
        "resources.equipment": plan.resources.equipment,
        "resources.funding": plan.resources.funding,
        "resources.personnel_required": plan.resources.personnel_required,
        "resources.personnel_shortfall": max(0, (plan.resources.personnel_required or 0)
                                             - plan.resources.personnel),
        "partners": frozenset(plan.partners),
        "community_engagement": plan.community_engagement,
        "climate_risks": plan.climate_risks, "notes": plan.notes,
        "party_count": len(plan.parties), "strategy_count": len(plan.strategies),
        "strategy_kinds": frozenset(s.kind for s in plan.strategies),
        "engaged_parties": frozenset(kinds_by_party),
        "engaged_party_count": len(kinds_by_party),
        "_parties": parties, "_strategies": strategies,
    }
