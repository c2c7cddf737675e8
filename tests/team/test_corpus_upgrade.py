"""After a pkdesk upgrade that changes the shipped reference, only the team database's
administrator can load the new reference into it (readers, reviewers and authors may not
write the reference tables). Until then, anyone else opening it is told so in one line that
says what to do, not a permission error, and nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from pkdesk.core.errors import StoreError
from pkdesk.store.library import open_library
from tests.team.conftest import Team
from tests.team.support import pkdesk


def _checksums(url: str) -> dict[str, str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {str(i): str(c) for i, c in conn.execute(
                text("SELECT id, checksum FROM ref_source"))}
    finally:
        engine.dispose()


def _as_if_loaded_by_an_older_pkdesk(team: Team) -> str:
    engine = create_engine(team.admin_url)
    try:
        with engine.begin() as conn:
            source = str(conn.execute(text("SELECT min(id) FROM ref_source")).scalar())
            conn.execute(text("UPDATE ref_source SET checksum = 'older' WHERE id = :i"),
                         {"i": source})
    finally:
        engine.dispose()
    return source


def test_a_member_is_told_to_have_the_administrator_open_it_first(team: Team) -> None:
    source = _as_if_loaded_by_an_older_pkdesk(team)
    for role in ("reader", "author"):
        user = team.users[role][0]
        done = pkdesk("--db", team.url(role), "plan", "list", home=team.home)
        assert done.returncode == 2, done.stderr
        line = done.stderr
        assert line.count("\n") == 1 and "Traceback" not in line, line
        assert line.startswith("pkdesk: the team database ") and user in line, line
        assert "ask its administrator to open it once with this version of pkdesk" in line
        assert "permission" not in line.lower() and "read-only" not in line, line
        with pytest.raises(StoreError, match="administrator to open it once"):
            open_library(team.url(role))
    assert _checksums(team.admin_url)[source] == "older"    # nothing was written
    open_library(team.admin_url).close()                    # the administrator opens it
    assert _checksums(team.admin_url)[source] != "older"
    done = pkdesk("--db", team.url("reader"), "plan", "list", home=team.home)
    assert done.returncode == 0, done.stderr
