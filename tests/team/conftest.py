"""A team database on the test server, with a reader, a reviewer and an author made through
`pkdesk team grant`, each with their own password (no test uses another's credentials)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.team import grant
from tests.pgserver import PgServer


@dataclass(frozen=True)
class Team:
    server: PgServer
    dbname: str
    admin_url: str
    users: dict[str, tuple[str, str]]     # role -> (user, password)
    home: Path

    def url(self, role: str) -> str:
        user, password = self.users[role]
        return self.server.url(self.dbname, user=user, password=password)

    @contextmanager
    def plans(self, role: str | None = None) -> Iterator[PlanRepository]:
        """The plan store as ``role`` with its own password (None: as the database's owner),
        closed after use."""
        db = Database.open(self.admin_url if role is None else self.url(role))
        try:
            yield PlanRepository(db)
        finally:
            db.close()

    def dsn(self, role: str) -> str:
        user, password = self.users[role]
        return (f"host={self.server.host} port={self.server.port} dbname={self.dbname} "
                f"user={user} password={password}")


def make_team(server: PgServer, admin_url: str, home: Path) -> Team:
    """The database made and migrated by its owner; the people added as `team grant` does
    (tests/team/test_audit.py runs the command itself)."""
    dbname = urlsplit(admin_url).path.lstrip("/")
    db = open_library(admin_url)
    tag = secrets.token_hex(3)
    users = {}
    try:
        with db.engine.begin() as conn:
            for role in ("reader", "reviewer", "author"):
                user, password = f"{role}_{tag}", secrets.token_urlsafe(12)
                assert grant(conn, user, role, password)
                users[role] = (user, password)
    finally:
        db.close()
    return Team(server, dbname, admin_url, users, home)


@pytest.fixture
def team(pg_server: PgServer, pg_url: str, tmp_path: Path) -> Iterator[Team]:
    home = tmp_path / "home"
    home.mkdir()
    yield make_team(pg_server, pg_url, home)
