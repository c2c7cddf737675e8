"""The whole picture a review looks at: per worded objective its indicators (latest value,
trend, suggested rating), the objectives-by-review grid, the review schedule, and the
loop's findings (the checker's ``LOOP-`` rules, with acknowledgements as in a check).

``assessment_to_dict`` is what ``pkdesk assess --format json`` prints; its shape is
documented in ``docs/performance.md`` and only grows (new keys), never changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pkdesk.core.checker import check
from pkdesk.core.findings import Finding
from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.performance.ratings import (
    RATING_METHOD, indicator_rating, points_until, target_line_value, trend, worst,
)
from pkdesk.core.performance.schedule import next_review_due, overdue_reviews
from pkdesk.core.plan.model import FREQUENCY_DAYS, Indicator, ObjectiveRating, Plan, Review
from pkdesk.core.rules import RulePack

ASSESSMENT_FORMAT = "pkdesk.assessment"
ASSESSMENT_VERSION = 1
LOOP_RULE_PREFIX = "LOOP-"


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: Indicator
    latest_value: float | None      # the latest data point on or before the day assessed
    latest_date: str                # its date, or ""
    target_line: float | None       # the target line on the day assessed
    trend: str                      # improving, worsening, steady, or "" (ratings.trend)
    rating: str                     # RATINGS
    stale: bool                     # no data point within its frequency


@dataclass(frozen=True)
class ObjectiveStatus:
    uid: str
    objective: str                  # OBJECTIVES
    text: str
    indicators: tuple[IndicatorStatus, ...]
    suggested: str                  # RATINGS, from the indicators on the day assessed
    # One cell per review of ``Assessment.reviews`` (same order): the review's rating of
    # this objective, or None when that review did not rate it.
    cells: tuple[ObjectiveRating | None, ...]


@dataclass(frozen=True)
class Assessment:
    plan_title: str
    plan_uid: str
    today: date
    objectives: tuple[ObjectiveStatus, ...]
    reviews: tuple[Review, ...]             # held, oldest first
    next_review_due: date | None
    overdue: tuple[date, ...]
    findings: tuple[Finding, ...]           # the loop's findings (LOOP- rules)

    @property
    def grid(self) -> dict[tuple[str, str], str]:
        """(objective uid, review uid) -> the rating that review gave (reviewer's)."""
        return {(o.uid, r.uid): cell.rating for o in self.objectives
                for r, cell in zip(self.reviews, o.cells) if cell is not None}


def _indicator(indicator: Indicator, today: date) -> IndicatorStatus:
    points = points_until(indicator, today)     # sorted once for all that follows
    latest = points[-1] if points else None
    stale = latest is None or \
        (today - date.fromisoformat(latest.date)).days > FREQUENCY_DAYS[indicator.frequency]
    return IndicatorStatus(indicator=indicator,
                           latest_value=None if latest is None else latest.value,
                           latest_date="" if latest is None else latest.date,
                           target_line=target_line_value(indicator, today),
                           trend=trend(indicator, today, points),
                           rating=indicator_rating(indicator, today, points),
                           stale=stale)


def assess(plan: Plan, today: date, pack: RulePack | None = None, lang: str = "en") -> Assessment:
    """The plan's performance as it stood on ``today``: data points and reviews dated after
    it are not looked at, so assessing on a past review's date shows what that review saw."""
    iso = today.isoformat()
    if any(r.date > iso for r in plan.performance.reviews):
        plan = replace(plan, performance=replace(
            plan.performance, reviews=[r for r in plan.performance.reviews if r.date <= iso]))
    reviews = tuple(sorted(plan.performance.reviews, key=lambda r: r.date))
    objectives = []
    for o in plan.performance.objectives:
        by_review = [{x.objective: x for x in r.ratings}.get(o.uid) for r in reviews]
        statuses = tuple(_indicator(i, today) for i in o.indicators)
        objectives.append(ObjectiveStatus(
            uid=o.uid, objective=o.objective, text=o.text, indicators=statuses,
            suggested=worst([x.rating for x in statuses]), cells=tuple(by_review)))
    result = check(plan, pack, lang, today=today)
    findings = tuple(f for f in result.findings if f.rule.startswith(LOOP_RULE_PREFIX))
    return Assessment(plan_title=plan.title, plan_uid=plan.uid, today=today,
                      objectives=tuple(objectives), reviews=reviews,
                      next_review_due=next_review_due(plan, today),
                      overdue=tuple(overdue_reviews(plan, today)), findings=findings)


def _value(x: float | None) -> float | int | None:
    if x is None:
        return None
    x = float(x)    # code may hold an int (``DataPoint(12, ...)``)
    return int(x) if x.is_integer() and abs(x) < 2**53 else round(x, 6)


def assessment_to_dict(a: Assessment, plan: Plan | None = None,
                       lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The assessment as JSON-ready data (``pkdesk assess --format json``). A finding's
    ``subject`` is its identifier (``indicator:UID``); ``subject_text`` names it as a reader
    sees it, as in ``check --format json``: ``plan`` (the plan assessed) gives a worded
    objective's or an indicator's words, in ``lang``; None for the whole plan."""
    from pkdesk.core.plan.report import subject_words

    t = translator(lang)
    return {
        "format": ASSESSMENT_FORMAT, "version": ASSESSMENT_VERSION,
        "plan": {"title": a.plan_title, "uid": a.plan_uid},
        "date": a.today.isoformat(),
        "next_review_due": None if a.next_review_due is None else a.next_review_due.isoformat(),
        "overdue_reviews": [d.isoformat() for d in a.overdue],
        "reviews": [{"uid": r.uid, "date": r.date, "reviewer": r.reviewer,
                     "decisions": [{"uid": d.uid, "text": d.text, "objective": d.objective,
                                    "action": d.action, "link": d.link} for d in r.decisions],
                     "notes": r.notes} for r in a.reviews],
        "objectives": [{
            "uid": o.uid, "objective": o.objective, "text": o.text, "suggested": o.suggested,
            "ratings": [None if c is None else {"rating": c.rating, "suggested": c.suggested,
                                                "reason": c.reason} for c in o.cells],
            "indicators": [{
                "uid": s.indicator.uid, "text": s.indicator.text, "unit": s.indicator.unit,
                "direction": s.indicator.direction, "frequency": s.indicator.frequency,
                "baseline": _value(s.indicator.baseline),
                "baseline_date": s.indicator.baseline_date,
                "target": _value(s.indicator.target), "target_date": s.indicator.target_date,
                "target_line": _value(s.target_line),
                "latest": None if s.latest_value is None else {"date": s.latest_date,
                                                               "value": _value(s.latest_value)},
                "trend": s.trend, "rating": s.rating, "stale": s.stale,
                "data_points": len(s.indicator.data)} for s in o.indicators],
        } for o in a.objectives],
        "findings": [{"rule": f.rule, "severity": f.severity, "subject": f.subject,
                      "subject_text": (None if f.subject is None
                                       else subject_words(f.subject, plan, t)),
                      "message": f.message, "instead": f.instead,
                      "acknowledged": f.acknowledged} for f in a.findings],
        "rating_method": RATING_METHOD,
    }
