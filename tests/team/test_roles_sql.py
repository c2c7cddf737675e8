"""Roles enforced by the server: raw SQL with each person's own credentials (what a patched
client could send) is refused where the role does not allow it."""

from __future__ import annotations

import json

import psycopg
import pytest

from pkdesk.core.plan.model import Plan
from tests.team.conftest import Team

INSUFFICIENT_PRIVILEGE = "42501"


def _tables(team: Team) -> list[str]:
    with psycopg.connect(team.dsn("reader")) as conn:
        return [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY 1")]


def _refused(team: Team, role: str, sql: str) -> str | None:
    """The SQLSTATE the server answered ``sql`` with as ``role``, None if it was done."""
    with psycopg.connect(team.dsn(role)) as conn:
        try:
            conn.execute(sql)   # type: ignore[arg-type]
        except psycopg.Error as exc:
            return exc.sqlstate
        return None


def _a_plan(team: Team) -> int:
    with team.plans("author") as repo:
        return repo.create(Plan(title="Shared plan"))


@pytest.mark.parametrize("role", ["reader", "reviewer"])
def test_reader_and_reviewer_cannot_insert_update_or_delete_any_table(team: Team,
                                                                       role: str) -> None:
    _a_plan(team)
    tables = _tables(team)
    assert {"plan", "plan_revision", "note", "bookmark", "team_audit", "ref_node",
            "alembic_version", "app_meta"} <= set(tables)
    done = []
    for table in tables:
        for sql in (f'INSERT INTO "{table}" DEFAULT VALUES',
                    f'DELETE FROM "{table}"'):
            if _refused(team, role, sql) != INSUFFICIENT_PRIVILEGE:
                done.append(sql)
        with psycopg.connect(team.dsn("reader")) as conn:
            column = conn.execute("SELECT column_name FROM information_schema.columns WHERE "
                                  "table_name = %s ORDER BY ordinal_position LIMIT 1",
                                  [table]).fetchone()
        assert column is not None
        sql = f'UPDATE "{table}" SET "{column[0]}" = "{column[0]}"'
        if _refused(team, role, sql) != INSUFFICIENT_PRIVILEGE:
            done.append(sql)
    assert done == []


def test_reviewer_cannot_change_a_plans_title_or_content_even_in_raw_sql(team: Team) -> None:
    plan_id = _a_plan(team)
    for sql in ("UPDATE plan SET title = 'Hijacked'",
                "UPDATE plan SET document = replace(document, 'Shared plan', 'Hijacked')",
                "UPDATE plan SET deleted_at = now()",
                "UPDATE plan SET revision = revision + 5",
                "INSERT INTO plan_revision (plan_id, number, author, created_at, summary, "
                f"document) SELECT {plan_id}, 2, 'x', now(), 'x', "
                "replace(document, 'Shared plan', 'Hijacked') FROM plan"):
        assert _refused(team, "reviewer", sql) == INSUFFICIENT_PRIVILEGE, sql
    with psycopg.connect(team.dsn("reader")) as conn:
        row = conn.execute("SELECT title, revision FROM plan").fetchone()
    assert row == ("Shared plan", 1)


def test_reader_and_everyone_can_read(team: Team) -> None:
    _a_plan(team)
    for role in ("reader", "reviewer", "author"):
        with psycopg.connect(team.dsn(role)) as conn:
            assert conn.execute("SELECT title FROM plan").fetchall() == [("Shared plan",)]
            assert conn.execute("SELECT count(*) FROM ref_node").fetchone()[0] > 0


def test_nobody_can_write_or_forge_the_audit_trail(team: Team) -> None:
    for role in ("reader", "reviewer", "author"):
        for sql in ("INSERT INTO team_audit (action) VALUES ('forged')",
                    "UPDATE team_audit SET actor = 'someone'", "DELETE FROM team_audit"):
            assert _refused(team, role, sql) == INSUFFICIENT_PRIVILEGE, (role, sql)


def test_author_writes_plans_and_own_notes_but_not_anothers(team: Team) -> None:
    plan_id = _a_plan(team)
    with team.plans("author") as repo:
        plan = repo.get(plan_id)
        plan.notes = "changed by the author"
        assert repo.save(plan_id, plan) == 2
    with psycopg.connect(team.dsn("author")) as conn:
        conn.execute("INSERT INTO note (node_id, body, updated_at) VALUES ('n1', 'mine', now())")
    with psycopg.connect(team.admin_url.replace("postgresql+psycopg", "postgresql")) as conn:
        conn.execute("INSERT INTO note (node_id, body, updated_at, owner) "
                     "VALUES ('n2', 'theirs', now(), 'someone_else')")
    with psycopg.connect(team.dsn("author")) as conn:
        assert conn.execute("UPDATE note SET body = 'edited'").rowcount == 1   # only its own
        assert conn.execute("DELETE FROM note").rowcount == 1
        assert conn.execute("SELECT node_id, body FROM note").fetchall() == [("n2", "theirs")]
        doc = json.loads(conn.execute("SELECT document FROM plan").fetchone()[0])
    assert doc["plan"]["notes"] == "changed by the author"
