"""`pkdesk assess PLAN [--format text|json] [--date YYYY-MM-DD]`: on a file and a stored plan,
French, and bad input (one line, exit 2)."""

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

EXAMPLE = str(EXAMPLES / "sector-east-2024.pkplan.json")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_on_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess", EXAMPLE, "--date", "2026-02-10")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("(MONUSCO-like, 2024-2025): assessment on 2026-02-10")
    assert lines[1] == "Next review due: 2026-07-01"
    assert "1. Fewer attacks on IDP sites in Djugu and Mahagi (Protect civilians): " \
           "suggested at risk" in lines
    assert ("  - IDP sites with a mission base within 5 km: at risk; latest 78 % of sites on "
            "2025-12-31, target line 80 % of sites, improving") in lines
    assert "  objective 3  at risk     at risk     at risk     at risk" in lines
    assert any(line.startswith("  2025-07-04 (objective 1): Branch a scenario") and
               line.endswith("[branched scenario sector-east-2024-two-bases]") for line in lines)
    assert sum(line.startswith("  LOOP-005  advice  ") for line in lines) == 4


def test_json_output_is_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", EXAMPLE, "--format", "json", "--date", "2026-07-02")
    doc = json.loads(out)
    assert code == 0
    assert (doc["format"], doc["version"], doc["date"]) == ("pkdesk.assessment", 1,
                                                           "2026-07-02")
    assert doc["next_review_due"] == "2026-07-01" and doc["overdue_reviews"] == ["2026-07-01"]
    # quarterly data from 2025-12-31 is 183 days old: only the half-yearly one still counts
    assert [o["suggested"] for o in doc["objectives"]] == ["no_data", "no_data", "at_risk",
                                                         "no_data"]
    assert [r["date"] for r in doc["reviews"]] == ["2024-07-08", "2025-01-10", "2025-07-04",
                                                   "2026-01-09"]
    assert doc["objectives"][2]["ratings"][3] == {
        "rating": "at_risk", "suggested": "off_track",
        "reason": "Disputes settled rose every quarter and women now hold 29% of committee "
                  "seats; the target of 40 was set before the Mahagi committees existed."}
    assert {f["rule"] for f in doc["findings"]} == {"LOOP-003", "LOOP-005"}


def test_a_stored_plan_is_assessed_like_its_file(capsys: pytest.CaptureFixture[str],
                                                 db_path: Path) -> None:
    db = open_library(db_path)
    try:
        plan_id = PlanRepository(db).create(read_plan_file(Path(EXAMPLE)))
    finally:
        db.close()
    _, from_file, _ = run(capsys, "assess", EXAMPLE, "--format", "json", "--date", "2026-01-20")
    code, stored, err = run(capsys, "--db", str(db_path), "assess", str(plan_id), "--format",
                            "json", "--date", "2026-01-20")
    assert (code, err) == (0, "")
    assert json.loads(stored) == json.loads(from_file)
    assert json.loads(stored)["findings"] == []


def test_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", EXAMPLE, "--date", "2026-07-02", "--lang", "fr")
    assert code == 0
    assert out.splitlines()[0].endswith("\u00a0: évaluation au 2 juillet 2026")
    assert "Prochaine revue prévue\u00a0: 1er juillet 2026 (en retard)" in out
    assert "La revue prévue le 2026-07-01 n’a pas eu lieu" in out


def test_a_plan_without_performance_says_what_to_add(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(EXAMPLES / "unoci-2004.pkplan.json"))
    assert code == 0
    assert "Next review due: none (set the plan's start date" in out
    assert "No worded objective yet" in out and "No review held yet." in out


def test_text_from_the_plan_is_shown_literally(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    doc = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    doc["plan"]["performance"]["objectives"][0]["text"] = "<b>Bold</b> &amp; {rating}"
    path = tmp_path / "odd.pkplan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run(capsys, "assess", str(path), "--date", "2026-01-20")
    assert code == 0
    assert "1. <b>Bold</b> &amp; {rating} (Protect civilians): suggested at risk" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--date", "2026-02-30"], "argument --date: expected a date that exists, as YYYY-MM-DD"),
    (["--date", "30/01/2026"], "argument --date: expected a date as YYYY-MM-DD"),
    (["--format", "xml"], "argument --format: invalid choice"),
])
def test_bad_options_are_one_line_and_exit_2(argv: list[str], message: str) -> None:
    run_ = subprocess.run([sys.executable, "-m", "pkdesk", "assess", EXAMPLE, *argv],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PKDESK_LANG": "en"})
    assert run_.returncode == 2
    assert run_.stdout == ""
    assert len(run_.stderr.splitlines()) == 1 and message in run_.stderr
    assert "Traceback" not in run_.stderr


def test_a_bad_plan_file_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    doc = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    doc["plan"]["performance"]["reviews"][0]["ratings"][0]["objective"] = "nobody"
    path = tmp_path / "bad.pkplan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "assess", str(path))
    assert (code, out) == (2, "")
    assert err == ("pkdesk: bad.pkplan.json: plan.performance.reviews[0].ratings[0].objective: "
                   "no worded objective has uid nobody (plan.performance.objectives)\n")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_json_findings_name_their_subject_as_check_does(lang: str) -> None:
    """`assess --format json` gives each finding the `subject_text` that `check --format json`
    gives it (what a reader sees: the indicator's words), keeping the raw `subject` key."""
    def json_of(*argv: str) -> dict[str, object]:
        done = subprocess.run([sys.executable, "-m", "pkdesk", *argv, EXAMPLE, "--format",
                               "json", "--lang", lang], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "PKDESK_LANG": lang})
        assert (done.returncode, done.stderr) == (0, "")
        doc = json.loads(done.stdout)
        assert isinstance(doc, dict)
        return doc

    assessed, checked = json_of("assess"), json_of("check")   # both as on today
    findings = assessed["findings"]
    assert isinstance(findings, list) and isinstance(checked["findings"], list)
    by_subject = {(f["rule"], f["subject"]): f for f in checked["findings"]}
    about_items = [f for f in findings if f["subject"] is not None]
    assert about_items                                        # LOOP-005 on indicators
    for f in findings:
        assert "subject" in f and "subject_text" in f
        assert f["subject_text"] == by_subject[f["rule"], f["subject"]]["subject_text"]
    for f in about_items:
        assert f["subject"].startswith("indicator:")
        assert f["subject_text"] != f["subject"] and "indicator:" not in f["subject_text"]
