"""Plan format 3: ``performance`` read, validated, written compactly, and kept by the store."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from pkdesk.core.errors import InputError
from pkdesk.core.plan.file import (
    MAX_PLAN_BYTES, dumps_plan, parse_plan, plan_from_dict, plan_to_dict, read_plan_file,
    write_plan_file,
)
from pkdesk.core.plan.model import (
    DataPoint, Decision, Indicator, MissionObjective, ObjectiveRating, Performance, Plan, Review,
)
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.schema import SCHEMA_HEAD, row_problems
from tests.core.plan_samples import example, example_paths


def performance() -> Performance:
    """Every field of format 3 set to something other than its default."""
    fewer = Indicator(text="Attacks on IDP sites", unit="attacks/month", baseline=14,
                      baseline_date="2024-01-31", target=4, target_date="2025-12-31",
                      direction="lower", source="JMAC incident database", frequency="monthly",
                      data=[DataPoint(12, "2024-02-29", "JMAC", "two unconfirmed\nnot counted",
                                      "A. Diallo", uid="dp-1"),
                            DataPoint(9.5, "2024-03-31", uid="dp-2"),
                            DataPoint(-0.25, "2024-04-30", "", "", "B. Traoré", uid="dp-3")],
                      uid="ind-1")
    empty = Indicator(text="Returns (no baseline yet)", uid="ind-2")
    poc = MissionObjective("protect_civilians", "Fewer attacks on IDP sites in Sector East",
                           [fewer, empty], uid="obj-1")
    talks = MissionObjective("political_process", "Local peace committees meet monthly",
                             uid="obj-2")
    review = Review(date="2024-06-30", reviewer="Head of Office",
                    ratings=[ObjectiveRating("obj-1", "at_risk", "on_track", "Rainy season."),
                             ObjectiveRating("obj-2", "no_data")],
                    decisions=[Decision("Branch a scenario with two more patrol bases",
                                        "obj-1", "scenario", "scen-7", uid="dec-1"),
                               Decision("Open revision", "", "revision", "4", uid="dec-2"),
                               Decision("Keep going", uid="dec-3")],
                    notes="First review.", uid="rev-1")
    return Performance(start="2024-01-01", next_review="2024-12-15", objectives=[poc, talks],
                       reviews=[review])


def v3_plan() -> Plan:
    return Plan(title="Sector East", uid="plan-3", performance=performance())


def v3_doc() -> dict[str, Any]:
    return plan_to_dict(v3_plan())


def test_a_plan_with_performance_round_trips_through_a_file(tmp_path: Path) -> None:
    plan = v3_plan()
    path = tmp_path / "p.pkplan.json"
    write_plan_file(plan, path)
    assert read_plan_file(path) == plan
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == 3
    assert plan_from_dict(doc) == plan


def test_version_3_carries_every_version_2_field() -> None:
    doc = v3_doc()
    assert {"phase", "host_authority", "protection", "command"} <= doc["plan"].keys()


def test_data_points_are_written_as_one_line_rows_with_trailing_empties_left_out() -> None:
    text = dumps_plan(v3_plan())
    assert '["2024-02-29", 12, "dp-1", "JMAC", "two unconfirmed\\nnot counted", "A. Diallo"]' \
        in text
    assert '["2024-03-31", 9.5, "dp-2"]' in text
    assert '["2024-04-30", -0.25, "dp-3", "", "", "B. Traoré"]' in text
    # whole numbers without ".0"; they read back as the same float
    assert parse_plan(text.encode()).performance.objectives[0].indicators[0].data[0].value == 12.0


def test_a_plan_without_performance_is_still_written_as_before() -> None:
    """A plan with no performance keeps its version (1 or 2) and its exact text."""
    for path in example_paths():
        plan = example(path.name.removesuffix(".pkplan.json"))
        if not plan.performance.is_empty():
            continue
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert plan_to_dict(plan)["version"] == raw["version"] in (1, 2)
        assert "performance" not in plan_to_dict(plan)["plan"]
        assert dumps_plan(plan) == json.dumps(plan_to_dict(plan), ensure_ascii=False,
                                              indent=2) + "\n"


def test_the_store_keeps_every_performance_value(db: Database, db_path: Path) -> None:
    repo = PlanRepository(db)
    plan = v3_plan()
    plan_id = repo.create(plan)
    assert repo.get(plan_id) == plan
    changed = copy.deepcopy(plan)
    changed.performance.objectives[0].indicators[0].data.append(
        DataPoint(7, "2024-05-31", "JMAC", uid="dp-4"))
    repo.save(plan_id, changed)
    assert repo.get(plan_id) == changed
    assert repo.get_by_uid("plan-3") == (plan_id, changed)
    db.close()
    conn = sqlite3.connect(db_path)
    try:    # the store's own value checks (doctor, restore) read every stored document
        assert row_problems(conn, SCHEMA_HEAD) == []
    finally:
        conn.close()


def test_fifty_indicators_of_five_hundred_points_fit_in_a_file(tmp_path: Path) -> None:
    indicators = [Indicator(text=f"Indicator {i}", baseline=100, baseline_date="2020-01-01",
                            target=10, target_date="2030-01-01", direction="lower",
                            source="UNPOL daily situation report",
                            data=[DataPoint(float(j % 97) + 0.5, f"20{21 + j // 365:02d}-"
                                            f"{1 + j % 12:02d}-{1 + j % 28:02d}",
                                            "Team site Bunia patrol log", "",
                                            "Sgt. M. Kabila", uid=f"i{i}p{j}")
                                  for j in range(500)], uid=f"ind{i}")
                  for i in range(50)]
    plan = Plan(title="Big", performance=Performance(objectives=[
        MissionObjective("protect_civilians", f"Objective {k}", indicators[k * 10:k * 10 + 10],
                         uid=f"obj{k}") for k in range(5)]))
    path = tmp_path / "big.pkplan.json"
    write_plan_file(plan, path)
    assert path.stat().st_size < MAX_PLAN_BYTES
    assert read_plan_file(path) == plan


def body_with(change: Any) -> bytes:
    doc = v3_doc()
    change(doc["plan"]["performance"])
    return json.dumps(doc).encode()


def _ind(p: dict[str, Any]) -> dict[str, Any]:
    ind: dict[str, Any] = p["objectives"][0]["indicators"][0]
    return ind


BAD: list[tuple[Any, str]] = [
    (lambda p: p.update(start="2024-02-30"),
     'plan.performance.start: expected a date that exists, as YYYY-MM-DD (got "2024-02-30")'),
    (lambda p: p.update(next_review="31/12/2024"),
     'plan.performance.next_review: expected a date as YYYY-MM-DD, e.g. 2025-03-31'),
    (lambda p: p.update(next_review="20241231"),    # fromisoformat takes it; the format does not
     'plan.performance.next_review: expected a date as YYYY-MM-DD'),
    (lambda p: p["objectives"][0].update(objective="win"),
     "plan.performance.objectives[0].objective: expected one of monitor_ceasefire"),
    (lambda p: p["objectives"][0].update(text=" "),
     "plan.performance.objectives[0].text: expected non-empty text"),
    (lambda p: p["objectives"][0].update(colour="red"),
     "plan.performance.objectives[0].colour: unknown field (expected uid, objective, text, "
     "indicators)"),
    (lambda p: p["objectives"][1].update(uid="obj-1"),
     "plan.performance.objectives[1].uid: uid obj-1 is used twice"),
    (lambda p: p["objectives"][1].update(uid="dp-2"),
     "plan.performance.objectives[1].uid: uid dp-2 is used twice"),
    (lambda p: p["objectives"][0].update(uid="a b"),
     "plan.performance.objectives[0].uid: expected an identifier"),
    (lambda p: _ind(p).update(baseline="14"),
     'plan.performance.objectives[0].indicators[0].baseline: expected a number or null '
     '(got "14")'),
    (lambda p: _ind(p).update(target=True),
     "plan.performance.objectives[0].indicators[0].target: expected a number or null"),
    (lambda p: _ind(p).update(target=1e300),
     "plan.performance.objectives[0].indicators[0].target: expected a finite number"),
    (lambda p: _ind(p).update(direction="up"),
     "plan.performance.objectives[0].indicators[0].direction: expected one of higher, lower"),
    (lambda p: _ind(p).update(frequency="daily"),
     "plan.performance.objectives[0].indicators[0].frequency: expected one of weekly"),
    (lambda p: _ind(p).update(unit="u" * 61),
     "plan.performance.objectives[0].indicators[0].unit: text is 61 characters; at most 60"),
    (lambda p: _ind(p).update(data={"x": 1}),
     "plan.performance.objectives[0].indicators[0].data: expected a list of rows"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", 3]),
     "plan.performance.objectives[0].indicators[0].data[3]: expected a data point as a row"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", 3, "x", "", "", "", "extra"]),
     "plan.performance.objectives[0].indicators[0].data[3]: expected a data point as a row"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", "3", "dp-9"]),
     'plan.performance.objectives[0].indicators[0].data[3][1] (value): expected a number '
     '(got "3")'),
    (lambda p: _ind(p)["data"].append(["2024-13-01", 3, "dp-9"]),
     "plan.performance.objectives[0].indicators[0].data[3][0] (date): expected a date that "
     "exists"),
    (lambda p: _ind(p)["data"].append([["2024-05-31"], 3, "dp-9"]),
     "plan.performance.objectives[0].indicators[0].data[3][0] (date): expected a date as "
     "YYYY-MM-DD"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", -1e16, "dp-9"]),
     "plan.performance.objectives[0].indicators[0].data[3][1] (value): expected a finite "
     "number"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", 3, ["dp-9"]]),
     "plan.performance.objectives[0].indicators[0].data[3][2] (uid): expected an identifier"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", 3, "dp-9", ["JMAC"]]),
     "plan.performance.objectives[0].indicators[0].data[3][3] (source): expected text"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", 3, "dp-9", "", 0]),
     "plan.performance.objectives[0].indicators[0].data[3][4] (note): expected text"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", 3, "dp-1"]),
     "plan.performance.objectives[0].indicators[0].data[3][2] (uid): uid dp-1 is used twice"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", 3, "dp-9", "a\tb"]),
     "plan.performance.objectives[0].indicators[0].data[3][3] (source): control character "
     "U+0009 at character 2; this field is one line of text"),
    (lambda p: _ind(p)["data"].append(["2024-05-31", 3, "dp-9", "", "n" * 2001]),
     "plan.performance.objectives[0].indicators[0].data[3][4] (note): text is 2001 characters"),
    (lambda p: p["reviews"][0]["ratings"][0].update(objective="nobody"),
     "plan.performance.reviews[0].ratings[0].objective: no worded objective has uid nobody"),
    (lambda p: p["reviews"][0]["ratings"][1].update(objective="obj-1"),
     "plan.performance.reviews[0].ratings[1].objective: objective obj-1 is rated twice"),
    (lambda p: p["reviews"][0]["ratings"][0].pop("rating"),
     "plan.performance.reviews[0].ratings[0].rating: missing; expected one of on_track, "
     "at_risk, off_track, no_data"),
    (lambda p: p["reviews"][0].update(date=""),
     "plan.performance.reviews[0].date: missing; expected a date as YYYY-MM-DD"),
    (lambda p: p["reviews"][0]["decisions"][0].update(objective="obj-9"),
     "plan.performance.reviews[0].decisions[0].objective: no worded objective has uid obj-9"),
    (lambda p: p["reviews"][0]["decisions"][0].update(action="reboot"),
     "plan.performance.reviews[0].decisions[0].action: expected one of none, scenario, "
     "revision"),
    (lambda p: p["reviews"][0]["decisions"][1].update(link="four"),
     'plan.performance.reviews[0].decisions[1].link: expected a revision number, e.g. "4"'),
    (lambda p: p["reviews"][0]["decisions"][2].update(link="x"),
     "plan.performance.reviews[0].decisions[2].link: a decision with action none links to "
     "nothing"),
    (lambda p: p["reviews"][0]["decisions"][2].update(uid="rev-1"),
     "plan.performance.reviews[0].decisions[2].uid: uid rev-1 is used twice"),
    (lambda p: p.update(extra=1),
     "plan.performance.extra: unknown field (expected start, next_review, objectives, "
     "reviews)"),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_a_bad_performance_value_is_refused_naming_its_place(change: Any, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_plan(body_with(change), "m.pkplan.json")
    assert str(err.value).startswith("m.pkplan.json: " + message), str(err.value)
    assert "\n" not in str(err.value)


def test_the_store_reads_control_characters_in_rows_as_spaces() -> None:
    """Like every text of a stored plan (``repair_text``); a file is refused (above)."""
    doc = v3_doc()
    _ind(doc["plan"]["performance"])["data"][0][3] = "JM\x07AC"
    assert plan_from_dict(doc, repair_text=True).performance.objectives[0] \
        .indicators[0].data[0].source == "JM AC"


def test_an_older_version_holding_performance_reads_it() -> None:
    """What a file holds counts, not its number (as for version 2)."""
    doc = v3_doc()
    doc["version"] = 1
    assert plan_from_dict(doc) == v3_plan()


def test_a_newer_version_is_refused_naming_it() -> None:
    doc = v3_doc()
    doc["version"] = 4
    with pytest.raises(InputError, match="version: expected 1 or 2 or 3 .got 4.; a newer"):
        parse_plan(json.dumps(doc).encode())


def test_a_non_finite_value_from_the_store_is_refused() -> None:
    """JSON files cannot hold NaN (the reader refuses it); a document built in memory can."""
    doc = v3_doc()
    _ind(doc["plan"]["performance"])["data"][0][1] = float("nan")
    with pytest.raises(InputError, match=r"data\[0\]\[1\] \(value\): expected a finite number"):
        plan_from_dict(doc)
