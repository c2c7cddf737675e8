"""History and compare see the performance item by item, keyed by uid."""

from __future__ import annotations

import copy

from pkdesk.core.field_names import change_name
from pkdesk.core.plan.diff import describe, diff_plans, differences, summarize
from pkdesk.core.plan.model import DataPoint, Decision, Plan
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from tests.core.plan_samples import example


def plan() -> Plan:
    return example("sector-east-2024")


def attacks(p: Plan) -> list[DataPoint]:
    return p.performance.objectives[0].indicators[0].data


def test_a_new_data_point_is_one_change_naming_its_date_and_indicator() -> None:
    old, new = plan(), plan()
    attacks(new).append(DataPoint(4, "2026-01-31", "JMAC", uid="dp-new"))
    changes = diff_plans(old, new)
    assert [describe(c) for c in changes] == [
        "data point 2026-01-31 added to 'Attacks on IDP sites'"]
    assert changes[0].path == "performance.data[dp-new]"
    assert changes[0].new == {"indicator": "se-ind-attacks", "date": "2026-01-31", "value": 4,
                              "source": "JMAC", "note": "", "recorded_by": ""}
    assert changes[0].to_dict()["item"] == "data point 2026-01-31"
    assert summarize(changes) == "data point 2026-01-31 added to 'Attacks on IDP sites'"


def test_a_corrected_value_and_a_removed_point() -> None:
    old, new = plan(), plan()
    attacks(new)[-1].value = 6
    del attacks(new)[0]
    assert [describe(c) for c in diff_plans(old, new)] == [
        "data point 2024-01-31 removed from 'Attacks on IDP sites'",
        "data point 2025-12-31 of 'Attacks on IDP sites': value: 5.0 → 6"]


def test_reviews_ratings_decisions_and_objectives() -> None:
    old, new = plan(), plan()
    last = new.performance.reviews[-1]
    last.ratings[0].rating = "off_track"
    last.ratings[0].reason = "Two attacks in January."
    last.decisions.append(Decision("Night patrols at Rhoe.", "se-obj-poc", uid="dec-new"))
    new.performance.objectives[1].text = "Convoys reach Djugu"
    new.performance.start = "2024-01-15"
    assert [describe(c) for c in diff_plans(old, new)] == [
        "performance.start: 2024-01-01 → 2024-01-15",
        "objective 'Convoys reach Djugu': text: Humanitarian convoys reach Djugu withou… → "
        "Convoys reach Djugu",
        "rating of 'Fewer attacks on IDP sites in Djugu and…' of review of 2026-01-09: "
        "rating: at_risk → off_track",
        "rating of 'Fewer attacks on IDP sites in Djugu and…' of review of 2026-01-09: "
        "reason: (empty) → Two attacks in January.",
        "decision 'Night patrols at Rhoe.' added to review of 2026-01-09"]


def test_reordering_changes_nothing_and_a_moved_indicator_shows_its_new_objective() -> None:
    old, new = plan(), plan()
    new.performance.objectives.reverse()
    assert diff_plans(old, new) == []
    moved = new.performance.objectives[0].indicators.pop()     # children, from DDR
    new.performance.objectives[1].indicators.append(moved)
    changes = diff_plans(old, new)
    assert [(c.path, c.old, c.new) for c in changes] == [
        ("performance.indicators[se-ind-children].objective", "se-obj-ddr", "se-obj-talks")]


def test_removing_an_indicator_removes_its_points_one_by_one() -> None:
    old, new = plan(), plan()
    gone = new.performance.objectives[2].indicators.pop()      # women, 4 half-yearly points
    changes = diff_plans(old, new)
    assert len(changes) == 1 + len(gone.data) == 5
    assert describe(changes[0]) == ("indicator 'Peace committee members who are women' "
                                    "removed from 'Local peace committees settle land and…'")


def test_compare_shows_differing_points_by_uid() -> None:
    a, b = plan(), plan()
    attacks(b)[-1].value = 9
    rows = differences([a, b])
    assert [(r.path, r.values) for r in rows] == [
        ("performance.data[se-dp-attacks-024].value", (5, 9))]


def test_the_history_names_the_item_in_words() -> None:
    old, new = plan(), plan()
    attacks(new)[-1].value = 6
    change = diff_plans(old, new)[0]
    assert change_name(change) == "data point 2025-12-31 (Attacks on IDP sites): Value"
    plain = diff_plans(Plan("a", uid="x"), Plan("b", uid="x"))[0]
    assert change_name(plain) == "Title" and "item" not in plain.to_dict()


def test_a_saved_revision_says_what_changed(db: Database) -> None:
    repo = PlanRepository(db)
    p = plan()
    plan_id = repo.create(p)
    changed = copy.deepcopy(p)
    attacks(changed).append(DataPoint(3, "2026-01-31", uid="dp-jan"))
    repo.save(plan_id, changed, author="jmac")
    assert repo.revisions(plan_id)[-1].summary == \
        "data point 2026-01-31 added to 'Attacks on IDP sites'"
    assert [describe(c) for c in repo.diff_revisions(plan_id, 1, 2)] == [
        "data point 2026-01-31 added to 'Attacks on IDP sites'"]


def test_plans_without_performance_have_no_performance_paths() -> None:
    """A plan without performance has no performance paths at all (format 1 and 2 history
    stays as it was)."""
    assert not any(c.path.startswith("performance") for c in
                   diff_plans(example("unoci-2004"), example("minusma-2023")))


def test_the_history_names_the_item_in_french() -> None:
    old, new = plan(), plan()
    attacks(new)[-1].value = 6
    change = diff_plans(old, new)[0]
    assert change_name(change, "fr") == \
        "point de donnée du 31 décembre 2025 (Attacks on IDP sites)\u00a0: Valeur"
    new.performance.reviews[0].decisions.append(Decision("Night patrols at Rhoe.", uid="d-x"))
    added = next(c for c in diff_plans(old, new) if c.kind == "added")
    assert change_name(added, "fr").startswith("décision «\u00a0Night patrols at Rhoe.\u00a0» (revue du ")
    assert "review of" not in change_name(added, "fr")


def test_the_comparison_names_the_item_in_french() -> None:
    a, b = plan(), plan()
    attacks(b)[-1].value = 9
    [row] = differences([a, b])
    assert change_name(row, "fr") == \
        "point de donnée du 31 décembre 2025 (Attacks on IDP sites)\u00a0: Valeur"
    assert change_name(row) == "data point 2025-12-31 (Attacks on IDP sites): Value"
