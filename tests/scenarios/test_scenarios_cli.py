"""`pkdesk compare`, `stress`, `check --what-if/--set`, `plan history|diff|restore|branch`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkdesk.cli import main
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from tests.core.plan_samples import EXAMPLES

SOUND = str(EXAMPLES / "unoci-2004.pkplan.json")
RWANDA = str(EXAMPLES / "rwanda-1993.pkplan.json")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:       # argparse's own exits (a bad ID or REV)
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(db_path: Path) -> tuple[str, int]:
    """A database holding the sound example as plan 1."""
    db = open_library(db_path)
    try:
        plan_id = PlanRepository(db).create(read_plan_file(Path(SOUND)), author="amina")
    finally:
        db.close()
    return str(db_path), plan_id


def test_check_what_if_on_a_stored_plan_leaves_it_unchanged(
        capsys: pytest.CaptureFixture[str], stored: tuple[str, int]) -> None:
    db, plan_id = stored
    code, out, err = run(capsys, "--db", db, "check", str(plan_id), "--what-if",
                         "consent_withdrawn", "--format", "json")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    assert doc["verdict"] == "blocked"
    assert doc["what_if"] == {"applied": ["consent_withdrawn"], "baseline_verdict": "sound",
                              "new_findings": ["CONSENT-001", "CONSENT-009", "CONSENT-009"],
                              "cleared_findings": []}
    code, out, _ = run(capsys, "--db", db, "check", str(plan_id), "--format", "json")
    assert code == 0 and json.loads(out)["verdict"] == "sound"
    assert "what_if" not in json.loads(out)
    code, out, _ = run(capsys, "--db", db, "plan", "history", str(plan_id), "--format", "json")
    assert len(json.loads(out)) == 1


def test_check_what_if_and_set_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", SOUND, "--set", "resources.funding=none",
                         "--what-if", "mandate_expanded_to_offensive")
    assert (code, err) == (1, "")
    assert out.startswith("What-if (in memory; the plan itself is unchanged): "
                          "mandate_expanded_to_offensive, set resources.funding=none\n")
    assert "2 new findings (FORCE-001, RESOURCES-004), 0 cleared" in out
    assert "FORCE-001  blocker  non_use_of_force" in out


def test_set_overrides_are_applied_after_the_whatifs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SOUND, "--what-if", "consent_withdrawn",
                       "--set", "host_consent=conditional", "--format", "json")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert "CONSENT-005" in rules and "CONSENT-001" not in rules and "CONSENT-009" in rules


@pytest.mark.parametrize(("argv", "message"), [
    (["check", SOUND, "--what-if", "riot"], "pkdesk: --what-if: unknown what-if 'riot'"),
    (["check", SOUND, "--set", "host_consent=maybe"],
     "pkdesk: --set host_consent=maybe: plan.host_consent: expected one of"),
    (["check", SOUND, "--set", "nothing"], "pkdesk: --set: expected FIELD=VALUE"),
    (["check", "42"], "pkdesk: no plan with id 42"),
    (["stress", "missing.pkplan.json"], "pkdesk: cannot read plan file missing.pkplan.json"),
    (["compare", SOUND], "pkdesk: compare: expected 2 to 4 plans (got 1)"),
    (["compare", SOUND, SOUND, SOUND, SOUND, SOUND],
     "pkdesk: compare: expected 2 to 4 plans (got 5)"),
    (["plan", "history", "7"], "pkdesk: no plan with id 7"),
    (["plan", "diff", "1", "1", "5"], "pkdesk: plan 1 has no revision 5"),
    (["plan", "restore", "1", "0"], "pkdesk: argument REV: expected a whole number from 1 to"),
    (["plan", "restore", "1", "9"], "pkdesk: plan 1 has no revision 9"),
    (["plan", "branch", "3"], "pkdesk: no plan with id 3"),
])
def test_errors_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                        stored: tuple[str, int], argv: list[str],
                                        message: str) -> None:
    code, out, err = run(capsys, "--db", stored[0], *argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_compare_json_and_text(capsys: pytest.CaptureFixture[str],
                               stored: tuple[str, int]) -> None:
    db, plan_id = stored
    code, out, err = run(capsys, "--db", db, "compare", str(plan_id), RWANDA, "--format", "json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert [(s["label"], s["source"], s["verdict"]) for s in doc["scenarios"]] == [
        ("A", f"plan {plan_id}", "sound"), ("B", "rwanda-1993.pkplan.json", "needs_attention")]
    assert set(doc) == {"scenarios", "differences", "principles", "matrix"}
    assert len(doc["matrix"]) == len(doc["principles"])
    assert all(len(row["cells"]) == 2 for row in doc["matrix"])
    assert {"path": "resources.funding", "values": ["secured", "none"]} in doc["differences"]

    code, out, _ = run(capsys, "--db", db, "compare", str(plan_id), RWANDA)
    assert code == 0
    assert "  Resources         -  3 warnings" in out
    assert "  resources.funding\n    A: Secured\n    B: None\n" in out


def test_stress_text_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "stress", RWANDA)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Stress test of Assistance mission in Rwanda (UNAMIR-like, 1993) " \
                       "(as it is: needs attention)"
    assert lines[2].split() == ["what-if", "verdict", "after", "breaks", "answered", "by"]
    row = next(line for line in lines if line.startswith("consent_withdrawn "))
    assert "blocked" in row and "Consent (1 blocker, 2 warnings)" in row
    row = next(line for line in lines if line.startswith("ceasefire_collapse "))
    assert row.endswith("#1 Ceasefire negotiation")
    code, out, _ = run(capsys, "stress", RWANDA, "--format", "json")
    assert [w["id"] for w in json.loads(out)["whatifs"]][0] == "consent_withdrawn"


def test_plan_history_diff_restore_branch(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          stored: tuple[str, int]) -> None:
    db, plan_id = stored
    changed = tmp_path / "changed.pkplan.json"
    main(["--db", db, "plan", "export", str(plan_id), "-o", str(changed)])
    text = changed.read_text(encoding="utf-8").replace('"host_consent": "granted"',
                                                       '"host_consent": "withheld"')
    changed.write_text(text, encoding="utf-8")
    database = open_library(Path(db))
    try:
        PlanRepository(database).save(plan_id, read_plan_file(changed), author="jean")
    finally:
        database.close()
    capsys.readouterr()

    code, out, _ = run(capsys, "--db", db, "plan", "history", str(plan_id))
    assert code == 0
    first, second = out.splitlines()
    assert first.startswith("r1 ") and first.endswith("  amina  created")
    assert second.endswith("jean  host_consent: granted → withheld")

    code, out, _ = run(capsys, "--db", db, "plan", "diff", str(plan_id), "1", "2")
    assert (code, out) == (0, "host_consent: granted → withheld\n")
    code, out, _ = run(capsys, "--db", db, "plan", "diff", str(plan_id), "1", "2", "--format",
                       "json")
    assert json.loads(out)["changes"] == [{"path": "host_consent", "kind": "changed",
                                          "old": "granted", "new": "withheld"}]

    code, out, _ = run(capsys, "--db", db, "plan", "restore", str(plan_id), "1")
    assert (code, out) == (0, f"restored revision 1 of plan {plan_id} as revision 3\n")
    code, out, _ = run(capsys, "--db", db, "plan", "history", str(plan_id), "--format", "json")
    assert [r["number"] for r in json.loads(out)] == [1, 2, 3]

    code, out, _ = run(capsys, "--db", db, "plan", "branch", str(plan_id), "--title", "Plan B",
                       "--changes", "AU leads", "--format", "json")
    branch = json.loads(out)
    assert code == 0 and branch["title"] == "Plan B"
    code, out, _ = run(capsys, "--db", db, "plan", "list", "--format", "json")
    listed = {p["id"]: p for p in json.loads(out)}
    assert listed[branch["id"]]["parent_uid"] == listed[plan_id]["uid"]


def test_an_organisations_own_whatif_pack(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "ours.json"
    pack.write_text(json.dumps({"format": "pkdesk.whatifs", "version": 1, "name": "ours",
                                "whatifs": [{"id": "kit_lost", "title": "Equipment lost",
                                             "changes": [{"set": "resources.equipment",
                                                          "to": "inadequate"}],
                                             "answered_by": ["regional_cooperation"]}]}))
    code, out, _ = run(capsys, "check", SOUND, "--whatifs", str(pack), "--what-if", "kit_lost",
                       "--format", "json")
    assert code == 0 and json.loads(out)["what_if"]["new_findings"] == ["RESOURCES-002"]
    code, out, _ = run(capsys, "stress", SOUND, "--whatifs", str(pack), "--format", "json")
    row, = json.loads(out)["whatifs"]
    assert row["breaks"] == {"resources": {"blocker": 0, "warning": 1}}
    assert [s["kind"] for s in row["answered_by"]] == ["regional_cooperation"]

    pack.write_text('{"format": "pkdesk.whatifs", "version": 1, "whatifs": [{"id": "x", '
                    '"title": "X", "changes": [{"set": "host_consent", "to": "gone"}]}]}')
    code, out, err = run(capsys, "stress", SOUND, "--whatifs", str(pack))
    assert (code, out) == (2, "")
    assert err == ("pkdesk: ours.json: whatifs[0] (x).changes[0].to: expected one of granted, "
                   "conditional, pending, withheld, withdrawn (got \"gone\")\n")
