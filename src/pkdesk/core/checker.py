"""Check a plan against a rule pack, the way a linter checks code."""

from __future__ import annotations

from pkdesk.core.facts import plan_facts
from pkdesk.core.findings import PRINCIPLES, SEVERITIES, CheckResult, Finding
from pkdesk.core.i18n import DEFAULT_LANGUAGE
from pkdesk.core.plan import Plan
from pkdesk.core.rules import RulePack, default_rule_pack

_ITEMS_KEY = {"party": "_parties", "strategy": "_strategies"}
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def check(plan: Plan, pack: RulePack | None = None, lang: str = DEFAULT_LANGUAGE) -> CheckResult:
    """Every finding the pack's rules raise on ``plan``: blockers first, then in pack order.

    A rule with ``for_each`` gives one finding per matching party or strategy, naming it.
    Acknowledgements attach by rule id; they never remove a finding. Messages are in
    ``lang`` where the rule has that translation (else English); citations stay verbatim.
    """
    rules = (pack or default_rule_pack()).rules
    facts = plan_facts(plan)
    acknowledged = {a.rule: a.reason for a in plan.acknowledgements}
    findings: list[Finding] = []
    for rule in rules:
        items = facts[_ITEMS_KEY[rule.for_each]] if rule.for_each else (None,)
        message, instead, text_lang = rule.texts(lang)
        for item in items:
            if rule.condition(facts, item):
                findings.append(Finding(
                    rule=rule.id, principle=rule.principle, severity=rule.severity,
                    message=rule.render(message, facts, item, text_lang),
                    instead=rule.render(instead, facts, item, text_lang),
                    cites=rule.cites, acknowledged=acknowledged.get(rule.id)))
    findings.sort(key=lambda f: _SEVERITY_RANK[f.severity])  # stable: pack order kept
    return CheckResult(plan_title=plan.title, findings=tuple(findings))


def findings_by_principle(result: CheckResult) -> dict[str, list[Finding]]:
    """Findings grouped under each principle (for a per-principle summary)."""
    groups: dict[str, list[Finding]] = {p: [] for p in PRINCIPLES}
    for finding in result.findings:
        groups.setdefault(finding.principle, []).append(finding)
    return groups
