"""The audit trail is written by the server (triggers: session_user, now()), for every kind of
change, and read with `pkdesk team audit`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import psycopg

from pkdesk.core.plan.model import Acknowledgement, Performance, Review
from tests.core.plan_samples import EXAMPLES
from tests.team.conftest import Team
from tests.team.support import pkdesk

SOUND = str(EXAMPLES / "unoci-2004.pkplan.json")


def _audit(team: Team, *argv: str) -> list[dict[str, object]]:
    done = pkdesk("--db", team.admin_url, "team", "audit", "--format", "json", *argv,
                  home=team.home)
    assert done.returncode == 0, done.stderr
    entries: list[dict[str, object]] = json.loads(done.stdout)
    return entries


def test_every_kind_of_change_is_in_the_audit_trail_with_who_and_when(team: Team) -> None:
    before = datetime.now(timezone.utc) - timedelta(seconds=5)
    author, reviewer = team.users["author"][0], team.users["reviewer"][0]
    imported = pkdesk("--db", team.url("author"), "plan", "import", SOUND, "--format", "json",
                      home=team.home)
    assert imported.returncode == 0, imported.stderr
    plan_id = int(json.loads(imported.stdout)["id"])
    with team.plans("author") as repo:
        plan = repo.get(plan_id)
        repo.save(plan_id, replace(plan, notes="second thoughts"))
        repo.delete(plan_id)
        repo.undelete(plan_id)
    restored = pkdesk("--db", team.url("author"), "plan", "restore", str(plan_id), "1",
                      home=team.home)
    assert restored.returncode == 0, restored.stderr
    with team.plans("reviewer") as repo:
        plan = repo.get(plan_id)
        plan = replace(plan, performance=Performance(reviews=[
            Review(date="2026-11-30", reviewer=reviewer)]))
        repo.save(plan_id, plan)
        repo.save(plan_id, replace(plan, acknowledgements=[Acknowledgement("R-X", "ok")]))
    for argv in (["grant", reviewer, "--role", "author"], ["revoke", reviewer]):
        done = pkdesk("--db", team.admin_url, "team", *argv, home=team.home)
        assert done.returncode == 0, done.stderr

    entries = _audit(team)
    got = [(e["actor"], e["action"], e["plan"], e["revision"]) for e in entries]
    assert [g[1] for g in got[:3]] == ["role granted"] * 3
    assert got[3:] == [
        (author, "plan created", plan_id, 1),
        (author, "plan saved", plan_id, 2),
        (author, "plan deleted", plan_id, 2),
        (author, "plan undeleted", plan_id, 2),
        (author, "plan restored", plan_id, 3),
        (reviewer, "review recorded", plan_id, 4),
        (reviewer, "acknowledgement recorded", plan_id, 5),
        ("pkdesk_admin", "role granted", None, None),
        ("pkdesk_admin", "role revoked", None, None),
    ]
    assert entries[-2]["detail"] == f"{reviewer}: author"
    for e in entries:
        at = datetime.fromisoformat(str(e["at"]))
        assert before <= at <= datetime.now(timezone.utc)

    assert [e["action"] for e in _audit(team, "--plan", str(plan_id))][:2] == \
        ["plan created", "plan saved"]
    assert _audit(team, "--plan", str(plan_id + 1)) == []
    assert _audit(team, "--since", (datetime.now(timezone.utc) + timedelta(days=1))
                  .strftime("%Y-%m-%d")) == []

    text = pkdesk("--db", team.admin_url, "team", "audit", "--plan", str(plan_id),
                  home=team.home)
    assert text.returncode == 0
    assert f"{author}  plan created plan {plan_id} rev 1" in text.stdout


def test_team_list_shows_each_person_and_role(team: Team) -> None:
    done = pkdesk("--db", team.admin_url, "team", "list", "--format", "json", home=team.home)
    assert done.returncode == 0, done.stderr
    people = {p["user"]: p["role"] for p in json.loads(done.stdout)}
    assert {team.users[r][0]: r for r in ("reader", "reviewer", "author")}.items() \
        <= people.items()


def test_only_an_administrator_changes_roles(team: Team) -> None:
    author = team.users["author"][0]
    done = pkdesk("--db", team.url("author"), "team", "grant", author, "--role", "reader",
                  home=team.home)
    assert done.returncode == 2
    assert done.stderr == (f"pkdesk: team grant needs an administrator's connection (a user "
                           f"with CREATEROLE); you are connected as {author}\n")
    # And a patched client calling the function itself is refused by the server.
    with psycopg.connect(team.dsn("author")) as conn:
        try:
            conn.execute("SELECT pkdesk_team_set(%s, 'author')", [team.users["reader"][0]])
        except psycopg.Error as exc:
            assert exc.sqlstate == "42501"
        else:
            raise AssertionError("an author could change a role")


def test_grant_prints_a_generated_password_once_and_it_works(team: Team) -> None:
    done = pkdesk("--db", team.admin_url, "team", "grant", "newcomer_" + team.dbname,
                  "--role", "reader", home=team.home)
    assert done.returncode == 0, done.stderr
    line = next(l for l in done.stdout.splitlines() if l.startswith("Initial password"))
    password = line.rsplit(": ", 1)[1]
    assert len(password) == 23
    url = team.server.url(team.dbname, user="newcomer_" + team.dbname, password=password)
    listed = pkdesk("--db", url, "plan", "list", home=team.home)
    assert listed.returncode == 0, listed.stderr
    assert "pkdesk team login postgresql://newcomer_" in done.stdout
