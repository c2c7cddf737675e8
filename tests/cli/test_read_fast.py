"""Issue 17: the read-only commands (`plan list`, `plan history`, `reference`, `search`,
`--version`) on a current database load neither SQLAlchemy, Alembic nor Qt, and print what the
full open prints; a file the quick read cannot use (older, missing, damaged) still gets the
full open's answer."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.reference_repo import ReferenceRepository

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_big_db import make_big_db  # noqa: E402

PROBE = """
import json, sys
from pkdesk.cli import main
code = main(json.loads(sys.argv[1]))
sys.stdout.flush()
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "alembic", "PySide6"})
print("EXIT", code, "HEAVY", heavy)
"""


def _run(args: list[str]) -> tuple[int, str, list[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)],
                            capture_output=True, text=True, timeout=120)
    lines = result.stdout.splitlines()
    assert lines and lines[-1].startswith("EXIT"), result.stdout + result.stderr
    code, heavy = lines[-1].split(" HEAVY ")
    return int(code.split()[1]), "\n".join(lines[:-1]) + "\n", [result.stderr, heavy]


def test_read_only_commands_load_no_sqlalchemy_and_agree_with_the_repositories(
        tmp_path: Path) -> None:
    path = make_big_db(tmp_path / "hq.sqlite3", plans=12, revisions=3)
    db = open_library(path)
    try:
        plans = PlanRepository(db).list()
        revisions = PlanRepository(db).revisions(5)
        ReferenceRepository(db).set_note("intersection", "Consent of the parties first.")
        hits = ReferenceRepository(db).search("consent part", limit=5)
        handbook = ReferenceRepository(db).search("consents", limit=5, scope="handbook")
        node = ReferenceRepository(db).node("intersection")
    finally:
        db.close()

    code, out, (err, heavy) = _run(["--db", str(path), "plan", "list", "--format", "json"])
    assert (code, heavy, err) == (0, "[]", "")
    listed = json.loads(out)
    assert [(p["id"], p["title"], p["revision"], p["updated_at"]) for p in listed] == [
        (p.id, p.title, p.revision, p.updated_at.isoformat(timespec="seconds")) for p in plans]

    code, out, (err, heavy) = _run(["--db", str(path), "plan", "history", "5", "--format", "json"])
    assert (code, heavy, err) == (0, "[]", "")
    assert [(r["number"], r["summary"]) for r in json.loads(out)] == [
        (r.number, r.summary) for r in revisions]

    code, out, (err, heavy) = _run(["--db", str(path), "search", "consent part", "--limit", "5",
                                    "--format", "json"])
    assert (code, heavy, err) == (0, "[]", "")
    assert [(h["id"], h["kind"], h["score"], h["snippet"]) for h in json.loads(out)] == [
        (h.id, h.kind, h.score, h.plain_snippet()) for h in hits] and hits
    assert hits[0].in_note      # notes are searched too, and listed first

    # Scopes, stems: the same search (store.queries.search) both ways.
    code, out, (err, heavy) = _run(["--db", str(path), "search", "consents", "--limit", "5",
                                    "--scope", "handbook", "--format", "json"])
    assert (code, heavy, err) == (0, "[]", "")
    assert [(h["id"], h["kind"], h["score"]) for h in json.loads(out)] == [
        (h.id, h.kind, h.score) for h in handbook] and handbook
    assert not any(h.in_note for h in handbook)

    code, out, (err, heavy) = _run(["--db", str(path), "reference", "intersection"])
    assert (code, heavy, err) == (0, "[]", "")
    assert out.splitlines()[0] == node.node.title

    code, out, (err, heavy) = _run(["--db", str(path), "reference"])
    assert (code, heavy) == (0, "[]") and "intersection  " in out

    code, out, (err, heavy) = _run(["--version"])
    assert (code, out.strip(), heavy) == (0, "pkdesk 0.1.0", "[]")

    # Not found is the same one line as before, exit 2.
    code, out, (err, heavy) = _run(["--db", str(path), "plan", "history", "999"])
    assert (code, err.strip(), heavy) == (2, "pkdesk: no plan with id 999", "[]")


def test_a_database_the_quick_read_cannot_use_gets_the_full_open(tmp_path: Path) -> None:
    # A new file: created by the full open (schema, corpus), then listed.
    fresh = tmp_path / "new.sqlite3"
    code, out, (err, heavy) = _run(["--db", str(fresh), "plan", "list"])
    assert (code, out, err) == (0, "no plans\n", "") and "sqlalchemy" in heavy
    assert fresh.exists()

    # A damaged time: the quick read stops, the full open names the damage in one line.
    path = make_big_db(tmp_path / "hq.sqlite3", plans=3, revisions=2)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE plan SET updated_at = 'garbage' WHERE id = 2")
    conn.commit()
    conn.close()
    code, out, (err, heavy) = _run(["--db", str(path), "plan", "list"])
    assert code == 2 and out == "\n", out
    assert err.startswith(f"pkdesk: {path} is damaged (plan row 2, column updated_at"), err
    assert len(err.strip().splitlines()) == 1

    # A stale corpus (a shipped file changed since it was loaded): reference is reloaded.
    conn = sqlite3.connect(path)
    conn.execute("UPDATE plan SET updated_at = '2026-01-01 00:00:00.000000' WHERE id = 2")
    conn.execute("UPDATE ref_source SET checksum = 'old'")
    conn.commit()
    conn.close()
    code, out, (err, heavy) = _run(["--db", str(path), "search", "consent"])
    assert code == 0 and "sqlalchemy" in heavy and "consent" in out.lower()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT checksum FROM ref_source").fetchone()[0] != "old"
    conn.close()


def test_the_lazy_lang_option_says_what_argparse_says() -> None:
    from pkdesk.cli.common import LANG_METAVAR
    from pkdesk.core.i18n import LANGUAGES
    from pkdesk.core.search import MARK_END, MARK_START
    from pkdesk.store import queries

    assert LANG_METAVAR == "{" + ",".join(LANGUAGES) + "}"
    assert (queries.MARK_START, queries.MARK_END) == (MARK_START, MARK_END)
    result = subprocess.run([sys.executable, "-m", "pkdesk", "--lang", "de", "plan", "list"],
                            capture_output=True, text=True, timeout=120)
    code, err = result.returncode, result.stderr
    assert code == 2 and err.startswith("pkdesk: argument --lang: invalid choice: 'de' "
                                        "(choose from 'en', 'fr')"), err
