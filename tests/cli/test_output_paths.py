"""Issue 9, item 1 and 15: no `-o` ever lands on the database, its side files, a backup or a
non-regular file; an empty `-o` is refused; every file pkdesk writes is owner-only.

The hostile targets are made here: FIFOs (os.mkfifo), folders, symbolic and hard links.
Refusals are checked in-process through cli.main (one line, exit 2, nothing changed);
permissions under umask 000 in a real `python -m pkdesk` subprocess.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pkdesk.cli import main
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.backup import backup_now
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from tests.checkout import REPO_ROOT
from tests.store.safety_support import plan_titles

EXAMPLES = REPO_ROOT / "examples"
PLAN = EXAMPLES / "unoci-2004.pkplan.json"
OTHER = EXAMPLES / "rwanda-1993.pkplan.json"
TITLE = [read_plan_file(PLAN).title]


@pytest.fixture
def dbfile(db_path: Path) -> Path:
    db = open_library(db_path)
    PlanRepository(db).create(read_plan_file(PLAN))
    db.close()
    backup_now(db_path)     # one file in backups/
    conn = sqlite3.connect(db_path)      # the last connection's close folds the -wal away
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    # (and the stamp of its clean close: store/checked_stamp.py)
    assert sorted(p.name for p in db_path.parent.glob(db_path.name + "*")) == [
        db_path.name, db_path.name + "-checked"]
    return db_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(db: Path) -> dict[Path, str]:
    """Every file beside the database (side files a reader left too) and in backups/."""
    return {p: _digest(p) for p in [*db.parent.glob(db.name + "*"),
                                    *(db.parent / "backups").iterdir()] if p.is_file()}


# Each writer, as the argv that sends its output to TARGET.
WRITERS: dict[str, Callable[[str], list[str]]] = {
    "export": lambda out: ["export", str(PLAN), "-o", out],
    "export-id": lambda out: ["export", "1", "-o", out],
    "export-reference": lambda out: ["export-reference", "principles", "-o", out],
    "export-compare": lambda out: ["export-compare", str(PLAN), str(OTHER), "-o", out],
    "export-stress": lambda out: ["export-stress", str(PLAN), "-o", out],
    "export-assessment": lambda out: ["export-assessment", str(PLAN), "-o", out],
    "plan-export": lambda out: ["plan", "export", "1", "-o", out],
    "notes-export": lambda out: ["notes", "export", "-o", out],
    "sync-export": lambda out: ["sync", "export", "--all", "-o", out],
}


def _database_targets(db: Path) -> dict[str, Path]:
    backup = next((db.parent / "backups").iterdir())
    return {"database": db, "wal": db.with_name(db.name + "-wal"),
            "shm": db.with_name(db.name + "-shm"),
            "journal": db.with_name(db.name + "-journal"), "backup": backup,
            "new file in backups": db.parent / "backups" / "report.pdf"}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("target", ["database", "wal", "shm", "journal", "backup",
                                    "new file in backups"])
def test_no_export_overwrites_the_database_its_side_files_or_a_backup(
        dbfile: Path, writer: str, target: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _database_targets(dbfile)[target]
    before = _files(dbfile)
    code = main(["--db", str(dbfile), *WRITERS[writer](str(path))])
    _, err = capsys.readouterr()
    assert code == 2, err
    assert err.startswith("pkdesk: cannot write") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert _files(dbfile) == before                # nothing written, nothing added
    assert plan_titles(dbfile) == TITLE


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_links_to_the_database_are_refused_too(dbfile: Path, tmp_path: Path, writer: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    symlink = tmp_path / "innocent.pdf"
    symlink.symlink_to(dbfile)
    hardlink = tmp_path / "also-innocent.pdf"
    os.link(dbfile, hardlink)
    wal_link = tmp_path / "wal.pdf"
    wal_link.symlink_to(dbfile.with_name(dbfile.name + "-wal"))   # dangling: no -wal now
    before = _digest(dbfile)
    for link in (symlink, hardlink, wal_link):
        code = main(["--db", str(dbfile), *WRITERS[writer](str(link))])
        _, err = capsys.readouterr()
        assert code == 2 and "pkdesk's database" in err and err.count("\n") == 1, err
    assert _digest(dbfile) == before and symlink.is_symlink()
    assert not dbfile.with_name(dbfile.name + "-wal").exists()


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("kind", ["fifo", "folder", "link to a fifo"])
def test_non_regular_targets_are_refused_and_left_as_they_were(
        dbfile: Path, tmp_path: Path, writer: str, kind: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    link = tmp_path / "link.pdf"
    link.symlink_to(fifo)
    path = {"fifo": fifo, "folder": folder, "link to a fifo": link}[kind]
    code = main(["--db", str(dbfile), *WRITERS[writer](str(path))])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1, err
    expected = "a folder" if kind == "folder" else "a named pipe (FIFO)"
    assert f"it is {expected}, not a regular file" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and folder.is_dir() and link.is_symlink()
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_an_empty_output_name_is_refused(dbfile: Path, writer: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(dbfile), *WRITERS[writer]("")])
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2 and "expected a file name" in err and err.count("\n") == 1


@pytest.mark.parametrize("output", ["", "   "])
def test_backup_to_an_empty_name_is_refused_not_written_elsewhere(
        dbfile: Path, output: str, capsys: pytest.CaptureFixture[str]) -> None:
    backups = sorted((dbfile.parent / "backups").iterdir())
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(dbfile), "backup", "-o", output])
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2 and "expected a file name" in err
    assert sorted((dbfile.parent / "backups").iterdir()) == backups


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_backup_never_writes_the_databases_side_files(dbfile: Path, suffix: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    side = dbfile.with_name(dbfile.name + suffix)
    code = main(["--db", str(dbfile), "backup", "-o", str(side)])
    _, err = capsys.readouterr()
    assert code == 2 and f"pkdesk's database file {dbfile.name}{suffix}" in err, err
    assert not side.exists()
    assert plan_titles(dbfile) == TITLE


def test_backup_to_a_fifo_is_refused(dbfile: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code = main(["--db", str(dbfile), "backup", "-o", str(fifo)])
    _, err = capsys.readouterr()
    assert code == 2 and "named pipe" in err and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_every_written_file_is_owner_only_under_umask_000(dbfile: Path, tmp_path: Path) -> None:
    """A real `python -m pkdesk` per writer, started with umask 000."""
    out = tmp_path / "out"
    out.mkdir()
    argvs = {name: make(str(out / f"{name}.out")) for name, make in WRITERS.items()}
    argvs["backup"] = ["backup", "-o", str(out / "backup.sqlite3")]
    for argv in argvs.values():
        result = subprocess.run([sys.executable, "-m", "pkdesk", "--db", str(dbfile), *argv],
                                capture_output=True, text=True, timeout=120, umask=0)
        assert result.returncode == 0, (argv, result.stderr)
    written = sorted(out.iterdir())
    assert [p.name for p in written] == sorted(p.rsplit("/", 1)[-1] for p in
                                               (a[a.index("-o") + 1] for a in argvs.values()))
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in written}
    assert modes == {p.name: 0o600 for p in written}


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can replace /dev/null")
def test_dev_null_stays_a_device_when_root_exports_to_it(dbfile: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    for writer in sorted(WRITERS):
        code = main(["--db", str(dbfile), *WRITERS[writer]("/dev/null")])
        _, err = capsys.readouterr()
        assert code == 2 and "it is a device" in err, err
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("writer", ["export", "export-compare", "export-stress"])
def test_an_export_never_overwrites_its_own_input_plan_file(
        dbfile: Path, tmp_path: Path, writer: str, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine.pkplan.json"
    mine.write_bytes(PLAN.read_bytes())
    argv = {"export": ["export", str(mine), "-o", str(mine)],
            "export-compare": ["export-compare", str(OTHER), str(mine), "-o", str(mine)],
            "export-stress": ["export-stress", str(mine), "-o", str(mine)]}[writer]
    code = main(["--db", str(dbfile), *argv])
    _, err = capsys.readouterr()
    assert code == 2 and "it is a file this command reads" in err, err
    assert mine.read_bytes() == PLAN.read_bytes()


def test_every_output_option_is_checked_and_has_a_writer_test() -> None:
    """A new subcommand with -o takes ``output_path`` (an empty name refused) and is listed in
    WRITERS above (so the database, backups and FIFOs are tried against it)."""
    import argparse

    from pkdesk.cli import build_parser
    from pkdesk.cli.common import output_path

    def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        found = {}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found[name] = sub
                    found |= {f"{name} {k}": v for k, v in subparsers(sub).items()}
        return found

    with_output = {}
    for name, sub in subparsers(build_parser()).items():
        for action in sub._actions:
            if "--output" in action.option_strings:
                with_output[name] = action.type
    assert with_output and all(t is output_path for t in with_output.values()), with_output
    covered = {next(" ".join(argv[:n]) for n in (2, 1) if " ".join(argv[:n]) in with_output)
               for argv in (make("x") for make in WRITERS.values())}
    assert sorted(set(with_output) - covered - {"backup"}) == []
