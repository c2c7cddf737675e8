"""Hypothesis: any output path, however it is spelled (dots, doubled slashes, links to the
database or to the backups folder, a FIFO, case changes, odd bytes), either is refused with
one line or is written as a new owner-only file; the database, its side files, its backups
and the FIFO are never changed (issue 9, items 1 and 15)."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkdesk.core.errors import InputError
from pkdesk.store.output_guard import check_output_path, protect_database, write_private_file

DB = "pkdesk.sqlite3"
BACKUP = "pkdesk-20261125T101500Z-00000000000000ff.sqlite3"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """home/pkdesk.sqlite3 (+ -wal, -shm), home/backups/<one backup>, a FIFO, a folder, and
    links to each of them; out/ is where writes may land."""
    root = tmp_path_factory.mktemp("guard")
    home = root / "home"
    (home / "backups").mkdir(parents=True)
    (home / DB).write_bytes(b"SQLite format 3\x00database")
    for side in ("-wal", "-shm"):
        (home / (DB + side)).write_bytes(b"side" + side.encode())
    (home / "backups" / "pkdesk-20261125T101500Z-00000000000000ff.sqlite3").write_bytes(b"bk")
    os.mkfifo(home / "pipe")
    out = root / "out"
    out.mkdir()
    for name, target in {"to-db": home / DB, "to-wal": home / (DB + "-wal"),
                         "to-journal": home / (DB + "-journal"), "to-backups": home / "backups",
                         "to-home": home, "to-pipe": home / "pipe", "to-out": out,
                         "loop": out / "loop"}.items():
        (out / name).symlink_to(target)
    os.link(home / DB, out / "hard-db")
    protect_database(home / DB)
    yield root


def _snapshot(root: Path) -> dict[str, str]:
    home = root / "home"
    found = {}
    for p in [*home.iterdir(), *(home / "backups").iterdir()]:
        mode = os.lstat(p).st_mode
        found[p.name] = (hashlib.sha256(p.read_bytes()).hexdigest() if stat.S_ISREG(mode)
                         else stat.filemode(mode))
    return found


PARTS = st.sampled_from([DB, DB + "-wal", DB + "-shm", DB + "-journal", DB.upper(), "backups",
                         "BACKUPS", "home", "out", "..", ".", "", "pipe", "to-db", "to-wal",
                         "to-journal", "to-backups", "to-home", "to-pipe", "to-out", "loop",
                         "hard-db", "report.pdf", "pkdesk-20261125T101500Z-00000000000000ff.sqlite3"])
NAMES = st.one_of(PARTS, PARTS, PARTS, st.text(min_size=1, max_size=12))


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(start=st.sampled_from(["out", "home", "home/backups", ""]),
       parts=st.lists(NAMES, min_size=0, max_size=4))
def test_any_output_path_is_refused_or_written_owner_only(tree: Path, start: str,
                                                          parts: list[str]) -> None:
    before = _snapshot(tree)
    path = os.path.join(str(tree / start), *parts) if parts else str(tree / start)
    data = b"%PDF-1.4 fuzz\n"
    try:
        written = write_private_file(path, data)
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message
    else:
        assert written.read_bytes() == data
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        home = (tree / "home").resolve()
        assert written.parent != home or written.name.casefold() not in {
            n.casefold() for n in (DB, DB + "-wal", DB + "-shm", DB + "-journal")}
        assert not written.is_relative_to(home / "backups")
    after = _snapshot(tree)         # new files beside the database are fine; not in backups/
    assert {k: after.get(k) for k in before} == before
    assert sorted((tree / "home" / "backups").iterdir()) == [tree / "home" / "backups" / BACKUP]
    assert stat.S_ISFIFO(os.stat(tree / "home" / "pipe").st_mode)


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=20))
def test_the_check_alone_never_raises_anything_but_input_error(name: str) -> None:
    try:
        result = check_output_path(name)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc).replace(name, "")
    else:
        assert result.is_absolute()
