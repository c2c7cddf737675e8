"""When reviews fall due: hand-computed dates (month ends, leap years, 1/6/12 months, the
planner's own date)."""

from __future__ import annotations

from datetime import date

import pytest

from pkdesk.core.performance.schedule import (
    add_months, next_review_due, overdue_reviews, review_due_dates,
)
from pkdesk.core.plan.model import Mandate, Performance, Plan, Review

D = date.fromisoformat


def plan(start: str = "", months: int | None = None, next_review: str = "",
         held: tuple[str, ...] = ()) -> Plan:
    return Plan(title="t", mandate=Mandate(review_months=months),
                performance=Performance(start=start, next_review=next_review,
                                        reviews=[Review(date=d) for d in held]))


@pytest.mark.parametrize(("start", "months", "until", "expected"), [
    # monthly from a 31st: February's last day in a leap year, then the 31st again
    ("2024-01-31", 1, "2024-06-30",
     ["2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"]),
    ("2023-01-31", 1, "2023-03-31", ["2023-02-28", "2023-03-31"]),
    # half-yearly from 31 August: 28 February in common years
    ("2024-08-31", 6, "2026-03-01", ["2025-02-28", "2025-08-31", "2026-02-28"]),
    # yearly from 29 February: 28 February until the next leap year
    ("2024-02-29", 12, "2028-12-31", ["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]),
    # a due date on `until` counts; the start itself is not a review
    ("2024-01-15", 6, "2025-01-15", ["2024-07-15", "2025-01-15"]),
    ("2024-12-31", 2, "2025-03-01", ["2025-02-28"]),
])
def test_reviews_fall_due_every_review_months_from_the_start(
        start: str, months: int, until: str, expected: list[str]) -> None:
    assert review_due_dates(plan(start, months), D(until)) == [D(x) for x in expected]


def test_no_cycle_without_a_start_or_review_months() -> None:
    assert review_due_dates(plan("", 6), D("2030-01-01")) == []
    assert review_due_dates(plan("2024-01-01", None), D("2030-01-01")) == []
    assert next_review_due(plan("2024-01-01", None), D("2030-01-01")) is None
    assert overdue_reviews(plan("", 6), D("2030-01-01")) == []


def test_the_planners_date_replaces_the_scheduled_reviews_before_it() -> None:
    p = plan("2024-01-01", 6, next_review="2024-09-15")
    assert review_due_dates(p, D("2025-12-31")) == [D("2024-09-15"), D("2025-03-15"),
                                                    D("2025-09-15")]   # not 2024-07-01
    assert next_review_due(p, D("2024-08-01")) == D("2024-09-15")
    assert overdue_reviews(p, D("2024-08-01")) == []        # 2024-07-01 is no longer due
    # without review_months it is the only due date
    assert review_due_dates(plan(next_review="2025-05-31"), D("2030-01-01")) == [D("2025-05-31")]


def test_overdue_reviews_are_due_dates_passed_with_no_review_held_on_or_after_them() -> None:
    p = plan("2024-01-01", 6, held=("2024-07-10",))
    today = D("2025-08-01")
    assert overdue_reviews(p, today) == [D("2025-01-01"), D("2025-07-01")]
    assert next_review_due(p, today) == D("2025-01-01")      # the first still to hold


def test_a_review_held_on_the_due_date_covers_it_and_one_due_today_is_not_overdue() -> None:
    p = plan("2024-01-01", 6, held=("2024-07-01", "2025-01-01"))
    assert overdue_reviews(p, D("2025-07-01")) == []
    assert next_review_due(p, D("2025-07-01")) == D("2025-07-01")
    assert overdue_reviews(p, D("2025-07-02")) == [D("2025-07-01")]


def test_one_late_review_covers_every_due_date_before_it() -> None:
    p = plan("2024-01-01", 6, held=("2025-07-20",))
    assert overdue_reviews(p, D("2025-08-01")) == []
    assert next_review_due(p, D("2025-08-01")) == D("2026-01-01")


def test_setting_a_new_date_clears_an_overdue_review() -> None:
    overdue = plan("2024-01-01", 6, held=("2025-01-02",))
    assert overdue_reviews(overdue, D("2025-08-01")) == [D("2025-07-01")]
    moved = plan("2024-01-01", 6, next_review="2025-09-30", held=("2025-01-02",))
    assert overdue_reviews(moved, D("2025-08-01")) == []
    assert next_review_due(moved, D("2025-08-01")) == D("2025-09-30")
    assert overdue_reviews(moved, D("2025-10-01")) == [D("2025-09-30")]


def test_add_months_clamps_to_the_months_last_day() -> None:
    assert add_months(D("2024-03-31"), -1) == D("2024-02-29")
    assert add_months(D("2023-12-31"), 2) == D("2024-02-29")
    assert add_months(D("2100-01-29"), 1) == D("2100-02-28")   # 2100 is not a leap year
    assert add_months(D("2024-05-15"), 120) == D("2034-05-15")


def test_the_schedule_ends_at_the_last_date_a_plan_accepts() -> None:
    p = plan("2199-01-01", 6)
    assert next_review_due(p, D("2199-01-02")) == D("2199-07-01")
    assert review_due_dates(p, D("2199-12-31")) == [D("2199-07-01")]
    late = plan("2199-01-01", 6, held=("2199-08-01",))
    assert next_review_due(late, D("2199-09-01")) is None
