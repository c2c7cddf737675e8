"""`pkdesk check` and `pkdesk plan ...`: exit codes, JSON shape, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pkdesk.cli import main
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from tests.core.plan_samples import EXAMPLES

SOUND = str(EXAMPLES / "unoci-2004.pkplan.json")
NO_CONSENT = str(EXAMPLES / "no-consent.pkplan.json")
RWANDA = str(EXAMPLES / "rwanda-1993.pkplan.json")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("path", "code", "verdict"), [
    (SOUND, 0, "sound"), (RWANDA, 0, "needs_attention"), (NO_CONSENT, 1, "blocked")])
def test_check_exit_code_follows_the_verdict(capsys: pytest.CaptureFixture[str], path: str,
                                             code: int, verdict: str) -> None:
    got, out, err = run(capsys, "check", path, "--format", "json")
    assert (got, err) == (code, "")
    assert json.loads(out)["verdict"] == verdict


def test_check_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", NO_CONSENT, "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert set(doc) == {"plan", "verdict", "findings", "stale_acknowledgements"}
    assert doc["plan"] == "Deployment without host consent"
    assert doc["stale_acknowledgements"] == []
    first = doc["findings"][0]
    assert set(first) == {"rule", "subject", "subject_text", "principle", "severity",
                          "message", "instead", "cites", "acknowledged"}
    assert (first["rule"], first["principle"], first["severity"]) == \
        ("CONSENT-001", "consent", "blocker")
    assert first["acknowledged"] is None and first["subject"] is None
    party_finding = doc["findings"][1]      # a party in talks that withholds consent
    assert party_finding["rule"] == "CONSENT-009"
    assert party_finding["subject"].startswith("party:")
    assert party_finding["subject_text"] == party_finding["subject"]
    assert first["subject_text"] is None
    assert all(set(c) == {"node", "quote"} for c in first["cites"])
    assert first["cites"][0]["node"] == "principles.consent"


SECTOR_EAST = EXAMPLES / "sector-east-2024.pkplan.json"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "indicator “Attacks on IDP sites”"),
    ("fr", "indicateur «\u00a0Attacks on IDP sites\u00a0»")])
def test_check_json_names_an_indicator_by_its_words_and_keeps_its_uid(
        tmp_path: Path, lang: str, words: str) -> None:
    data = json.loads(SECTOR_EAST.read_text(encoding="utf-8"))
    data["plan"].setdefault("acknowledgements", []).append(
        {"rule": "LOOP-003", "subject": "objective:se-obj-ddr", "reason": "Held late."})
    path = tmp_path / "stale.pkplan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run_ = subprocess.run([sys.executable, "-m", "pkdesk", "check", str(path), "--format",
                           "json", "--lang", lang], capture_output=True, text=True, timeout=60)
    assert run_.stderr == ""
    doc = json.loads(run_.stdout)
    found = next(f for f in doc["findings"] if f["subject"] == "indicator:se-ind-attacks")
    assert found["subject_text"] == words
    assert all("se-ind-" not in (f["subject_text"] or "") for f in doc["findings"])
    stale = doc["stale_acknowledgements"][-1]
    assert stale["subject"] == "objective:se-obj-ddr"
    assert "Combatants leave the armed groups and stay out" in stale["subject_text"]


def test_check_text_reads_like_a_linter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", NO_CONSENT)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "CONSENT-001  blocker  consent"
    assert lines[1].startswith('  Host-state consent is "withdrawn"')
    assert lines[2].startswith("  Instead: ")
    assert lines[3] == ('  Rests on: Consent of the Parties: "Without consent, peacekeeping '
                        'missions risk being perceived as interventions rather than supportive '
                        'efforts aimed at maintaining peace."')
    assert lines[-1] == "Deployment without host consent: blocked (1 blocker, 2 warnings, 1 advice)"


def test_check_shows_acknowledgements(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(Path(SOUND).read_text())
    doc["plan"]["climate_risks"] = ""
    doc["plan"]["acknowledgements"] = [{"rule": "CLIMATE-001", "reason": "see <annex> B"}]
    path = tmp_path / "ack.pkplan.json"
    path.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert "  Acknowledged: see <annex> B" in out.splitlines()
    _, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert json.loads(out)["findings"][0]["acknowledged"] == "see <annex> B"


@pytest.mark.parametrize(("content", "message"), [
    (b"not json", "bad.json: not a pkdesk plan file (invalid JSON"),
    (b"[" * 50_000, "bad.json: nested more than 64 levels deep"),
    (b'{"format": "pkdesk.plan", "version": 9, "plan": {"title": "x"}}',
     "bad.json: version: expected 1 or 2 or 3 (got 9)"),
    (b'{"format": "pkdesk.plan", "version": 1, "plan": {"title": "x", "use_of_force": "all"}}',
     "bad.json: plan.use_of_force: expected one of self_defence, defence_of_mandate, offensive"),
])
def test_check_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"pkdesk: {message}")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_check_missing_file_and_bad_rule_pack_exit_2(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "none.json"))
    assert code == 2 and "cannot read plan file" in err
    rules = tmp_path / "rules.json"
    rules.write_text('{"format": "pkdesk.rules", "version": 1, "rules": [{"id": "X-001"}]}')
    code, _, err = run(capsys, "check", SOUND, "--rules", str(rules))
    assert code == 2 and err.startswith("pkdesk: rules.json: rules[0] (X-001).principle")


def test_import_list_export_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "plans.sqlite3")
    code, out, _ = run(capsys, "--db", db, "plan", "import", SOUND, "--format", "json")
    assert code == 0
    imported = json.loads(out)
    assert imported["uid"] == "example-unoci-2004" and imported["renamed_from"] is None
    code, out, _ = run(capsys, "--db", db, "plan", "list", "--format", "json")
    listed = json.loads(out)
    assert [(p["id"], p["title"], p["revision"], p["parent_uid"]) for p in listed] == \
        [(imported["id"], imported["title"], 1, None)]
    target = tmp_path / "out" / "back.pkplan.json"
    target.parent.mkdir()
    code, out, _ = run(capsys, "--db", db, "plan", "export", str(imported["id"]), "-o", str(target))
    assert code == 0 and str(target) in out
    assert read_plan_file(target) == read_plan_file(Path(SOUND))


def test_importing_the_same_file_twice_says_it_gave_a_new_uid(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "plans.sqlite3")
    run(capsys, "--db", db, "plan", "import", SOUND)
    code, out, _ = run(capsys, "--db", db, "plan", "import", SOUND)
    assert code == 0
    assert "a plan with uid example-unoci-2004 was already stored; the import was given the " \
           "new uid" in out
    code, out, _ = run(capsys, "--db", db, "plan", "list")
    assert len(out.splitlines()) == 2


def test_a_bad_import_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "plans.sqlite3"
    bad = tmp_path / "bad.pkplan.json"
    bad.write_text('{"format": "pkdesk.plan", "version": 1, "plan": {"title": ""}}')
    code, out, err = run(capsys, "--db", str(db_path), "plan", "import", str(bad))
    assert (code, out) == (2, "")
    assert err == 'pkdesk: bad.pkplan.json: plan.title: expected non-empty text (got "")\n'
    database = open_library(db_path)
    try:
        assert PlanRepository(database).list() == []
    finally:
        database.close()


def test_plan_command_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "plans.sqlite3")
    code, _, err = run(capsys, "--db", db, "plan", "export", "7", "-o", str(tmp_path / "x.json"))
    assert (code, err) == (2, "pkdesk: no plan with id 7\n")
    assert not (tmp_path / "x.json").exists()
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "plan"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "plan", "export", "seven", "-o", "x.json"])
    assert exit_.value.code == 2


def test_empty_list_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(tmp_path / "p.sqlite3"), "plan", "list")
    assert (code, out) == (0, "no plans\n")


def test_check_runs_as_a_real_process() -> None:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pkdesk", "check", NO_CONSENT, "--format", "json"],
                          capture_output=True, env=env, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout.decode("utf-8"))["findings"][0]["rule"] == "CONSENT-001"
    bad = subprocess.run([sys.executable, "-m", "pkdesk", "check", "/nonexistent/plan.json"],
                         capture_output=True, env=env, timeout=60)
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr


def _unoci_with(tmp_path: Path, name: str, **plan_fields: object) -> str:
    doc = json.loads(Path(SOUND).read_text())
    doc["plan"].update(plan_fields)
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False))
    return str(path)


def test_acknowledging_one_party_does_not_cover_a_new_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The audit's case: party A's reason must not show on a party added later."""
    doc = json.loads(Path(SOUND).read_text())
    parties = doc["plan"]["parties"] + [{"name": "Party A"}, {"name": "Party B"}]
    acks = [{"rule": "IMPARTIALITY-001", "subject": "party:Party A",
             "reason": "Party A is reached through the AU channel"}]
    path = _unoci_with(tmp_path, "ack.pkplan.json", parties=parties, acknowledgements=acks)
    code, out, _ = run(capsys, "check", path, "--format", "json")
    doc = json.loads(out)
    unengaged = {f["subject"]: f["acknowledged"] for f in doc["findings"]
                 if f["rule"] == "IMPARTIALITY-001"}
    assert unengaged == {"party:Party A": "Party A is reached through the AU channel",
                         "party:Party B": None}
    assert doc["verdict"] == "needs_attention" and doc["stale_acknowledgements"] == []


def test_an_old_rule_wide_acknowledgement_is_kept_reported_and_covers_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(Path(SOUND).read_text())
    parties = doc["plan"]["parties"] + [{"name": "Party A"}]
    acks = [{"rule": "IMPARTIALITY-001", "reason": "Party A is reached through the AU channel"}]
    path = _unoci_with(tmp_path, "old.pkplan.json", parties=parties, acknowledgements=acks)
    code, out, _ = run(capsys, "check", path, "--format", "json")
    doc = json.loads(out)
    finding = next(f for f in doc["findings"] if f["rule"] == "IMPARTIALITY-001")
    assert finding["acknowledged"] is None and finding["subject"] == "party:Party A"
    assert doc["stale_acknowledgements"] == [
        {"rule": "IMPARTIALITY-001", "subject": None, "subject_text": None,
         "problem": "needs_subject", "by": "", "at": "",
         "reason": "Party A is reached through the AU channel"}]
    code, out, _ = run(capsys, "check", path)
    assert ("IMPARTIALITY-001: this acknowledgement names no finding, and IMPARTIALITY-001 gives "
            "one finding per party or strategy, so it applies to none of them; acknowledge each "
            "finding again. Reason given: Party A is reached through the AU channel") in out
    exported = tmp_path / "again.pkplan.json"
    from pkdesk.core.plan.file import read_plan_file, write_plan_file

    write_plan_file(read_plan_file(Path(path)), exported)        # kept, never dropped
    assert json.loads(exported.read_text())["plan"]["acknowledgements"] == [
        {"rule": "IMPARTIALITY-001", "reason": "Party A is reached through the AU channel",
         "by": "", "at": ""}]
