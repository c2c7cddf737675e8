"""The facts rules can test: each declared once, with how it is computed from a plan.

A ``Fact`` names what a rule may ask (name, scope, kind, allowed values, a line of doc) and
how it is computed: ``source``, one Python expression of ``p`` (the plan for plan facts, one
party, strategy, worded objective or ``IndicatorItem`` for the others), ``n`` (the item's
position, from 1) and ``seen`` (what one pass over the plan found: the party names, which
kinds of strategy reach each party, and ``loop``: the day judged on and each objective's
off-track streak), so computing the facts stays one linear pass and a rule never rescans
the plan. Strategy facts may also use ``named``, the set of parties the strategy names;
objective facts ``st``, the objective's ``Streak``.

From these declarations come ``Fact.compute`` (one fact), ``plan_facts`` (all of them, for a
check: one function a scope, compiled from the expressions when this module is imported, so
computing a plan's facts costs what the hand-written dictionaries did), ``FIELDS`` (what a rule
pack is checked against when loaded) and the field list of ``docs/rule-packs.md``
(``facts_markdown``; tests/core/test_facts.py keeps it in step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from operator import attrgetter
from datetime import date
from typing import Any

from pkdesk.core.performance.schedule import next_review_due, overdue_reviews
from pkdesk.core.plan.model import (
    COMMAND_ARRANGEMENTS, COMPONENTS, CONSENTS, CONTEXTS, EQUIPMENT_LEVELS, FREQUENCIES,
    FREQUENCY_DAYS, FUNDING_LEVELS, FUNDING_SOURCES, HOST_AUTHORITIES, OBJECTIVES,
    PARTY_CONSENTS, PARTY_KINDS, PARTY_ROLES, PHASES, STRATEGY_KINDS, TALKS_KINDS,
    THREAT_LEVELS, USES_OF_FORCE, Indicator, MissionObjective, Plan, ProtectionSite,
)

SCOPES = ("plan", "party", "strategy", "objective", "indicator")
# The key of each per-item scope's list in ``plan_facts``.
ITEMS_KEY = {"party": "_parties", "strategy": "_strategies", "objective": "_objectives",
             "indicator": "_indicators"}
KINDS = ("text", "int", "bool", "set")


@dataclass(frozen=True, slots=True)
class Seen:
    """What one pass over the plan found, for the facts that look beyond one item."""

    names: frozenset[str]                       # the parties' names
    kinds_by_party: dict[str, frozenset[str]]   # party name -> kinds of strategy naming it
    listed: frozenset[str] = frozenset()        # parties whose role is listed_group
    targets: frozenset[str] = frozenset()       # names the mandate is directed against
    loop: Loop | None = None                    # the plan's performance, as of today


@dataclass(frozen=True, slots=True)
class Streak:
    """Of the latest reviews held (up to today), how many in a row rated one objective off
    track; whether one of them recorded a decision about it; the first of them."""

    count: int = 0
    decided: bool = False
    since: str = ""


@dataclass(frozen=True, slots=True)
class Loop:
    """What the loop's facts need beyond one objective or indicator."""

    today: str                                  # ISO date the check judges on
    start: str                                  # performance.start
    streaks: dict[str, Streak] = field(default_factory=dict)   # objective uid -> streak


@dataclass(frozen=True, slots=True)
class IndicatorItem:
    """One indicator as the per-indicator facts see it: with its objective and the latest
    data point's date on or before today ("" when none)."""

    i: Indicator
    objective: MissionObjective
    latest: str


def days_between(earlier: str, later: str) -> int | None:
    """Days from one ISO date to another; None when either is ""."""
    if not earlier or not later:
        return None
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def is_stale_item(item: IndicatorItem, loop: Loop) -> bool:
    """No data point within the indicator's frequency before today: the latest is older, or
    there is none and the plan started longer ago than that."""
    limit = FREQUENCY_DAYS[item.i.frequency]
    since = days_between(item.latest or loop.start, loop.today)
    return since is not None and since > limit


# What each scope's facts may use besides p, n and seen.
_PRELUDE = {"plan": "", "party": "", "strategy": "named = frozenset(p.parties)\n    ",
            "objective": "st = seen.loop.streaks.get(p.uid, _STREAK)\n    ",
            "indicator": ""}
# When advice is to be acted on, by phase: "{when}" in a rule's text reads "before
# deployment" only while the mission is being planned or starting up.
WHEN_BY_PHASE: dict[str, str] = {
    "planning": "before_deployment", "start_up": "before_deployment",
    "deployed": "by_the_next_review", "crisis": "without_delay",
    "transition": "before_handover", "drawdown": "before_handover",
}
WHENS: tuple[str, ...] = tuple(dict.fromkeys(WHEN_BY_PHASE.values()))


def thinnest_site(sites: list[ProtectionSite]) -> tuple[str, int | None]:
    """The protection site with the fewest personnel per 1,000 people it shelters, and that
    figure rounded down; ("", None) when no site has people."""
    name, cover = "", None
    for site in sites:
        if site.population > 0:
            here = site.personnel * 1000 // site.population
            if cover is None or here < cover:
                name, cover = site.name, here
    return name, cover


_NAMES: dict[str, Any] = {"_NONE": frozenset(), "_TALKS": frozenset(TALKS_KINDS),
                          "_WHEN": WHEN_BY_PHASE, "_thinnest": thinnest_site,
                          "_STREAK": Streak(), "_DAYS": FREQUENCY_DAYS, "_between": days_between,
                          "_stale": is_stale_item, "_overdue": overdue_reviews,
                          "_next_due": next_review_due, "_date": date.fromisoformat}


def _compiled(scope: str, body: str) -> Callable[[Any, int, Seen], Any]:
    code = f"def _f(p, n, seen):\n    {_PRELUDE[scope]}return {body}\n"
    namespace: dict[str, Any] = dict(_NAMES)
    exec(compile(code, f"<facts: {scope}>", "exec"), namespace)   # our own declarations only
    compute: Callable[[Any, int, Seen], Any] = namespace["_f"]
    return compute


@dataclass(frozen=True)
class Fact:
    name: str
    scope: str                          # plan, party or strategy
    kind: str                           # text, int, bool or set (of text)
    source: str                         # how it is computed: an expression of p, n, seen
    allowed: tuple[str, ...] = ()       # for enumerated text and sets of it
    doc: str = ""

    @property
    def compute(self) -> Callable[[Any, int, Seen], Any]:
        """This fact of ``p`` (the plan, a party or a strategy), its position ``n`` and ``seen``."""
        return _compiled(self.scope, self.source)

    def element(self) -> Fact:
        """What one value of this fact looks like (a set's members are text)."""
        return replace(self, kind="text") if self.kind == "set" else self


FieldSpec = Fact      # the name rules and conditions have used for a fact's declaration


def _plan(name: str, kind: str, source: str, allowed: tuple[str, ...] = (), doc: str = "") -> Fact:
    return Fact(name, "plan", kind, source, allowed, doc)


def _party(name: str, kind: str, source: str, allowed: tuple[str, ...] = (), doc: str = "") -> Fact:
    return Fact(name, "party", kind, source, allowed, doc)


def _strategy(name: str, kind: str, source: str, allowed: tuple[str, ...] = (),
              doc: str = "") -> Fact:
    return Fact(name, "strategy", kind, source, allowed, doc)


def _objective(name: str, kind: str, source: str, allowed: tuple[str, ...] = (),
               doc: str = "") -> Fact:
    return Fact(name, "objective", kind, source, allowed, doc)


def _indicator(name: str, kind: str, source: str, allowed: tuple[str, ...] = (),
               doc: str = "") -> Fact:
    return Fact(name, "indicator", kind, source, allowed, doc)


FACTS: tuple[Fact, ...] = (
    _plan("title", "text", "p.title", doc="the plan's title"),
    _plan("host_country", "text", "p.host_country", doc="the host country"),
    _plan("context", "text", "p.context", CONTEXTS, doc="the kind of conflict"),
    _plan("authorization.body", "text", "p.authorization.body", doc="who authorised the mission"),
    _plan("authorization.reference", "text", "p.authorization.reference",
          doc="the resolution or decision"),
    _plan("mandate.summary", "text", "p.mandate.summary", doc="the mandate in a few sentences"),
    _plan("mandate.summary_words", "int", "len(p.mandate.summary.split())",
          doc="words in the mandate summary"),
    _plan("mandate.objectives", "set", "frozenset(p.mandate.objectives)", OBJECTIVES,
          doc="the mandate's objectives"),
    _plan("mandate.review_months", "int", "p.mandate.review_months",
          doc="null when no review cycle is set"),
    _plan("host_consent", "text", "p.host_consent", CONSENTS, doc="the host state's consent"),
    _plan("use_of_force", "text", "p.use_of_force", USES_OF_FORCE,
          doc="the rule on the use of force"),
    _plan("components", "set", "frozenset(p.components)", COMPONENTS,
          doc="military, police, civilian …"),
    _plan("resources.personnel", "int", "p.resources.personnel",
          doc="personnel the plan provides"),
    _plan("resources.equipment", "text", "p.resources.equipment", EQUIPMENT_LEVELS,
          doc="how well equipped"),
    _plan("resources.funding", "text", "p.resources.funding", FUNDING_LEVELS,
          doc="how well funded"),
    _plan("resources.personnel_required", "int", "p.resources.personnel_required",
          doc="the strength the planner estimates the mandate needs; null when not estimated"),
    _plan("resources.personnel_shortfall", "int",
          "max(0, (p.resources.personnel_required or 0) - p.resources.personnel)",
          doc="personnel_required minus personnel when that is more than 0, else 0"),
    _plan("partners", "set", "frozenset(p.partners)", doc="partner organisations"),
    _plan("community_engagement", "text", "p.community_engagement",
          doc="how the mission engages local communities"),
    _plan("climate_risks", "text", "p.climate_risks", doc="climate and environmental risks"),
    _plan("notes", "text", "p.notes", doc="the planner's notes"),
    # Format 2
    _plan("phase", "text", "p.phase", PHASES, doc="where the mission stands in its life"),
    _plan("when", "text", "_WHEN[p.phase]", WHENS,
          doc="when advice is to be acted on: before deployment (planning, start-up), by the "
          "next review (deployed), without delay (crisis), before handover (transition, "
          "drawdown)"),
    _plan("host_authority", "text", "p.host_authority", HOST_AUTHORITIES,
          doc="whether a government exists to give consent"),
    _plan("host_consent_conditions", "text", "p.host_consent_conditions",
          doc="the conditions the host attached to its consent"),
    _plan("mandate.directed_against", "set", "seen.targets",
          doc="parties the mandate directs the mission against"),
    _plan("mandate.unknown_targets", "set", "seen.targets - seen.names",
          doc="directed_against names that are not plan parties"),
    _plan("mandate.end_state", "text", "p.mandate.end_state",
          doc="the end state the mission works toward"),
    _plan("mandate.benchmarks", "set", "frozenset(b.text for b in p.mandate.benchmarks)",
          doc="texts of the mandate's benchmarks"),
    _plan("protection.threat_level", "text", "p.protection.threat_level", THREAT_LEVELS,
          doc="threat to civilians"),
    _plan("protection.civilians_at_risk", "int", "p.protection.civilians_at_risk",
          doc="null when not estimated"),
    _plan("protection.sites", "set", "frozenset(s.name for s in p.protection.sites)",
          doc="names of the protection sites"),
    _plan("protection.uncovered_sites", "set",
          "frozenset(s.name for s in p.protection.sites if s.population > 0 and not s.personnel)",
          doc="sites sheltering people with no personnel"),
    _plan("protection.thinnest_site", "text", "_thinnest(p.protection.sites)[0]",
          doc="the site with the fewest personnel per 1,000 people (empty when no site has "
          "people)"),
    _plan("protection.thinnest_cover", "int", "_thinnest(p.protection.sites)[1]",
          doc="personnel per 1,000 people at the thinnest site, rounded down; null when no "
          "site has people"),
    _plan("command.arrangement", "text", "p.command.arrangement", COMMAND_ARRANGEMENTS,
          doc="who commands the mission"),
    _plan("command.outside_forces", "set",
          "frozenset(f.name for f in p.command.parallel_forces if not f.under_mission_command)",
          doc="parallel forces not under mission command"),
    _plan("command.caveat_contributors", "set",
          "frozenset(c.contributor for c in p.command.caveats)",
          doc="contributors whose contingents have national caveats"),
    _plan("resources.funding_source", "text", "p.resources.funding_source", FUNDING_SOURCES,
          doc="where the money comes from"),
    _plan("resources.personnel_coverage", "int",
          "p.resources.personnel * 100 // p.resources.personnel_required "
          "if p.resources.personnel_required else None",
          doc="personnel as a percentage of personnel_required, rounded down; null when not "
          "estimated"),
    _plan("listed_parties", "set", "seen.listed", doc="parties whose role is listed_group"),
    _plan("party_count", "int", "len(p.parties)", doc="parties in the plan"),
    _plan("strategy_count", "int", "len(p.strategies)", doc="strategies in the plan"),
    _plan("strategy_kinds", "set", "frozenset(s.kind for s in p.strategies)", STRATEGY_KINDS,
          "kinds of all strategies"),
    _plan("engaged_parties", "set", "frozenset(seen.kinds_by_party)",
          doc="parties named by at least one strategy"),
    _plan("engaged_party_count", "int", "len(seen.kinds_by_party)",
          doc="parties named by at least one strategy"),
    _party("party.name", "text", "p.name", doc="its name"),
    _party("party.kind", "text", "p.kind", PARTY_KINDS, doc="state or non-state, …"),
    _party("party.consent", "text", "p.consent", PARTY_CONSENTS, doc="its consent to the mission"),
    _party("party.direct_talks", "bool", "p.direct_talks", doc="in direct talks"),
    _party("party.number", "int", "n", doc="position in the plan, from 1"),
    _party("party.engaged", "bool", "p.name in seen.kinds_by_party",
           doc="named by at least one strategy"),
    _party("party.strategy_kinds", "set", "seen.kinds_by_party.get(p.name, _NONE)",
           STRATEGY_KINDS, "kinds of strategy naming it"),
    _party("party.role", "text", "p.role", PARTY_ROLES, doc="what the party is"),
    _party("party.consent_conditions", "text", "p.consent_conditions",
           doc="the conditions it attached to its consent"),
    _party("party.in_talks", "bool",
           "p.direct_talks or not seen.kinds_by_party.get(p.name, _NONE).isdisjoint(_TALKS)",
           doc="in direct talks, or named by a strategy that engages it in talks (any of "
           + ", ".join(TALKS_KINDS) + ")"),
    _party("party.targeted", "bool", "p.name in seen.targets",
           doc="the mandate directs the mission against it"),
    _party("party.consent_sought", "bool",
           "p.role != 'listed_group' and p.name not in seen.targets",
           doc="a party whose consent the mission seeks: neither listed_group nor targeted by "
           "the mandate"),
    _strategy("strategy.number", "int", "n", doc="position in the plan, from 1"),
    _strategy("strategy.kind", "text", "p.kind", STRATEGY_KINDS,
              doc="mediation, shuttle diplomacy, …"),
    _strategy("strategy.parties", "set", "named", doc="the parties it names"),
    _strategy("strategy.party_count", "int", "len(named)", doc="different parties it names"),
    _strategy("strategy.unknown_parties", "set", "named - seen.names",
              doc="names that are not plan parties"),
    _strategy("strategy.lead", "text", "p.lead", doc="who leads it"),
    _strategy("strategy.lead_is_party", "bool", "p.lead.strip() in seen.names",
              doc="its lead is one of the parties"),
    _strategy("strategy.notes", "text", "p.notes", doc="the planner's notes on it"),
    _strategy("strategy.talks", "bool", "p.kind in _TALKS",
              doc="its kind engages parties in talks"),
    _strategy("strategy.listed_in_talks", "set", "named & seen.listed if p.kind in _TALKS "
              "else _NONE", doc="listed_group parties it brings into talks"),
    # Format 3: the plan through its life (pkdesk.core.performance)
    _plan("today", "text", "seen.loop.today",
          doc="the date the check judges on, YYYY-MM-DD (the real date in the window and the "
          "CLI)"),
    _plan("performance.start", "text", "p.performance.start",
          doc="the date the plan took effect (\"\" when not set)"),
    _plan("performance.objective_count", "int", "len(p.performance.objectives)",
          doc="worded objectives"),
    _plan("performance.indicator_count", "int",
          "sum(len(o.indicators) for o in p.performance.objectives)",
          doc="indicators of all worded objectives"),
    _plan("review.next_due", "text",
          "(lambda d: d.isoformat() if d else '')(_next_due(p, _date(seen.loop.today)))",
          doc="the earliest review due date no review has covered yet (may be past: then "
          "overdue); \"\" without a review cycle"),
    _plan("review.overdue_count", "int", "len(_overdue(p, _date(seen.loop.today)))",
          doc="due dates before today with no review held on or after them"),
    _plan("review.overdue_since", "text",
          "(lambda o: o[0].isoformat() if o else '')(_overdue(p, _date(seen.loop.today)))",
          doc="the first of them (\"\" when none is overdue)"),
    _plan("review.count", "int", "sum(r.date <= seen.loop.today for r in p.performance.reviews)",
          doc="reviews held up to today"),
    _objective("objective.number", "int", "n", doc="position in the plan's worded objectives, "
               "from 1"),
    _objective("objective.objective", "text", "p.objective", OBJECTIVES,
               doc="the mandate objective it words"),
    _objective("objective.text", "text", "p.text", doc="the mission's own words"),
    _objective("objective.indicator_count", "int", "len(p.indicators)", doc="its indicators"),
    _objective("objective.off_track_streak", "int", "st.count",
               doc="how many of the latest reviews in a row rated it off track"),
    _objective("objective.off_track_since", "text", "st.since",
               doc="the date of the first of those reviews (\"\" when none)"),
    _objective("objective.decided", "bool", "st.decided",
               doc="one of those reviews recorded a decision about it"),
    _indicator("indicator.number", "int", "n", doc="position among all the plan's indicators, "
               "from 1"),
    _indicator("indicator.text", "text", "p.i.text", doc="what it measures"),
    _indicator("indicator.objective_text", "text", "p.objective.text",
               doc="the worded objective it is under"),
    _indicator("indicator.has_baseline", "bool",
               "p.i.baseline is not None and bool(p.i.baseline_date)",
               doc="a baseline value and its date are set"),
    _indicator("indicator.has_target", "bool", "p.i.target is not None and bool(p.i.target_date)",
               doc="a target value and its date are set"),
    _indicator("indicator.frequency", "text", "p.i.frequency", FREQUENCIES,
               doc="how often it is measured"),
    _indicator("indicator.frequency_days", "int", "_DAYS[p.i.frequency]",
               doc="days that may pass between two measurements (7, 31, 92, 183, 366)"),
    _indicator("indicator.data_count", "int", "len(p.i.data)", doc="its data points"),
    _indicator("indicator.latest_date", "text", "p.latest",
               doc="the date of its latest data point up to today (\"\" when none)"),
    _indicator("indicator.days_since_data", "int", "_between(p.latest, seen.loop.today)",
               doc="days from that data point to today; null when there is none"),
    _indicator("indicator.stale", "bool", "_stale(p, seen.loop)",
               doc="no data point within its frequency before today: the latest is older, or "
               "there is none and the plan started longer ago than that"),
)

FIELDS: dict[str, Fact] = {f.name: f for f in FACTS}
# One function a scope: every fact of one plan, party or strategy as one dictionary display.
_BUILD = {scope: _compiled(scope, "{" + ", ".join(f"{f.name!r}: {f.source}" for f in FACTS
                                                  if f.scope == scope) + "}")
          for scope in SCOPES}


def loop_of(plan: Plan, today: date) -> Loop:
    """What the loop's facts need of ``plan`` on ``today``."""
    iso = today.isoformat()
    reviews = sorted((r for r in plan.performance.reviews if r.date <= iso),
                     key=lambda r: r.date, reverse=True)
    streaks: dict[str, Streak] = {}
    if reviews:
        rated = [{x.objective: x.rating for x in r.ratings} for r in reviews]
        decided = [{d.objective for d in r.decisions} for r in reviews]
        for o in plan.performance.objectives:
            count = 0
            while count < len(reviews) and rated[count].get(o.uid) == "off_track":
                count += 1
            if count:
                streaks[o.uid] = Streak(count, any(o.uid in d for d in decided[:count]),
                                        reviews[count - 1].date)
    return Loop(iso, plan.performance.start, streaks)


_DATE_OF = attrgetter("date")


def indicator_items(plan: Plan, today: date) -> list[IndicatorItem]:
    """Every indicator of the plan, in plan order, as the per-indicator facts see it."""
    iso = today.isoformat()
    items = []
    for o in plan.performance.objectives:
        for i in o.indicators:
            latest = max(map(_DATE_OF, i.data), default="")    # fast: no data after today
            if latest > iso:
                latest = max((p.date for p in i.data if p.date <= iso), default="")
            items.append(IndicatorItem(i, o, latest))
    return items


def plan_facts(plan: Plan, today: date | None = None) -> dict[str, Any]:
    """Every fact of ``plan`` on ``today`` (None: the system's date); the per-item ones in
    ``_parties``, ``_strategies``, ``_objectives`` and ``_indicators``."""
    today = today or date.today()
    names = frozenset(p.name for p in plan.parties)
    kinds: dict[str, set[str]] = {}
    for s in plan.strategies:
        for name in names.intersection(s.parties):
            kinds.setdefault(name, set()).add(s.kind)
    seen = Seen(names, {name: frozenset(k) for name, k in kinds.items()},
                frozenset(p.name for p in plan.parties if p.role == "listed_group"),
                frozenset(plan.mandate.directed_against), loop_of(plan, today))
    party, strategy = _BUILD["party"], _BUILD["strategy"]
    facts: dict[str, Any] = _BUILD["plan"](plan, 0, seen)
    facts["_parties"] = [party(p, n, seen) for n, p in enumerate(plan.parties, 1)]
    facts["_strategies"] = [strategy(s, n, seen) for n, s in enumerate(plan.strategies, 1)]
    objective, indicator = _BUILD["objective"], _BUILD["indicator"]
    facts["_objectives"] = [objective(o, n, seen)
                            for n, o in enumerate(plan.performance.objectives, 1)]
    facts["_indicators"] = [indicator(i, n, seen)
                            for n, i in enumerate(indicator_items(plan, today), 1)]
    return facts


def facts_markdown() -> str:
    """The facts as ``docs/rule-packs.md`` lists them: one table a scope."""
    titles = {"plan": "Plan", "party": "Per party (`for_each: party` or inside a party "
              "quantifier)", "strategy": "Per strategy (`for_each: strategy` or inside a "
              "strategy quantifier)", "objective": "Per worded objective (`for_each: "
              "objective`)", "indicator": "Per indicator (`for_each: indicator`)"}
    out: list[str] = []
    for scope in SCOPES:
        out += [f"{titles[scope]}:", "", "| fact | kind | allowed values | meaning |",
                "| --- | --- | --- | --- |"]
        for f in FACTS:
            if f.scope == scope:
                kind = "list of text" if f.kind == "set" else f.kind
                allowed = ", ".join(f"`{a}`" for a in f.allowed)
                out.append(f"| `{f.name}` | {kind} | {allowed} | {f.doc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
