"""The three-way merge of plan documents, field by field and item by item (core.sync.merge)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pkdesk.core.errors import InputError
from pkdesk.core.plan.file import plan_from_dict, plan_to_dict
from pkdesk.core.plan.model import (DataPoint, Indicator, MissionObjective, Party, Performance,
                                    Plan, Strategy)
from pkdesk.core.sync.merge import WHOLE_PLAN, merge_documents, parse_choices
from tests.sync.support import sample_plan


def merged(base: Plan | None, mine: Plan, theirs: Plan, **kw: object) -> tuple[Plan, list[str]]:
    result = merge_documents(plan_to_dict(base) if base else None, plan_to_dict(mine),
                             plan_to_dict(theirs), **kw)  # type: ignore[arg-type]
    return plan_from_dict(result.document), [c.path for c in result.unresolved]


def test_each_side_changes_its_own_fields() -> None:
    base = sample_plan()
    mine = replace(base, notes="mine", components=["military", "police"])
    theirs = replace(base, host_country="Erewhon", components=["military", "civilian"])
    plan, conflicts = merged(base, mine, theirs)
    assert conflicts == []
    assert (plan.notes, plan.host_country) == ("mine", "Erewhon")
    assert plan.components == ["military", "police", "civilian"]     # a set: both additions


def test_the_same_field_changed_differently_is_a_conflict_keeping_mine() -> None:
    base = sample_plan()
    mine = replace(base, notes="mine", parties=[replace(base.parties[0], consent="withdrawn"),
                                                base.parties[1]])
    theirs = replace(base, notes="theirs", parties=[replace(base.parties[0], consent="withheld"),
                                                    base.parties[1]])
    result = merge_documents(plan_to_dict(base), plan_to_dict(mine), plan_to_dict(theirs))
    assert [(c.path, c.base, c.mine, c.theirs) for c in result.unresolved] == [
        ("parties[Government].consent", "granted", "withdrawn", "withheld"),
        ("notes", "first draft", "mine", "theirs")]
    assert plan_from_dict(result.document) == mine
    plan, left = merged(base, mine, theirs, choices={"notes": "theirs",
                                                     "parties[Government].consent": "mine"})
    assert left == [] and plan.notes == "theirs" and plan.parties[0].consent == "withdrawn"


def test_parties_and_strategies_merged_by_identity() -> None:
    base = replace(sample_plan(), strategies=[Strategy("mediation", ["Government"])])
    mine = replace(base, parties=base.parties + [Party("Militia X")],
                   strategies=base.strategies + [Strategy("dialogue_channels")])
    theirs = replace(base, parties=base.parties[1:],          # removed Government
                     strategies=[replace(base.strategies[0], lead="AU envoy")])
    plan, conflicts = merged(base, mine, theirs)
    assert conflicts == []
    assert [p.name for p in plan.parties] == ["Forces Nouvelles", "Militia X"]
    assert [(s.kind, s.lead) for s in plan.strategies] == [("mediation", "AU envoy"),
                                                            ("dialogue_channels", "")]


def test_removed_on_one_side_changed_on_the_other_is_a_conflict() -> None:
    base = sample_plan()
    mine = replace(base, parties=base.parties[1:])
    theirs = replace(base, parties=[replace(base.parties[0], direct_talks=True),
                                    base.parties[1]])
    result = merge_documents(plan_to_dict(base), plan_to_dict(mine), plan_to_dict(theirs))
    [c] = result.unresolved
    assert c.path == "parties[Government]" and c.present == (True, False, True)


def test_performance_items_merged_by_uid() -> None:
    """Two team sites record data points on the same indicator, and one rewords it."""
    indicator = Indicator(text="Attacks on IDP sites", unit="attacks",
                          data=[DataPoint(12, "2026-01-31", uid="p1")], uid="ind1")
    objective = MissionObjective("protect_civilians", "Fewer attacks in Sector East",
                                 [indicator], uid="obj1")
    base = replace(sample_plan(), performance=Performance(objectives=[objective]))

    def with_indicator(plan: Plan, **changes: object) -> Plan:
        ind = replace(indicator, **changes)  # type: ignore[arg-type]
        return replace(plan, performance=Performance(objectives=[replace(objective,
                                                                         indicators=[ind])]))

    mine = with_indicator(base, data=indicator.data + [DataPoint(9, "2026-02-28", uid="p2")])
    theirs = with_indicator(base, text="Attacks on IDP sites and camps",
                            data=indicator.data + [DataPoint(7, "2026-03-31", uid="p3")])
    plan, conflicts = merged(base, mine, theirs)
    assert conflicts == []
    [ind] = plan.performance.objectives[0].indicators
    assert ind.text == "Attacks on IDP sites and camps"
    assert [(p.uid, p.value) for p in ind.data] == [("p1", 12), ("p2", 9), ("p3", 7)]
    # The same data point corrected differently on each side: one conflict, by uid.
    mine = with_indicator(base, data=[DataPoint(11, "2026-01-31", uid="p1")])
    theirs = with_indicator(base, data=[DataPoint(13, "2026-01-31", uid="p1")])
    _, conflicts = merged(base, mine, theirs)
    assert conflicts == ["performance.objectives[obj1].indicators[ind1].data[p1]"]


def test_no_common_ancestor_makes_every_difference_a_conflict() -> None:
    a = Plan(title="Same uid", uid="u1", notes="a")
    b = Plan(title="Same uid", uid="u1", notes="b", host_country="X")
    result = merge_documents(None, plan_to_dict(a), plan_to_dict(b))
    assert sorted(c.path for c in result.unresolved) == ["host_country", "notes"]


def test_whole_plan_choice_and_choice_parsing() -> None:
    base = sample_plan()
    mine, theirs = replace(base, notes="m"), replace(base, notes="t", title="T")
    result = merge_documents(plan_to_dict(base), plan_to_dict(mine), plan_to_dict(theirs),
                             {WHOLE_PLAN: "theirs"})
    assert plan_from_dict(result.document) == theirs and not result.unresolved
    conflicts = merge_documents(plan_to_dict(base), plan_to_dict(mine),
                                plan_to_dict(theirs)).conflicts
    assert parse_choices(["theirs"], conflicts) == {"notes": "theirs"}
    assert parse_choices(["mine", "notes=theirs"], conflicts) == {"notes": "theirs"}
    with pytest.raises(InputError, match="no choice for notes"):
        parse_choices([], conflicts)
    with pytest.raises(InputError, match="'title' is not in conflict"):
        parse_choices(["title=mine"], conflicts)
