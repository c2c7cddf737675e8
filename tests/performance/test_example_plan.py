"""The shipped example of a plan through its life (examples/sector-east-2024.pkplan.json):
its suggested ratings at each review, its findings, and a variant for each loop rule."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from pkdesk.core.checker import check
from pkdesk.core.performance.assessment import assess
from pkdesk.core.performance.ratings import indicator_rating, suggest_rating
from pkdesk.core.plan.model import (
    Acknowledgement, DIRECTIONS, Indicator, MissionObjective, Plan,
)
from tests.checkout import REPO_ROOT
from tests.core.plan_samples import example

D = date.fromisoformat
QUIET = D("2026-01-20")     # after the fourth review, before anything is due or stale


def plan() -> Plan:
    return example("sector-east-2024")


def loop(p: Plan, today: date, lang: str = "en") -> list[tuple[str, str | None, str]]:
    return [(f.rule, f.subject, f.message) for f in check(p, today=today, lang=lang).findings
            if f.rule.startswith("LOOP-")]


def test_the_file_is_what_the_tool_writes() -> None:
    run = subprocess.run([sys.executable, str(REPO_ROOT / "tools" / "make_sector_east_example.py"),
                          "--check"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_it_has_what_the_issue_asks_for() -> None:
    perf = plan().performance
    assert len({o.objective for o in perf.objectives}) == len(perf.objectives) == 4
    inds = [i for o in perf.objectives for i in o.indicators]
    assert len(inds) == 8
    assert {i.direction for i in inds} == set(DIRECTIONS)
    assert {i.frequency for i in inds} == {"weekly", "monthly", "quarterly", "half_yearly"}
    days = sorted(p.date for i in inds for p in i.data)
    assert days[0] <= "2024-01-31" and days[-1] >= "2025-12-31"      # two years of data
    assert len(perf.reviews) == 4
    ratings = [x for r in perf.reviews for x in r.ratings]
    changed = [x for x in ratings if x.rating != x.suggested]
    assert len(changed) == 3 and all(x.reason for x in changed)
    assert len(ratings) - len(changed) == 13                          # confirmed
    actions = {d.action: d for r in perf.reviews for d in r.decisions}
    assert actions["scenario"].link == "sector-east-2024-two-bases"
    assert actions["revision"].link == "5"


# The suggestion at each review, by objective, as pkdesk's rating method gives it.
SUGGESTED = {
    "2024-07-08": {"se-obj-poc": "at_risk", "se-obj-access": "at_risk",
                   "se-obj-talks": "at_risk", "se-obj-ddr": "at_risk"},
    "2025-01-10": {"se-obj-poc": "off_track", "se-obj-access": "at_risk",
                   "se-obj-talks": "at_risk", "se-obj-ddr": "off_track"},
    "2025-07-04": {"se-obj-poc": "off_track", "se-obj-access": "at_risk",
                   "se-obj-talks": "at_risk", "se-obj-ddr": "off_track"},
    "2026-01-09": {"se-obj-poc": "at_risk", "se-obj-access": "on_track",
                   "se-obj-talks": "off_track", "se-obj-ddr": "off_track"},
}


@pytest.mark.parametrize("held", sorted(SUGGESTED))
def test_suggested_ratings_at_each_review(held: str) -> None:
    p = plan()
    review = next(r for r in p.performance.reviews if r.date == held)
    for o in p.performance.objectives:
        assert suggest_rating(o, D(held)) == SUGGESTED[held][o.uid], (held, o.uid)
    assert {x.objective: x.suggested for x in review.ratings} == SUGGESTED[held]


def test_an_indicator_rating_worked_by_hand() -> None:
    """Attacks on IDP sites at the last review: baseline 14 on 2023-12-31, target 4 on
    2025-12-31 (731 days); the latest point, 5 on 2025-12-31, is 1 above the line (4), within
    a quarter of the gap (2.5): at risk, so the objective is at risk (its other indicator is
    at risk too)."""
    attacks = plan().performance.objectives[0].indicators[0]
    assert (attacks.data[-1].date, attacks.data[-1].value) == ("2025-12-31", 5)
    assert indicator_rating(attacks, D("2026-01-09")) == "at_risk"


def test_the_example_has_no_loop_finding_when_reviews_and_data_are_up_to_date() -> None:
    assert loop(plan(), QUIET) == []


def test_assess_on_the_example() -> None:
    a = assess(plan(), QUIET)
    assert [o.suggested for o in a.objectives] == ["at_risk", "on_track", "off_track", "off_track"]
    assert a.next_review_due == D("2026-07-01") and a.overdue == ()
    assert a.grid[("se-obj-talks", "se-rev-4")] == "at_risk"        # changed by the reviewer
    assert a.grid[("se-obj-access", "se-rev-3")] == "on_track"
    assert len(a.grid) == 16
    road = a.objectives[1].indicators[1]
    assert (road.latest_date, road.rating, road.stale) == ("2026-01-18", "on_track", False)
    # on a past review's date, what that review saw: three reviews, the data up to then
    then = assess(plan(), D("2025-07-04"))
    assert len(then.reviews) == 3
    assert [o.suggested for o in then.objectives] == list(SUGGESTED["2025-07-04"].values())


def test_loop_001_an_objective_with_no_indicator() -> None:
    p = plan()
    p.performance.objectives.append(MissionObjective("elections", "Polls held in Djugu",
                                                     uid="se-obj-polls"))
    assert loop(p, QUIET) == [("LOOP-001", "objective:se-obj-polls",
                               'Objective "Polls held in Djugu" has no indicator: no review '
                               "can tell whether it is being met.")]


def test_loop_002_an_indicator_with_no_baseline_or_no_target() -> None:
    p = plan()
    p.performance.objectives[2].indicators[1].baseline = None
    p.performance.objectives[3].indicators[0].target_date = ""
    found = loop(p, QUIET)
    assert [(r, s) for r, s, _ in found] == [("LOOP-002", "indicator:se-ind-women"),
                                             ("LOOP-002", "indicator:se-ind-combatants")]
    assert found[0][2].startswith('Indicator "Peace committee members who are women" '
                                  '(objective "Local peace committees settle')


def test_loop_003_a_review_overdue() -> None:
    assert "LOOP-003" not in [r for r, _, _ in loop(plan(), D("2026-07-01"))]  # due today
    found = [f for f in check(plan(), today=D("2026-07-02")).findings if f.rule == "LOOP-003"]
    assert [(f.message, f.instead) for f in found] == [(
        "The review due on 2026-07-01 has not been held (reviews overdue: 1).",
        "Hold the review due on 2026-07-01 and record its ratings and decisions, or set a new "
        "date for the next review if the cycle has changed.")]
    moved = plan()
    moved.performance.next_review = "2026-09-30"        # the planner sets a new date
    assert "LOOP-003" not in [r for r, _, _ in loop(moved, D("2026-07-02"))]


def test_loop_004_off_track_twice_with_no_decision() -> None:
    p = plan()
    for r in p.performance.reviews:
        r.decisions = [d for d in r.decisions if d.objective != "se-obj-poc"]
    found = [x for x in loop(p, QUIET) if x[0] == "LOOP-004"]
    assert found == []      # the last review rated it at risk: the streak is over
    assert [x[:2] for x in loop(p, D("2025-07-10")) if x[0] == "LOOP-004"] == [
        ("LOOP-004", "objective:se-obj-poc")]
    message = [x[2] for x in loop(p, D("2025-07-10")) if x[0] == "LOOP-004"][0]
    assert message == ('Objective "Fewer attacks on IDP sites in Djugu and Mahagi" was rated '
                       "off track at the last 2 reviews in a row (since 2025-01-10), and none "
                       "of them recorded a decision about it.")
    # the shipped plan recorded decisions about it: nothing to say
    assert [x for x in loop(plan(), D("2025-07-10")) if x[0] == "LOOP-004"] == []


def test_loop_004_counts_the_whole_streak_and_any_decision_in_it() -> None:
    """DDR was off track at reviews 2, 3 and 4; review 3 recorded a decision about it."""
    p = plan()
    assert [x for x in loop(p, QUIET) if x[0] == "LOOP-004"] == []
    for r in p.performance.reviews:
        r.decisions = [d for d in r.decisions if d.objective != "se-obj-ddr"]
    assert [x[2] for x in loop(p, QUIET) if x[0] == "LOOP-004"] == [
        'Objective "Combatants leave the armed groups and stay out" was rated off track at '
        "the last 3 reviews in a row (since 2025-01-10), and none of them recorded a decision "
        "about it."]


def test_loop_005_data_older_than_the_indicators_frequency() -> None:
    found = [x for x in loop(plan(), D("2026-02-10")) if x[0] == "LOOP-005"]
    # monthly (31 days) and weekly (7) indicators are late; quarterly and half-yearly are not
    assert [s for _, s, _ in found] == ["indicator:se-ind-attacks", "indicator:se-ind-convoys",
                                        "indicator:se-ind-road", "indicator:se-ind-combatants"]
    assert found[0][2] == ('Indicator "Attacks on IDP sites" is to be measured every 31 days, '
                           "but its latest data point is from 2025-12-31, 41 days ago.")


def test_loop_006_an_indicator_with_no_data_since_the_start() -> None:
    p = plan()
    p.performance.objectives[0].indicators.append(Indicator(
        "Night patrols around Rhoe", baseline=2, baseline_date="2024-01-01", target=7,
        target_date="2025-12-31", uid="se-ind-night"))
    assert loop(p, QUIET) == [("LOOP-006", "indicator:se-ind-night",
                               'Indicator "Night patrols around Rhoe" has no data point up to '
                               "today, though the plan took effect on 2024-01-01.")]


def test_an_acknowledgement_covers_one_indicators_finding_only() -> None:
    p = plan()
    p.acknowledgements.append(Acknowledgement("LOOP-005", "The JMAC database was down in "
                                              "January.", subject="indicator:se-ind-attacks"))
    found = {f.subject: f.acknowledged for f in check(p, today=D("2026-02-10")).findings
             if f.rule == "LOOP-005"}
    assert found["indicator:se-ind-attacks"] == "The JMAC database was down in January."
    assert found["indicator:se-ind-convoys"] is None
    assert check(p, today=D("2026-02-10")).stale_acknowledgements == ()


def test_the_loop_speaks_french() -> None:
    found = [m for r, _, m in loop(plan(), D("2026-07-02"), "fr") if r == "LOOP-003"]
    assert found == ["La revue prévue le 2026-07-01 n’a pas eu lieu (revues en retard\u00a0: 1)."]
