"""Test-wide setup: offscreen Qt, and a private database and settings for every test.

No test ever reads or writes the developer's real database or QSettings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists

from pkdesk.store.db import Database  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from tests.pgserver import REQUIRE_ENV as PG_REQUIRE_ENV  # noqa: E402
from tests.pgserver import PgServer  # noqa: E402
from tests.pgserver import unavailable_reason as pg_unavailable_reason  # noqa: E402


@pytest.fixture(autouse=True)
def _private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKDESK_DB", str(tmp_path / "env-default.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PKDESK_LANG", "en")     # not the machine's locale (a French LANG)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pkdesk.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_library(db_path)
    yield database
    database.close()


# -- PostgreSQL (issue 16): a real server on 127.0.0.1, started once per session ----------------
# A PostgreSQL test never hides a failure: without the server binaries it skips, naming the
# package to install, unless PKDESK_REQUIRE_PG=1 (set by .ci/run): then it fails.

@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    reason = pg_unavailable_reason()
    if reason is not None:
        if os.environ.get(PG_REQUIRE_ENV) == "1":
            pytest.fail(f"{PG_REQUIRE_ENV}=1 but no PostgreSQL test server: {reason}")
        pytest.skip(f"PostgreSQL tests need a server: {reason}")
    server = PgServer.start()
    yield server
    server.destroy()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the test server, as a ``postgresql+psycopg://`` URL."""
    if not pg_server.running:
        pg_server.start_again()   # a connection-loss test left it stopped
    name = pg_server.create_database()
    yield pg_server.url(name)
    if not pg_server.running:
        pg_server.start_again()
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """What ``--db`` takes, on each engine: a new SQLite file's path, or a fresh PostgreSQL
    database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "any.sqlite3")
    return str(request.getfixturevalue("pg_url"))
