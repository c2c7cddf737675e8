"""A plan carried through two years: worded objectives, indicators with monthly data, four
reviews with ratings (one changed by the reviewer) and decisions that led somewhere."""

from __future__ import annotations

from datetime import date, timedelta

from pkdesk.core.plan.model import (
    DataPoint, Decision, Indicator, MissionObjective, ObjectiveRating, Performance, Plan, Review,
)
from tests.core.plan_samples import example

START = date(2023, 1, 1)
REVIEW_DATES = ("2023-06-30", "2023-12-31", "2024-06-30", "2024-12-31")
DECISIONS = ("Move two patrol bases closer to the IDP sites of Sector East",
             "Branch a scenario with a quick-reaction company at Bunia",
             "Open revision 5: add a local conflict-management committee per district")


def monthly(start: float, step: float, months: int = 24, every: int = 1) -> list[DataPoint]:
    out = []
    for m in range(0, months, every):
        d = date(START.year + (START.month - 1 + m) // 12, (START.month - 1 + m) % 12 + 1, 15)
        out.append(DataPoint(round(start + step * m, 2), d.isoformat(), "JMAC", "", "team site"))
    return out


def performance_plan(indicators_per_objective: int = 1, points: int = 24) -> Plan:
    """The UNOCI example with performance: three worded objectives; the third has no indicator."""
    plan = example("unoci-2004")
    attacks = Indicator("Attacks on IDP sites per month", "attacks", 14, "2023-01-01", 4,
                        "2024-12-31", "lower", "JMAC incident log", "monthly",
                        monthly(14, -0.3, points))
    returns = Indicator("Households returned to their villages", "households", 200,
                        "2023-01-01", 5000, "2024-12-31", "higher", "IOM", "quarterly",
                        monthly(200, 120, points, every=3))
    extra = [Indicator(f"Extra indicator {n}", "%", 10, "2023-01-01", 90, "2024-12-31",
                       "higher", "", "monthly", monthly(10, 2.5, points))
             for n in range(indicators_per_objective - 1)]
    protect = MissionObjective("protect_civilians", "Fewer attacks on IDP sites in Sector East",
                               [attacks, *extra])
    politics = MissionObjective("political_process", "Displaced families return home",
                                [returns])
    elections = MissionObjective("elections", "Credible local elections by 2025")
    objectives = [protect, politics, elections]
    reviews = []
    for n, day in enumerate(REVIEW_DATES):
        ratings = [ObjectiveRating(protect.uid, "at_risk" if n < 2 else "on_track",
                                   "at_risk" if n < 2 else "on_track"),
                   ObjectiveRating(politics.uid, "off_track", "at_risk" if n == 3 else "off_track",
                                   "Returns stalled after the floods" if n == 3 else ""),
                   ObjectiveRating(elections.uid, "no_data", "no_data")]
        decisions = []
        if n == 1:
            decisions = [Decision(DECISIONS[0], protect.uid)]
        if n == 2:
            decisions = [Decision(DECISIONS[1], protect.uid, "scenario", "a1b2c3")]
        if n == 3:
            decisions = [Decision(DECISIONS[2], politics.uid, "revision", "5")]
        reviews.append(Review(day, "Planning cell", ratings, decisions,
                              "Sector East improving" if n == 3 else ""))
    plan.performance = Performance(START.isoformat(), "", objectives, reviews)
    plan.mandate.review_months = 6
    return plan


def big_plan(indicators: int = 50, points: int = 500) -> Plan:
    """50 indicators × 500 data points (weekly), for the benchmarks and the limits."""
    plan = performance_plan()
    plan.performance.objectives[1].indicators = []
    objective = plan.performance.objectives[0]
    objective.indicators = [
        Indicator(f"Indicator {n}", "count", 100, "2015-01-01", 10, "2025-01-01", "lower",
                  "", "weekly",
                  [DataPoint(100 - k * 0.15 + (k % 7), (date(2015, 1, 1) + timedelta(weeks=k))
                             .isoformat()) for k in range(points)])
        for n in range(indicators)]
    return plan
