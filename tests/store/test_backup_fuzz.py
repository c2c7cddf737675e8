"""Hypothesis: any bytes given to restore or found among the backups give a clear error or work.

Never a crash, never a traceback-worthy exception, and the current database is unchanged
unless the restore succeeded.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkdesk.core.errors import PkdeskError
from pkdesk.store.backup import backup_dir, list_backups
from pkdesk.store.db import Database
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
    db = Database.open(path)
    add_plan(db, "original")
    db.close()
    spare = folder / "spare.sqlite3"
    db = Database.open(path)
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
            Database.open(db_path).close()  # what was restored opens cleanly


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
