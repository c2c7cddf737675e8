"""When a plan's reviews fall due.

Reviews fall due every ``mandate.review_months`` from ``performance.start``: month by month
from the start's day, computed from the start each time (not from the previous due date), so
a day a month lacks becomes that month's last day and the next keeps the start's day again
(start 2024-01-31, monthly: 2024-02-29, 2024-03-31, 2024-04-30).

A date the planner sets (``performance.next_review``) overrides the schedule: it replaces
every scheduled review before it (those are no longer due), and later reviews fall due every
``review_months`` after it. Without ``review_months`` it is the only due date.

A due date is *covered* by any review held on or after it; a due date that has passed
(strictly before today) and is not covered is *overdue*. One review held late covers every
due date before it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from pkdesk.core.plan.model import Plan

LAST_DAY = date(2199, 12, 31)       # the latest date a plan file accepts


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _iso(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _cycle(anchor: date, months: int | None, first: int) -> Iterator[date]:
    if months is None:
        if first == 0:
            yield anchor
        return
    k = first
    while True:
        try:
            day = add_months(anchor, k * months)
        except ValueError:      # past year 9999
            return
        if day > LAST_DAY:
            return
        yield day
        k += 1


def _due(plan: Plan) -> Iterator[date]:
    """Every due date of the plan, in order (may be endless up to 2199)."""
    months = plan.mandate.review_months
    start = _iso(plan.performance.start)
    planned = _iso(plan.performance.next_review)
    if planned is None:
        if start is not None and months is not None:
            yield from _cycle(start, months, 1)
        return
    yield from _cycle(planned, months, 0)


def review_due_dates(plan: Plan, until: date) -> list[date]:
    """Every date a review falls due, up to and including ``until``, in order. With a date
    the planner set, the scheduled dates before it are left out (it replaced them)."""
    out = []
    for day in _due(plan):
        if day > until:
            break
        out.append(day)
    return out


def held_dates(plan: Plan) -> list[date]:
    return sorted(date.fromisoformat(r.date) for r in plan.performance.reviews)


def _uncovered(plan: Plan) -> Iterator[date]:
    held = held_dates(plan)
    last = held[-1] if held else None
    for day in _due(plan):
        if last is None or day > last:
            yield day


def next_review_due(plan: Plan, today: date) -> date | None:
    """The earliest due date no review has covered yet: in the past when a review is
    overdue (then it is the first of ``overdue_reviews``), else the next one to come.
    None when the plan has no review cycle (no start and review months, no planner's date).
    ``today`` is not used to pick it; it is there so callers state the day they ask on."""
    del today
    return next(_uncovered(plan), None)


def overdue_reviews(plan: Plan, today: date) -> list[date]:
    """Due dates before ``today`` with no review held on or after them, in order."""
    out = []
    for day in _uncovered(plan):
        if day >= today:
            break
        out.append(day)
    return out
