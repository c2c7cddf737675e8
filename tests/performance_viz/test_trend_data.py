"""The chart and grid data (core, no Qt): one source for the window and the PDF."""

from __future__ import annotations

import math
from datetime import date

import pytest

from pkdesk.core.performance.ratings import target_line_value
from pkdesk.core.performance.trend import (
    date_axis, nice_step, review_grid, trend_data, value_axis,
)
from pkdesk.core.plan.model import DataPoint, Indicator
from tests.performance_viz.samples import REVIEW_DATES, performance_plan


@pytest.mark.parametrize(("span", "step"), [(10, 2), (12, 2.5), (14, 5), (4.2, 1), (0.9, 0.2),
                                            (4800, 1000), (100, 20)])
def test_nice_step_is_round_and_keeps_ticks_few(span: float, step: float) -> None:
    assert nice_step(span) == pytest.approx(step)
    assert span / nice_step(span) <= 5 + 1e-9


def test_value_axis_covers_the_values_with_round_labels() -> None:
    axis = value_axis([3.2, 14.0, 4.0])
    assert axis.low == 0 and axis.high >= 14 and axis.ticks[-1] == axis.high
    assert axis.labels == tuple(f"{t:g}" for t in axis.ticks)
    french = value_axis([0.25, 1.5], "fr")
    assert "0,5" in french.labels and all("." not in label for label in french.labels)
    flat = value_axis([7.0, 7.0])             # one value: still a range around it
    assert flat.low < 7 < flat.high
    negative = value_axis([-3.0, 2.5])
    assert negative.low <= -3 and negative.high >= 2.5 and not math.isnan(negative.low)


def test_date_axis_starts_and_ends_on_month_starts() -> None:
    days = [date(2023, 1, 15).toordinal(), date(2024, 12, 15).toordinal()]
    axis = date_axis(days)
    assert date.fromordinal(int(axis.low)) == date(2023, 1, 1)
    assert date.fromordinal(int(axis.high)) == date(2025, 1, 1)
    assert axis.labels[0] == "2023-01" and len(axis.ticks) <= 8
    decade = date_axis([date(2015, 1, 1).toordinal(), date(2024, 6, 1).toordinal()])
    assert decade.labels == ("2014", "2016", "2018", "2020", "2022", "2024", "2026")


def test_trend_data_of_an_indicator() -> None:
    plan = performance_plan()
    attacks = plan.performance.objectives[0].indicators[0]
    attacks.data.append(DataPoint(99, "not a date"))          # left out, not a crash
    data = trend_data(attacks, REVIEW_DATES)
    assert len(data.points) == 24 and data.points == tuple(sorted(data.points))
    assert data.latest == (date(2024, 12, 15).toordinal(), pytest.approx(7.1))
    assert data.baseline == 14 and data.target == 4 and data.unit == "attacks"
    # the target line is ratings.target_line_value at the baseline's and the target's dates
    assert data.target_line == ((date(2023, 1, 1).toordinal(), 14),
                                (date(2024, 12, 31).toordinal(), 4))
    assert target_line_value(attacks, date(2023, 1, 1)) == 14
    assert [date.fromordinal(d).isoformat() for d in data.reviews] == list(REVIEW_DATES)
    assert data.x.low <= data.points[0][0] and data.points[-1][0] <= data.x.high
    assert data.y.low <= 4 and data.y.high >= 14


def test_trend_data_without_baseline_target_or_data() -> None:
    bare = Indicator("Patrols per week", "patrols")
    data = trend_data(bare, ("2024-06-30",))
    assert data.points == () and data.target_line == () and data.latest is None
    assert data.baseline is None and len(data.reviews) == 1


def test_review_grid_marks_changed_ratings() -> None:
    plan = performance_plan()
    grid = review_grid(plan)
    assert grid.columns == REVIEW_DATES and grid.reviewers[0] == "Planning cell"
    assert [r.text for r in grid.rows] == [o.text for o in plan.performance.objectives]
    last = grid.rows[1].cells[3]
    assert last is not None and last.rating == "off_track" and last.suggested == "at_risk"
    assert last.changed and last.reason == "Returns stalled after the floods"
    first = grid.rows[0].cells[0]
    assert first is not None and not first.changed
    plan.performance.reviews[0].ratings.pop(0)                # not rated at that review
    assert review_grid(plan).rows[0].cells[0] is None
    assert review_grid(plan, until="2023-12-31").columns == REVIEW_DATES[:2]
