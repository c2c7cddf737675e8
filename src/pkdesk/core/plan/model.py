"""The mission plan: plain dataclasses, the single truth the checker, files, store and UI share.

Allowed values of every enumerated field live here, once. Validation of untrusted input is
the plan file reader's job (``pkdesk.core.plan.file``); these classes assume valid values.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Context = Literal["interstate", "intrastate", "civil_war", "humanitarian_crisis", "other"]
Consent = Literal["granted", "conditional", "pending", "withheld", "withdrawn"]
PartyConsent = Literal["granted", "conditional", "pending", "withheld", "withdrawn", "unknown"]
PartyKind = Literal["state", "non_state"]
UseOfForce = Literal["self_defence", "defence_of_mandate", "offensive"]
Objective = Literal["monitor_ceasefire", "protect_civilians", "humanitarian_access",
                    "political_process", "disarmament", "rule_of_law", "elections", "other"]
StrategyKind = Literal["ceasefire_negotiation", "dialogue_channels", "regional_cooperation",
                       "mediation", "shuttle_diplomacy", "multi_track", "third_party_mediation",
                       "inclusive_dialogue", "advocacy", "other"]
Component = Literal["military", "police", "civilian"]
Equipment = Literal["adequate", "limited", "inadequate", "unknown"]
Funding = Literal["secured", "partial", "none", "unknown"]
# Format 2 (all optional; the first value of each is the default).
Phase = Literal["planning", "start_up", "deployed", "crisis", "transition", "drawdown"]
HostAuthority = Literal["functioning", "contested", "collapsed"]
PartyRole = Literal["other", "host_government", "signatory", "non_signatory", "spoiler",
                    "listed_group", "external_backer"]
ThreatLevel = Literal["unknown", "low", "medium", "high", "critical"]
CommandArrangement = Literal["un", "regional", "hybrid", "coalition"]
FundingSource = Literal["unknown", "assessed", "voluntary", "donor", "mixed"]
# Format 3: the plan through its life (indicators, field data, reviews, decisions).
Direction = Literal["higher", "lower"]
Frequency = Literal["weekly", "monthly", "quarterly", "half_yearly", "yearly"]
Rating = Literal["on_track", "at_risk", "off_track", "no_data"]
DecisionAction = Literal["none", "scenario", "revision"]

CONTEXTS: tuple[str, ...] = get_args(Context)
CONSENTS: tuple[str, ...] = get_args(Consent)
PARTY_CONSENTS: tuple[str, ...] = get_args(PartyConsent)
PARTY_KINDS: tuple[str, ...] = get_args(PartyKind)
USES_OF_FORCE: tuple[str, ...] = get_args(UseOfForce)
OBJECTIVES: tuple[str, ...] = get_args(Objective)
STRATEGY_KINDS: tuple[str, ...] = get_args(StrategyKind)
COMPONENTS: tuple[str, ...] = get_args(Component)
EQUIPMENT_LEVELS: tuple[str, ...] = get_args(Equipment)
FUNDING_LEVELS: tuple[str, ...] = get_args(Funding)
PHASES: tuple[str, ...] = get_args(Phase)
HOST_AUTHORITIES: tuple[str, ...] = get_args(HostAuthority)
PARTY_ROLES: tuple[str, ...] = get_args(PartyRole)
THREAT_LEVELS: tuple[str, ...] = get_args(ThreatLevel)
COMMAND_ARRANGEMENTS: tuple[str, ...] = get_args(CommandArrangement)
FUNDING_SOURCES: tuple[str, ...] = get_args(FundingSource)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
FREQUENCIES: tuple[str, ...] = get_args(Frequency)
RATINGS: tuple[str, ...] = get_args(Rating)
DECISION_ACTIONS: tuple[str, ...] = get_args(DecisionAction)
# How many days may pass between two measurements of an indicator before its data is stale.
FREQUENCY_DAYS: dict[str, int] = {"weekly": 7, "monthly": 31, "quarterly": 92,
                                  "half_yearly": 183, "yearly": 366}
# Strategy kinds that engage a party in talks: where a rule is about a party being engaged,
# any of them counts (a party at a mediation table is in a dialogue).
TALKS_KINDS: tuple[str, ...] = ("ceasefire_negotiation", "dialogue_channels", "mediation",
                                "shuttle_diplomacy", "multi_track", "third_party_mediation",
                                "inclusive_dialogue")


def new_uid() -> str:
    return uuid.uuid4().hex


@dataclass
class Authorization:
    body: str = ""          # "" means no authorising body
    reference: str = ""     # e.g. "S/RES/1528 (2004)"


@dataclass
class Benchmark:
    text: str
    due: str = ""           # "YYYY-MM" or ""


@dataclass
class Mandate:
    summary: str = ""
    objectives: list[str] = field(default_factory=list)
    review_months: int | None = None
    directed_against: list[str] = field(default_factory=list)   # party names (format 2)
    end_state: str = ""
    benchmarks: list[Benchmark] = field(default_factory=list)


@dataclass
class Party:
    name: str
    kind: str = "state"
    consent: str = "unknown"
    direct_talks: bool = False
    role: str = "other"                 # format 2
    consent_conditions: str = ""        # format 2


@dataclass
class ProtectionSite:
    name: str
    population: int = 0
    personnel: int = 0


@dataclass
class Protection:
    threat_level: str = "unknown"
    civilians_at_risk: int | None = None
    sites: list[ProtectionSite] = field(default_factory=list)


@dataclass
class ParallelForce:
    name: str
    under_mission_command: bool = False


@dataclass
class Caveat:
    contributor: str
    restriction: str = ""


@dataclass
class Command:
    arrangement: str = "un"
    parallel_forces: list[ParallelForce] = field(default_factory=list)
    caveats: list[Caveat] = field(default_factory=list)


@dataclass
class Strategy:
    kind: str
    parties: list[str] = field(default_factory=list)
    lead: str = ""
    notes: str = ""


@dataclass
class Resources:
    personnel: int = 0
    equipment: str = "unknown"
    funding: str = "unknown"
    # The strength the planner estimates the mandate's tasks need; None: not estimated.
    personnel_required: int | None = None
    funding_source: str = "unknown"     # format 2


@dataclass
class Acknowledgement:
    """A finding the planner has read and accepted, with the reason kept beside the plan.

    ``subject`` names the one finding it is for when the rule gives one finding per party or
    strategy (``party:Forces Nouvelles``, ``strategy:mediation#2``; see
    ``pkdesk.core.acknowledgements``); None for a rule that gives one finding per plan. It
    never covers other findings of the same rule, present or future."""

    rule: str
    reason: str
    by: str = ""
    at: str = ""            # ISO 8601 timestamp
    subject: str | None = None


@dataclass
class DataPoint:
    """One observation of an indicator, as the team site recorded it."""

    value: float
    date: str                   # ISO date "YYYY-MM-DD": when it was observed
    source: str = ""
    note: str = ""
    recorded_by: str = ""
    uid: str = field(default_factory=new_uid)


@dataclass
class Indicator:
    """How the mission will know whether a worded objective is being met."""

    text: str
    unit: str = ""
    baseline: float | None = None
    baseline_date: str = ""     # ISO date or ""
    target: float | None = None
    target_date: str = ""       # ISO date or ""
    direction: str = "higher"   # DIRECTIONS: which way is better
    source: str = ""            # where the data comes from
    frequency: str = "monthly"  # FREQUENCIES: how often it is measured
    data: list[DataPoint] = field(default_factory=list)
    uid: str = field(default_factory=new_uid)


@dataclass
class MissionObjective:
    """The mission's own words for one of the mandate's objectives, with its indicators
    (``protect_civilians`` → "Fewer attacks on IDP sites in Sector East")."""

    objective: str              # one of OBJECTIVES
    text: str
    indicators: list[Indicator] = field(default_factory=list)
    uid: str = field(default_factory=new_uid)


@dataclass
class ObjectiveRating:
    """A review's judgement on one worded objective: what pkdesk suggested from the
    indicators, and what the reviewer confirmed or changed, with the reason."""

    objective: str              # uid of a MissionObjective
    rating: str                 # RATINGS, as the reviewer decided
    suggested: str = "no_data"  # RATINGS, as pkdesk suggested at the review
    reason: str = ""


@dataclass
class Decision:
    """What a review decided. ``action`` says whether it branched a scenario or opened the
    plan for a new revision; ``link`` is then the scenario's uid or the revision number."""

    text: str
    objective: str = ""         # uid of the MissionObjective it is about, or ""
    action: str = "none"        # DECISION_ACTIONS
    link: str = ""
    uid: str = field(default_factory=new_uid)


@dataclass
class Review:
    date: str                   # ISO date the review was held
    reviewer: str = ""
    ratings: list[ObjectiveRating] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    notes: str = ""
    uid: str = field(default_factory=new_uid)


@dataclass
class Performance:
    """The plan carried through its life: worded objectives with indicators and field data,
    the reviews held and what they decided. Reviews fall due every
    ``mandate.review_months`` from ``start``, unless the planner set ``next_review``."""

    start: str = ""             # ISO date the plan took effect, or ""
    next_review: str = ""       # ISO date the planner set for the next review, or ""
    objectives: list[MissionObjective] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    def is_empty(self) -> bool:
        return self == Performance()


@dataclass
class Lineage:
    """Where a scenario was branched from, and what the planner says changed."""

    parent: str             # uid of the plan or scenario it was branched from
    parent_title: str = ""
    changes: str = ""


@dataclass
class Plan:
    title: str
    uid: str = field(default_factory=new_uid)
    host_country: str = ""
    context: str = "other"
    authorization: Authorization = field(default_factory=Authorization)
    mandate: Mandate = field(default_factory=Mandate)
    host_consent: str = "pending"
    # Format 2: what the host attached to its consent, where the mission stands in its life,
    # and whether there is a government to give consent at all.
    host_consent_conditions: str = ""
    phase: str = "planning"
    host_authority: str = "functioning"
    protection: Protection = field(default_factory=Protection)
    command: Command = field(default_factory=Command)
    parties: list[Party] = field(default_factory=list)
    use_of_force: str = "self_defence"
    strategies: list[Strategy] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    resources: Resources = field(default_factory=Resources)
    partners: list[str] = field(default_factory=list)
    community_engagement: str = ""
    climate_risks: str = ""
    notes: str = ""
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    lineage: Lineage | None = None
    # Format 3: indicators, field data, reviews and decisions.
    performance: Performance = field(default_factory=Performance)
    # Fields a newer pkdesk or another tool wrote that this version does not know:
    # kept as they came and written back on export, never silently dropped.
    extra: dict[str, Any] = field(default_factory=dict)

    def party_names(self) -> list[str]:
        return [p.name for p in self.parties]

    def uses_format_2(self) -> bool:
        """Whether anything of format 2 differs from its default (else it is written as 1)."""
        return (self.phase != "planning" or self.host_authority != "functioning"
                or bool(self.host_consent_conditions) or self.protection != Protection()
                or self.command != Command() or self.resources.funding_source != "unknown"
                or bool(self.mandate.directed_against or self.mandate.end_state
                        or self.mandate.benchmarks)
                or any(p.role != "other" or p.consent_conditions for p in self.parties))
