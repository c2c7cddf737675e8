"""`pkdesk backup`, `restore` and `doctor` end to end, in-process through cli.main."""

import json
import sqlite3
from pathlib import Path

import pytest

from pkdesk.cli import main
from pkdesk.store.library import open_library
from tests.store.safety_support import add_plan, plan_titles


@pytest.fixture
def dbfile(db_path: Path) -> Path:
    db = open_library(db_path)
    add_plan(db, "Opération Harmattan")
    db.close()
    return db_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_prints_the_path_and_list_shows_it(dbfile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(dbfile), "backup")
    assert (code, err) == (0, "")
    path = Path(out.strip())
    assert path.parent == dbfile.parent / "backups" and path.is_file()
    code, out, _ = run(capsys, "--db", str(dbfile), "backup", "--list")
    assert code == 0 and str(path) in out and "1 plan(s)" in out
    code, out, _ = run(capsys, "--db", str(dbfile), "backup", "--list", "--format", "json")
    listed = json.loads(out)
    assert listed[0]["path"] == str(path) and listed[0]["plans"] == 1


def test_backup_to_a_chosen_file_then_restore_it(dbfile: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "envoi.sqlite3"
    code, out, _ = run(capsys, "--db", str(dbfile), "backup", "-o", str(out_file))
    assert code == 0 and out.strip() == str(out_file)
    db = open_library(dbfile)
    add_plan(db, "later")
    db.close()
    code, out, err = run(capsys, "--db", str(dbfile), "restore", str(out_file))
    assert code == 0, err
    assert "previous data kept in backup" in out
    assert plan_titles(dbfile) == ["Opération Harmattan"]


def test_backup_refuses_to_overwrite(dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "keep.txt"
    existing.write_text("mine")
    code, _, err = run(capsys, "--db", str(dbfile), "backup", "-o", str(existing))
    assert code == 2 and "already exists" in err and err.count("\n") == 1
    assert existing.read_text() == "mine"


def test_doctor_exit_codes(dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(dbfile), "doctor")
    assert code == 0 and "healthy" in out and "integrity_check passed" in out
    code, out, _ = run(capsys, "--db", str(dbfile), "doctor", "--format", "json")
    assert code == 0 and json.loads(out)["healthy"] is True
    code, _, err = run(capsys, "--db", str(tmp_path / "absent.sqlite3"), "doctor")
    assert code == 2 and "no database at" in err


def _truncated(p: Path) -> None:
    p.write_bytes(p.read_bytes()[:5000])


def _overwritten(p: Path) -> None:
    data = bytearray(p.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096: page * 4096 + 16] = b"\xa5" * 16
    p.write_bytes(bytes(data))


def _foreign(p: Path) -> None:
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)


def _newer(p: Path) -> None:
    with sqlite3.connect(p) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()


def _empty(p: Path) -> None:
    p.write_bytes(b"")


@pytest.mark.parametrize("damage", [_truncated, _overwritten, _foreign, _newer, _empty])
def test_bad_database_files_give_one_line_and_stay_unchanged(
        dbfile: Path, damage: object, capsys: pytest.CaptureFixture[str]) -> None:
    damage(dbfile)  # type: ignore[operator]
    before = dbfile.read_bytes()
    code, out, err = run(capsys, "--db", str(dbfile), "doctor")
    assert code == 1 and "FAIL" in out and err == ""
    assert dbfile.read_bytes() == before
    if damage is _empty:
        return  # an empty file is a new database for every other command (see test_integrity)
    for argv in (["search", "consent"], ["reference"], ["backup"]):
        code, out, err = run(capsys, "--db", str(dbfile), *argv)
        assert code == 2, argv
        assert err.startswith("pkdesk: ") and err.count("\n") == 1, err
        assert "Traceback" not in err
        assert dbfile.read_bytes() == before


def test_restore_of_garbage_is_one_line(dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00\x10" + b"\x01" * 200)
    before = dbfile.read_bytes()
    code, _, err = run(capsys, "--db", str(dbfile), "restore", str(junk))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert dbfile.read_bytes() == before


def test_a_pkdesk_file_whose_marker_is_lost_is_not_called_another_programs(
        dbfile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Damage can erase the marker row: the CLI must not claim the file is someone else's,
    and must still say how to get the work back."""
    assert run(capsys, "--db", str(dbfile), "backup")[0] == 0
    with sqlite3.connect(dbfile) as conn:
        conn.execute("DELETE FROM app_meta WHERE key = 'application'")
    conn.close()
    code, out, err = run(capsys, "--db", str(dbfile), "reference")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "is not a pkdesk database, or is too damaged to tell" in err
    assert "belongs to another program" not in err
    assert "To restore the latest good backup run: pkdesk restore " in err
    code, out, _ = run(capsys, "--db", str(dbfile), "doctor")
    assert code == 1
    schema = next(line for line in out.splitlines() if "schema" in line)
    assert schema.startswith("FAIL") and "too damaged to tell" in schema
    assert "pkdesk restore " in schema
