"""Readable labels for the plan's enumerated values and the checker's principles, as printed."""

from __future__ import annotations

from collections.abc import Mapping

from pkdesk.core.findings import SEVERITIES
from pkdesk.core.report import humanize, plural

PRINCIPLE_LABELS: dict[str, str] = {
    "consent": "Consent",
    "impartiality": "Impartiality",
    "non_use_of_force": "Non-use of force",
    "legitimacy": "Legitimacy",
    "mandate": "Mandate",
    "diplomacy": "Diplomacy",
    "inclusivity": "Inclusivity",
    "resources": "Resources",
    "adaptability": "Adaptability",
    "multidimensional": "Multidimensional",
    "climate": "Climate",
}

SEVERITY_LABELS: dict[str, str] = {"blocker": "Blocker", "warning": "Warning", "advice": "Advice"}

VERDICT_LABELS: dict[str, str] = {
    "blocked": "Blocked",
    "needs_attention": "Needs attention",
    "sound": "Sound",
}

_VALUE_LABELS: dict[str, str] = {
    # contexts
    "interstate": "Interstate conflict",
    "intrastate": "Intrastate conflict",
    "civil_war": "Civil war",
    "humanitarian_crisis": "Humanitarian crisis",
    # use of force
    "self_defence": "Self-defence only",
    "defence_of_mandate": "Defence of the mandate",
    "offensive": "Offensive operations",
    # objectives
    "monitor_ceasefire": "Monitor a ceasefire",
    "protect_civilians": "Protect civilians",
    "humanitarian_access": "Secure humanitarian access",
    "political_process": "Support the political process",
    "disarmament": "Disarmament, demobilisation and reintegration",
    "rule_of_law": "Rule of law",
    "elections": "Elections",
    # strategies
    "ceasefire_negotiation": "Ceasefire negotiation",
    "dialogue_channels": "Dialogue channels",
    "regional_cooperation": "Regional cooperation",
    "mediation": "Mediation",
    "shuttle_diplomacy": "Shuttle diplomacy",
    "multi_track": "Multi-track diplomacy",
    "third_party_mediation": "Third-party mediation",
    "inclusive_dialogue": "Inclusive dialogue",
    "advocacy": "Advocacy",
    # party kinds
    "state": "State",
    "non_state": "Non-state",
}


def label(value: str) -> str:
    """The printed label of an enumerated plan value; unknown values are humanized."""
    return _VALUE_LABELS.get(value) or humanize(value)


def principle_label(principle: str) -> str:
    return PRINCIPLE_LABELS.get(principle) or humanize(principle)


def severity_counts(counts: Mapping[str, int], zeros: bool = False) -> str:
    """"1 blocker, 3 warnings" in severity order; zero counts only with ``zeros``."""
    return ", ".join(plural(counts.get(s, 0), s, "advice" if s == "advice" else None)
                     for s in SEVERITIES if zeros or counts.get(s, 0))
