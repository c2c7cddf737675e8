"""Plan diff, comparison (JSON shape, differing fields, matrix) and the stress-test table."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from pkdesk.core.compare import compare_plans, comparison_to_dict
from pkdesk.core.errors import InputError
from pkdesk.core.findings import PRINCIPLES
from pkdesk.core.plan.model import Acknowledgement, Lineage, Party, Strategy
from pkdesk.core.plan.diff import diff_plans, differences, summarize
from pkdesk.core.stress import stress_test, stress_to_dict
from pkdesk.core.whatif import apply_whatifs, default_whatif_pack
from tests.core.plan_samples import example


def test_identical_plans_have_no_changes() -> None:
    plan = example("unoci-2004")
    assert diff_plans(plan, replace(plan, uid="another-uid")) == []
    assert summarize([]) == "no changes"


def test_parties_are_keyed_by_name_not_position() -> None:
    old = example("unoci-2004")
    new = replace(old, parties=[Party("Militia X", "non_state", "unknown")] + [
        replace(p, consent="withdrawn") if p.name == "Forces Nouvelles" else p
        for p in old.parties])
    changes = {c.path: c for c in diff_plans(old, new)}
    assert set(changes) == {"parties[Forces Nouvelles].consent", "parties[Militia X]"}
    assert (changes["parties[Forces Nouvelles].consent"].old,
            changes["parties[Forces Nouvelles].consent"].new) == ("conditional", "withdrawn")
    added = changes["parties[Militia X]"]
    assert (added.kind, added.old, added.new) == (
        "added", None, {"kind": "non_state", "consent": "unknown", "direct_talks": False})
    assert json.dumps([c.to_dict() for c in changes.values()])   # plain data


def test_fields_lists_strategies_acknowledgements_and_lineage() -> None:
    old = example("unoci-2004")
    new = replace(old, mandate=replace(old.mandate, objectives=["monitor_ceasefire"],
                                       review_months=6),
                  strategies=old.strategies[:1] + [Strategy("advocacy", [], "AU")]
                  + old.strategies[1:],
                  acknowledgements=[Acknowledgement("CLIMATE-001", "annex")],
                  lineage=Lineage("parent-1", "Parent"), extra={"x-annex": 1})
    paths = [c.path for c in diff_plans(old, new)]
    assert paths[:2] == ["mandate.objectives", "mandate.review_months"]
    assert "strategies[advocacy 1]" in paths
    assert not any(p.startswith("strategies[mediation") for p in paths)   # not shifted
    assert {"acknowledgements[CLIMATE-001]", "lineage", "extra.x-annex"} <= set(paths)
    assert "lineage" not in [c.path for c in diff_plans(old, new, lineage=False)]


def test_summary_names_the_first_changes_and_counts_the_rest() -> None:
    old = replace(example("unoci-2004"), community_engagement="Radio " * 20, climate_risks="")
    new = replace(old, host_consent="withdrawn", notes="x", climate_risks="drought",
                  community_engagement="none")
    assert summarize(diff_plans(old, new)) == (
        "host_consent: granted → withdrawn; community_engagement: Radio Radio Radio Radio "
        "Radio Radio Rad… → none; climate_risks: (empty) → drought; and 1 more change")


def test_differences_across_three_plans() -> None:
    a = example("unoci-2004")
    b = apply_whatifs(a, ["consent_withdrawn"])
    c = apply_whatifs(a, ["non_state_actor_emerges"])
    rows = {d.path: d.values for d in differences([a, b, c])}
    assert rows["host_consent"] == ("granted", "withdrawn", "granted")
    assert rows["parties[Forces Nouvelles].consent"] == ("conditional", "withdrawn",
                                                          "conditional")
    assert rows["parties[Newly emerged armed group]"][:2] == (None, None)
    assert "title" not in rows and "mandate.summary" not in rows


def test_comparison_json_shape_and_matrix() -> None:
    a = example("unoci-2004")
    b = apply_whatifs(a, ["consent_withdrawn"])
    c = example("rwanda-1993")
    comparison = compare_plans([("a.pkplan.json", a), ("plan 2", b), ("r", c)])
    doc = comparison_to_dict(comparison)
    json.dumps(doc)
    assert [s["label"] for s in doc["scenarios"]] == ["A", "B", "C"]
    assert [s["verdict"] for s in doc["scenarios"]] == ["sound", "blocked", "needs_attention"]
    assert doc["scenarios"][1]["counts"] == {"blocker": 1, "warning": 2, "advice": 0}
    assert doc["principles"] == list(PRINCIPLES)
    consent = doc["matrix"][0]
    assert consent["principle"] == "consent"
    assert [cell["level"] for cell in consent["cells"]] == ["none", "blocker", "none"]
    assert consent["cells"][1]["rules"] == ["CONSENT-001", "CONSENT-009"]
    assert comparison.cell("resources", "C").warning == 3     # RESOURCES-002, -004, -006
    assert {d["path"] for d in doc["differences"]} >= {"host_consent", "title",
                                                      "resources.funding"}


@pytest.mark.parametrize("count", [0, 1, 5])
def test_comparison_takes_two_to_four_plans(count: int) -> None:
    with pytest.raises(InputError, match=f"expected 2 to 4 plans .got {count}."):
        compare_plans([("x", example("unoci-2004"))] * count)


def test_stress_table_rows_breaks_and_answers() -> None:
    report = stress_test(example("rwanda-1993"))
    rows = {r.whatif.id: r for r in report.rows}
    assert list(rows) == default_whatif_pack().ids()
    assert rows["consent_withdrawn"].breaks == {"consent": {"blocker": 1, "warning": 2}}
    assert rows["mandate_expanded_to_offensive"].breaks == {
        "non_use_of_force": {"blocker": 1, "warning": 0}}
    assert rows["funding_cut"].breaks == {}
    # A new group no strategy names: one impartiality finding (no channel), not three.
    assert set(rows["non_state_actor_emerges"].breaks) == {"impartiality"}
    # rwanda's ceasefire negotiation answers a collapse; its multi-track answers a new actor
    assert [(n, s.kind) for n, s in rows["ceasefire_collapse"].answering] == [
        (1, "ceasefire_negotiation")]
    assert [s.kind for _, s in rows["non_state_actor_emerges"].answering] == ["multi_track"]
    assert rows["direct_talks_break_down"].answering == ()
    doc = stress_to_dict(report)
    json.dumps(doc)
    assert doc["whatifs"][0]["id"] == "consent_withdrawn"
    assert doc["whatifs"][0]["verdict"] == "blocked"


def test_stress_reports_cleared_findings() -> None:
    plan = replace(example("unoci-2004"), use_of_force="self_defence")
    row = {r.whatif.id: r for r in stress_test(plan).rows}["mandate_expanded_to_offensive"]
    assert [f.rule for f in row.cleared] == ["MANDATE-003"]
    assert [f.rule for f in row.new] == ["FORCE-001"]
