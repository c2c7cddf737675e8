"""`pkdesk data import` and `pkdesk data list`, run as the real command: all or nothing, a
message per bad row by row and column, exit 2 with the plan untouched (stored: no new
revision; file: the same bytes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pkdesk.cli import main
from pkdesk.core.plan.file import read_plan_file, write_plan_file
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from tests.dataimport.samples import INCIDENTS_UID, PATROLS_UID, sample_plan, write_csv, write_xlsx

GOOD = "Date;Valeur;Remarque\n31/03/2025;12;first\n\n30/04/2025;1 234,5;second\n"
BAD = "Date,Value\n2025-03-31,12\n2025-02-30,3\n2025-04-30,many\n"


def pkdesk(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PKDESK_LANG="en")
    argv = [sys.executable, "-m", "pkdesk", *(["--db", str(db)] if db else []), *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "sector-east.pkplan.json"
    write_plan_file(sample_plan(), path)
    return path


def _incidents(path: Path) -> list[tuple[str, float, str]]:
    ind = read_plan_file(path).performance.objectives[0].indicators[0]
    return [(p.date, p.value, p.note) for p in ind.data]


def test_import_into_a_plan_file(tmp_path: Path, plan_file: Path) -> None:
    data = write_csv(tmp_path / "field.csv", GOOD, "cp1252")
    proc = pkdesk("data", "import", str(plan_file), str(data), "--indicator", INCIDENTS_UID)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "2 rows read, 1 empty rows skipped, 0 already in the plan, 0 bad rows" in proc.stdout
    assert "columns: date = 'Date', value = 'Valeur', note = 'Remarque'" in proc.stdout
    assert proc.stdout.rstrip().endswith(
        "imported 2 data points from field.csv into sector-east.pkplan.json")
    assert _incidents(plan_file) == [("2025-03-31", 12, "first"), ("2025-04-30", 1234.5, "second")]
    again = pkdesk("data", "import", str(plan_file), str(data), "--indicator",
                   "attacks on IDP sites in sector east")
    assert again.returncode == 0
    assert "2 already in the plan" in again.stdout and len(_incidents(plan_file)) == 2


def test_bad_rows_exit_2_and_the_file_is_untouched(tmp_path: Path, plan_file: Path) -> None:
    before = plan_file.read_bytes()
    data = write_csv(tmp_path / "field.csv", BAD)
    proc = pkdesk("data", "import", str(plan_file), str(data), "--indicator", INCIDENTS_UID)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "pkdesk: row 3, column 'Date': '2025-02-30': there is no day 30 in month 2",
        "pkdesk: row 4, column 'Value': 'many' is not a number",
        "pkdesk: nothing written: 2 bad rows (--skip-bad-rows imports the others)"]
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert plan_file.read_bytes() == before


def test_stored_plan_gets_one_revision_or_none(tmp_path: Path) -> None:
    db_path = tmp_path / "pkdesk.sqlite3"
    db = open_library(db_path)
    repo = PlanRepository(db)
    plan_id = repo.create(sample_plan())
    db.close()
    bad = write_csv(tmp_path / "bad.csv", BAD)
    proc = pkdesk("data", "import", str(plan_id), str(bad), "--indicator", INCIDENTS_UID,
                  db=db_path)
    assert proc.returncode == 2 and "row 3, column 'Date'" in proc.stderr
    good = write_xlsx(tmp_path / "field.xlsx", [["Indicator", "Date", "Value", "By"],
                                                [INCIDENTS_UID, "2025-03-31", 4, "Amina"],
                                                [PATROLS_UID, "31/03/2025", 40, "Amina"]])
    proc = pkdesk("data", "import", str(plan_id), str(good), "--indicator-column", "Indicator",
                  "--author", "amina", db=db_path)
    assert proc.returncode == 0, proc.stderr
    db = open_library(db_path)
    try:
        repo = PlanRepository(db)
        revisions = repo.revisions(plan_id)
        assert len(revisions) == 2      # created, then the one import (the bad one added none)
        assert revisions[-1].summary == "imported 2 data points from field.xlsx"
        stored = repo.get(plan_id)
    finally:
        db.close()
    incidents, patrols = (o.indicators[0] for o in stored.performance.objectives)
    assert [(p.date, p.value, p.recorded_by) for p in incidents.data] == [
        ("2025-03-31", 4, "Amina")]
    assert [p.value for p in patrols.data] == [40]


def test_more_than_20_bad_rows_are_counted(tmp_path: Path, plan_file: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "field.csv",
                     "Date,Value\n" + "".join(f"2025-03-{d:02d},x\n" for d in range(1, 31)))
    code = main(["data", "import", str(plan_file), str(data), "--indicator", INCIDENTS_UID])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert len(err) == 22
    assert err[19] == "pkdesk: row 21, column 'Value': 'x' is not a number"
    assert err[20] == "pkdesk: and 10 more problems"
    assert err[21] == "pkdesk: nothing written: 30 bad rows (--skip-bad-rows imports the others)"


def test_skip_bad_rows_and_dry_run(tmp_path: Path, plan_file: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "field.csv", BAD)
    before = plan_file.read_bytes()
    code = main(["data", "import", str(plan_file), str(data), "--indicator", INCIDENTS_UID,
                 "--skip-bad-rows", "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and plan_file.read_bytes() == before
    assert "skipped 2 bad rows:\n  row 3, column 'Date'" in out
    assert out.rstrip().endswith("dry run: 1 data point would be imported; nothing written")
    code = main(["data", "import", str(plan_file), str(data), "--indicator", INCIDENTS_UID,
                 "--skip-bad-rows", "--format", "json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["written"] and result["imported"] == 1
    assert [(p["row"], p["column"]) for p in result["problems"]] == [(3, "Date"), (4, "Value")]
    assert _incidents(plan_file) == [("2025-03-31", 12, "")]


def test_ambiguous_dates_say_which_option(tmp_path: Path, plan_file: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "field.csv", "Date,Value\n03/04/2025,1\n05/06/2025,2\n")
    code = main(["data", "import", str(plan_file), str(data), "--indicator", INCIDENTS_UID])
    assert code == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "pkdesk: dates such as '03/04/2025' (row 2) could be day first or month first; say "
        "which order the file uses (--day-first or --month-first)")
    code = main(["data", "import", str(plan_file), str(data), "--indicator", INCIDENTS_UID,
                 "--month-first"])
    assert code == 0 and [d for d, _v, _n in _incidents(plan_file)] == ["2025-03-04",
                                                                       "2025-05-06"]


def test_unreadable_inputs_are_one_line(tmp_path: Path, plan_file: Path) -> None:
    before = plan_file.read_bytes()
    garbage = tmp_path / "field.xlsx"
    garbage.write_bytes(b"PK\x03\x04" + os.urandom(500))
    cases = [
        (["--indicator", INCIDENTS_UID], garbage, "pkdesk: field.xlsx: not a XLSX file"),
        (["--indicator", "Rainfall"], write_csv(tmp_path / "a.csv", BAD),
         "pkdesk: no indicator 'Rainfall' in the plan (give its uid or its exact text)"),
        (["--indicator", INCIDENTS_UID, "--date-column", "When"],
         write_csv(tmp_path / "b.csv", BAD),
         "pkdesk: no column 'When' for the date (the file's columns: 'Date', 'Value')"),
        (["--indicator", INCIDENTS_UID], write_csv(tmp_path / "c.csv", "Jour,Taux\n"),
         "pkdesk: say which column holds the value (--value-column NAME; the file's columns: "
         "'Jour', 'Taux')"),
    ]
    for options, data, message in cases:
        proc = pkdesk("data", "import", str(plan_file), str(data), *options)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.splitlines()[0].startswith(message), proc.stderr
        assert "Traceback" not in proc.stderr
    assert plan_file.read_bytes() == before
    proc = pkdesk("data", "import", str(plan_file), str(tmp_path / "a.csv"))
    assert proc.returncode == 2 and "one of the arguments --indicator --indicator-column is " \
        "required" in proc.stderr


def test_french(tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "field.csv", BAD)
    code = main(["data", "import", str(plan_file), str(data), "--indicator", INCIDENTS_UID,
                 "--lang", "fr"])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[1] == "pkdesk: ligne 4, colonne «\u00a0Value\u00a0»\u00a0: «\u00a0many\u00a0» " \
        "n’est pas un nombre"
    assert err[2] == "pkdesk: rien n’est écrit\u00a0: 2 lignes erronées (--skip-bad-rows " \
        "importe les autres)"


def test_data_list(tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "list", str(plan_file)]) == 0
    assert capsys.readouterr().out == "no data points\n"
    main(["data", "import", str(plan_file), str(write_csv(tmp_path / "f.csv", GOOD)),
          "--indicator", INCIDENTS_UID])
    capsys.readouterr()
    assert main(["data", "list", str(plan_file), "--indicator", INCIDENTS_UID]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Attacks on IDP sites in Sector East ({INCIDENTS_UID}): 2 data points",
        "  2025-03-31            12  first",
        "  2025-04-30        1234.5  second"]
    assert main(["data", "list", str(plan_file), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [len(i["data"]) for i in listed] == [2, 0]


def test_a_plan_file_never_outgrows_its_limit(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from pkdesk.core.plan.file import MAX_PLAN_BYTES
    from tests.dataimport.samples import plan_with_indicators

    path = tmp_path / "many.pkplan.json"
    write_plan_file(plan_with_indicators(5), path)
    before = path.read_bytes()
    note = "patrol report from the team site as the field officer wrote it on the day " * 2
    lines = ["Indicator,Date,Value,Note"] + [f"ind-{i % 5},{_day(i // 5)},{i},{note}"
                                             for i in range(40_000)]
    data = write_csv(tmp_path / "big.csv", "\n".join(lines) + "\n")
    code = main(["data", "import", str(path), str(data), "--indicator-column", "Indicator"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("pkdesk: many.pkplan.json: with these points the plan file would be ")
    assert f"a plan file may be at most {MAX_PLAN_BYTES // 2**20} MiB" in err
    assert path.read_bytes() == before


def _day(n: int) -> str:
    import datetime as dt

    return (dt.date(2000, 1, 1) + dt.timedelta(days=n)).isoformat()
