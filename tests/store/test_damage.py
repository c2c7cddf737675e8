"""Damage that used to pass as health (issue 9, items 5-7): dropped tables, bad stored values,
deep documents, a marker-only file, a missing schema revision, flipped header bytes, a full disk.

Every damaged file is made here from a real pkdesk database; the CLI runs as a subprocess.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pkdesk.core.errors import InputError, StoreError
from pkdesk.store.db import SCHEMA_HEAD, _alembic_config
from pkdesk.store.library import open_library
from pkdesk.store.doctor import FAIL, diagnose
from pkdesk.store.integrity import NewerSchemaError, UnusableDatabaseError, environment_reason
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.restore import restore
from pkdesk.store.schema import EXPECTED

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "no-consent.pkplan.json"


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PKDESK_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "pkdesk", *args], env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A real database with one imported plan (two revisions)."""
    from pkdesk.core.plan.file import read_plan_file

    path = tmp_path / "good.sqlite3"
    db = open_library(path)
    repo = PlanRepository(db)
    plan = read_plan_file(EXAMPLE)
    plan_id = repo.import_plan(plan).id
    repo.save(plan_id, plan, summary="again")
    db.close()
    return path


def _damage(good: Path, name: str, *sql: str) -> Path:
    path = good.with_name(name)
    src = sqlite3.connect(good)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.execute("PRAGMA journal_mode = DELETE")
    dst.execute("PRAGMA foreign_keys = OFF")
    for statement in sql:
        dst.execute(statement)
    dst.commit()
    dst.close()
    return path


DAMAGES = {
    "no-revisions": ("DROP TABLE plan_revision",),
    "no-plans": ("DROP TABLE plan",),
    "no-column": ("DROP INDEX ix_plan_parent_uid", "DROP INDEX ix_plan_listed",
                  "ALTER TABLE plan DROP COLUMN parent_uid"),
    "garbage-date": ("UPDATE plan SET updated_at = 'garbage'",),
    "blob-title": ("UPDATE plan SET title = x'00ff'",),
}
NAMED = {"no-revisions": "table plan_revision is missing", "no-plans": "table plan is missing",
         "no-column": "column plan.parent_uid is missing",
         "garbage-date": "plan row 1, column updated_at: 'garbage' is not a date and time",
         "blob-title": "plan row 1, column title: b'\\x00\\xff' is not text"}


@pytest.mark.parametrize("kind", sorted(DAMAGES))
def test_a_damaged_schema_or_row_is_damage_at_open_doctor_and_restore(good: Path, kind: str,
                                                                     tmp_path: Path) -> None:
    bad = _damage(good, f"{kind}.sqlite3", *DAMAGES[kind])
    before = bad.read_bytes()
    with pytest.raises(UnusableDatabaseError) as raised:
        open_library(bad)
    assert NAMED[kind] in str(raised.value)
    assert bad.read_bytes() == before

    report = diagnose(bad)
    assert not report.healthy
    assert any(NAMED[kind] in c.detail for c in report.checks if c.status == FAIL)

    current = tmp_path / "current.sqlite3"
    current.write_bytes(good.read_bytes())
    kept = current.read_bytes()
    with pytest.raises(StoreError) as refused:
        restore(current, bad)
    assert NAMED[kind] in str(refused.value) and "nothing was changed" in str(refused.value)
    assert current.read_bytes() == kept


@pytest.mark.parametrize("command", [["plan", "list"], ["plan", "history", "1"],
                                     ["plan", "import", str(EXAMPLE)], ["doctor"]])
def test_cli_reports_a_dropped_table_as_damage_without_traceback(good: Path,
                                                                 command: list[str]) -> None:
    bad = _damage(good, "dropped.sqlite3", "DROP TABLE plan_revision")
    result = _cli(bad, *command)
    assert "Traceback" not in result.stderr
    if command == ["doctor"]:
        assert result.returncode == 1
        assert "FAIL" in result.stdout and "table plan_revision is missing" in result.stdout
    else:
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        assert "is damaged (table plan_revision is missing)" in result.stderr


def test_a_bad_value_met_while_reading_names_table_row_and_column(good: Path) -> None:
    # plan_revision is not read at open (it can be large): the read itself reports damage.
    bad = _damage(good, "bad-rev.sqlite3",
                  "UPDATE plan_revision SET created_at = 'yesterday' WHERE number = 2")
    db = open_library(bad)
    try:
        with pytest.raises(UnusableDatabaseError, match=r"plan_revision row 2, column "
                                                        r"created_at: 'yesterday' is not a date"):
            PlanRepository(db).revisions(1)
    finally:
        db.close()
    result = _cli(bad, "plan", "history", "1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "plan_revision row 2, column created_at" in result.stderr
    assert not diagnose(bad).healthy


def test_a_stored_document_nested_200000_deep_is_damage_not_recursion(good: Path) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    bad = _damage(good, "deep.sqlite3", f"UPDATE plan SET document = '{deep}'")
    db = open_library(bad)
    try:
        with pytest.raises(InputError, match="plan 1 is damaged: .*nested more than"):
            PlanRepository(db).get(1)
    finally:
        db.close()
    report = diagnose(bad)
    assert any("plan row 1, column document" in c.detail for c in report.checks
               if c.status == FAIL)


def _marker_only(path: Path, with_revision: bool) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE app_meta (key VARCHAR PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO app_meta VALUES ('application', 'pkdesk')")
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    if with_revision:
        conn.execute("INSERT INTO alembic_version VALUES (?)", (SCHEMA_HEAD,))
    conn.commit()
    conn.close()
    path.chmod(0o644)
    return path


def test_a_refused_marker_only_file_is_not_written_to(tmp_path: Path) -> None:
    path = _marker_only(tmp_path / "marker.sqlite3", with_revision=True)
    before = path.read_bytes()
    with pytest.raises(UnusableDatabaseError, match="damaged"):
        open_library(path)
    assert path.read_bytes() == before          # header bytes 18/19 still 1: not made WAL
    assert before[18:20] == b"\x01\x01"
    assert path.stat().st_mode & 0o777 == 0o644
    assert not path.with_name(path.name + "-wal").exists()


def test_a_missing_schema_revision_is_damage_not_a_newer_pkdesk(tmp_path: Path) -> None:
    path = _marker_only(tmp_path / "norev.sqlite3", with_revision=False)
    with pytest.raises(UnusableDatabaseError) as raised:
        open_library(path)
    assert not isinstance(raised.value, NewerSchemaError)
    assert "schema revision is missing" in str(raised.value)
    assert "newer" not in str(raised.value) and "None" not in str(raised.value)


@pytest.mark.parametrize("offset, value", [(18, 0x07), (19, 0xFE), (16, 0x03), (21, 0x41)])
def test_a_flipped_header_byte_is_damage_not_read_only(good: Path, offset: int,
                                                      value: int) -> None:
    data = bytearray(good.read_bytes())
    data[offset] = value
    good.write_bytes(bytes(data))
    with pytest.raises(UnusableDatabaseError) as raised:
        open_library(good)
    assert "damaged" in str(raised.value) and "read-only" not in str(raised.value)
    assert good.read_bytes() == bytes(data)
    result = _cli(good, "plan", "list") if offset == 18 else None
    if result is not None:
        assert result.returncode == 2 and "read-only" not in result.stderr
        assert "header" in result.stderr and "Traceback" not in result.stderr


def test_disk_full_says_so_and_names_the_folder(tmp_path: Path) -> None:
    # A real SQLITE_FULL: the database may not grow past its current pages.
    conn = sqlite3.connect(tmp_path / "full.sqlite3")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as raised:
        conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    conn.close()
    reason = environment_reason(raised.value, tmp_path / "full.sqlite3")
    assert reason == f"the disk is full: free space on {tmp_path} and try again"


def test_a_5000_digit_number_in_a_plan_file_is_one_whole_sentence(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    plan = tmp_path / "digits.pkplan.json"
    plan.write_text(text.replace('"personnel": ', '"personnel": ' + "9" * 5000 + ", \"x\": ", 1),
                    encoding="utf-8")
    assert "9" * 5000 in plan.read_text(encoding="utf-8")
    result = _cli(tmp_path / "db.sqlite3", "check", str(plan))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = result.stderr.strip()
    assert "set_int_max_str_digits" not in line
    assert "a number longer than 4300 digits" in line and line.endswith(")")


def test_expected_schema_matches_the_migrations(tmp_path: Path) -> None:
    from alembic import command

    for revision, tables in EXPECTED.items():
        path = tmp_path / f"r{revision}.sqlite3"
        from sqlalchemy import create_engine

        engine = create_engine(f"sqlite:///{path}")
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), revision)
        engine.dispose()
        raw = sqlite3.connect(path)
        found = {}
        for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                   "AND name NOT LIKE 'ref_fts_%' AND name NOT LIKE 'ref_title_fts_%' "
                                   "AND name NOT LIKE 'sqlite_%'"):
            found[name] = {r[1] for r in raw.execute(f'PRAGMA table_info("{name}")')}
        raw.close()
        assert found == {t: set(cols) for t, cols in tables.items()}, revision
    from pkdesk.store.db import _known_revisions

    assert set(EXPECTED) == _known_revisions()



@pytest.mark.parametrize("command", [["check"], ["plan", "history"], ["plan", "export", "-o",
                                                                      "out.json"]])
def test_a_5000_digit_id_argument_is_one_whole_sentence(tmp_path: Path,
                                                        command: list[str]) -> None:
    result = _cli(tmp_path / "db.sqlite3", *command, "9" * 5000)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "set_int_max_str_digits" not in result.stderr
    assert "a whole number from 1 to 9223372036854775807" in result.stderr


def test_schema_check_reads_each_tables_columns_once(good: Path) -> None:
    """A stamp set back asks two questions of each table (columns missing, columns of a later
    revision): its columns are read once for both, and the answer is the same."""
    from pkdesk.store.schema import schema_problems

    path = _damage(good, "set-back.sqlite3", "UPDATE alembic_version SET version_num = '0006'")
    conn = sqlite3.connect(path)
    reads: list[str] = []
    conn.set_trace_callback(lambda sql: reads.append(sql) if "table_info" in sql else None)
    try:
        problems = schema_problems(conn, "0006")
    finally:
        conn.close()
    # 0007 and 0008 added no table or column; 0009 and 0010 added one table each
    assert problems == ["table ref_title_fts is of a newer schema than its stamp 0006",
                        "table sync_deletion is of a newer schema than its stamp 0006"], problems
    assert sorted(reads) == sorted(set(reads)) and len(reads) == len(EXPECTED["0006"])
    damaged = _damage(good, "set-back-2.sqlite3",
                      "UPDATE alembic_version SET version_num = '0003'")
    conn = sqlite3.connect(damaged)
    try:
        later = schema_problems(conn, "0003")
    finally:
        conn.close()
    assert "table library is of a newer schema than its stamp 0003" in later
    assert "column plan_revision.rev_id is of a newer schema than its stamp 0003" in later
