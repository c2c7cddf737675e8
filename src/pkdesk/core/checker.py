"""Check a plan against a rule pack, the way a linter checks code."""

from __future__ import annotations

from datetime import date

from pkdesk.core.acknowledgements import (
    indicator_subjects, objective_subjects, party_subjects, stale_acknowledgements,
    strategy_subjects,
)
from pkdesk.core.facts import ITEMS_KEY, plan_facts
from pkdesk.core.findings import PRINCIPLES, SEVERITIES, CheckResult, Finding
from pkdesk.core.i18n import DEFAULT_LANGUAGE
from pkdesk.core.plan.model import Plan
from pkdesk.core.rules import RulePack, default_rule_pack

_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def check(plan: Plan, pack: RulePack | None = None, lang: str = DEFAULT_LANGUAGE,
          today: date | None = None) -> CheckResult:
    """Every finding the pack's rules raise on ``plan``: blockers first, then in pack order.

    A rule with ``for_each`` gives one finding per matching party, strategy, worded
    objective or indicator, naming it, with that item's subject. An acknowledgement applies to the finding with its rule and
    subject only (see ``pkdesk.core.acknowledgements``); it never removes a finding. Messages
    are in ``lang`` where the rule has that translation (else English); citations stay
    verbatim. ``today`` is the day the loop's rules judge overdue reviews and stale data
    on (the window and the CLI pass the real date, tests a fixed one); None: the system's
    date.
    """
    pack = pack or default_rule_pack()
    objectives = plan.performance.objectives
    pack.check_budget(len(plan.parties), len(plan.strategies), len(objectives),
                      sum(len(o.indicators) for o in objectives))   # InputError when too much
    rules = pack.rules
    facts = plan_facts(plan, today)
    acknowledged = {(a.rule, a.subject): a.reason for a in plan.acknowledgements}
    subjects: dict[str | None, list[str | None]] = {
        None: [None], "party": list(party_subjects(plan.parties)),
        "strategy": list(strategy_subjects(plan.strategies)),
        "objective": list(objective_subjects(objectives)),
        "indicator": list(indicator_subjects(objectives))}
    findings: list[Finding] = []
    rendered: dict[object, str] = {}    # one string per distinct text, however many findings
    for rule in rules:
        items = facts[ITEMS_KEY[rule.for_each]] if rule.for_each else (None,)
        message, instead, text_lang = rule.texts(lang)
        cache = rendered if rule.for_each else None     # a plan-level text is built once
        for item, subject in zip(items, subjects[rule.for_each]):
            if rule.condition(facts, item):
                findings.append(Finding(
                    rule=rule.id, principle=rule.principle, severity=rule.severity,
                    message=rule.render(message, facts, item, text_lang, cache),
                    instead=rule.render(instead, facts, item, text_lang, cache),
                    cites=rule.cites, acknowledged=acknowledged.get((rule.id, subject)),
                    subject=subject))
    findings.sort(key=lambda f: _SEVERITY_RANK[f.severity])  # stable: pack order kept
    stale = stale_acknowledgements(plan.acknowledgements,
                                   (r.id for r in rules if r.for_each),
                                   (r.id for r in rules if not r.for_each))
    return CheckResult(plan_title=plan.title, findings=tuple(findings),
                       stale_acknowledgements=stale)


def findings_by_principle(result: CheckResult) -> dict[str, list[Finding]]:
    """Findings grouped under each principle (for a per-principle summary)."""
    groups: dict[str, list[Finding]] = {p: [] for p in PRINCIPLES}
    for finding in result.findings:
        groups.setdefault(finding.principle, []).append(finding)
    return groups
