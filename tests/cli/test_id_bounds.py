"""Ids, revision numbers and limits too large for SQLite: one line, exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkdesk.cli import main
from pkdesk.cli.common import MAX_ID
from pkdesk.store.library import open_library
from tests.cli.test_reference_cli import assert_one_line_error

HUGE = "99999999999999999999999"
EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "unoci-2004.pkplan.json")


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ids") / "pkdesk.sqlite3"
    open_library(path).close()
    assert main(["--db", str(path), "plan", "import", EXAMPLE]) == 0
    return path


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:       # argparse's own exits
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


# argparse-typed arguments: "argument ID: expected a whole number from 1 to ..."
@pytest.mark.parametrize("argv", [
    ["search", "consent", "--limit", "99999999999999999999"],
    ["plan", "history", HUGE],
    ["plan", "export", HUGE, "-o", "{out}/x.pkplan.json"],
    ["plan", "restore", HUGE, "1"],
    ["plan", "restore", "1", HUGE],
    ["plan", "diff", HUGE, "1", "2"],
    ["plan", "diff", "1", HUGE, "2"],
    ["plan", "diff", "1", "1", HUGE],
    ["plan", "branch", HUGE],
    ["plan", "history", "0"],
    ["plan", "history", "-1"],
    ["plan", "history", "²"],               # isdigit() says yes, int() says no
    ["plan", "history", str(MAX_ID + 1)],
])
def test_out_of_range_number_arguments_are_refused_by_the_parser(
        filled_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        argv: list[str]) -> None:
    argv = [a.replace("{out}", str(tmp_path)) for a in argv]
    code, out, err = _run(capsys, ["--db", str(filled_db), *argv])
    assert_one_line_error(code, out, err, "expected a whole number from 1 to "
                          "9223372036854775807")
    assert not list(tmp_path.iterdir())     # nothing written


# PLAN arguments (a file or a stored id): the id is checked before the database is asked.
@pytest.mark.parametrize("argv", [
    ["check", HUGE],
    ["export", HUGE, "-o", "{out}/x.pdf"],
    ["stress", HUGE],
    ["compare", HUGE, EXAMPLE],
    ["export-compare", EXAMPLE, HUGE, "-o", "{out}/x.pdf"],
])
def test_huge_plan_ids_are_bad_input(filled_db: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    argv = [a.replace("{out}", str(tmp_path)) for a in argv]
    code, out, err = _run(capsys, ["--db", str(filled_db), *argv])
    assert_one_line_error(code, out, err, "not a stored plan id", "9223372036854775807")
    assert not list(tmp_path.iterdir())


def test_the_largest_id_is_accepted_and_simply_not_found(
        filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["--db", str(filled_db), "plan", "history", str(MAX_ID)])
    assert_one_line_error(code, out, err, str(MAX_ID))
    code, out, err = _run(capsys, ["--db", str(filled_db), "check", str(MAX_ID)])
    assert_one_line_error(code, out, err, str(MAX_ID))


def test_the_largest_limit_works(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["--db", str(filled_db), "search", "consent", "--limit",
                                   str(MAX_ID)])
    assert (code, err) == (0, "")
    assert "principles.consent" in out
