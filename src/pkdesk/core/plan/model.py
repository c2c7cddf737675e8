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


def new_uid() -> str:
    return uuid.uuid4().hex


@dataclass
class Authorization:
    body: str = ""          # "" means no authorising body
    reference: str = ""     # e.g. "S/RES/1528 (2004)"


@dataclass
class Mandate:
    summary: str = ""
    objectives: list[str] = field(default_factory=list)
    review_months: int | None = None


@dataclass
class Party:
    name: str
    kind: str = "state"
    consent: str = "unknown"
    direct_talks: bool = False


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
    # Fields a newer pkdesk or another tool wrote that this version does not know:
    # kept as they came and written back on export, never silently dropped.
    extra: dict[str, Any] = field(default_factory=dict)

    def party_names(self) -> list[str]:
        return [p.name for p in self.parties]
