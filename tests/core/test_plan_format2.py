"""Plan format 2: its fields read, validated and written; version 1 written when none is used."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pkdesk.core.errors import InputError
from pkdesk.core.plan.file import dumps_plan, parse_plan, plan_from_dict, plan_to_dict
from pkdesk.core.plan.model import (
    Benchmark, Caveat, Command, ParallelForce, Party, Plan, Protection, ProtectionSite,
)
from tests.core.plan_samples import document, example, example_paths

V2_BODY: dict[str, Any] = {
    "title": "Format 2",
    "phase": "crisis",
    "host_authority": "contested",
    "host_consent": "conditional",
    "host_consent_conditions": "No patrols within 5 km of the capital without notice.",
    "parties": [{"name": "Government", "role": "host_government"},
                {"name": "M23", "kind": "non_state", "consent": "withheld", "role": "listed_group"},
                {"name": "Mai-Mai", "kind": "non_state", "consent": "conditional",
                 "role": "spoiler", "consent_conditions": "Integration into the army."}],
    "mandate": {"summary": "s", "objectives": ["protect_civilians"],
                "directed_against": ["M23", "M23"], "end_state": "Civilians safe.",
                "benchmarks": [{"text": "Goma secured", "due": "2013-12"}, {"text": "No date"}]},
    "protection": {"threat_level": "critical", "civilians_at_risk": 800_000,
                   "sites": [{"name": "Goma", "population": 40_000, "personnel": 300}]},
    "command": {"arrangement": "hybrid",
                "parallel_forces": [{"name": "FARDC", "under_mission_command": False},
                                    {"name": "FIB", "under_mission_command": True}],
                "caveats": [{"contributor": "Contributor A", "restriction": "No night moves"}]},
    "resources": {"personnel": 19_000, "funding_source": "voluntary"},
}


def v2(**body: Any) -> bytes:
    return json.dumps({"format": "pkdesk.plan", "version": 2,
                       "plan": {"title": "t", **body}}).encode("utf-8")


def test_a_version_2_document_reads_every_new_field() -> None:
    plan = parse_plan(json.dumps({"format": "pkdesk.plan", "version": 2,
                                  "plan": V2_BODY}).encode())
    assert (plan.phase, plan.host_authority) == ("crisis", "contested")
    assert plan.host_consent_conditions.startswith("No patrols")
    assert [(p.role, p.consent_conditions) for p in plan.parties] == [
        ("host_government", ""), ("listed_group", ""),
        ("spoiler", "Integration into the army.")]
    assert plan.mandate.directed_against == ["M23"]         # a name given twice is kept once
    assert plan.mandate.benchmarks == [Benchmark("Goma secured", "2013-12"), Benchmark("No date")]
    assert plan.protection == Protection("critical", 800_000,
                                         [ProtectionSite("Goma", 40_000, 300)])
    assert plan.command == Command("hybrid", [ParallelForce("FARDC", False),
                                              ParallelForce("FIB", True)],
                                   [Caveat("Contributor A", "No night moves")])
    assert plan.resources.funding_source == "voluntary"


def test_a_version_2_plan_round_trips_and_is_written_as_version_2() -> None:
    plan = parse_plan(json.dumps({"format": "pkdesk.plan", "version": 2,
                                  "plan": V2_BODY}).encode())
    doc = plan_to_dict(plan)
    assert doc["version"] == 2
    assert parse_plan(dumps_plan(plan).encode()) == plan
    assert plan_from_dict(doc) == plan


def test_a_plan_using_nothing_of_version_2_is_written_as_version_1_in_the_old_shape() -> None:
    """An older pkdesk refuses any version but 1 and any unknown nested field: a plan that
    needs nothing more is written exactly as version 1 was (the shipped version 1 examples
    were written by pkdesk, so they come back identical)."""
    written_as_1 = 0
    for path in example_paths():
        doc = plan_to_dict(example(path.name.removesuffix(".pkplan.json")))
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert doc["version"] == raw["version"], path.name
        if doc["version"] == 1:
            written_as_1 += 1
            assert all(set(p) == {"name", "kind", "consent", "direct_talks"}
                       for p in doc["plan"]["parties"])
            assert set(doc["plan"]["mandate"]) == {"summary", "objectives", "review_months"}
            assert "funding_source" not in doc["plan"]["resources"]
            for key in ("phase", "host_authority", "protection", "command"):
                assert key not in doc["plan"]
            if path.name != "rwanda-1993.pkplan.json":      # written by hand, keys reordered
                assert doc == raw, path.name
    assert written_as_1 >= 4


@pytest.mark.parametrize(("change", "version"), [
    (lambda p: setattr(p, "phase", "drawdown"), 2),
    (lambda p: setattr(p, "host_authority", "collapsed"), 2),
    (lambda p: setattr(p, "host_consent_conditions", "x"), 2),
    (lambda p: setattr(p.parties[0], "role", "spoiler"), 2),
    (lambda p: setattr(p.parties[0], "consent_conditions", "x"), 2),
    (lambda p: setattr(p.mandate, "directed_against", ["A"]), 2),
    (lambda p: setattr(p.mandate, "end_state", "x"), 2),
    (lambda p: setattr(p.mandate, "benchmarks", [Benchmark("x")]), 2),
    (lambda p: setattr(p.protection, "threat_level", "low"), 2),
    (lambda p: setattr(p.protection, "civilians_at_risk", 0), 2),
    (lambda p: setattr(p.command, "arrangement", "regional"), 2),
    (lambda p: setattr(p.command, "caveats", [Caveat("A")]), 2),
    (lambda p: setattr(p.resources, "funding_source", "assessed"), 2),
    (lambda p: None, 1),
])
def test_any_version_2_field_makes_the_file_version_2(change: Any, version: int) -> None:
    plan = Plan(title="t", parties=[Party("A")])
    change(plan)
    assert plan_to_dict(plan)["version"] == version
    assert plan_from_dict(plan_to_dict(plan)) == plan


@pytest.mark.parametrize(("body", "message"), [
    ({"phase": "war"}, "plan.phase: expected one of planning, start_up, deployed, crisis, "
                       "transition, drawdown (got \"war\")"),
    ({"host_authority": None, "parties": [{"name": "A", "role": "terrorist"}]},
     "plan.parties[0].role: expected one of other, host_government, signatory"),
    ({"mandate": {"benchmarks": [{"text": "x", "due": "2026-13"}]}},
     "plan.mandate.benchmarks[0].due: expected a month as YYYY-MM, e.g. 2026-06 (got \"2026-13\")"),
    ({"mandate": {"benchmarks": [{"due": "2026-01"}]}},
     "plan.mandate.benchmarks[0].text: missing; expected non-empty text"),
    ({"mandate": {"directed_against": [""]}},
     "plan.mandate.directed_against[0]: expected non-empty text"),
    ({"protection": {"threat_level": "high", "sites": [{"name": "S", "population": -1}]}},
     "plan.protection.sites[0].population: expected a whole number from 0 to 100000000"),
    ({"protection": {"civilians_at_risk": 1.5}},
     "plan.protection.civilians_at_risk: expected a whole number from 0 to 100000000 or null"),
    ({"protection": {"sites": [{"population": 3}]}},
     "plan.protection.sites[0].name: missing; expected non-empty text"),
    ({"command": {"parallel_forces": [{"name": "F", "under_mission_command": "yes"}]}},
     "plan.command.parallel_forces[0].under_mission_command: expected true or false"),
    ({"command": {"caveats": [{"contributor": "A", "limit": "x"}]}},
     "plan.command.caveats[0].limit: unknown field (expected contributor, restriction)"),
    ({"command": {"arrangement": "nato"}}, "plan.command.arrangement: expected one of un, "
                                           "regional, hybrid, coalition (got \"nato\")"),
    ({"resources": {"funding_source": "pledges"}},
     "plan.resources.funding_source: expected one of unknown, assessed, voluntary, donor, mixed"),
    ({"protection": []}, "plan.protection: expected an object"),
])
def test_bad_version_2_values_are_one_line_naming_the_field(body: dict[str, Any],
                                                           message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_plan(v2(**body), "m.pkplan.json")
    text = str(err.value)
    assert text.startswith("m.pkplan.json: ") and "\n" not in text
    assert message in text


def test_a_version_1_document_holding_version_2_fields_reads_them() -> None:
    """What matters is what a file holds: version 1 with a phase is read, and written as 2."""
    plan = parse_plan(json.dumps(document(phase="drawdown")).encode())
    assert plan.phase == "drawdown" and plan.extra == {}
    assert plan_to_dict(plan)["version"] == 2


def test_a_mandate_against_an_unknown_name_is_kept_for_the_checker_to_report() -> None:
    plan = parse_plan(v2(parties=[{"name": "A"}], mandate={"directed_against": ["B"]}))
    assert plan.mandate.directed_against == ["B"]


def test_text_of_version_2_fields_is_kept_literally() -> None:
    markup = "<b>Front</b> & \"Co\""
    plan = parse_plan(v2(parties=[{"name": markup, "consent_conditions": markup}],
                         command={"caveats": [{"contributor": markup, "restriction": markup}]}))
    again = parse_plan(dumps_plan(plan).encode())
    assert again.parties[0].consent_conditions == markup
    assert again.command.caveats[0].contributor == markup


def test_what_ifs_and_diffs_reach_the_version_2_fields() -> None:
    from pkdesk.core.plan.diff import flatten
    from pkdesk.core.plan.fields import override

    plan = example("rwanda-1993")                       # a version 1 plan
    crisis = override(override(plan, "protection.threat_level=critical"), "phase=crisis")
    crisis = override(crisis, "parties[Rwandese Patriotic Front].role=signatory")
    assert (crisis.phase, crisis.protection.threat_level) == ("crisis", "critical")
    assert plan.phase == "planning" and plan_to_dict(crisis)["version"] == 2
    before, after = flatten(plan), flatten(crisis)
    changed = sorted(k for k in after if before.get(k) != after[k])
    assert changed == ["parties[Rwandese Patriotic Front]", "phase", "protection.threat_level"]
    assert after["parties[Rwandese Patriotic Front]"]["role"] == "signatory"
    with pytest.raises(InputError, match="plan.phase: expected one of planning"):
        override(plan, "phase=war")


def test_a_role_given_to_one_party_is_a_change_in_diffs_and_comparisons() -> None:
    from pkdesk.core.plan.diff import diff_plans, differences
    from pkdesk.core.plan.fields import override

    plan = example("one-sided")
    spoiler = override(plan, "parties[Forces Nouvelles].role=spoiler")
    assert [(c.path, c.old, c.new) for c in diff_plans(plan, spoiler)] == [
        ("parties[Forces Nouvelles].role", None, "spoiler")]
    assert [(d.path, d.values) for d in differences([plan, spoiler])] == [
        ("parties[Forces Nouvelles].role", (None, "spoiler"))]
