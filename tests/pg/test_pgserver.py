"""The PostgreSQL test server itself: loopback only, password logins, a fresh database per
test, and a stop/start that clients see as a lost connection."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import create_engine, text

from tests.pgserver import PgServer


def test_fresh_database_is_empty_and_reachable_over_loopback(pg_url: str) -> None:
    assert pg_url.startswith("postgresql+psycopg://")
    assert "@127.0.0.1:" in pg_url
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            tables = conn.execute(text(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = 'public'")).scalar_one()
            listen = conn.execute(text("SHOW listen_addresses")).scalar_one()
    finally:
        engine.dispose()
    assert tables == 0
    assert listen == "127.0.0.1"


def test_login_needs_the_password(pg_server: PgServer) -> None:
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(f"host=127.0.0.1 port={pg_server.port} dbname=postgres "
                        f"user={pg_server.superuser} password=wrong").close()


def test_each_test_gets_its_own_database(pg_server: PgServer, pg_url: str) -> None:
    other = pg_server.create_database()
    try:
        assert other not in pg_url
    finally:
        pg_server.drop_database(other)


def test_any_db_url_names_one_engine(any_db_url: str) -> None:
    assert any_db_url.startswith("postgresql+psycopg://") or any_db_url.endswith(".sqlite3")
