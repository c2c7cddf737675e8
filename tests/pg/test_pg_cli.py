"""Every main CLI command, as a real `pkdesk` process, on a database file and on a team
database (PostgreSQL): the same answers; backup and restore say what to do on a server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.checkout import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "undof-1974.pkplan.json"
OTHER = REPO_ROOT / "examples" / "unoci-2004.pkplan.json"


def pkdesk(db: str, *argv: str, env_db: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    args = list(argv)
    if env_db:
        env["PKDESK_DB"] = db
    else:
        args = ["--db", db, *args]
    return subprocess.run([sys.executable, "-m", "pkdesk", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def test_main_commands_on_both_engines(any_db_url: str, tmp_path: Path) -> None:
    db = any_db_url
    first = json.loads(ok(pkdesk(db, "plan", "import", str(EXAMPLE), "--format", "json")))
    ok(pkdesk(db, "plan", "import", str(OTHER)))
    listed = json.loads(ok(pkdesk(db, "plan", "list", "--format", "json")))
    assert sorted(p["id"] for p in listed) == [1, 2] and first["id"] == 1
    # PKDESK_DB takes a URL as --db does.
    assert json.loads(ok(pkdesk(db, "plan", "list", "--format", "json", env_db=True))) == listed
    branched = ok(pkdesk(db, "plan", "branch", "1", "--title", "Variant B", "--format", "json"))
    assert json.loads(branched)["id"] == 3
    ok(pkdesk(db, "plan", "restore", "1", "1"))
    history = json.loads(ok(pkdesk(db, "plan", "history", "1", "--format", "json")))
    assert [r["number"] for r in history] == [1, 2]
    ok(pkdesk(db, "plan", "diff", "1", "1", "2"))
    ok(pkdesk(db, "plan", "export", "1", "-o", str(tmp_path / "out.pkplan.json")))
    assert json.loads((tmp_path / "out.pkplan.json").read_text())["plan"]["title"]
    ok(pkdesk(db, "stress", "1"))
    ok(pkdesk(db, "compare", "1", "2"))
    ok(pkdesk(db, "export", "1", "-o", str(tmp_path / "plan.pdf")))
    assert len(PdfReader(tmp_path / "plan.pdf").pages) >= 1
    hits = json.loads(ok(pkdesk(db, "search", "consent of the parties", "--format", "json")))
    assert hits[0]["id"] == "principles.consent"
    assert "principles.consent" in ok(pkdesk(db, "reference"))
    assert "Consent" in ok(pkdesk(db, "reference", "principles.consent"))
    doc = tmp_path / "sop.md"
    doc.write_text("# Convoy SOP\n\n## Checkpoints\n\nConvoys stop at each checkpoint.\n")
    ok(pkdesk(db, "library", "add", str(doc)))
    assert "Convoy SOP" in ok(pkdesk(db, "library", "list"))
    ok(pkdesk(db, "notes", "export", "-o", str(tmp_path / "notes.md")))
    assert ok(pkdesk(db, "doctor")).rstrip().endswith("healthy")


def test_backup_and_restore_on_a_server_say_how_instead(pg_url: str, tmp_path: Path) -> None:
    for argv in (["backup"], ["backup", "--list"], ["restore", str(tmp_path / "x.sqlite3")]):
        done = pkdesk(pg_url, *argv)
        assert done.returncode == 2, argv
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "pg_dump" in lines[0] and "team database" in lines[0]
        assert done.stdout == ""


def test_doctor_names_the_server_without_its_password(pg_url: str) -> None:
    out = ok(pkdesk(pg_url, "doctor"))
    password = pg_url.split(":")[2].split("@")[0]
    assert password not in out
    assert out.splitlines()[0].startswith("database: pkdesk_admin@127.0.0.1:")


@pytest.mark.parametrize(("url", "said"), [
    ("postgresql+psycopg://u@127.0.0.1:notaport/db", "port is not a number"),
    ("postgresql+psycopg://u@127.0.0.1:5432/", "needs a host and a database name"),
    ("postgresql+asyncpg://u@127.0.0.1/db", "unknown database URL scheme"),
])
def test_bad_urls_are_one_line_and_exit_2(url: str, said: str) -> None:
    done = pkdesk(url, "plan", "list")
    assert done.returncode == 2
    assert said in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_unreachable_server_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from tests.pgserver import free_port

    port = free_port()
    done = pkdesk(f"postgresql+psycopg://u:pw@127.0.0.1:{port}/team", "plan", "list")
    assert done.returncode == 2
    assert done.stderr.startswith(f"pkdesk: The team database at 127.0.0.1:{port} is unreachable")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
