"""Text that reaches a terminal (issue 9, items 10-12): whatever a plan file, a rule pack, a
restored database or an argument holds, no control or bidi character is printed raw, an
argument that is not UTF-8 is one line and exit 2, and nothing non-finite is stored.

Real subprocesses of the CLI on real SQLite files; hostile values are built here."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkdesk.cli import main

from tests.core.plan_samples import EXAMPLES
from tests.core.test_rules import minimal_rule

SOUND = EXAMPLES / "unoci-2004.pkplan.json"
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"        # "write rm -rf ~ to the clipboard"
TITLE = "\x1b]0;pwned\x07"


def pkdesk(db: Path, *argv: str | bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PKDESK_DB=str(db), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "pkdesk", *argv], capture_output=True,
                          env=env, timeout=120, check=False)


def raw_controls(data: bytes) -> list[int]:
    """Control bytes in output other than line breaks (and the C1 range as UTF-8)."""
    text = data.decode("utf-8")
    return [ord(c) for c in text if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f
            or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]


def one_line_refusal(result: subprocess.CompletedProcess[bytes], *words: str) -> str:
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert raw_controls(result.stderr) == [] and result.stdout == b""
    for word in words:
        assert word in err, err
    return err


def test_a_stored_hostile_author_title_and_unknown_field_print_escaped(tmp_path: Path) -> None:
    """A database from elsewhere (a restored backup, an older pkdesk) holding escapes in a
    title, an author and an unknown field: `plan list`, `plan history` and `compare` show
    them as visible escapes, never raw."""
    db = tmp_path / "pk.sqlite3"
    for _ in range(2):
        assert pkdesk(db, "plan", "import", str(SOUND)).returncode == 0
    doc = json.loads(SOUND.read_text())
    doc["plan"]["title"] = f"Mission {TITLE}"
    doc["plan"][f"zz{OSC52}"] = f"value {OSC52}\u202eevil"
    with sqlite3.connect(db) as con:
        con.execute("UPDATE plan SET title = ?, document = ? WHERE id = 2",
                    (f"Mission {TITLE}\nforged line", json.dumps(doc)))
        con.execute("UPDATE plan_revision SET author = ? WHERE plan_id = 2", (TITLE,))
    con.close()

    listing = pkdesk(db, "plan", "list")
    assert listing.returncode == 0 and raw_controls(listing.stdout) == []
    assert b"Mission \\x1b]0;pwned\\x07\\nforged line" in listing.stdout
    assert listing.stdout.count(b"\n") == 2
    history = pkdesk(db, "plan", "history", "2")
    assert history.returncode == 0 and raw_controls(history.stdout) == []
    assert b"\\x1b]0;pwned\\x07" in history.stdout
    compare = pkdesk(db, "compare", "1", "2")
    assert compare.returncode == 0 and raw_controls(compare.stdout) == [], compare.stdout
    assert b"zz" in compare.stdout


def test_unknown_plan_fields_with_escapes_are_refused_on_the_way_in(tmp_path: Path) -> None:
    doc = json.loads(SOUND.read_text())
    for key, value in ((f"zz{OSC52}", 1), ("zz", {"deep": [OSC52]}), ("zz", "\x9b2J")):
        hostile = dict(doc, plan=dict(doc["plan"], **{key: value}))
        path = tmp_path / "hostile.pkplan.json"
        path.write_text(json.dumps(hostile))
        one_line_refusal(pkdesk(tmp_path / "pk.sqlite3", "compare", str(path), str(SOUND)),
                         "hostile.pkplan.json: plan")
    assert not (tmp_path / "pk.sqlite3").exists() or \
        pkdesk(tmp_path / "pk.sqlite3", "plan", "list").stdout == b"no plans\n"


@pytest.mark.parametrize("author", [TITLE, "Ann\nr9    2020-01-01 00:00  forged", "Ann\u202e"])
def test_an_author_with_control_characters_is_refused(tmp_path: Path, author: str) -> None:
    db = tmp_path / "pk.sqlite3"
    assert pkdesk(db, "plan", "import", str(SOUND)).returncode == 0
    one_line_refusal(pkdesk(db, "plan", "restore", "1", "1", "--author", author),
                     "argument --author: ", "is one line of plain text")
    one_line_refusal(pkdesk(db, "plan", "branch", "1", "--author", author), "--author")
    history = pkdesk(db, "plan", "history", "1", "--format", "json")
    assert [r["number"] for r in json.loads(history.stdout)] == [1]      # nothing stored


def test_a_rule_pack_condition_key_cannot_print_a_raw_escape(tmp_path: Path) -> None:
    pack = minimal_rule(condition={"field": "host_consent", f"eq{TITLE}\nline two": 1})
    path = tmp_path / "pack.json"
    path.write_text(json.dumps(pack))
    err = one_line_refusal(pkdesk(tmp_path / "pk.sqlite3", "check", str(SOUND), "--rules",
                                  str(path)), "pack.json: rules[0] (TEST-001).condition")
    assert "\\x1b]0;pwned\\x07\\nline two" in err


@pytest.mark.parametrize("argv", [
    [b"reference", b"\xff"], [b"search", b"caf\xe9"], [b"check", b"\xff.pkplan.json"],
    [b"plan", b"restore", b"1", b"1", b"--author", b"\xff"],
    [b"plan", b"branch", b"1", b"--title", b"A\xc3"],
])
def test_arguments_that_are_not_utf8_are_one_line_and_exit_2(tmp_path: Path,
                                                            argv: list[bytes]) -> None:
    db = tmp_path / "pk.sqlite3"
    assert pkdesk(db, "plan", "import", str(SOUND)).returncode == 0
    err = one_line_refusal(pkdesk(db, *argv), "not valid UTF-8 text")
    assert "\\x" in err and err.isascii()
    history = pkdesk(db, "plan", "list", "--format", "json")
    assert len(json.loads(history.stdout)) == 1


def test_an_infinite_number_is_refused_and_never_exported(tmp_path: Path) -> None:
    """`"zz": 1e400` was stored and exported as `Infinity`, which pkdesk then refused."""
    db = tmp_path / "pk.sqlite3"
    text = SOUND.read_text().replace('"title"', '"zz": 1e400, "yy": [-1E999], "title"', 1)
    path = tmp_path / "inf.pkplan.json"
    path.write_text(text)
    one_line_refusal(pkdesk(db, "plan", "import", str(path)), "1e400 is not a finite number")
    # Stored by an older pkdesk (which wrote Infinity): read back, exported as valid JSON.
    assert pkdesk(db, "plan", "import", str(SOUND)).returncode == 0
    doc = json.loads(SOUND.read_text())
    doc["plan"]["zz"] = float("inf")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE plan SET document = ? WHERE id = 1", (json.dumps(doc),))
    con.close()
    out = tmp_path / "out.pkplan.json"
    assert pkdesk(db, "plan", "export", "1", "-o", str(out)).returncode == 0
    assert b"Infinity" not in out.read_bytes()
    assert pkdesk(db, "plan", "import", str(out)).returncode == 0


# Generated argument bytes (issue 9, item 11): any bytes in any text argument give exit 0, 1
# or 2 and never an exception; what is written is valid UTF-8 with no raw control character.
_arg_bytes = st.lists(st.binary(max_size=3) | st.sampled_from(
    [b"\xff", b"\x00", b"\xc3", b"\x1b]0;x\x07", b"\n", b"\xe2\x80\xae", b"caf\xc3\xa9", b"1"]),
    max_size=5).map(b"".join)
_COMMANDS = [["reference"], ["search"], ["plan", "restore", "1", "1", "--author"],
             ["plan", "branch", "1", "--title"], ["check"], ["compare", "1"],
             ["plan", "history"]]


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("fuzz") / "pk.sqlite3"
    assert pkdesk(db, "plan", "import", str(SOUND)).returncode == 0
    return db


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(_COMMANDS), value=_arg_bytes)
def test_generated_argument_bytes_never_traceback(fuzz_db: Path, command: list[str],
                                                  value: bytes) -> None:
    argv = ["--db", str(fuzz_db), *command, os.fsdecode(value)]
    out, err = io.BytesIO(), io.BytesIO()
    streams = [io.TextIOWrapper(b, encoding="utf-8", errors="strict") for b in (out, err)]
    with contextlib.redirect_stdout(streams[0]), contextlib.redirect_stderr(streams[1]):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code     # argparse: one line, exit 2
        for s in streams:
            s.flush()
    assert code in (0, 1, 2)
    for data in (out.getvalue(), err.getvalue()):
        assert raw_controls(data) == []     # decodes as UTF-8, nothing raw
    if code == 2:
        assert err.getvalue().count(b"\n") == 1


def test_a_nul_in_a_list_argument_is_one_line_not_a_traceback(fuzz_db: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    # `compare` takes a list of plans: the NUL check must look inside lists too.
    assert main(["--db", str(fuzz_db), "compare", "1", "\x00"]) == 2
    assert capsys.readouterr().err == "pkdesk: an argument contains a NUL character\n"


def test_every_unsafe_code_is_shown_visibly_whatever_the_text_around_it() -> None:
    # terminal_text answers text with nothing to escape without translating it (issue 17:
    # 0.18 s of a 10,000-plan `plan list`); each escaped code must still take the slow way.
    from pkdesk.cli.output import UNSAFE_CODES, terminal_text

    for code in UNSAFE_CODES:
        for text in (chr(code), f"Mission {chr(code)} title", f"\u00e9t\u00e9 {chr(code)}"):
            assert chr(code) not in terminal_text(text)
            if code not in (0x09, 0x0a):
                assert chr(code) not in terminal_text(f"a\n{text}\tb", multiline=True)
    assert terminal_text("a\nb\tc", multiline=True) == "a\nb\tc"
    assert terminal_text("a\nb") == "a\\nb"
    assert terminal_text("C\u00f4te d\u2019Ivoire\u00a0#2") == "C\u00f4te d\u2019Ivoire\u00a0#2"
