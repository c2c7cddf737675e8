"""`pkdesk team` where there is no team: an SQLite file; and `team login`'s password file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pkdesk.store.credentials import parse, redacted
from tests.pgserver import PgServer
from tests.team.support import pkdesk

NOT_TEAM = ("pkdesk: team roles need a team database (PostgreSQL); "
            "this is a file on this computer\n")


@pytest.mark.parametrize("argv", [["grant", "alice", "--role", "author"], ["revoke", "alice"],
                                  ["list"], ["audit"], ["audit", "--plan", "1"]])
def test_team_commands_on_an_sqlite_file_say_so_in_one_line(tmp_path: Path,
                                                             argv: list[str]) -> None:
    db = tmp_path / "mine.sqlite3"
    done = pkdesk("--db", str(db), "team", *argv, home=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", NOT_TEAM)
    assert not db.exists()      # nothing created for a command that cannot run


def test_redacted_hides_the_password_and_keeps_the_rest() -> None:
    url = "postgresql+psycopg://alice:s3cr%3At@db.hq:5433/plans"
    assert redacted(url) == "postgresql+psycopg://alice:***@db.hq:5433/plans"
    assert redacted("postgresql://alice@db.hq/plans") == "postgresql://alice@db.hq/plans"
    target = parse(url)
    assert (target.user, target.password, target.host, target.port, target.dbname) == \
        ("alice", "s3cr:t", "db.hq", 5433, "plans")


def test_login_refuses_a_password_file_others_can_read(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    pgpass = home / ".pgpass"
    pgpass.write_text("otherhost:5432:db:bob:hunter2\n")
    pgpass.chmod(0o644)
    done = pkdesk("team", "login", "postgresql://alice@127.0.0.1:1/plans", "--password-stdin",
                  home=home, stdin="pw\n")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"chmod 600 {pgpass}" in done.stderr and "mode 0644" in done.stderr
    assert pgpass.read_text() == "otherhost:5432:db:bob:hunter2\n"


def test_login_keeps_the_password_in_an_owner_only_pgpass(tmp_path: Path,
                                                          pg_server: PgServer) -> None:
    home = tmp_path / "home"
    home.mkdir()
    pgpass = home / ".pgpass"
    pgpass.write_text("otherhost:5432:db:bob:hunter2\n")
    pgpass.chmod(0o600)
    url = pg_server.url("postgres", user=pg_server.superuser)   # no password in it
    wrong = pkdesk("team", "login", url, "--password-stdin", home=home, stdin="nope\n")
    assert wrong.returncode == 2
    assert "refused the password" in wrong.stderr and "nothing was stored" in wrong.stderr
    assert pgpass.read_text() == "otherhost:5432:db:bob:hunter2\n"

    done = pkdesk("team", "login", url, "--password-stdin", home=home,
                  stdin=pg_server.password + "\n")
    assert done.returncode == 0, done.stderr
    assert pg_server.password not in done.stdout + done.stderr
    assert stat.S_IMODE(os.stat(pgpass).st_mode) == 0o600
    assert pgpass.read_text().splitlines() == [
        "otherhost:5432:db:bob:hunter2",
        f"127.0.0.1:{pg_server.port}:postgres:{pg_server.superuser}:{pg_server.password}"]
    again = pkdesk("team", "login", url, "--password-stdin", home=home,
                   stdin=pg_server.password + "\n")
    assert again.returncode == 0
    assert len(pgpass.read_text().splitlines()) == 2     # replaced, not added twice


def test_login_refuses_a_url_with_its_password_and_never_echoes_it(tmp_path: Path) -> None:
    done = pkdesk("team", "login", "postgresql://alice:Zq9-secret@127.0.0.1:1/plans",
                  home=tmp_path, stdin="")
    assert done.returncode == 2
    assert "Zq9-secret" not in done.stdout + done.stderr
    assert "alice:***@" in done.stderr
