"""`edits.problem` (the autosaver's check before every write) reads again only the data
points an edit brought: the ones it accepted before are the same objects. What is new is
still checked whole, and so are uids repeated across indicators and too many points."""

from __future__ import annotations

import dataclasses

from pkdesk.core.plan.edits import problem
from pkdesk.core.plan.model import DataPoint, Indicator, MissionObjective, Performance, Plan
from pkdesk.core.plan.performance_file import MAX_DATA_POINTS


def _plan(points: list[DataPoint], other: list[DataPoint]) -> Plan:
    return Plan(title="Sector East", performance=Performance(objectives=[MissionObjective(
        "protect_civilians", "Fewer attacks",
        [Indicator("Attacks", data=points), Indicator("Patrols", data=other)])]))


def _points(n: int, start: int = 0) -> list[DataPoint]:
    return [DataPoint(float(k), f"2025-01-{1 + k % 28:02d}") for k in range(start, start + n)]


def test_a_bad_point_added_to_accepted_ones_is_still_refused() -> None:
    old, other = _points(50), _points(5)
    assert problem(_plan(old, other)) is None          # accepted: remembered
    bad = DataPoint(1.0, "2025-02-30")
    why = problem(_plan([*old, bad], other))
    assert why is not None and "data[50][0] (date)" in str(why) and "exists" in str(why)


def test_a_uid_repeated_across_indicators_is_refused_though_both_were_accepted() -> None:
    old, other = _points(3), _points(3, 10)
    assert problem(_plan(old, other)) is None
    copy = dataclasses.replace(other[0], uid=old[0].uid)
    why = problem(_plan(old, [copy, *other[1:]]))
    assert why is not None and "uid" in str(why)


def test_too_many_points_are_refused_though_all_were_accepted() -> None:
    many = _points(MAX_DATA_POINTS)
    assert problem(_plan(many[: MAX_DATA_POINTS // 2], many[MAX_DATA_POINTS // 2:])) is None
    why = problem(_plan([*many, DataPoint(1.0, "2025-03-01")], []))
    assert why is not None and f"at most {MAX_DATA_POINTS}" in str(why)
