import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from pkdesk.core.errors import StoreError
from pkdesk.store.backup import backup_now
from pkdesk.store.library import open_library
from pkdesk.store.doctor import FAIL, diagnose
from pkdesk.store.integrity import UnusableDatabaseError
from tests.store.safety_support import add_plan, page_size


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _overwrite_pages(path: Path) -> None:
    """Random bytes over the b-tree headers of a dozen pages (seeded: the same every run)."""
    rng = random.Random(6)
    data = bytearray(path.read_bytes())
    size = page_size(path)
    for page in rng.sample(range(1, len(data) // size), 12):
        data[page * size: page * size + 48] = rng.randbytes(48)
    path.write_bytes(bytes(data))


def _not_sqlite(path: Path) -> None:
    path.write_text("Rapport de mission\nCeci n'est pas une base de données.\n", encoding="utf-8")


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (_truncate, "damaged"),
    "overwritten": (_overwrite_pages, "damaged"),
    "not sqlite": (_not_sqlite, "not an SQLite file"),
    "newer schema": (_newer_schema, "newer version of pkdesk"),
}


@pytest.fixture
def filled(db_path: Path) -> Path:
    db = open_library(db_path)
    for i in range(30):
        add_plan(db, f"plan {i}", body="x" * 3000)  # several pages of plans
    db.close()   # checkpoints: everything is in the main file
    return db_path


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_file_is_refused_unchanged_with_one_line(filled: Path, kind: str) -> None:
    damage, match = DAMAGE[kind]
    damage(filled)
    before = filled.read_bytes()
    with pytest.raises(StoreError, match=match) as err:
        open_library(filled)
    assert "\n" not in str(err.value)
    assert filled.read_bytes() == before
    report = diagnose(filled)
    assert not report.healthy
    assert any(c.status == FAIL for c in report.checks)
    assert filled.read_bytes() == before


def test_the_error_names_the_latest_good_backup_to_restore(filled: Path) -> None:
    db = open_library(filled)
    older = backup_now(filled)
    db.close()
    latest_good = older
    _overwrite_pages(filled)
    with pytest.raises(UnusableDatabaseError) as err:
        open_library(filled)
    assert err.value.latest_backup == latest_good
    assert f"pkdesk restore {latest_good}" in str(err.value)
    assert "left unchanged" in str(err.value)


def test_without_backups_the_error_says_so(filled: Path) -> None:
    _truncate(filled)
    with pytest.raises(UnusableDatabaseError, match="no backup of it was found") as err:
        open_library(filled)
    assert err.value.latest_backup is None


def test_an_empty_file_becomes_a_new_database(db_path: Path) -> None:
    # A zero-byte file holds no data: it is what a kill between creating the file and
    # creating the schema leaves, so pkdesk starts a new database in it.
    db_path.write_bytes(b"")
    open_library(db_path).close()
    assert db_path.stat().st_size > 0


def test_doctor_reports_a_healthy_database(filled: Path) -> None:
    db = open_library(filled)
    backup_now(filled)
    db.close()
    report = diagnose(filled)
    assert report.healthy
    items = {c.item: c for c in report.checks}
    assert items["integrity"].status == "ok"
    assert items["plans"].detail == "30 plan(s)"
    assert "sections" in items["reference"].detail
    assert items["backups"].status == "ok"
    assert items["permissions"].status == "ok"


def test_doctor_finds_dangling_references(filled: Path) -> None:
    conn = sqlite3.connect(filled)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM plan WHERE id = 1")
        conn.commit()
    finally:
        conn.close()
    report = diagnose(filled)
    fk = next(c for c in report.checks if c.item == "foreign keys")
    assert fk.status == FAIL and "plan_revision" in fk.detail


def test_doctor_warns_about_loose_permissions_and_open_tightens_them(filled: Path) -> None:
    filled.chmod(0o644)
    report = diagnose(filled)
    assert next(c for c in report.checks if c.item == "permissions").status == "warn"
    open_library(filled).close()
    assert filled.stat().st_mode & 0o777 == 0o600
