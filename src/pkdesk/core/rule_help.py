"""What a rule checks, why, what to do instead, and an example: the text of `pkdesk rule ID`
and of the GUI's "About this rule", built from the rule pack (no Qt, no database).

The condition is shown as the pack wrote it, in words (``host_consent is one of withheld,
withdrawn and phase is one of planning, start_up``): fact names and values stay the codes a
pack uses, so what is shown is exactly what is tested. The example is the rule's own message
and advice filled with sample values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pkdesk.core.facts import FIELDS
from pkdesk.core.findings import Citation
from pkdesk.core.i18n import DEFAULT_LANGUAGE
from pkdesk.core.report_labels import principle_label, severity_label
from pkdesk.core.rules import Rule

# Words of the condition language, per language pkdesk speaks.
_WORDS: dict[str, dict[str, str]] = {
    "en": {"eq": "is", "ne": "is not", "in": "is one of", "not_in": "is none of",
           "lt": "is less than", "le": "is at most", "gt": "is more than", "ge": "is at least",
           "empty": "is empty", "not_empty": "is not empty", "contains": "contains",
           "contains_any": "contains any of", "contains_all": "contains all of",
           "contains_none": "contains none of", "count": "the number of", "and": "and",
           "or": "or", "not": "not", "any_party": "some party has", "all_parties":
           "every party has", "no_party": "no party has", "any_strategy": "some strategy has",
           "all_strategies": "every strategy has", "no_strategy": "no strategy has",
           "true": "yes", "false": "no", "none": "nothing",
           "scope.plan": "once per plan", "scope.party": "once per party that matches",
           "scope.strategy": "once per strategy that matches",
           "scope.objective": "once per worded objective that matches",
           "scope.indicator": "once per indicator that matches",
           "head.rule": "Rule {id}: {severity}, {principle}, {scope}.",
           "head.checks": "What it checks:", "head.why": "Why (the reference):",
           "head.instead": "What to do instead:", "head.example": "Example finding:"},
    "fr": {"eq": "vaut", "ne": "ne vaut pas", "in": "vaut l’une de", "not_in":
           "ne vaut aucune de", "lt": "est inférieur à", "le": "vaut au plus", "gt":
           "est supérieur à", "ge": "vaut au moins", "empty": "est vide", "not_empty":
           "n’est pas vide", "contains": "contient", "contains_any": "contient l’une de",
           "contains_all": "contient toutes de", "contains_none": "ne contient aucune de",
           "count": "le nombre de", "and": "et", "or": "ou", "not": "non", "any_party":
           "une partie au moins a", "all_parties": "chaque partie a", "no_party":
           "aucune partie n’a", "any_strategy": "une stratégie au moins a", "all_strategies":
           "chaque stratégie a", "no_strategy": "aucune stratégie n’a", "true": "oui",
           "false": "non", "none": "rien",
           "scope.plan": "une fois par plan", "scope.party": "une fois par partie concernée",
           "scope.strategy": "une fois par stratégie concernée",
           "scope.objective": "une fois par objectif formulé concerné",
           "scope.indicator": "une fois par indicateur concerné",
           "head.rule": "Règle {id}\u00a0: {severity}, {principle}, {scope}.",
           "head.checks": "Ce qu’elle vérifie\u00a0:", "head.why": "Pourquoi (la référence)\u00a0:",
           "head.instead": "Que faire à la place\u00a0:", "head.example": "Exemple de constat\u00a0:"},
}

# Values the example finding is filled with (a fact a pack uses that is not here gets a
# value of its kind).
_SAMPLES: dict[str, Any] = {
    "party.name": "Forces Nouvelles", "party.consent": "withheld", "party.kind": "non_state",
    "party.role": "spoiler", "host_consent": "withdrawn", "phase": "crisis",
    "when": "without_delay", "strategy.number": 2, "strategy.kind": "mediation",
    "strategy.lead": "Government of Côte d'Ivoire",
    "strategy.unknown_parties": frozenset({"Unknown militia"}),
    "strategy.listed_in_talks": frozenset({"M23"}),
    "engaged_parties": frozenset({"Government of Côte d'Ivoire"}), "party_count": 3,
    "authorization.body": "African Union Peace and Security Council",
    "mandate.summary_words": 6, "mandate.review_months": 24,
    "mandate.unknown_targets": frozenset({"Ghost army"}),
    "resources.equipment": "limited", "resources.funding": "partial",
    "resources.personnel": 7600, "resources.personnel_required": 34000,
    "resources.personnel_shortfall": 26400, "resources.personnel_coverage": 22,
    "protection.threat_level": "high", "protection.thinnest_site": "Srebrenica",
    "protection.thinnest_cover": 3, "protection.uncovered_sites": frozenset({"Ber"}),
    "command.outside_forces": frozenset({"Task Force Ranger"}),
    "command.caveat_contributors": frozenset({"Contributor A"}),
    "objective.text": "Fewer attacks on IDP sites in Sector East",
    "objective.off_track_streak": 2, "objective.off_track_since": "2025-06-30",
    "indicator.text": "Attacks on IDP sites", "indicator.objective_text":
    "Fewer attacks on IDP sites in Sector East", "indicator.frequency_days": 31,
    "indicator.latest_date": "2025-11-30", "indicator.days_since_data": 75,
    "review.overdue_since": "2026-01-31", "review.overdue_count": 1,
    "performance.start": "2024-01-01",
}
_BY_KIND: dict[str, Any] = {"text": "…", "int": 3, "bool": True, "set": frozenset({"…"})}


@dataclass(frozen=True)
class RuleHelp:
    rule: str
    heading: str            # "Rule CONSENT-001: blocker, consent, once per plan."
    checks: str             # the condition in words
    cites: tuple[Citation, ...]
    instead: str            # the advice, as the pack words it (placeholders shown)
    example_message: str
    example_instead: str
    labels: Mapping[str, str]   # the section headings in the language asked for


def rule_help(rule: Rule, lang: str = DEFAULT_LANGUAGE) -> RuleHelp:
    words = _WORDS.get(lang, _WORDS[DEFAULT_LANGUAGE])
    message, instead, text_lang = rule.texts(lang)
    samples = {name: _SAMPLES.get(name, _BY_KIND[spec.kind]) for name, spec in FIELDS.items()}
    heading = words["head.rule"].format(
        id=rule.id, severity=severity_label(rule.severity, lang).lower(),
        principle=principle_label(rule.principle, lang).lower(),
        scope=words[f"scope.{rule.for_each or 'plan'}"])
    return RuleHelp(rule.id, heading, describe_condition(rule.source, lang), rule.cites,
                    instead, rule.render(message, samples, samples, text_lang),
                    rule.render(instead, samples, samples, text_lang),
                    {k: v for k, v in words.items() if k.startswith("head.")})


def rule_help_text(rule: Rule, lang: str = DEFAULT_LANGUAGE,
                   titles: Mapping[str, str] | None = None) -> str:
    """The whole explanation as plain text (``titles``: reference node titles by id)."""
    h = rule_help(rule, lang)
    lines = [h.heading, "", h.labels["head.checks"], f"  {h.checks}", "", h.labels["head.why"]]
    for c in h.cites:
        title = (titles or {}).get(c.node, c.node)
        lines.append(f"  {title} ({c.node}): \"{c.quote}\"")
    lines += ["", h.labels["head.instead"], f"  {h.instead}", "", h.labels["head.example"],
              f"  {h.example_message}", f"  → {h.example_instead}"]
    return "\n".join(lines)


def describe_condition(cond: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A validated condition in words; ``None`` (a rule built without its source) as "…"."""
    words = _WORDS.get(lang, _WORDS[DEFAULT_LANGUAGE])
    if not isinstance(cond, dict) or not cond:
        return "…"
    if "field" in cond or "count" in cond:
        head = cond.get("field", cond.get("count"))
        (op, arg), = ((k, v) for k, v in cond.items() if k not in ("field", "count"))
        subject = f"{words['count']} {head}" if "count" in cond else str(head)
        if op == "empty":
            return f"{subject} {words['empty'] if arg else words['not_empty']}"
        return f"{subject} {words[op]} {_value(arg, words)}"
    (key, arg), = cond.items()
    if key in ("all", "any"):
        parts = [_grouped(c, lang) for c in arg]
        return f" {words['and' if key == 'all' else 'or']} ".join(parts)
    if key == "not":
        return f"{words['not']} ({describe_condition(arg, lang)})"
    return f"{words[key]}: {_grouped(arg, lang)}"


def _grouped(cond: Any, lang: str) -> str:
    text = describe_condition(cond, lang)
    return f"({text})" if isinstance(cond, dict) and set(cond) & {"all", "any"} else text


def _value(arg: Any, words: Mapping[str, str]) -> str:
    if isinstance(arg, list):
        return ", ".join(_value(a, words) for a in arg)
    if isinstance(arg, bool):
        return words["true" if arg else "false"]
    if arg is None:
        return words["none"]
    return str(arg)
