"""No password in clear anywhere pkdesk writes: a team URL given with its password works, but
the password is in no settings file, log, crash report, window title or message; libpq's
password file is used only when it is its owner's alone."""

from __future__ import annotations

import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from pkdesk.store.library import open_library
from pkdesk.ui.window.crash_report import CrashReporter
from pkdesk.ui.window.main_window import MainWindow
from tests.pgserver import PgServer
from tests.team.conftest import Team
from tests.team.support import pkdesk
from tests.ui.reference_helpers import settings_at


def _files_holding(root: Path, secret: str) -> list[Path]:
    needle = secret.encode()
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_a_password_in_the_url_reaches_no_settings_log_title_or_crash_report(
        qtbot: QtBot, team: Team, tmp_path: Path) -> None:
    user, password = team.users["author"]
    url = team.url("author")
    assert password in url
    db = open_library(url)
    settings = settings_at(tmp_path)
    window = MainWindow.for_database(db, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert password not in window.windowTitle()
        reporter = CrashReporter(tmp_path / "logs", lambda: None, lambda: window)
        try:
            raise RuntimeError(f"could not use {url}")
        except RuntimeError:
            reporter(*sys.exc_info())   # type: ignore[arg-type]
        assert reporter.dialog is not None
        assert password not in reporter.dialog.detailedText()
        assert "could not use" in reporter.dialog.detailedText()
        reporter.dialog.close()
    finally:
        window.close()
        settings.sync()
        db.close()
    assert (tmp_path / "logs" / "pkdesk.log").is_file()
    assert _files_holding(tmp_path, password) == []


def test_the_cli_never_prints_or_writes_the_password(team: Team, tmp_path: Path) -> None:
    user, password = team.users["reader"]
    home = tmp_path / "cli-home"
    home.mkdir()
    env = {"XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    for argv in (["plan", "list"], ["plan", "import", str(tmp_path / "missing.pkplan.json")],
                 ["plan", "export", "99", "-o", str(tmp_path / "out.json")],
                 ["team", "list"], ["search", "consent"]):
        done = pkdesk("--db", team.url("reader"), *argv, home=home, env=env)
        assert password not in done.stdout + done.stderr, argv
        assert "Traceback" not in done.stderr
    unreachable = pkdesk("--db", f"postgresql://{user}:{password}@127.0.0.1:1/nowhere",
                         "plan", "list", home=home, env=env)
    assert unreachable.returncode == 2 and password not in unreachable.stderr
    assert _files_holding(home, password) == []


def test_a_password_file_others_can_read_is_refused_before_connecting(
        pg_server: PgServer, pg_url: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    pgpass = home / ".pgpass"
    pgpass.write_text(f"*:*:*:{pg_server.superuser}:{pg_server.password}\n")
    pgpass.chmod(0o640)
    url = pg_server.url(pg_url.rsplit("/", 1)[1], user=pg_server.superuser)   # no password
    done = pkdesk("--db", url, "plan", "list", home=home)
    assert done.returncode == 2
    assert done.stderr == (f"pkdesk: password file {pgpass} can be read by other users "
                           f"(mode 0640); pkdesk uses it only when it is yours alone: "
                           f"chmod 600 {pgpass}\n")
    pgpass.chmod(0o600)      # the same file, its owner's alone: it is what logs in
    assert pkdesk("--db", url, "plan", "list", home=home).returncode == 0
