"""The checker with the shipped rules: every rule fires when it should, never on a sound plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from pkdesk.core.checker import check, findings_by_principle
from pkdesk.core.findings import PRINCIPLES
from pkdesk.core.plan.model import Acknowledgement, Party, Plan, Strategy
from pkdesk.core.rules import default_rule_pack
from tests.core.plan_samples import example, sound_plan

GOV, FN = "Government of Côte d'Ivoire", "Forces Nouvelles"


def without_kind(plan: Plan, kind: str) -> None:
    plan.strategies = [s for s in plan.strategies if s.kind != kind]


def set_(path: str, value: object) -> Callable[[Plan], None]:
    def apply(plan: Plan) -> None:
        *parents, last = path.split(".")
        target: object = plan
        for part in parents:
            target = target[int(part)] if part.isdigit() else getattr(target, part)  # type: ignore[index]
        setattr(target, last, value)
    return apply


def drop_fn_from_strategies(plan: Plan) -> None:
    for s in plan.strategies:
        s.parties = [p for p in s.parties if p != FN]


# One mutation of the sound plan per rule, each the smallest change that should trip it.
TRIGGERS: dict[str, Callable[[Plan], None]] = {
    "CONSENT-001": set_("host_consent", "withheld"),
    "CONSENT-002": set_("host_consent", "conditional"),
    "CONSENT-003": set_("parties.1.consent", "withdrawn"),
    "CONSENT-004": set_("parties.1.consent", "unknown"),
    "IMPARTIALITY-001": drop_fn_from_strategies,
    "IMPARTIALITY-002": drop_fn_from_strategies,
    "IMPARTIALITY-003": set_("strategies.1.lead", GOV),
    "FORCE-001": set_("use_of_force", "offensive"),
    "FORCE-002": set_("mandate.objectives", []),
    "LEGITIMACY-001": set_("authorization.body", " "),
    "LEGITIMACY-002": set_("authorization.reference", ""),
    "MANDATE-001": set_("mandate.objectives", []),
    "MANDATE-002": set_("mandate.summary", "Keep the peace in the country."),
    "MANDATE-003": set_("use_of_force", "self_defence"),
    "DIPLOMACY-001": set_("strategies", []),
    "DIPLOMACY-002": lambda p: without_kind(p, "mediation"),
    "DIPLOMACY-003": lambda p: p.strategies[0].parties.append("Unknown militia"),
    "DIPLOMACY-004": lambda p: without_kind(p, "ceasefire_negotiation"),
    "DIPLOMACY-005": lambda p: (without_kind(p, "regional_cooperation"),
                                set_("partners", [])(p)),
    "INCLUSIVITY-001": lambda p: without_kind(p, "inclusive_dialogue"),
    "INCLUSIVITY-002": set_("community_engagement", ""),
    "RESOURCES-001": set_("resources.personnel", 0),
    "RESOURCES-002": set_("resources.equipment", "inadequate"),
    "RESOURCES-003": set_("resources.equipment", "limited"),
    "RESOURCES-004": set_("resources.funding", "none"),
    "RESOURCES-005": set_("resources.funding", "partial"),
    "RESOURCES-006": set_("resources.personnel_required", 99_999),
    "ADAPTABILITY-001": set_("mandate.review_months", None),
    "ADAPTABILITY-002": set_("mandate.review_months", 24),
    "MULTI-001": set_("components", ["military"]),
    "MULTI-002": set_("components", []),
    "MULTI-003": set_("components", ["military"]),
    "CLIMATE-001": set_("climate_risks", "  \n"),
}


def rule_ids(plan: Plan) -> list[str]:
    return [f.rule for f in check(plan).findings]


def test_the_sound_example_has_no_findings() -> None:
    result = check(sound_plan())
    assert result.findings == ()
    assert result.verdict == "sound"


def test_every_rule_of_the_pack_has_a_trigger() -> None:
    assert sorted(TRIGGERS) == sorted(r.id for r in default_rule_pack().rules)


@pytest.mark.parametrize("rule_id", sorted(TRIGGERS))
def test_each_rule_fires_on_its_trigger(rule_id: str) -> None:
    plan = sound_plan()
    TRIGGERS[rule_id](plan)
    findings = [f for f in check(plan).findings if f.rule == rule_id]
    assert findings, f"{rule_id} did not fire"
    rule = default_rule_pack().by_id()[rule_id]
    assert all(f.principle == rule.principle and f.severity == rule.severity for f in findings)
    assert all(f.cites == rule.cites and f.message and f.instead for f in findings)


def test_every_principle_is_covered_by_a_rule() -> None:
    assert {r.principle for r in default_rule_pack().rules} == set(PRINCIPLES)


def test_the_pack_uses_every_severity() -> None:
    assert {r.severity for r in default_rule_pack().rules} == {"blocker", "warning", "advice"}


@pytest.mark.parametrize(("name", "verdict", "expected"), [
    ("unoci-2004", "sound", []),
    ("no-consent", "blocked", ["CONSENT-001", "CONSENT-003"]),
    ("offensive-force", "blocked", ["FORCE-001"]),
    ("one-sided", "needs_attention", ["IMPARTIALITY-001", "IMPARTIALITY-002",
                                      "IMPARTIALITY-003", "DIPLOMACY-002", "INCLUSIVITY-001"]),
    ("rwanda-1993", "needs_attention", ["MANDATE-002", "RESOURCES-002", "RESOURCES-004",
                                        "RESOURCES-006", "ADAPTABILITY-001", "MULTI-001"]),
])
def test_examples_give_their_expected_findings(name: str, verdict: str,
                                               expected: list[str]) -> None:
    result = check(example(name))
    assert [f.rule for f in result.findings] == expected
    assert result.verdict == verdict


def test_party_findings_name_the_party_and_keep_its_text_literally() -> None:
    plan = sound_plan()
    plan.parties.append(Party('<b>Front</b> & "Co"', kind="non_state", consent="withheld"))
    findings = {f.rule: f for f in check(plan).findings
                if f.rule in ("CONSENT-003", "IMPARTIALITY-001", "INCLUSIVITY-001")}
    assert set(findings) == {"CONSENT-003", "IMPARTIALITY-001", "INCLUSIVITY-001"}
    assert findings["CONSENT-003"].message == \
        'Party "<b>Front</b> & "Co"" has withheld its consent to the mission.'
    assert all('<b>Front</b> & "Co"' in f.message for f in findings.values())


def test_one_finding_per_offending_party_each_naming_its_own() -> None:
    plan = sound_plan()
    plan.parties += [Party("Militia A", consent="withdrawn"), Party("Militia B", consent="withheld")]
    messages = [f.message for f in check(plan).findings if f.rule == "CONSENT-003"]
    assert messages == ['Party "Militia A" has withdrawn its consent to the mission.',
                        'Party "Militia B" has withheld its consent to the mission.']


def test_long_or_multiline_names_are_shortened_to_one_line_in_messages() -> None:
    plan = sound_plan()
    plan.parties.append(Party("Line one\nline two " + "x" * 300, consent="withheld"))
    message = next(f.message for f in check(plan).findings if f.rule == "CONSENT-003")
    assert "\n" not in message and "Line one line two" in message and "…" in message


def test_strategy_findings_name_the_strategy_and_the_unknown_parties() -> None:
    plan = sound_plan()
    plan.strategies.append(Strategy("advocacy", parties=["Zeta group", GOV, "Alpha group"]))
    finding = next(f for f in check(plan).findings if f.rule == "DIPLOMACY-003")
    assert finding.message == ('Strategy 5 (advocacy) names "Alpha group", "Zeta group", '
                               "not among the plan's parties.")


def test_blockers_come_first() -> None:
    plan = sound_plan()
    plan.climate_risks = ""
    plan.use_of_force = "offensive"
    severities = [f.severity for f in check(plan).findings]
    assert severities == sorted(severities, key=["blocker", "warning", "advice"].index)
    assert severities[0] == "blocker"


def test_acknowledgement_is_kept_on_the_finding_and_quiets_a_warning() -> None:
    plan = sound_plan()
    plan.climate_risks = ""
    assert check(plan).verdict == "needs_attention"
    plan.acknowledgements = [Acknowledgement("CLIMATE-001", "Covered by the UNEP annex")]
    result = check(plan)
    assert [(f.rule, f.acknowledged) for f in result.findings] == \
        [("CLIMATE-001", "Covered by the UNEP annex")]
    assert result.verdict == "sound"


def test_an_acknowledged_blocker_still_blocks() -> None:
    plan = replace(sound_plan(), use_of_force="offensive",
                   acknowledgements=[Acknowledgement("FORCE-001", "ordered by HQ")])
    result = check(plan)
    assert result.findings[0].acknowledged == "ordered by HQ"
    assert result.verdict == "blocked"


def test_an_empty_plan_is_checked_without_error() -> None:
    result = check(Plan(title="Blank"))
    assert result.verdict == "needs_attention"
    assert "MANDATE-001" in [f.rule for f in result.findings]


def test_findings_group_by_principle() -> None:
    plan = sound_plan()
    plan.resources.funding = "none"
    plan.resources.equipment = "inadequate"
    groups = findings_by_principle(check(plan))
    assert list(groups) == list(PRINCIPLES)
    assert [f.rule for f in groups["resources"]] == ["RESOURCES-002", "RESOURCES-004"]
    assert groups["consent"] == []


@pytest.mark.parametrize(("personnel", "required", "rules"), [
    (0, None, ["RESOURCES-001"]),
    (0, 5000, ["RESOURCES-001"]),           # none at all: RESOURCES-001 says it, once
    (2548, None, []),                       # no estimate: nothing to compare with
    (2548, 5000, ["RESOURCES-006"]),
    (4999, 5000, ["RESOURCES-006"]),
    (5000, 5000, []),
    (6000, 5000, []),
])
def test_short_personnel_is_measured_against_the_planners_estimate(
        personnel: int, required: int | None, rules: list[str]) -> None:
    plan = sound_plan()
    plan.resources.personnel, plan.resources.personnel_required = personnel, required
    found = [f for f in check(plan).findings if f.rule.startswith("RESOURCES")]
    assert [f.rule for f in found] == rules


def test_the_shortfall_message_gives_the_figures_in_english_and_french() -> None:
    plan = sound_plan()
    plan.resources.personnel, plan.resources.personnel_required = 2548, 5000
    en = next(f for f in check(plan).findings if f.rule == "RESOURCES-006")
    fr = next(f for f in check(plan, lang="fr").findings if f.rule == "RESOURCES-006")
    assert en.message == ("The plan provides 2548 personnel, 2452 short of the 5000 it "
                          "estimates the mandate's tasks need.")
    assert fr.message.startswith("Le plan prévoit 2548 personnes, soit 2452 de moins")
    assert en.severity == "warning" and en.principle == "resources"
    assert [c.node for c in en.cites] == ["challenges.logistics", "challenges.logistics",
                                         "case-studies.rwanda-1994"]
    assert fr.cites == en.cites
