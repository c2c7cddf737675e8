"""Hypothesis: any bytes given to restore or found among the backups give a clear error or work.

Never a crash, never a traceback-worthy exception, and the current database is unchanged
unless the restore succeeded.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pkdesk.core.errors import PkdeskError
from pkdesk.store.backup import backup_dir, list_backups
from pkdesk.store.library import open_library
from pkdesk.store.restore import restore
from tests.store.safety_support import add_plan

HEADER = b"SQLite format 3\x00"


class Template(tuple[Path, bytes]):
    """(database path, good backup bytes), with a short repr: Hypothesis prints the fixture
    in a failing example, and 700 kB of bytes would bury the real error under a warning."""

    def __repr__(self) -> str:
        return f"Template({self[0].name}, {len(self[1])} bytes)"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "pkdesk.sqlite3"
    db = open_library(path)
    add_plan(db, "original")
    db.close()
    spare = folder / "spare.sqlite3"
    db = open_library(path)
    from pkdesk.store.backup import backup_now

    backup_now(path, spare)
    db.close()
    return Template((path, spare.read_bytes()))


def _mutations() -> st.SearchStrategy[bytes]:
    raw = st.binary(max_size=4096)
    with_header = st.binary(max_size=8192).map(lambda b: HEADER + b)
    return st.one_of(raw, with_header)


def _check_restore(template: tuple[Path, bytes], data: bytes) -> None:
    db_template, _ = template
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_path = folder / "pkdesk.sqlite3"
        shutil.copy(db_template, db_path)
        before = db_path.read_bytes()
        candidate = folder / "incoming.sqlite3"
        candidate.write_bytes(data)
        try:
            restore(db_path, candidate)
        except PkdeskError as exc:
            assert str(exc) and "\n" not in str(exc)
            assert db_path.read_bytes() == before
            # nothing beside the source either: no -wal/-shm (issue 9, item 15)
            assert {p.name for p in folder.iterdir()} == {"pkdesk.sqlite3", "incoming.sqlite3"}
        else:
            open_library(db_path).close()  # what was restored opens cleanly


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_mutations())
def test_random_bytes_as_a_backup_to_restore(template: tuple[Path, bytes], data: bytes) -> None:
    _check_restore(template, data)


FRACTION = st.floats(0, 1, exclude_max=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(FRACTION, st.integers(0, 255)), min_size=1, max_size=8),
       cut=st.none() | FRACTION)
def test_a_real_backup_with_bytes_flipped(template: tuple[Path, bytes],
                                          flips: list[tuple[float, int]], cut: float | None) -> None:
    _, good = template
    mutated = bytearray(good)
    for where, value in flips:
        mutated[int(where * len(mutated))] = value
    if cut is not None:
        mutated = mutated[: int(cut * len(mutated))]
    _check_restore(template, bytes(mutated))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_mutations())
def test_random_files_in_the_backups_folder_are_listed_not_fatal(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "pkdesk.sqlite3"
        folder = backup_dir(db_path)
        folder.mkdir()
        (folder / "pkdesk-20261125T101500Z-00000000000000ff.sqlite3").write_bytes(data)
        [info] = list_backups(db_path)
        assert info.plans is None or info.problem is None
        assert info.problem is None or "\n" not in info.problem


# Damaged schemas and rows (issue 9, item 5): a real database with tables or columns dropped,
# its schema revision removed or changed, or stored values replaced by values of any type.
# Whatever the damage: open, every plan read, doctor and restore either work or say one line
# (never a traceback), doctor calls healthy only what opens and reads cleanly, and a refused
# restore changes nothing.

_SCHEMA = __import__("pkdesk.store.schema", fromlist=["EXPECTED"]).EXPECTED
_HEAD = max(_SCHEMA)
_COLUMNS = sorted((t, c) for t, cols in _SCHEMA[_HEAD].items() if t != "ref_fts" for c in cols)
_VALUES = st.one_of(st.none(), st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False),
                    st.text(max_size=12), st.binary(max_size=8),
                    st.sampled_from(["garbage", "2026-13-45 99:99:99", "{}", "[" * 100, "0003",
                                     '{"format":"pkdesk.plan","version":1,"plan":{}}']))
_DAMAGE = st.one_of(
    st.sampled_from(sorted(_SCHEMA[_HEAD])).map(lambda t: f'DROP TABLE "{t}"'),
    st.sampled_from(_COLUMNS).map(lambda tc: f'ALTER TABLE "{tc[0]}" DROP COLUMN "{tc[1]}"'),
    st.just("DELETE FROM alembic_version"),
    st.tuples(st.sampled_from(_COLUMNS), _VALUES),
)


@pytest.fixture(scope="module")
def real_plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pkdesk.core.plan.file import read_plan_file
    from pkdesk.store.plan_repo import PlanRepository

    path = tmp_path_factory.mktemp("schema-fuzz") / "real.sqlite3"
    db = open_library(path)
    repo = PlanRepository(db)
    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.pkplan.json"))
    for example in examples[:2]:
        plan = read_plan_file(example)
        plan_id = repo.import_plan(plan).id
        repo.save(plan_id, plan, summary="saved again")
    repo.delete(1)
    db.close()
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def _apply(path: Path, damages: list[object]) -> bool:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    applied = False
    for damage in damages:
        try:
            if isinstance(damage, str):
                conn.execute(damage)
            else:
                (table, column), value = damage  # type: ignore[misc]
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = '
                             f'(SELECT min(rowid) FROM "{table}")', (value,))
            applied = True
        except (sqlite3.Error, OverflowError):
            continue    # SQLite refused this damage (a constraint): try the next
    conn.commit()
    conn.close()
    return applied


def _read_everything(path: Path) -> None:
    from pkdesk.store.plan_repo import PlanRepository

    db = open_library(path)
    try:
        repo = PlanRepository(db)
        ids = {p.id for p in repo.list()} | {1}
        for plan_id in ids:
            repo.get(plan_id) if plan_id != 1 else None
            for rev in repo.revisions(plan_id):
                repo.revision(plan_id, rev.number)
    finally:
        db.close()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damages=st.lists(_DAMAGE, min_size=1, max_size=3))
@example(damages=[(("plan_revision", "document"), b"")])    # a BLOB where a plan should be
@example(damages=[(("plan_revision", "number"), 9.223372036854776e+18)])   # past SQLite's INTEGER
@example(damages=[(("alembic_version", "version_num"), "0001")])    # a stamp set back
def test_damaged_schemas_and_rows_are_reported_not_crashed_on(real_plans: Path,
                                                              damages: list[object]) -> None:
    from hypothesis import assume

    from pkdesk.store.doctor import diagnose

    with tempfile.TemporaryDirectory() as tmp:
        bad = Path(tmp) / "damaged.sqlite3"
        shutil.copy(real_plans, bad)
        assume(_apply(bad, damages))
        damaged_bytes = bad.read_bytes()
        report = diagnose(bad)
        assert bad.read_bytes() == damaged_bytes
        assert all("\n" not in c.detail for c in report.checks)
        current = Path(tmp) / "current.sqlite3"
        shutil.copy(real_plans, current)
        try:
            restore(current, bad)
        except PkdeskError as exc:
            assert str(exc) and "\n" not in str(exc)
            assert current.read_bytes() == real_plans.read_bytes()
        else:
            _read_everything(current)   # what was restored reads cleanly
        try:
            _read_everything(bad)
        except PkdeskError as exc:
            assert str(exc) and "\n" not in str(exc)
            assert not report.healthy, f"doctor said healthy, yet: {exc}"
