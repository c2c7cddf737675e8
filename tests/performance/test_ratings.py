"""Ratings against the target line: hand-computed values (leap years, both directions,
the tolerance, closing in, stale data)."""

from __future__ import annotations

from datetime import date

import pytest

from pkdesk.core.performance.ratings import (
    RATING_METHOD, indicator_rating, is_stale, suggest_rating, target_line_value, trend,
)
from pkdesk.core.plan.model import DataPoint, Indicator, MissionObjective

D = date.fromisoformat


def up(*points: tuple[str, float], frequency: str = "monthly") -> Indicator:
    """Higher is better: 100 on 2024-01-01 to 466 on 2025-01-01 (366 days: the line rises
    1 a day through leap year 2024); the gap is 366, a quarter of it 91.5."""
    return Indicator("Patrols", baseline=100, baseline_date="2024-01-01", target=466,
                     target_date="2025-01-01", direction="higher", frequency=frequency,
                     data=[DataPoint(v, d) for d, v in points])


def down(*points: tuple[str, float]) -> Indicator:
    """Lower is better, weekly: 30 on 2025-01-01 to 2 on 2025-01-29 (1 a day); gap 28."""
    return Indicator("Attacks", baseline=30, baseline_date="2025-01-01", target=2,
                     target_date="2025-01-29", direction="lower", frequency="weekly",
                     data=[DataPoint(v, d) for d, v in points])


def test_the_target_line_is_straight_from_baseline_to_target() -> None:
    i = up()
    assert target_line_value(i, D("2024-03-01")) == 160     # 31 + 29 days after 1 January
    assert target_line_value(i, D("2024-12-31")) == 465
    assert target_line_value(i, D("2023-06-01")) == 100     # before the baseline: baseline
    assert target_line_value(i, D("2026-01-01")) == 466     # after the target: target
    assert target_line_value(down(), D("2025-01-15")) == 16
    leap = Indicator("x", baseline=0, baseline_date="2024-02-28", target=10,
                     target_date="2024-03-01")
    assert target_line_value(leap, D("2024-02-29")) == 5    # two days, 29 February between
    assert target_line_value(Indicator("x", baseline=1, target=2), D("2024-01-01")) is None
    assert target_line_value(Indicator("x", baseline=1, baseline_date="2024-01-01",
                                       target_date="2025-01-01"), D("2024-06-01")) is None


@pytest.mark.parametrize(("indicator", "on", "rating"), [
    (up(("2024-03-01", 160)), "2024-03-15", "on_track"),              # on the line
    (up(("2024-03-01", 170)), "2024-03-15", "on_track"),              # ahead
    (up(("2024-03-01", 100)), "2024-03-15", "at_risk"),               # 60 behind <= 91.5
    (up(("2024-03-01", 68.5)), "2024-03-15", "at_risk"),              # 91.5 behind: the edge
    (up(("2024-03-01", 68)), "2024-03-15", "off_track"),              # 92 behind
    (up(("2024-02-01", 40), ("2024-03-01", 60)), "2024-03-15", "off_track"),  # 91 -> 100 behind
    (up(("2024-02-01", 20), ("2024-03-01", 60)), "2024-03-15", "at_risk"),    # 111 -> 100: closing
    (up(("2024-03-01", 160)), "2024-04-01", "on_track"),              # 31 days: still monthly
    (up(("2024-03-01", 160)), "2024-04-02", "no_data"),               # 32 days: stale
    (up(("2024-03-01", 160), frequency="quarterly"), "2024-05-31", "on_track"),   # 91 days
    (up(("2024-03-01", 160)), "2024-02-29", "no_data"),               # data after the day
    (down(("2025-01-15", 16)), "2025-01-20", "on_track"),
    (down(("2025-01-15", 10)), "2025-01-20", "on_track"),             # lower is better
    (down(("2025-01-15", 23)), "2025-01-20", "at_risk"),              # 7 above = a quarter
    (down(("2025-01-15", 24)), "2025-01-20", "off_track"),
    (down(("2025-01-15", 16)), "2025-01-23", "no_data"),              # 8 days: weekly is stale
    (Indicator("no baseline", target=4, target_date="2025-01-01",
               data=[DataPoint(1, "2024-12-31")]), "2025-01-01", "no_data"),
])
def test_indicator_rating(indicator: Indicator, on: str, rating: str) -> None:
    assert indicator_rating(indicator, D(on)) == rating


def test_the_latest_point_is_the_latest_by_date_not_by_position() -> None:
    i = up(("2024-03-01", 60), ("2024-02-01", 500))       # entered out of order
    assert indicator_rating(i, D("2024-03-10")) == "off_track"
    assert trend(i, D("2024-03-10")) == "worsening"


def test_a_maintained_value_is_on_track_only_at_or_better_than_it() -> None:
    keep = Indicator("Sites without attack", baseline=0, baseline_date="2024-01-01", target=0,
                     target_date="2024-12-31", direction="lower",
                     data=[DataPoint(0, "2024-06-01")])
    assert indicator_rating(keep, D("2024-06-10")) == "on_track"
    keep.data.append(DataPoint(1, "2024-07-01"))
    assert indicator_rating(keep, D("2024-07-10")) == "off_track"


def test_an_objective_takes_the_worst_of_its_indicators_with_data() -> None:
    on = D("2024-03-15")
    on_track, at_risk, off_track = up(("2024-03-01", 160)), up(("2024-03-01", 100)), \
        up(("2024-03-01", 10))
    no_data = up()
    assert suggest_rating(MissionObjective("other", "x", [on_track, no_data]), on) == "on_track"
    assert suggest_rating(MissionObjective("other", "x", [on_track, at_risk]), on) == "at_risk"
    assert suggest_rating(MissionObjective("other", "x", [at_risk, off_track, on_track]),
                          on) == "off_track"
    assert suggest_rating(MissionObjective("other", "x", [no_data]), on) == "no_data"
    assert suggest_rating(MissionObjective("other", "x"), on) == "no_data"


def test_trend_is_direction_aware() -> None:
    assert trend(up(("2024-01-01", 1), ("2024-02-01", 2)), D("2024-03-01")) == "improving"
    assert trend(down(("2025-01-02", 1), ("2025-01-03", 2)), D("2025-01-04")) == "worsening"
    assert trend(down(("2025-01-02", 2), ("2025-01-03", 2)), D("2025-01-04")) == "steady"
    assert trend(down(("2025-01-02", 2)), D("2025-01-04")) == ""


def test_stale_means_no_point_within_the_frequency() -> None:
    assert is_stale(up(), D("2024-01-01"))
    assert not is_stale(up(("2024-03-01", 1)), D("2024-04-01"))
    assert is_stale(up(("2024-03-01", 1)), D("2024-04-02"))


def test_the_method_is_one_paragraph_naming_the_tolerance() -> None:
    assert "\n" not in RATING_METHOD and "a quarter of the gap" in RATING_METHOD
