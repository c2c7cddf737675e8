"""An acknowledgement is for one finding: its rule and, for per-party/strategy rules, its subject."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from pkdesk.core.acknowledgements import party_subjects, strategy_subjects
from pkdesk.core.checker import check
from pkdesk.core.errors import InputError
from pkdesk.core.findings import Finding
from pkdesk.core.plan.model import Acknowledgement, Party, Plan, Strategy
from pkdesk.core.plan.edits import (
    acknowledge, acknowledge_finding, acknowledgement_for, acknowledgement_of, insert_party,
    insert_strategy, remove_party, remove_strategy, replace_party, replace_strategy, withdraw,
    withdraw_finding,
)
from pkdesk.core.plan.diff import diff_plans, flatten
from pkdesk.core.plan.file import parse_plan, plan_from_dict, plan_to_dict
from tests.core.plan_samples import document, sound_plan

FN = "Forces Nouvelles"


def findings(plan: Plan, rule: str) -> list[Finding]:
    return [f for f in check(plan).findings if f.rule == rule]


def with_unengaged(*names: str) -> Plan:
    """The sound plan plus parties no strategy names (IMPARTIALITY-001 per party)."""
    plan = sound_plan()
    return replace(plan, parties=[*plan.parties, *(new_party(n) for n in names)])


def new_party(name: str) -> Party:
    """A party whose only finding is that no strategy engages it."""
    return Party(name, consent="granted")


def test_subjects_name_parties_and_strategies_by_kind_and_occurrence() -> None:
    assert party_subjects([Party("A"), Party("B"), Party("A")]) == \
        ["party:A", "party:B", "party:A#2"]
    assert strategy_subjects([Strategy("mediation"), Strategy("advocacy"),
                              Strategy("mediation")]) == \
        ["strategy:mediation#1", "strategy:advocacy#1", "strategy:mediation#2"]


def test_each_finding_carries_its_subject() -> None:
    plan = with_unengaged("Party A", "Party B")
    assert [f.subject for f in findings(plan, "IMPARTIALITY-001")] == \
        ["party:Party A", "party:Party B"]
    plan.strategies[1].lead = FN            # mediation led by a party: IMPARTIALITY-003
    assert [f.subject for f in findings(plan, "IMPARTIALITY-003")] == ["strategy:mediation#1"]
    plan.climate_risks = ""
    assert [f.subject for f in findings(plan, "CLIMATE-001")] == [None]


def test_acknowledging_one_party_leaves_the_others_and_any_new_one_open() -> None:
    plan = with_unengaged("Party A")
    first = findings(plan, "IMPARTIALITY-001")[0]
    plan = acknowledge_finding(plan, first, "Party A is reached through the AU channel")
    assert [f.acknowledged for f in findings(plan, "IMPARTIALITY-001")] == \
        ["Party A is reached through the AU channel"]
    assert check(plan).verdict == "sound"
    later = insert_party(plan, len(plan.parties), new_party("Party B"))
    assert [(f.subject, f.acknowledged) for f in findings(later, "IMPARTIALITY-001")] == \
        [("party:Party A", "Party A is reached through the AU channel"),
         ("party:Party B", None)]
    assert check(later).verdict == "needs_attention"


def test_a_subjectless_acknowledgement_covers_only_a_plan_level_finding() -> None:
    plan = with_unengaged("Party A")
    plan.climate_risks = ""
    plan.acknowledgements = [Acknowledgement("CLIMATE-001", "Covered by the UNEP annex"),
                             Acknowledgement("IMPARTIALITY-001", "written for the whole rule")]
    result = check(plan)
    acked = {f.rule: f.acknowledged for f in result.findings}
    assert acked == {"CLIMATE-001": "Covered by the UNEP annex", "IMPARTIALITY-001": None}
    assert result.stale_acknowledgements == (plan.acknowledgements[1],)


def test_a_subject_on_a_plan_level_rule_is_stale_too() -> None:
    plan = sound_plan()
    plan.climate_risks = ""
    plan.acknowledgements = [Acknowledgement("CLIMATE-001", "x", subject="party:Nobody")]
    result = check(plan)
    assert result.findings[0].acknowledged is None
    assert result.stale_acknowledgements == tuple(plan.acknowledgements)


def test_acknowledgements_of_rules_the_pack_lacks_are_not_judged() -> None:
    plan = replace(sound_plan(), acknowledgements=[Acknowledgement("ORG-001", "another pack")])
    assert check(plan).stale_acknowledgements == ()


# editing -----------------------------------------------------------------------------------

def test_acknowledge_replaces_only_the_same_finding_and_withdraw_removes_only_it() -> None:
    plan = with_unengaged("A", "B")
    a, b = findings(plan, "IMPARTIALITY-001")
    plan = acknowledge_finding(plan, a, "first", by="amina", at="2026-01-01T10:00")
    plan = acknowledge_finding(plan, b, "for B")
    plan = acknowledge_finding(plan, a, "second")
    assert [(x.subject, x.reason) for x in plan.acknowledgements] == \
        [("party:B", "for B"), ("party:A", "second")]
    assert acknowledgement_of(plan, a) == acknowledgement_for(plan, "IMPARTIALITY-001", "party:A")
    plan = withdraw_finding(plan, a)
    assert acknowledgement_of(plan, a) is None and acknowledgement_of(plan, b) is not None
    # the old signatures keep working for plan-level findings
    plan = acknowledge(plan, Acknowledgement("CLIMATE-001", "annex"))
    assert acknowledgement_for(plan, "CLIMATE-001") is not None
    assert acknowledgement_for(withdraw(plan, "CLIMATE-001"), "CLIMATE-001") is None


def test_renaming_a_party_carries_its_acknowledgement_and_removing_it_drops_it() -> None:
    plan = with_unengaged("A", "B")
    plan = acknowledge_finding(plan, findings(plan, "IMPARTIALITY-001")[0], "for A")
    row = [p.name for p in plan.parties].index("A")
    renamed = replace_party(plan, row, new_party("Alpha"))
    assert [(f.subject, f.acknowledged) for f in findings(renamed, "IMPARTIALITY-001")] == \
        [("party:Alpha", "for A"), ("party:B", None)]
    removed = remove_party(plan, row)
    assert removed.acknowledgements == []
    readded = insert_party(removed, len(removed.parties), new_party("A"))   # a new party "A"
    assert [f.acknowledged for f in findings(readded, "IMPARTIALITY-001")] == [None, None]
    assert plan.acknowledgements[0].subject == "party:A"                # input untouched


def _led_by_party(plan: Plan) -> Plan:
    """Two mediations, both led by a party (IMPARTIALITY-003 on each)."""
    return insert_strategy(plan, 2, Strategy("mediation", [FN], lead=FN))


def test_a_strategy_acknowledgement_follows_its_strategy_when_another_of_its_kind_goes() -> None:
    plan = sound_plan()
    plan.strategies[1].lead = FN
    plan = _led_by_party(plan)
    first, second = findings(plan, "IMPARTIALITY-003")
    assert (first.subject, second.subject) == ("strategy:mediation#1", "strategy:mediation#2")
    plan = acknowledge_finding(plan, second, "the second is a facilitation only")
    shifted = remove_strategy(plan, 1)                  # the first mediation goes
    assert [(f.subject, f.acknowledged) for f in findings(shifted, "IMPARTIALITY-003")] == \
        [("strategy:mediation#1", "the second is a facilitation only")]
    before = insert_strategy(plan, 0, Strategy("mediation", [FN], lead=FN))
    assert [(f.subject, f.acknowledged) for f in findings(before, "IMPARTIALITY-003")] == \
        [("strategy:mediation#1", None), ("strategy:mediation#2", None),
         ("strategy:mediation#3", "the second is a facilitation only")]
    gone = remove_strategy(plan, 2)                     # the acknowledged one goes
    assert gone.acknowledgements == []
    advocacy = replace_strategy(plan, 2, Strategy("advocacy", [FN], lead=FN))
    assert [a.subject for a in advocacy.acknowledgements] == ["strategy:advocacy#1"]


# the file format ----------------------------------------------------------------------------

def test_subject_round_trips_and_is_written_only_when_set() -> None:
    acks = [{"rule": "IMPARTIALITY-001", "subject": "party:Forces Nouvelles",
             "reason": "via the AU"}, {"rule": "CLIMATE-001", "reason": "annex"}]
    plan = parse_plan(json.dumps(document(acknowledgements=acks)).encode())
    assert [a.subject for a in plan.acknowledgements] == ["party:Forces Nouvelles", None]
    written = plan_to_dict(plan)["plan"]["acknowledgements"]
    assert written[0]["subject"] == "party:Forces Nouvelles" and "subject" not in written[1]
    assert plan_from_dict(plan_to_dict(plan)) == plan


@pytest.mark.parametrize(("subject", "message"), [
    ("Forces Nouvelles", "plan.acknowledgements[0].subject: expected \"party:NAME\", "
                         "\"strategy:KIND#N\""),
    ("objective:a b", "plan.acknowledgements[0].subject: expected a uid after "
                      "\"objective:\""),
    ("indicator:", "plan.acknowledgements[0].subject: expected a uid after"),
    ("strategy:prayer#1", "plan.acknowledgements[0].subject: expected"),
    ("strategy:mediation#0", "plan.acknowledgements[0].subject: expected"),
    ("party: ", "plan.acknowledgements[0].subject: expected a party's name"),
    (3, "plan.acknowledgements[0].subject: expected text"),
])
def test_bad_subjects_are_refused(subject: Any, message: str) -> None:
    acks = [{"rule": "IMPARTIALITY-001", "subject": subject, "reason": "x"}]
    with pytest.raises(InputError) as err:
        parse_plan(json.dumps(document(acknowledgements=acks)).encode(), "p.json")
    assert str(err.value).startswith(f"p.json: {message}")


def test_plan_diff_keys_acknowledgements_by_rule_and_subject() -> None:
    plan = with_unengaged("A", "B")
    a, b = findings(plan, "IMPARTIALITY-001")
    one = acknowledge_finding(plan, a, "for A")
    two = acknowledge_finding(one, b, "for B")
    assert {"acknowledgements[IMPARTIALITY-001 party:A]",
            "acknowledgements[IMPARTIALITY-001 party:B]"} <= set(flatten(two))
    assert [(c.path, c.kind) for c in diff_plans(one, two)] == \
        [("acknowledgements[IMPARTIALITY-001 party:B]", "added")]
