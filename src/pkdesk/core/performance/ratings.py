"""How an indicator, and a worded objective, is rated against its target line.

The target line runs straight from the baseline (value, date) to the target (value, date);
before the baseline date it is the baseline, after the target date the target. The rating
compares the latest data point (on or before the day asked) with the line on that point's
date, direction-aware (for a "lower is better" indicator, below the line is ahead).
"""

from __future__ import annotations

from datetime import date

from pkdesk.core.plan.model import FREQUENCY_DAYS, DataPoint, Indicator, MissionObjective

TOLERANCE = 0.25    # of the baseline→target gap: behind the line by at most this is "at risk"
_WORST_FIRST = ("off_track", "at_risk", "on_track")

RATING_METHOD = (
    "pkdesk suggests each rating from the indicators. An indicator's target line runs "
    "straight from its baseline (value and date) to its target (value and date). Its latest "
    "data point on or before the review is compared with the line on that point's date, the "
    "right way round for its direction: at or better than the line, on track; behind it by "
    "no more than a quarter of the gap between baseline and target, or behind by more but "
    "closer to the line than at the measurement before, at risk; further behind and not "
    "closing in, off track. An indicator with no baseline or target, or with no data point "
    "within its measuring frequency before the review (7 days for weekly, 31 monthly, 92 "
    "quarterly, 183 half-yearly, 366 yearly), has no data. An objective takes the worst "
    "rating of its indicators that have data, and no data when none has. The reviewer "
    "confirms the suggestion or changes it, with a reason.")


def _day(value: str) -> date:
    return date.fromisoformat(value)


def has_target_line(indicator: Indicator) -> bool:
    return (indicator.baseline is not None and indicator.target is not None
            and bool(indicator.baseline_date) and bool(indicator.target_date))


def target_line_value(indicator: Indicator, on: date) -> float | None:
    """The target line's value on ``on``; None without a baseline and a target with their
    dates. Before the baseline date: the baseline; after the target date (or when the target
    date is not after the baseline date): the target."""
    if not has_target_line(indicator):
        return None
    assert indicator.baseline is not None and indicator.target is not None
    start, end = _day(indicator.baseline_date), _day(indicator.target_date)
    if on <= start and start < end:
        return indicator.baseline
    if on >= end or end <= start:
        return indicator.target
    share = (on - start).days / (end - start).days
    return indicator.baseline + (indicator.target - indicator.baseline) * share


def points_until(indicator: Indicator, on: date) -> list[DataPoint]:
    """The data points observed on or before ``on``, oldest first (stable for one day)."""
    iso = on.isoformat()
    return sorted((p for p in indicator.data if p.date <= iso), key=lambda p: p.date)


def latest_point(indicator: Indicator, on: date) -> DataPoint | None:
    points = points_until(indicator, on)
    return points[-1] if points else None


def is_stale(indicator: Indicator, on: date) -> bool:
    """No data point within the indicator's frequency window before ``on`` (none at all
    counts as stale)."""
    latest = latest_point(indicator, on)
    return latest is None or (on - _day(latest.date)).days > FREQUENCY_DAYS[indicator.frequency]


def _shortfall(indicator: Indicator, point: DataPoint) -> float:
    """How far ``point`` is behind the target line (<= 0: at or ahead of it)."""
    line = target_line_value(indicator, _day(point.date))
    assert line is not None
    behind = line - point.value
    return behind if indicator.direction == "higher" else -behind


def indicator_rating(indicator: Indicator, on: date,
                     points: list[DataPoint] | None = None) -> str:
    """One of RATINGS for ``indicator`` on ``on`` (see ``RATING_METHOD``); ``points``: its
    ``points_until(indicator, on)`` when the caller has them already."""
    if not has_target_line(indicator):
        return "no_data"
    points = points_until(indicator, on) if points is None else points
    if not points or (on - _day(points[-1].date)).days > FREQUENCY_DAYS[indicator.frequency]:
        return "no_data"
    assert indicator.baseline is not None and indicator.target is not None
    gap = abs(indicator.target - indicator.baseline)
    slack = 1e-9 * max(1.0, gap, abs(indicator.target))    # rounding of the line, not a margin
    shortfall = _shortfall(indicator, points[-1])
    if shortfall <= slack:
        return "on_track"
    if shortfall <= TOLERANCE * gap + slack:
        return "at_risk"
    if len(points) > 1 and shortfall < _shortfall(indicator, points[-2]) - slack:
        return "at_risk"    # behind, but closing in on the line
    return "off_track"


def worst(ratings: list[str]) -> str:
    """The worst of ``ratings`` that have data; ``no_data`` when none has."""
    for rating in _WORST_FIRST:
        if rating in ratings:
            return rating
    return "no_data"


def suggest_rating(objective: MissionObjective, on: date) -> str:
    """The rating pkdesk suggests for ``objective`` on ``on``: the worst of its indicators'
    ratings that have data."""
    return worst([indicator_rating(i, on) for i in objective.indicators])


def trend(indicator: Indicator, on: date, points: list[DataPoint] | None = None) -> str:
    """``improving``, ``worsening`` or ``steady``: the latest data point on or before ``on``
    against the one before it, the right way round for the direction; ``""`` with fewer than
    two points."""
    points = points_until(indicator, on) if points is None else points
    if len(points) < 2:
        return ""
    change = points[-1].value - points[-2].value
    if indicator.direction == "lower":
        change = -change
    return "improving" if change > 0 else "worsening" if change < 0 else "steady"
