"""Issue 17: a plain read-only command line (`plan list`, `plan history ID`, `reference`,
`search QUERY`) on a current database is answered before argparse, pathlib, typing or
dataclasses are imported, and prints byte for byte what the argparse path prints, errors
included; anything else goes through argparse as before."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pkdesk.cli import common, fastread
from pkdesk.store.library import open_library
from pkdesk.store.reference_repo import ReferenceRepository

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_big_db import make_big_db  # noqa: E402

# Runs main(argv) in a fresh interpreter; "full" turns the quick path off (argparse for all).
PROBE = """
import sys
import pkdesk.cli.fastread
if sys.argv[1] == "full":
    pkdesk.cli.fastread.run = lambda argv: None
from pkdesk.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:          # argparse's errors and --help
    code = exc.code
sys.stdout.flush()
loaded = sorted({"argparse", "pathlib", "typing", "dataclasses", "json", "sqlalchemy",
                 "PySide6"} & set(sys.modules))
print("EXIT", code, "LOADED", " ".join(loaded))
"""


def _run(args: list[str], way: str = "quick") -> tuple[int, str, str, set[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, way, *args],
                            capture_output=True, text=True, timeout=120)
    lines = result.stdout.splitlines()
    assert lines and lines[-1].startswith("EXIT"), result.stdout + result.stderr
    code, loaded = lines[-1][len("EXIT "):].split(" LOADED")
    return int(code), "\n".join(lines[:-1]), result.stderr, set(loaded.split())


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = make_big_db(tmp_path_factory.mktemp("fast") / "hq.sqlite3", plans=6, revisions=3)
    db = open_library(path)
    try:
        ReferenceRepository(db).set_note("intersection", "Consent of the parties first.")
    finally:
        db.close()
    # A title as an older pkdesk may have stored it: control and bidi characters in it.
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE plan SET title = ? WHERE id = 2",
                     ("Title with \x1b]0;escape\x07 and \u202e bidi",))
    conn.close()
    return path


def test_the_read_only_commands_import_neither_argparse_nor_pathlib(hq: Path) -> None:
    for args in (["plan", "list"], ["plan", "history", "3"], ["reference"],
                 ["search", "consent part", "--limit", "5"]):
        code, out, err, loaded = _run(["--db", str(hq), *args])
        assert (code, err, loaded) == (0, "", set()), args
        assert out
    # JSON output imports json, and nothing else.
    code, out, err, loaded = _run(["--db", str(hq), "plan", "list", "--format", "json"])
    assert (code, err, loaded) == (0, "", {"json"})
    assert len(json.loads(out)) == 6


@pytest.mark.parametrize("args", [
    ["plan", "list"],
    ["plan", "list", "--format=json"],
    ["plan", "history", "2"],
    ["plan", "history", "2", "--format", "json"],
    ["plan", "history", "99"],                      # no such plan: one line, exit 2
    ["plan", "history", "0"],                       # argparse's range error
    ["plan", "history"],
    ["plan", "list", "--help"],
    ["reference"],
    ["reference", "--format", "json"],
    ["reference", "intersection"],
    ["search", "consent part"],
    ["search", "--limit=2", "--format", "json", "consents"],
    ["search", "consent", "--scope", "handbook"],
    ["search", "consent", "--scope", "notes"],
    ["search", "consent", "--scope", "nonsense"],   # parse_scope's error
    ["search", "consent", "--limit", "0"],
    ["search", "consent", "--limit"],
    ["search", "a", "b"],
    ["search", "peace", "--format", "xml"],
    ["search", "--form", "json", "peace"],           # argparse's abbreviation
    ["search", "zzzzqqq"],
])
def test_the_quick_path_prints_what_argparse_prints(hq: Path, args: list[str]) -> None:
    quick = _run(["--db", str(hq), *args])
    full = _run(["--db", str(hq), *args], "full")
    assert quick[:3] == full[:3]
    assert "argparse" in full[3]


def test_what_the_quick_path_leaves_to_argparse() -> None:
    assert fastread._plain(["--db", "x", "plan", "list"]) is not None
    assert fastread._plain(["--db=x", "search", "q", "--scope=notes", "--limit", "3"]) is not None
    for argv in (["plan", "list", "--lang", "fr"], ["--db", "x", "plan", "list", "-h"],
                 ["--db", "x", "plan", "history", "٣"], ["--db", "x", "plan", "history", "-1"],
                 ["--db", "x", "search", "q", "--limit", "3", "--limit", "4"],
                 ["--db", "x", "search", "-q"], ["--db", "x", "search", ""],
                 ["--db", "-x", "plan", "list"], ["--db", "x", "plan", "list", "--"],
                 ["--db", "x", "search", "q\udcff"], ["--db", "x", "check", "f.json"]):
        assert fastread._plain(argv) is None, argv
    assert fastread.MAX_ID == common.MAX_ID


def test_a_file_the_quick_read_cannot_use_goes_the_full_way(tmp_path: Path) -> None:
    missing = tmp_path / "new.sqlite3"
    code, out, err, loaded = _run(["--db", str(missing), "plan", "list"])
    assert (code, out, err) == (0, "no plans", "")
    assert "sqlalchemy" in loaded          # created by the full open
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a database\n")
    code, out, err, _ = _run(["--db", str(foreign), "plan", "history", "1"])
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
