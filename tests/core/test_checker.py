"""The checker with the shipped rules: every rule fires when it should, never on a sound plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from pkdesk.core.checker import check, findings_by_principle
from pkdesk.core.findings import PRINCIPLES
from pkdesk.core.plan.model import (Acknowledgement, Caveat, DataPoint, Indicator,
                                    MissionObjective, ObjectiveRating, ParallelForce, Party,
                                    Performance, Plan, ProtectionSite, Review, Strategy)
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


def advocacy_only(plan: Plan) -> None:
    """Both parties named, but only by advocacy: no strategy brings anyone into talks."""
    plan.parties[0].direct_talks = False
    plan.strategies = [Strategy("advocacy", parties=[GOV, FN], lead="SRSG")]


def withdrawn_and_out_of_talks(plan: Plan) -> None:
    plan.parties[1].consent = "withdrawn"
    drop_fn_from_strategies(plan)


def site(name: str, population: int, personnel: int, threat: str) -> Callable[[Plan], None]:
    def apply(plan: Plan) -> None:
        plan.protection.threat_level = threat
        plan.protection.sites = [ProtectionSite(name, population, personnel)]
    return apply


# One mutation of the sound plan per rule, each the smallest change that should trip it.
TRIGGERS: dict[str, Callable[[Plan], None]] = {
    "CONSENT-001": set_("host_consent", "withheld"),
    "CONSENT-002": set_("host_consent", "pending"),
    "CONSENT-003": withdrawn_and_out_of_talks,
    "CONSENT-004": set_("parties.1.consent", "unknown"),
    "CONSENT-005": set_("host_consent", "conditional"),
    "CONSENT-006": set_("parties.1.consent_conditions", ""),
    "CONSENT-007": set_("host_authority", "collapsed"),
    "CONSENT-008": lambda p: (set_("host_consent", "withdrawn")(p), set_("phase", "crisis")(p)),
    "CONSENT-009": set_("parties.1.consent", "withdrawn"),
    "CONSENT-010": lambda p: (set_("host_consent", "withdrawn")(p), set_("phase", "drawdown")(p)),
    "IMPARTIALITY-001": drop_fn_from_strategies,
    "IMPARTIALITY-002": drop_fn_from_strategies,
    "IMPARTIALITY-003": set_("strategies.1.lead", GOV),
    "IMPARTIALITY-004": set_("command.parallel_forces", [ParallelForce("Opération Licorne")]),
    "IMPARTIALITY-005": set_("mandate.directed_against", [FN]),
    "FORCE-001": set_("use_of_force", "offensive"),
    "FORCE-002": set_("mandate.objectives", []),
    "FORCE-003": lambda p: (set_("use_of_force", "self_defence")(p),
                            set_("protection.threat_level", "high")(p)),
    "FORCE-004": set_("parties.1.role", "listed_group"),
    "FORCE-005": set_("parties.1.role", "spoiler"),
    "LEGITIMACY-001": set_("authorization.body", " "),
    "LEGITIMACY-002": set_("authorization.reference", ""),
    "MANDATE-001": set_("mandate.objectives", []),
    "MANDATE-002": set_("mandate.summary", "Keep the peace in the country."),
    "MANDATE-003": set_("use_of_force", "self_defence"),
    "MANDATE-004": set_("mandate.end_state", ""),
    "MANDATE-005": set_("mandate.directed_against", ["Ghost army"]),
    "DIPLOMACY-001": set_("strategies", []),
    "DIPLOMACY-002": advocacy_only,
    "DIPLOMACY-003": lambda p: p.strategies[0].parties.append("Unknown militia"),
    "DIPLOMACY-004": advocacy_only,
    "DIPLOMACY-005": lambda p: (without_kind(p, "regional_cooperation"),
                                set_("partners", [])(p)),
    "DIPLOMACY-006": set_("parties.1.role", "listed_group"),
    "INCLUSIVITY-001": advocacy_only,
    "INCLUSIVITY-002": set_("community_engagement", ""),
    "RESOURCES-001": set_("resources.personnel", 0),
    "RESOURCES-002": set_("resources.equipment", "inadequate"),
    "RESOURCES-003": set_("resources.equipment", "limited"),
    "RESOURCES-004": set_("resources.funding", "none"),
    "RESOURCES-005": set_("resources.funding", "partial"),
    "RESOURCES-006": set_("resources.personnel_required", 8_000),
    "RESOURCES-007": set_("resources.personnel_required", 6_500),
    "RESOURCES-008": set_("resources.personnel_required", 99_999),
    "RESOURCES-009": lambda p: (set_("resources.funding", "partial")(p),
                                set_("resources.equipment", "limited")(p)),
    "RESOURCES-010": set_("resources.funding_source", "voluntary"),
    "RESOURCES-011": set_("command.caveats", [Caveat("Contributor X", "No night patrols")]),
    "RESOURCES-012": site("Bouaké camp", 40_000, 0, "critical"),
    "RESOURCES-013": site("Bouaké camp", 40_000, 100, "high"),
    "ADAPTABILITY-001": set_("mandate.review_months", None),
    "ADAPTABILITY-002": set_("mandate.review_months", 24),
    "ADAPTABILITY-003": set_("mandate.benchmarks", []),
    "ADAPTABILITY-004": lambda p: (set_("mandate.benchmarks", [])(p), set_("phase", "drawdown")(p)),
    "MULTI-001": set_("components", ["military"]),
    "MULTI-002": set_("components", []),
    "MULTI-003": set_("components", ["military"]),
    "CLIMATE-001": set_("climate_risks", "  \n"),
    # The loop (format 3): not dependent on the day the test runs (check() uses today).
    "LOOP-001": set_("performance", Performance(objectives=[
        MissionObjective("protect_civilians", "Safer camps")])),
    "LOOP-002": set_("performance", Performance(objectives=[
        MissionObjective("protect_civilians", "Safer camps", [Indicator("Attacks", target=0)])])),
    "LOOP-003": set_("performance", Performance(start="2020-01-01")),
    "LOOP-004": set_("performance", Performance(
        objectives=[MissionObjective("protect_civilians", "Safer camps", uid="o1")],
        reviews=[Review(date=d, ratings=[ObjectiveRating("o1", "off_track")])
                 for d in ("2020-06-30", "2020-12-31")])),
    "LOOP-005": set_("performance", Performance(objectives=[MissionObjective(
        "protect_civilians", "Safer camps", [Indicator("Attacks", data=[
            DataPoint(3, "2020-01-31")])])])),
    "LOOP-006": set_("performance", Performance(start="2020-01-01", objectives=[
        MissionObjective("protect_civilians", "Safer camps", [Indicator("Attacks")])])),
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
    # Version 1 plans have no end state or benchmarks: MANDATE-004 and ADAPTABILITY-003 say
    # so. A party in mediation is no longer told to seek inclusive dialogue or mediation.
    ("no-consent", "blocked", ["CONSENT-001", "CONSENT-009", "MANDATE-004",
                               "ADAPTABILITY-003"]),
    ("offensive-force", "blocked", ["FORCE-001", "CONSENT-006", "MANDATE-004",
                                    "ADAPTABILITY-003"]),
    ("one-sided", "needs_attention", ["CONSENT-006", "IMPARTIALITY-001", "IMPARTIALITY-002",
                                      "IMPARTIALITY-003", "MANDATE-004", "ADAPTABILITY-003"]),
    ("rwanda-1993", "needs_attention", ["MANDATE-002", "MANDATE-004", "RESOURCES-002",
                                        "RESOURCES-004", "RESOURCES-006", "ADAPTABILITY-001",
                                        "MULTI-001", "ADAPTABILITY-003"]),
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
                if f.rule in ("CONSENT-003", "IMPARTIALITY-001")}
    assert set(findings) == {"CONSENT-003", "IMPARTIALITY-001"}
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
    (2548, 5000, ["RESOURCES-006"]),        # half the strength: a warning
    (2400, 5000, ["RESOURCES-008"]),        # under half: a blocker
    (7600, 34000, ["RESOURCES-008"]),       # the safe areas' "light option"
    (4999, 5000, ["RESOURCES-007"]),        # one short: advice
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
    # Numbers as the language writes them (one formatter for findings, tables and PDFs).
    assert en.message == ("The plan provides 2,548 personnel, 50% of the 5,000 it estimates the "
                          "mandate's tasks need (2,452 short).")
    assert fr.message.startswith("Le plan prévoit 2\u202f548 personnes, soit 50\u00a0% des 5\u202f000")
    assert en.severity == "warning" and en.principle == "resources"
    assert [c.node for c in en.cites] == ["challenges.logistics", "challenges.logistics",
                                         "case-studies.rwanda-1994"]
    assert fr.cites == en.cites
