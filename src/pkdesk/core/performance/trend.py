"""What the pictures of the loop show, as plain data: one source for the window and the PDF.

``trend_data`` gives, for one indicator, the points to plot (days as ordinals), the baseline,
the target line (``ratings.target_line_value``: the straight line from baseline to target),
the review dates, both axes with round ticks, and the unit. ``review_grid`` gives the
objectives-by-review grid: a row per worded objective, a column per review, in each cell the
rating the review recorded and whether the reviewer changed pkdesk's suggestion.

No Qt here: ``pkdesk.export.trend_chart`` paints this data, on a page or in the window.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pkdesk.core.performance.ratings import target_line_value
from pkdesk.core.plan.model import Indicator, Plan

MAX_Y_TICKS = 6
MAX_X_TICKS = 8
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)


def iso_day(text: str) -> int | None:
    """The day ordinal of an ISO date ("2025-03-14"), or None when empty or not a date."""
    try:
        return date.fromisoformat(text).toordinal() if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Axis:
    low: float
    high: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]     # one per tick, as printed


@dataclass(frozen=True)
class TrendData:
    """One indicator's chart. Days are ``date.toordinal()``; values in the indicator's unit."""

    title: str
    unit: str
    direction: str                          # "higher" | "lower": which way is better
    points: tuple[tuple[int, float], ...]   # (day, value), oldest first
    baseline: float | None
    target: float | None
    target_line: tuple[tuple[int, float], ...]   # (day, value) from baseline to target, or ()
    reviews: tuple[int, ...]                # days of the reviews held, inside the x range
    x: Axis
    y: Axis

    @property
    def latest(self) -> tuple[int, float] | None:
        return self.points[-1] if self.points else None


def nice_step(span: float, max_ticks: int = MAX_Y_TICKS) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that puts at most ``max_ticks`` ticks over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(max_ticks - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * power >= raw * (1 - 1e-9):
            return m * power
    return 10.0 * power


def number_text(value: float, decimals: int, lang: str = "en") -> str:
    text = f"{value:,.{decimals}f}"
    if text in ("-0", "-0.0", "-0.00", "-0.000"):
        text = text[1:]
    if lang == "fr":      # 1 234,5: a narrow no-break space between thousands, a decimal comma
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def value_axis(values: Iterable[float], lang: str = "en") -> Axis:
    """A value axis over ``values`` with round ticks; zero is included when it is near."""
    vs = [v for v in values if math.isfinite(v)]
    if not vs:
        vs = [0.0, 1.0]
    low, high = min(vs), max(vs)
    if low >= 0 and low <= (high - low) * 0.5:
        low = 0.0              # counts and rates read best from zero when zero is close
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low)
    lo = math.floor(low / step + 1e-9) * step
    hi = math.ceil(high / step - 1e-9) * step
    count = int(round((hi - lo) / step))
    ticks = tuple(lo + i * step for i in range(count + 1))
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    if decimals == 0 and step != int(step):
        decimals = 1
    if step * 10 ** decimals != round(step * 10 ** decimals):
        decimals += 1          # 2.5, 0.25
    return Axis(lo, hi, ticks, tuple(number_text(t, decimals, lang) for t in ticks))


def _month_index(day: int) -> int:
    d = date.fromordinal(day)
    return d.year * 12 + d.month - 1


def date_axis(days: Iterable[int]) -> Axis:
    """A time axis over ``days`` from the first of a month to the first of a later month,
    ticks at month starts every 1, 2, 3, 6, 12… months, labelled "2025-03" (or "2025" for
    yearly ticks)."""
    ds = list(days)
    if not ds:
        today = date.today().toordinal()
        ds = [today]
    first, last = _month_index(min(ds)), _month_index(max(ds)) + 1
    step = next((s for s in _MONTH_STEPS if (last - first) / s <= MAX_X_TICKS - 1),
                _MONTH_STEPS[-1])
    start = first - first % step
    end = last + (-last) % step
    months = range(start, end + 1, step)
    ticks = tuple(float(date(m // 12, m % 12 + 1, 1).toordinal()) for m in months)
    labels = tuple(f"{m // 12}" if step % 12 == 0 else f"{m // 12}-{m % 12 + 1:02d}"
                   for m in months)
    return Axis(ticks[0], ticks[-1], ticks, labels)


def trend_data(indicator: Indicator, review_dates: Sequence[str] = (),
               lang: str = "en") -> TrendData:
    """The chart of ``indicator``: its data points in date order (a point with no valid date
    is left out), the baseline, the target line, the reviews held on ``review_dates``."""
    points = sorted((day, p.value) for p in indicator.data
                    if (day := iso_day(p.date)) is not None and math.isfinite(p.value))
    base_day, target_day = iso_day(indicator.baseline_date), iso_day(indicator.target_date)
    line: list[tuple[int, float]] = []
    if base_day is not None and target_day is not None and target_day > base_day:
        for day in (base_day, target_day):
            value = target_line_value(indicator, date.fromordinal(day))
            if value is not None:
                line.append((day, value))
    days = [d for d, _ in points] + [d for d, _ in line]
    days += [d for d in (base_day, target_day) if d is not None]
    review_days = sorted({d for r in review_dates if (d := iso_day(r)) is not None})
    x = date_axis(days + review_days if days else review_days)
    values = [v for _, v in points] + [v for _, v in line]
    values += [v for v in (indicator.baseline, indicator.target) if v is not None]
    return TrendData(
        title=indicator.text, unit=indicator.unit, direction=indicator.direction,
        points=tuple(points), baseline=indicator.baseline, target=indicator.target,
        target_line=tuple(line),
        reviews=tuple(d for d in review_days if x.low <= d <= x.high),
        x=x, y=value_axis(values, lang))


def plan_review_dates(plan: Plan) -> tuple[str, ...]:
    """The dates of the reviews held, oldest first."""
    return tuple(sorted(r.date for r in plan.performance.reviews if iso_day(r.date) is not None))


# The objectives-by-review grid ---------------------------------------------------------------


@dataclass(frozen=True)
class GridCell:
    rating: str                 # RATINGS, as the review recorded it
    suggested: str              # what pkdesk suggested at that review
    reason: str                 # the reviewer's reason (when changed)

    @property
    def changed(self) -> bool:
        return self.rating != self.suggested


@dataclass(frozen=True)
class GridRow:
    objective_uid: str
    objective: str              # the enum value (OBJECTIVES)
    text: str                   # the mission's own words
    cells: tuple[GridCell | None, ...]   # one per column; None: not rated at that review


@dataclass(frozen=True)
class ReviewGrid:
    columns: tuple[str, ...]    # the reviews' ISO dates, oldest first
    reviewers: tuple[str, ...]  # one per column, "" when not recorded
    rows: tuple[GridRow, ...]


def review_grid(plan: Plan, until: str | None = None) -> ReviewGrid:
    """Rows: the worded objectives in plan order; columns: the reviews held (up to ``until``,
    an ISO date, when given), oldest first."""
    reviews = sorted((r for r in plan.performance.reviews
                      if iso_day(r.date) is not None and (until is None or r.date <= until)),
                     key=lambda r: r.date)
    rows = []
    for objective in plan.performance.objectives:
        cells: list[GridCell | None] = []
        for review in reviews:
            rating = next((r for r in review.ratings if r.objective == objective.uid), None)
            cells.append(None if rating is None
                         else GridCell(rating.rating, rating.suggested, rating.reason))
        rows.append(GridRow(objective.uid, objective.objective, objective.text, tuple(cells)))
    return ReviewGrid(tuple(r.date for r in reviews), tuple(r.reviewer for r in reviews),
                      tuple(rows))
