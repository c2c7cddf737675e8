"""assess(): per objective the indicators and suggested rating, the grid, the schedule."""

from __future__ import annotations

import json
from datetime import date

from pkdesk.core.performance.assessment import assess, assessment_to_dict
from pkdesk.core.plan.model import (
    DataPoint, Indicator, Mandate, MissionObjective, ObjectiveRating, Performance, Plan, Review,
)

D = date.fromisoformat


def small_plan() -> Plan:
    patrols = Indicator("Patrols", unit="patrols", baseline=100, baseline_date="2024-01-01",
                        target=466, target_date="2025-01-01",
                        data=[DataPoint(150, "2024-02-01"), DataPoint(100, "2024-03-01")],
                        uid="ind-1")
    return Plan(title="Small", uid="small", mandate=Mandate(review_months=3),
                performance=Performance(
                    start="2024-01-01",
                    objectives=[MissionObjective("protect_civilians", "Safer roads", [patrols],
                                                 uid="obj-1"),
                                MissionObjective("elections", "Polls held", uid="obj-2")],
                    reviews=[Review(date="2024-04-01", uid="r2",
                                    ratings=[ObjectiveRating("obj-1", "off_track", "at_risk",
                                                             "Roads cut")]),
                             Review(date="2024-03-20", uid="r1")]))


def test_assess_gives_each_objective_its_indicators_rating_and_grid_row() -> None:
    a = assess(small_plan(), D("2024-03-15"))
    first, second = a.objectives
    assert (first.suggested, second.suggested) == ("at_risk", "no_data")
    status = first.indicators[0]
    assert (status.latest_value, status.latest_date, status.trend, status.rating) == \
        (100, "2024-03-01", "worsening", "at_risk")
    assert status.target_line == 174                            # 100 + 74 days
    assert a.reviews == ()         # both reviews were held after the day assessed
    assert a.next_review_due == D("2024-04-01")
    later = assess(small_plan(), D("2024-04-15"))
    assert [r.uid for r in later.reviews] == ["r1", "r2"]       # oldest first
    assert later.grid == {("obj-1", "r2"): "off_track"}
    assert later.objectives[0].cells[0] is None and later.objectives[0].cells[1] is not None
    assert later.next_review_due == D("2024-07-01")             # 04-01 covered by r2
    assert later.overdue == ()


def test_the_dict_is_json_with_a_stable_shape() -> None:
    doc = assessment_to_dict(assess(small_plan(), D("2024-04-15")))
    text = json.dumps(doc, allow_nan=False)
    again = json.loads(text)
    assert again["format"] == "pkdesk.assessment" and again["version"] == 1
    assert list(again) == ["format", "version", "plan", "date", "next_review_due",
                           "overdue_reviews", "reviews", "objectives", "findings",
                           "rating_method"]
    ind = again["objectives"][0]["indicators"][0]
    assert ind["latest"] == {"date": "2024-03-01", "value": 100}
    assert ind["target_line"] == 205                            # 100 + 105 days
    assert again["objectives"][0]["ratings"] == [
        None, {"rating": "off_track", "suggested": "at_risk", "reason": "Roads cut"}]


def test_the_docs_give_the_rating_method_word_for_word() -> None:
    from pkdesk.core.performance.ratings import RATING_METHOD
    from tests.checkout import REPO_ROOT

    text = (REPO_ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    begin = "<!-- rating method: begin (ratings.RATING_METHOD) -->\n"
    assert text[text.index(begin) + len(begin):text.index("\n<!-- rating method: end -->")] \
        == RATING_METHOD
    doc = assessment_to_dict(assess(small_plan(), D("2024-04-15")))
    for key in doc:
        assert f"`{key}`" in text, key
