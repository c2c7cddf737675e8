"""What-ifs: each shipped perturbation on the example plans, overrides, pack validation."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkdesk.core.checker import check
from pkdesk.core.errors import InputError
from pkdesk.core.plan.fields import PARTY_FIELDS, PLAN_FIELDS, override
from pkdesk.core.plan.file import plan_to_dict
from pkdesk.core.whatif import (
    apply_whatifs, default_whatif_pack, parse_whatif_pack, perturb, whatif_pack_from_dict,
)
from tests.core.plan_samples import example

REQUIRED = {"consent_withdrawn", "ceasefire_collapse", "funding_cut", "non_state_actor_emerges",
            "direct_talks_break_down", "mandate_expanded_to_offensive"}


def rules(plan: Any) -> set[str]:
    return {f.rule for f in check(plan).findings}


def test_the_shipped_pack_has_every_required_perturbation() -> None:
    assert REQUIRED <= set(default_whatif_pack().ids())


# (example, what-if, rules that appear, rules that disappear)
CASES = [
    # Issue 13: a party already in talks is asked to make its consent an aim of them
    # (CONSENT-009); conditional consent asks for its conditions (CONSENT-005/006); a party
    # named by a ceasefire negotiation is in talks even when direct talks break down.
    ("unoci-2004", "consent_withdrawn", {"CONSENT-001", "CONSENT-009"}, set()),
    ("unoci-2004", "ceasefire_collapse", {"CONSENT-005", "CONSENT-006"}, set()),
    ("rwanda-1993", "ceasefire_collapse", {"CONSENT-005", "CONSENT-006", "MANDATE-003"}, set()),
    ("unoci-2004", "funding_cut", {"RESOURCES-004", "RESOURCES-003"}, set()),
    ("rwanda-1993", "funding_cut", set(), set()),          # already unfunded: nothing new
    ("unoci-2004", "non_state_actor_emerges", {"CONSENT-004", "IMPARTIALITY-001"}, set()),
    ("unoci-2004", "direct_talks_break_down", set(), set()),   # mediation already answers it
    ("rwanda-1993", "direct_talks_break_down", set(), set()),  # so does the ceasefire table
    ("unoci-2004", "mandate_expanded_to_offensive", {"FORCE-001"}, set()),
    ("offensive-force", "mandate_expanded_to_offensive", set(), set()),
    ("no-consent", "consent_withdrawn", set(), set()),
]


@pytest.mark.parametrize(("name", "whatif", "appear", "disappear"), CASES)
def test_each_perturbation_on_the_examples(name: str, whatif: str, appear: set[str],
                                           disappear: set[str]) -> None:
    plan = example(name)
    before = rules(plan)
    after = rules(perturb(plan, default_whatif_pack().get(whatif)))
    assert after - before == appear
    assert before - after == disappear


def test_findings_disappear_when_a_perturbation_supersedes_them() -> None:
    conditional = override(example("unoci-2004"), "host_consent=conditional")
    assert "CONSENT-005" in rules(conditional)      # conditions not written down
    withdrawn = rules(apply_whatifs(conditional, ["consent_withdrawn"]))
    assert "CONSENT-005" not in withdrawn and "CONSENT-001" in withdrawn

    self_defence = override(example("unoci-2004"), "use_of_force=self_defence")
    assert "MANDATE-003" in rules(self_defence)     # protect civilians in self-defence only
    offensive = rules(apply_whatifs(self_defence, ["mandate_expanded_to_offensive"]))
    assert "MANDATE-003" not in offensive and "FORCE-001" in offensive


def test_a_perturbation_never_touches_the_plan_given() -> None:
    plan = example("unoci-2004")
    snapshot = copy.deepcopy(plan)
    for whatif in default_whatif_pack().whatifs:
        perturbed = perturb(plan, whatif)
        assert perturbed is not plan and perturbed != plan
    apply_whatifs(plan, default_whatif_pack().ids(), ["parties[*].consent=withdrawn"])
    assert plan == snapshot


def test_consent_withdrawn_reaches_every_party_and_the_host() -> None:
    plan = apply_whatifs(example("unoci-2004"), ["consent_withdrawn"])
    assert plan.host_consent == "withdrawn"
    assert {p.consent for p in plan.parties} == {"withdrawn"}


def test_ceasefire_collapse_only_downgrades_granted_consent() -> None:
    plan = override(example("unoci-2004"), "parties[Forces Nouvelles].consent=withheld")
    after = apply_whatifs(plan, ["ceasefire_collapse"])
    consents = {p.name: p.consent for p in after.parties}
    assert consents["Forces Nouvelles"] == "withheld"
    assert consents["Government of Côte d'Ivoire"] == "conditional"
    assert not any(p.direct_talks for p in after.parties)


def test_a_new_actor_gets_a_name_no_party_has() -> None:
    plan = apply_whatifs(example("unoci-2004"), ["non_state_actor_emerges"] * 2)
    names = plan.party_names()
    assert names[-2:] == ["Newly emerged armed group", "Newly emerged armed group (2)"]


# single-field overrides ---------------------------------------------------------------------

@pytest.mark.parametrize(("assignment", "field", "value"), [
    ("host_consent=withdrawn", "host_consent", "withdrawn"),
    ("resources.funding=none", "resources.funding", "none"),
    ("mandate.review_months=6", "mandate.review_months", 6),
    ("mandate.review_months=null", "mandate.review_months", None),
    ("components=military, police", "components", ["military", "police"]),
    ("parties[Forces Nouvelles].direct_talks=yes", "parties.1.direct_talks", True),
    ("notes=a = b", "notes", "a = b"),
])
def test_override_sets_one_field(assignment: str, field: str, value: Any) -> None:
    plan = override(example("unoci-2004"), assignment)
    doc: Any = plan_to_dict(plan)["plan"]
    for part in field.replace("parties.", "parties..").split("."):
        if part:
            doc = doc[int(part)] if part.isdigit() else doc[part]
    assert doc == value


@pytest.mark.parametrize(("assignment", "message"), [
    ("host_consent=maybe", "--set host_consent=maybe: plan.host_consent: expected one of "
                           "granted, conditional, pending, withheld, withdrawn (got \"maybe\")"),
    ("mandate.review_months=500", "plan.mandate.review_months: expected a whole number from 1 "
                                  "to 120 or null (got 500)"),
    ("mandate.review_months=soon", "plan.mandate.review_months: expected a whole number"),
    ("resources.personnel=-3", "plan.resources.personnel: expected a whole number from 0"),
    ("parties[Nobody].consent=granted", "the plan has no party named 'Nobody'"),
    ("parties[*].direct_talks=perhaps", "plan.parties[0].direct_talks: expected true or false"),
    ("mandate.objectives=world_peace", "plan.mandate.objectives[0]: expected one of"),
    ("title=", "plan.title: expected non-empty text"),
    ("colour=red", "--set colour=red: unknown field 'colour'"),
    ("host_consent", "--set: expected FIELD=VALUE"),
])
def test_override_errors_read_like_the_file_reader(assignment: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        override(example("unoci-2004"), assignment)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_unknown_whatif_names_the_known_ones() -> None:
    with pytest.raises(InputError, match="unknown what-if 'riot' .expected one of "
                                         "consent_withdrawn"):
        apply_whatifs(example("unoci-2004"), ["riot"])


_VALUES = st.one_of(st.text(max_size=30), st.integers(-10**6, 10**7).map(str),
                    st.sampled_from(["true", "false", "null", "", "none", "withdrawn",
                                     "granted", "offensive", "military,civilian"]))
_FIELDS = st.one_of(st.sampled_from(list(PLAN_FIELDS)),
                    st.sampled_from(list(PARTY_FIELDS)).map(lambda f: f"parties[*].{f}"),
                    st.sampled_from(list(PARTY_FIELDS)).map(lambda f: f"parties[Forces Nouvelles].{f}"),
                    st.text(max_size=20))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=_FIELDS, value=_VALUES)
def test_random_overrides_never_crash(field: str, value: str) -> None:
    plan = example("unoci-2004")
    try:
        changed = override(plan, f"{field}={value}")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("--set")
    else:
        check(changed)              # whatever was accepted can be checked
        assert changed.uid == plan.uid


# pack validation ------------------------------------------------------------------------------

def _pack(*changes: Any, **whatif: Any) -> dict[str, Any]:
    body = {"id": "riot", "title": "Riot", "changes": list(changes)} | whatif
    return {"format": "pkdesk.whatifs", "version": 1, "name": "t", "whatifs": [body]}


@pytest.mark.parametrize(("doc", "message"), [
    (_pack({"set": "host_consent", "to": "gone"}),
     "whatifs[0] (riot).changes[0].to: expected one of granted"),
    (_pack({"set": "colour", "to": "red"}), "changes[0].set: unknown field 'colour'"),
    (_pack({"set": "parties[Gov].consent", "to": "granted"}), "use parties[*].consent"),
    (_pack({"add": "host_consent", "value": "granted"}), "host_consent is not a list field"),
    (_pack({"add": "mandate.objectives", "value": "world_peace"}), "expected one of"),
    (_pack({"set": "host_consent"}), "changes[0].to: missing"),
    (_pack({"set": "host_consent", "to": "granted", "add": "partners"}),
     "expected exactly one of set, add, remove, add_party"),
    (_pack({"exec": "rm -rf /"}), "expected exactly one of"),
    (_pack({"add_party": {"name": ""}}), "add_party.name: expected non-empty text"),
    (_pack({"set": "use_of_force", "to": "offensive"}, answered_by=["prayer"]),
     "answered_by[0]: expected one of"),
    (_pack(), "changes: expected at least one change"),
    (_pack({"set": "use_of_force", "to": "offensive"}, id="Riot!"), "expected an id"),
    ({"format": "pkdesk.rules", "version": 1}, "format: expected \"pkdesk.whatifs\""),
])
def test_bad_packs_are_refused_with_the_field_named(doc: Any, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_whatif_pack(json.dumps(doc).encode(), "ours.json")
    assert message in str(err.value)
    assert str(err.value).startswith("ours.json: ")


def test_an_organisation_can_add_its_own_whatif() -> None:
    pack = whatif_pack_from_dict(_pack({"set": "resources.equipment", "to": "inadequate"},
                                       {"remove": "components", "value": "police"},
                                       answered_by=["regional_cooperation"]))
    plan = apply_whatifs(example("unoci-2004"), ["riot"], pack=pack)
    assert plan.resources.equipment == "inadequate" and "police" not in plan.components
    assert "RESOURCES-002" in rules(plan)


def test_a_pack_nested_too_deep_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match="nested more than"):
        parse_whatif_pack(b"[" * 100 + b"]" * 100)
