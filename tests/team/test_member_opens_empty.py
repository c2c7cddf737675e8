"""A member who is not the administrator opening a team database that has no pkdesk schema
yet (the administrator made it but never opened it with pkdesk): one line saying so and who
must open it first, not the server's refusal to create a table; exit 2 on the CLI, a dialog in
the window; nothing is written to the database."""

from __future__ import annotations

import argparse
import secrets

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.ui.app import start_window
from tests.pgserver import PgServer
from tests.team.conftest import Team
from tests.team.support import pkdesk


def _tables(server: PgServer, dbname: str) -> list[str]:
    import psycopg

    with psycopg.connect(server.dsn(dbname)) as conn:
        return [str(r[0]) for r in conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public'").fetchall()]


def _empty_database_for(team: Team) -> tuple[str, str]:
    """A second database on the same server, made by the administrator and never opened
    with pkdesk; the team's author (a real login role, not its owner) may connect to it."""
    dbname = team.server.create_database(f"empty_{secrets.token_hex(3)}")
    user, password = team.users["author"]
    return dbname, team.server.url(dbname, user=user, password=password)


def test_the_cli_says_the_administrator_must_open_it_first(team: Team) -> None:
    dbname, url = _empty_database_for(team)
    try:
        for argv in (["plan", "list"], ["team", "list"], ["search", "mandate"]):
            done = pkdesk("--db", url, *argv, home=team.home)
            assert done.returncode == 2, done.stderr
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1, done.stderr
            assert "has no pkdesk schema yet" in lines[0]
            assert "administrator" in lines[0] and "must open it once" in lines[0]
            assert "permission denied" not in done.stderr and "Traceback" not in done.stderr
            assert team.users["author"][1] not in done.stderr
        assert _tables(team.server, dbname) == []     # nothing written
        # The administrator opens it once; then the member can use it.
        admin = pkdesk("--db", team.server.url(dbname), "plan", "list", home=team.home)
        assert admin.returncode == 0, admin.stderr
        again = pkdesk("--db", url, "reference", home=team.home)
        assert again.returncode == 0, again.stderr
    finally:
        team.server.drop_database(dbname)


def test_the_window_shows_the_same_line_in_a_dialog(qtbot: QtBot, team: Team) -> None:
    dbname, url = _empty_database_for(team)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, answer)

    try:
        QTimer.singleShot(0, answer)
        window = start_window(argparse.Namespace(db=url))
        assert window is None
        assert len(seen) == 1
        assert "has no pkdesk schema yet" in seen[0] and "administrator" in seen[0]
        assert "permission denied" not in seen[0]
        assert _tables(team.server, dbname) == []
    finally:
        team.server.drop_database(dbname)
