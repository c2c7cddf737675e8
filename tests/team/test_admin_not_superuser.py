"""A team database whose administrator is no superuser: a login role with CREATEROLE that
owns the database migrates it, grants roles, reads the audit trail; the people it adds work."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from tests.pgserver import PgServer
from tests.team.support import pkdesk


def test_a_createrole_owner_runs_the_team(pg_server: PgServer, tmp_path: Path) -> None:
    tag = secrets.token_hex(3)
    admin, admin_pw = f"celladmin_{tag}", secrets.token_urlsafe(12)
    dbname = f"cell_{tag}"
    pg_server.execute(f"CREATE ROLE {admin} LOGIN CREATEROLE PASSWORD '{admin_pw}'")
    pg_server.execute(f"CREATE DATABASE {dbname} OWNER {admin}")
    try:
        admin_url = pg_server.url(dbname, user=admin, password=admin_pw)
        home = tmp_path
        listed = pkdesk("--db", admin_url, "plan", "list", home=home)   # migrates it
        assert listed.returncode == 0, listed.stderr
        author = f"author_{tag}"
        granted = pkdesk("--db", admin_url, "team", "grant", author, "--role", "author",
                         "--password-stdin", home=home, stdin="a-fine-password\n")
        assert granted.returncode == 0, granted.stderr
        author_url = pg_server.url(dbname, user=author, password="a-fine-password")
        example = Path(__file__).resolve().parents[2] / "examples" / "unoci-2004.pkplan.json"
        imported = pkdesk("--db", author_url, "plan", "import", str(example), home=home)
        assert imported.returncode == 0, imported.stderr
        audit = pkdesk("--db", admin_url, "team", "audit", "--format", "json", home=home)
        assert audit.returncode == 0, audit.stderr
        assert [(e["actor"], e["action"]) for e in json.loads(audit.stdout)] == [
            (admin, "role granted"), (author, "plan created")]
    finally:
        pg_server.drop_database(dbname)
