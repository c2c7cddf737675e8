"""Judgement a headquarters planner would trust (issue 13): the rules read what a party is
and what a strategy does, scale with the gap, and speak of the mission's phase. Each test
here failed on the checker before it (the false alarms and silences the issue lists)."""

from __future__ import annotations

import pytest

from pkdesk.core.checker import check
from pkdesk.core.findings import Finding
from pkdesk.core.plan.model import (
    PARTY_CONSENTS, PHASES, Caveat, ParallelForce, Party, Plan, ProtectionSite, Strategy,
)
from tests.core.plan_samples import sound_plan

GOV, FN = "Government of Côte d'Ivoire", "Forces Nouvelles"


def findings(plan: Plan, lang: str = "en") -> list[Finding]:
    return list(check(plan, lang=lang).findings)


def rules(plan: Plan) -> list[str]:
    return [f.rule for f in findings(plan)]


def about(plan: Plan, party: str) -> list[Finding]:
    return [f for f in findings(plan) if f.subject == f"party:{party}"]


def with_party(party: Party, *strategies: Strategy) -> Plan:
    plan = sound_plan()
    plan.parties.append(party)
    plan.strategies.extend(strategies)
    return plan


# -- engagement is credited by what a strategy does ------------------------------------------

@pytest.mark.parametrize("kind", ["mediation", "third_party_mediation", "shuttle_diplomacy",
                                  "dialogue_channels", "ceasefire_negotiation"])
def test_a_non_state_party_at_a_talks_table_gets_no_inclusivity_warning(kind: str) -> None:
    plan = with_party(Party("Militia", kind="non_state", consent="granted"),
                      Strategy(kind, parties=["Militia", GOV], lead="AU envoy"))
    assert about(plan, "Militia") == []


def test_a_party_reached_only_by_advocacy_is_still_told_it_is_in_no_talks() -> None:
    plan = with_party(Party("Militia", kind="non_state", consent="granted"),
                      Strategy("advocacy", parties=["Militia"]))
    assert [f.rule for f in about(plan, "Militia")] == ["INCLUSIVITY-001"]


def test_a_party_already_in_shuttle_diplomacy_is_not_told_to_engage_through_it() -> None:
    plan = with_party(Party("Militia", kind="non_state", consent="withheld"),
                      Strategy("shuttle_diplomacy", parties=["Militia"], lead="UN envoy"))
    found = about(plan, "Militia")
    assert [f.rule for f in found] == ["CONSENT-009"]
    assert all("shuttle diplomacy" not in f.instead and "mediation" not in f.instead
               for f in found)
    assert "talks already under way" in found[0].instead


def test_a_ceasefire_produced_by_third_party_mediation_needs_no_ceasefire_strategy() -> None:
    plan = sound_plan()
    plan.strategies = [s for s in plan.strategies if s.kind != "ceasefire_negotiation"]
    assert "DIPLOMACY-004" not in rules(plan)       # the mediation strategy upholds it
    plan.strategies = [Strategy("third_party_mediation", parties=[GOV, FN], lead="AU")]
    assert "DIPLOMACY-004" not in rules(plan)
    plan.strategies = [Strategy("advocacy", parties=[GOV, FN])]
    assert "DIPLOMACY-004" in rules(plan)


# -- what a party is ------------------------------------------------------------------------

@pytest.mark.parametrize("consent", PARTY_CONSENTS)
@pytest.mark.parametrize("talks", [True, False])
def test_a_listed_group_is_never_advised_mediation_or_asked_for_consent(consent: str,
                                                                        talks: bool) -> None:
    plan = with_party(Party("M23", kind="non_state", consent=consent, direct_talks=talks,
                            role="listed_group"))
    found = about(plan, "M23")
    assert [f.rule for f in found] == ["FORCE-004"]
    assert "posture" in found[0].instead and "protection of civilians" in found[0].instead
    for f in found:
        assert "to win its consent" not in f.instead and "Engage" not in f.instead


def test_talks_with_a_listed_group_are_flagged_not_encouraged() -> None:
    plan = with_party(Party("M23", kind="non_state", role="listed_group"),
                      Strategy("mediation", parties=["M23", GOV], lead="Regional envoy"))
    talks = [f for f in findings(plan) if f.rule == "DIPLOMACY-006"]
    assert [f.subject for f in talks] == ["strategy:mediation#2"]
    assert '"M23"' in talks[0].message and "sanctions regime" in talks[0].instead


def test_a_spoiler_draws_its_own_finding_and_keeps_the_engagement_advice() -> None:
    plan = with_party(Party("Hardliners", kind="non_state", consent="withheld", role="spoiler"))
    assert [f.rule for f in about(plan, "Hardliners")] == ["CONSENT-003", "IMPARTIALITY-001",
                                                          "FORCE-005"]


def test_a_party_the_mandate_is_directed_against_is_an_impartiality_matter() -> None:
    plan = with_party(Party("M23", kind="non_state", consent="granted"),
                      Strategy("mediation", parties=["M23", GOV], lead="AU"))
    plan.mandate.directed_against = ["M23"]
    found = about(plan, "M23")
    assert [f.rule for f in found] == ["IMPARTIALITY-005"]
    assert "Do not count on the consent" in found[0].instead and "granted" in found[0].instead
    plan.parties[-1].consent = "withheld"       # its consent is not asked for either
    assert [f.rule for f in about(plan, "M23")] == ["IMPARTIALITY-005"]


# -- consent ------------------------------------------------------------------------------

def test_conditional_consent_asks_for_the_conditions_to_be_written_down() -> None:
    plan = sound_plan()
    plan.host_consent = "conditional"
    assert "CONSENT-005" in rules(plan)
    plan.host_consent_conditions = "No operations in the capital without notice."
    assert "CONSENT-005" not in rules(plan)
    plan.parties[1].consent_conditions = ""         # the Forces Nouvelles: conditional
    assert [f.rule for f in about(plan, FN)] == ["CONSENT-006"]


def test_with_no_government_the_consent_advice_is_what_can_be_done() -> None:
    plan = sound_plan()
    plan.host_consent = "withheld"
    plan.host_authority = "collapsed"
    found = [f for f in findings(plan) if f.rule.startswith("CONSENT")]
    assert [f.rule for f in found] == ["CONSENT-007"]
    assert "control the ground" in found[0].instead
    assert all("Secure" not in f.instead and "full consent" not in f.instead for f in found)
    plan.host_authority = "contested"
    assert "CONSENT-001" in rules(plan)


# -- phase -------------------------------------------------------------------------------

def troubled(phase: str) -> Plan:
    """A plan that trips every rule whose advice is time-bound."""
    plan = Plan(title="Troubled", phase=phase, host_consent="withdrawn",
                parties=[Party("A", consent="unknown")],
                strategies=[Strategy("advocacy", parties=["A"])])
    plan.resources.equipment, plan.resources.funding = "inadequate", "none"
    plan.resources.funding_source = "voluntary"
    plan.resources.personnel, plan.resources.personnel_required = 100, 120
    plan.protection.threat_level = "critical"
    plan.protection.sites = [ProtectionSite("Camp", 5000, 0)]
    return plan


@pytest.mark.parametrize("phase", PHASES)
def test_before_deployment_is_said_only_while_planning_or_starting_up(phase: str) -> None:
    early = phase in ("planning", "start_up")
    for lang, words in (("en", ("before deployment", "Do not deploy yet")),
                        ("fr", ("avant le déploiement", "Ne pas déployer"))):
        texts = [f"{f.message} {f.instead}" for f in findings(troubled(phase), lang)]
        assert len(texts) >= 8
        said = any(w in t for t in texts for w in words)
        assert said == early, (phase, lang)


def test_a_mission_in_crisis_is_told_to_act_now_and_a_drawdown_before_handover() -> None:
    crisis = {f.rule: f for f in findings(troubled("crisis"))}
    assert "CONSENT-008" in crisis and "CONSENT-001" not in crisis
    assert crisis["RESOURCES-004"].instead.startswith("Secure funding without delay")
    drawdown = {f.rule: f for f in findings(troubled("drawdown"), "fr")}
    assert "avant la passation" in drawdown["RESOURCES-004"].instead


# -- severity scales with the gap ---------------------------------------------------------

@pytest.mark.parametrize(("personnel", "required", "rule", "severity"), [
    (7_600, 34_000, "RESOURCES-008", "blocker"),
    (3_000, 5_000, "RESOURCES-006", "warning"),
    (4_999, 5_000, "RESOURCES-007", "advice"),
])
def test_a_personnel_gap_weighs_by_its_size(personnel: int, required: int, rule: str,
                                            severity: str) -> None:
    plan = sound_plan()
    plan.resources.personnel, plan.resources.personnel_required = personnel, required
    found = [f for f in findings(plan) if f.rule.startswith("RESOURCES")]
    assert [(f.rule, f.severity) for f in found] == [(rule, severity)]


def test_a_thin_protection_site_weighs_by_the_threat() -> None:
    plan = sound_plan()
    plan.protection.sites = [ProtectionSite("Srebrenica", 40_000, 0),
                             ProtectionSite("Tuzla", 50_000, 600)]
    plan.protection.threat_level = "medium"
    assert not [r for r in rules(plan) if r in ("RESOURCES-012", "RESOURCES-013")]
    plan.protection.threat_level = "high"
    thin = next(f for f in findings(plan) if f.rule == "RESOURCES-013")
    assert thin.severity == "warning" and '"Srebrenica" has 0 personnel per 1,000' in thin.message
    plan.protection.threat_level = "critical"
    assert [(f.rule, f.severity) for f in findings(plan) if f.rule.startswith("RESOURCES-01")] \
        == [("RESOURCES-012", "blocker")]
    plan.protection.sites[0].personnel = 600            # 15 per 1,000 at both: enough
    assert not [r for r in rules(plan) if r in ("RESOURCES-012", "RESOURCES-013")]


def test_partial_funding_with_limited_equipment_is_one_warning_not_two_advices() -> None:
    plan = sound_plan()
    plan.resources.funding, plan.resources.equipment = "partial", "limited"
    found = [(f.rule, f.severity) for f in findings(plan) if f.rule.startswith("RESOURCES")]
    assert found == [("RESOURCES-009", "warning")]


def test_protection_at_high_threat_under_self_defence_only_is_a_warning() -> None:
    plan = sound_plan()
    plan.use_of_force = "self_defence"
    assert [(f.rule, f.severity) for f in findings(plan) if f.rule in
            ("MANDATE-003", "FORCE-003")] == [("MANDATE-003", "advice")]
    plan.protection.threat_level = "critical"
    assert [(f.rule, f.severity) for f in findings(plan) if f.rule in
            ("MANDATE-003", "FORCE-003")] == [("FORCE-003", "warning")]


# -- context, command, mandate, funding -----------------------------------------------------

def test_an_interstate_observer_force_is_not_faulted_for_being_military_only() -> None:
    plan = sound_plan()
    plan.components = ["military"]
    plan.context = "interstate"
    plan.mandate.objectives = ["monitor_ceasefire"]
    assert "MULTI-001" not in rules(plan)
    plan.mandate.objectives = ["monitor_ceasefire", "protect_civilians"]
    assert "MULTI-001" in rules(plan)
    plan.context, plan.mandate.objectives = "civil_war", ["monitor_ceasefire"]
    assert "MULTI-001" in rules(plan)


def test_parallel_forces_and_caveats_draw_findings() -> None:
    plan = sound_plan()
    plan.command.parallel_forces = [ParallelForce("Opération Licorne", False),
                                    ParallelForce("Quick reaction force", True)]
    plan.command.caveats = [Caveat("Contributor A", "No operations after dark")]
    found = {f.rule: f for f in findings(plan)}
    assert found["IMPARTIALITY-004"].message.endswith('outside its command: "Opération Licorne".')
    assert found["RESOURCES-011"].severity == "warning"
    assert '"Contributor A"' in found["RESOURCES-011"].message


def test_no_end_state_and_no_benchmarks_draw_mandate_and_adaptability_findings() -> None:
    plan = sound_plan()
    plan.mandate.end_state, plan.mandate.benchmarks = "", []
    assert {"MANDATE-004", "ADAPTABILITY-003"} <= set(rules(plan))
    plan.phase = "drawdown"
    assert "ADAPTABILITY-004" in rules(plan) and "ADAPTABILITY-003" not in rules(plan)


def test_voluntary_funding_is_a_resources_warning() -> None:
    plan = sound_plan()
    plan.resources.funding_source = "voluntary"
    assert [(f.rule, f.severity) for f in findings(plan)] == [("RESOURCES-010", "warning")]
