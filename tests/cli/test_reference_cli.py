"""`pkdesk reference` and `pkdesk search`: output shapes, exit codes, and files left alone."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pkdesk import __version__
from pkdesk.cli import main
from pkdesk.store.library import open_library


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One filled database for the read-only tests (opening an up-to-date one is cheap)."""
    path = tmp_path_factory.mktemp("cli") / "pkdesk.sqlite3"
    open_library(path).close()
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own exits (--version, bad arguments)
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def run_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    code, out, err = run([*argv, "--format", "json"], capsys)
    assert (code, err) == (0, "")
    return json.loads(out)


def assert_one_line_error(code: int, out: str, err: str, *needles: str) -> None:
    assert code == 2
    assert out == ""
    assert err.startswith("pkdesk: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys) == (0, f"pkdesk {__version__}\n", "")


# reference -------------------------------------------------------------------------------

def test_reference_tree_json(shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = run_json(["--db", str(shared_db), "reference"], capsys)
    assert [n["id"] for n in tree][:2] == ["introduction", "intersection"]
    seen: list[str] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            assert set(item) == {"id", "title", "children"}
            assert isinstance(item["title"], str) and item["title"]
            seen.append(item["id"])
            walk(item["children"])

    walk(tree)
    assert len(seen) == len(set(seen)) >= 40
    principles = next(n for n in tree if n["id"] == "principles")
    assert {"principles.consent", "principles.impartiality", "principles.non-use-of-force"} <= \
        {c["id"] for c in principles["children"]}


def test_reference_tree_text(shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--db", str(shared_db), "reference"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "introduction  Introduction"
    assert "  principles.consent  Consent of the Parties" in lines


def test_reference_node_json(shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    node = run_json(["--db", str(shared_db), "reference", "principles.consent"], capsys)
    assert set(node) == {"id", "title", "text", "parent", "source"}
    assert node["id"] == "principles.consent"
    assert node["title"] == "Consent of the Parties"
    assert node["parent"] == "principles"
    assert node["source"] == "Peacekeeping and Diplomacy"
    assert ("Without consent, peacekeeping missions risk being perceived as interventions rather "
            "than supportive efforts aimed at maintaining peace.") in node["text"]
    assert run_json(["--db", str(shared_db), "reference", "introduction"], capsys)["parent"] is None


def test_case_study_node_carries_facts(shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    node = run_json(["--db", str(shared_db), "reference", "case-studies.unoci-2004"], capsys)
    assert node["facts"]["start_year"] == 2004
    assert node["facts"]["country"] == "Côte d’Ivoire"
    assert set(node["facts"]) == {"mission", "country", "start_year", "organisation"}


def test_reference_node_text(shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--db", str(shared_db), "reference", "case-studies.untso-1948"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "UNTSO (1948)"
    assert lines[1] == "[case-studies.untso-1948] source: Peacekeeping and Diplomacy"
    assert "start_year: 1948" in lines
    assert lines[-1].startswith("The first official peacekeeping mission occurred in 1948")


# search ----------------------------------------------------------------------------------

def test_search_json_is_ranked_hits(shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hits = run_json(["--db", str(shared_db), "search", "impart", "--limit", "4"], capsys)
    assert 1 <= len(hits) <= 4
    assert all(set(h) == {"id", "title", "snippet", "highlights", "score", "kind"} for h in hits)
    assert hits[0]["id"] == "principles.impartiality"
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert "impartial" in hits[0]["snippet"].lower()
    assert "\x02" not in hits[0]["snippet"] and "\x03" not in hits[0]["snippet"]


def test_search_json_highlights_are_offsets_of_the_matched_words(
        shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hits = run_json(["--db", str(shared_db), "search", "médiat impart", "--limit", "5"], capsys)
    assert hits
    for hit in hits:
        spans = hit["highlights"]
        assert spans, hit["id"]
        assert all(0 <= a < b <= len(hit["snippet"]) for a, b in spans)
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))  # ordered, apart
        words = {hit["snippet"][a:b].lower() for a, b in spans}
        assert all(w.startswith(("mediat", "médiat", "impart")) for w in words), words
    code, out, _ = run(["--db", str(shared_db), "search", "médiat impart", "--limit", "5"],
                       capsys)
    marked = out.splitlines()[1].strip()
    first = hits[0]
    rebuilt, last = "", 0
    for a, b in first["highlights"]:
        rebuilt += first["snippet"][last:a] + "[" + first["snippet"][a:b] + "]"
        last = b
    assert marked == rebuilt + first["snippet"][last:]     # the same spans the text output marks


def test_search_text(shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--db", str(shared_db), "search", "shuttle", "--limit", "1"], capsys)
    assert (code, err) == (0, "")
    first, snippet = out.splitlines()
    assert first.split()[1:] == ["strategies.shuttle-diplomacy", "Shuttle", "Diplomacy"]
    assert "[shuttle]" in snippet.lower()


def test_search_without_hits(shared_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(["--db", str(shared_db), "search", "quadcopter"], capsys) == []
    code, out, _err = run(["--db", str(shared_db), "search", "quadcopter"], capsys)
    assert (code, out) == (0, "no matches for 'quadcopter'\n")


# bad input -------------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "needle"), [
    (["reference", "no.such.node"], "no reference node with id 'no.such.node'"),
    (["search", "x", "--limit", "abc"], "--limit"),
    (["search", "x", "--limit", "0"], "argument --limit: expected a whole number from 1 to"),
    (["search", "x", "--limit", "-3"], "--limit"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["search"], "QUERY"),
    (["reference", "--format", "xml"], "--format"),
])
def test_bad_arguments(shared_db: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                       needle: str) -> None:
    assert_one_line_error(*run(["--db", str(shared_db), *argv], capsys), needle)


def _untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, -shm, backup


@pytest.mark.parametrize("name", ["notes.txt", "relative.db"])
def test_non_sqlite_db_file_is_refused_and_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str],
                                                    name: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / name
    path.write_bytes(b"Field notes, not a database.\n" * 50)
    before = path.read_bytes()
    monkeypatch.chdir(folder)
    db_arg = name if name.startswith("relative") else str(path)
    assert_one_line_error(*run(["--db", db_arg, "search", "impart"], capsys), "not an SQLite file")
    _untouched(path, before)


@pytest.mark.parametrize("relative", [False, True])
def test_foreign_sqlite_db_is_refused_and_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str],
                                                    relative: bool) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "inventory.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO item (name) VALUES ('tent')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    monkeypatch.chdir(folder)
    db_arg = path.name if relative else str(path)
    assert_one_line_error(*run(["--db", db_arg, "reference"], capsys),
                          "is not a pkdesk database, or is too damaged to tell")
    _untouched(path, before)


def test_db_in_a_missing_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "no-such-folder" / "pkdesk.sqlite3"
    assert_one_line_error(*run(["--db", str(path), "search", "x"], capsys), "does not exist")
    assert not path.parent.exists()


def test_db_that_is_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_error(*run(["--db", str(tmp_path), "search", "x"], capsys), "is a folder")


# where the database is -------------------------------------------------------------------

def test_db_option_is_honoured(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chosen.sqlite3"
    assert run_json(["--db", str(path), "search", "mediation"], capsys)
    assert path.stat().st_size > 0
    assert not Path(os.environ["PKDESK_DB"]).exists()


def test_pkdesk_db_environment_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("PKDESK_DB", str(path))
    assert run_json(["search", "mediation"], capsys)
    assert path.stat().st_size > 0


def test_db_option_beats_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PKDESK_DB", str(tmp_path / "no-such-folder" / "env.sqlite3"))
    assert run_json(["--db", str(tmp_path / "cli.sqlite3"), "reference", "history"], capsys)
    assert (tmp_path / "cli.sqlite3").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG data folder is Linux's")
def test_default_db_is_created_in_the_user_data_folder(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PKDESK_DB")
    assert run_json(["reference", "history"], capsys)["id"] == "history"
    assert (tmp_path / "xdg-data" / "pkdesk" / "pkdesk.sqlite3").stat().st_size > 0


# the real entry point --------------------------------------------------------------------

def test_python_m_pkdesk_search(tmp_path: Path) -> None:
    env = {**os.environ, "PKDESK_DB": str(tmp_path / "sub.sqlite3")}
    result = subprocess.run([sys.executable, "-m", "pkdesk", "search", "impart", "--format", "json"],
                            capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    hits = json.loads(result.stdout.decode("utf-8"))
    assert hits[0]["id"] == "principles.impartiality"
    assert "PySide6" not in result.stdout.decode()  # sanity: nothing GUI-ish printed
