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
    COMMAND_ARRANGEMENTS, COMPONENTS, CONSENTS, CONTEXTS, EQUIPMENT_LEVELS, FUNDING_LEVELS,
    FUNDING_SOURCES, HOST_AUTHORITIES, OBJECTIVES, PARTY_CONSENTS, PARTY_KINDS, PARTY_ROLES,
    PHASES, STRATEGY_KINDS, TALKS_KINDS, THREAT_LEVELS, USES_OF_FORCE, Plan,
)

# When advice is to be acted on, by phase: "{when}" in a rule's text reads "before
# deployment" only while the mission is being planned or starting up.
WHEN_BY_PHASE: dict[str, str] = {
    "planning": "before_deployment", "start_up": "before_deployment",
    "deployed": "by_the_next_review", "crisis": "without_delay",
    "transition": "before_handover", "drawdown": "before_handover",
}
WHENS: tuple[str, ...] = tuple(dict.fromkeys(WHEN_BY_PHASE.values()))
_TALKS = frozenset(TALKS_KINDS)


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
    # Format 2
    "phase": _f("plan", "text", PHASES),
    "when": _f("plan", "text", WHENS, "when advice is to be acted on, by phase: before "
               "deployment (planning, start-up), by the next review (deployed), without delay "
               "(crisis), before handover (transition, drawdown)"),
    "host_authority": _f("plan", "text", HOST_AUTHORITIES),
    "host_consent_conditions": _f("plan", "text"),
    "mandate.directed_against": _f("plan", "set", doc="parties the mandate directs the "
                                   "mission against"),
    "mandate.unknown_targets": _f("plan", "set", doc="directed_against names that are not "
                                  "plan parties"),
    "mandate.end_state": _f("plan", "text"),
    "mandate.benchmarks": _f("plan", "set", doc="texts of the benchmarks"),
    "protection.threat_level": _f("plan", "text", THREAT_LEVELS),
    "protection.civilians_at_risk": _f("plan", "int", doc="null when not estimated"),
    "protection.sites": _f("plan", "set", doc="names of the protection sites"),
    "protection.uncovered_sites": _f("plan", "set", doc="sites with people and no personnel"),
    "protection.thinnest_site": _f("plan", "text", doc="the site with the fewest personnel "
                                   "per 1,000 people (\"\" when no site has people)"),
    "protection.thinnest_cover": _f("plan", "int", doc="personnel per 1,000 people at the "
                                    "thinnest site, rounded down; null when no site has people"),
    "command.arrangement": _f("plan", "text", COMMAND_ARRANGEMENTS),
    "command.outside_forces": _f("plan", "set", doc="parallel forces not under mission "
                                 "command"),
    "command.caveat_contributors": _f("plan", "set", doc="contributors with national caveats"),
    "resources.funding_source": _f("plan", "text", FUNDING_SOURCES),
    "resources.personnel_coverage": _f("plan", "int", doc="personnel as a percentage of "
                                       "personnel_required, rounded down; null when not "
                                       "estimated"),
    "listed_parties": _f("plan", "set", doc="parties whose role is listed_group"),
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
    "party.role": _f("party", "text", PARTY_ROLES),
    "party.consent_conditions": _f("party", "text"),
    "party.in_talks": _f("party", "bool", doc="in direct talks, or named by a strategy that "
                         "engages it in talks (any of " + ", ".join(TALKS_KINDS) + ")"),
    "party.targeted": _f("party", "bool", doc="the mandate directs the mission against it"),
    "party.consent_sought": _f("party", "bool", doc="a party whose consent the mission seeks: "
                               "neither listed_group nor targeted by the mandate"),
    "strategy.number": _f("strategy", "int", doc="position in the plan, from 1"),
    "strategy.kind": _f("strategy", "text", STRATEGY_KINDS),
    "strategy.parties": _f("strategy", "set"),
    "strategy.party_count": _f("strategy", "int"),
    "strategy.unknown_parties": _f("strategy", "set", doc="names that are not plan parties"),
    "strategy.lead": _f("strategy", "text"),
    "strategy.lead_is_party": _f("strategy", "bool", doc="its lead is one of the parties"),
    "strategy.notes": _f("strategy", "text"),
    "strategy.talks": _f("strategy", "bool", doc="its kind engages parties in talks"),
    "strategy.listed_in_talks": _f("strategy", "set", doc="parties whose role is "
                                   "listed_group that it brings into talks (empty unless its "
                                   "kind engages parties in talks)"),
}


def plan_facts(plan: Plan) -> dict[str, Any]:
    names = {p.name for p in plan.parties}
    listed = frozenset(p.name for p in plan.parties if p.role == "listed_group")
    targets = frozenset(plan.mandate.directed_against)
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
            "strategy.notes": s.notes, "strategy.talks": s.kind in _TALKS,
            "strategy.listed_in_talks": named & listed if s.kind in _TALKS else frozenset(),
        })
    parties = []
    for number, p in enumerate(plan.parties, 1):
        kinds = frozenset(kinds_by_party.get(p.name, ()))
        parties.append({
            "party.name": p.name, "party.kind": p.kind, "party.consent": p.consent,
            "party.direct_talks": p.direct_talks, "party.number": number,
            "party.engaged": p.name in kinds_by_party, "party.strategy_kinds": kinds,
            "party.role": p.role, "party.consent_conditions": p.consent_conditions,
            "party.in_talks": p.direct_talks or not kinds.isdisjoint(_TALKS),
            "party.targeted": p.name in targets,
            "party.consent_sought": p.role != "listed_group" and p.name not in targets,
        })
    r = plan.resources
    thinnest_site, thinnest_cover = "", None
    for site in plan.protection.sites:
        if site.population > 0:
            cover = site.personnel * 1000 // site.population
            if thinnest_cover is None or cover < thinnest_cover:
                thinnest_site, thinnest_cover = site.name, cover
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
        "phase": plan.phase, "when": WHEN_BY_PHASE[plan.phase],
        "host_authority": plan.host_authority,
        "host_consent_conditions": plan.host_consent_conditions,
        "mandate.directed_against": targets, "mandate.unknown_targets": targets - names,
        "mandate.end_state": plan.mandate.end_state,
        "mandate.benchmarks": frozenset(b.text for b in plan.mandate.benchmarks),
        "protection.threat_level": plan.protection.threat_level,
        "protection.civilians_at_risk": plan.protection.civilians_at_risk,
        "protection.sites": frozenset(s.name for s in plan.protection.sites),
        "protection.uncovered_sites": frozenset(s.name for s in plan.protection.sites
                                                if s.population > 0 and s.personnel == 0),
        "protection.thinnest_site": thinnest_site, "protection.thinnest_cover": thinnest_cover,
        "command.arrangement": plan.command.arrangement,
        "command.outside_forces": frozenset(f.name for f in plan.command.parallel_forces
                                            if not f.under_mission_command),
        "command.caveat_contributors": frozenset(c.contributor for c in plan.command.caveats),
        "resources.funding_source": r.funding_source,
        "resources.personnel_coverage": (r.personnel * 100 // r.personnel_required
                                         if r.personnel_required else None),
        "listed_parties": listed,
        "partners": frozenset(plan.partners),
        "community_engagement": plan.community_engagement,
        "climate_risks": plan.climate_risks, "notes": plan.notes,
        "party_count": len(plan.parties), "strategy_count": len(plan.strategies),
        "strategy_kinds": frozenset(s.kind for s in plan.strategies),
        "engaged_parties": frozenset(kinds_by_party),
        "engaged_party_count": len(kinds_by_party),
        "_parties": parties, "_strategies": strategies,
    }
