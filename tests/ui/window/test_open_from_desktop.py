"""`pkdesk FILE...` (the desktop's "Open with"): the window opens with the plan selected, or
says in a dialog why not; a second launch hands its files to the window already open."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.cli import COMMANDS, build_parser, gui_args
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.app import start_window
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.window.single_instance import InstanceServer, decode, encode, server_name

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
RWANDA = EXAMPLES / "rwanda-1993.pkplan.json"


def _open(qtbot: QtBot, db_path: Path, *files: Path) -> MainWindow:
    window = start_window(argparse.Namespace(db=str(db_path), files=[str(f) for f in files]))
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.instance_server is not None, timeout=10000)
    return window


def _message_box(qtbot: QtBot) -> QMessageBox:
    found: list[QMessageBox] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=5000)
    return found[0]


def _titles(db_path: Path) -> list[str]:
    db = Database.open(db_path)
    try:
        return sorted(p.title for p in PlanRepository(db).list())
    finally:
        db.close()


def test_a_file_argument_goes_to_the_window_and_a_command_to_the_parser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = gui_args([str(RWANDA)])
    assert args is not None and args.command is None and args.files == [str(RWANDA)]
    args = gui_args(["--db", "x.sqlite3", str(RWANDA), "missing.pkplan.json"])
    assert args is not None and args.db == "x.sqlite3"
    assert args.files == [str(RWANDA), "missing.pkplan.json"]
    assert gui_args(["check", str(RWANDA)]) is None
    assert gui_args(["--version"]) is None
    monkeypatch.chdir(tmp_path)
    (tmp_path / "search").write_text("a file named like a command")
    assert gui_args(["search"]) is None           # the command wins
    assert gui_args(["--", "search"]) is not None  # unless after --


def test_the_command_names_known_before_the_parser_are_the_parsers() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert COMMANDS == set(subparsers.choices)


def test_the_window_opens_with_the_given_plan_selected_on_the_planner(
        qtbot: QtBot, db_path: Path, db: Database) -> None:
    db.close()
    window = _open(qtbot, db_path, RWANDA)
    title = read_plan_file(RWANDA).title
    qtbot.waitUntil(lambda: window.planner.plan is not None
                    and window.planner.plan.title == title, timeout=5000)
    assert window.pages.currentWidget() is window.planner
    assert window.planner.plan_id is not None
    window.close()
    assert _titles(db_path) == [title]


def test_opening_the_same_file_again_shows_the_plan_instead_of_a_copy(
        qtbot: QtBot, db_path: Path, db: Database) -> None:
    db.close()
    window = _open(qtbot, db_path, RWANDA)
    qtbot.waitUntil(lambda: window.planner.plan is not None, timeout=5000)
    first = window.planner.plan_id
    window.planner.select_plan(None)
    window.open_plan_files([RWANDA, RWANDA])
    assert window.planner.plan_id == first
    window.close()
    assert _titles(db_path) == [read_plan_file(RWANDA).title]


def test_a_bad_file_gets_a_plain_dialog_and_the_window_stays(
        qtbot: QtBot, db_path: Path, db: Database, tmp_path: Path) -> None:
    db.close()
    bad = tmp_path / "<b>bad<i>.pkplan.json"
    bad.write_text('{"format": "pkdesk-plan", "version": 1, "plan": 7}')
    missing = tmp_path / "missing.pkplan.json"
    window = _open(qtbot, db_path, bad, missing)
    box = _message_box(qtbot)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bad<i>.pkplan.json" in box.text() and "missing.pkplan.json" in box.text()
    assert window.isVisible()
    box.close()
    window.close()
    assert _titles(db_path) == []


def _launch(db_path: Path, *files: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "pkdesk", "--db", str(db_path),
                             *map(str, files)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_a_second_launch_hands_its_file_to_the_open_window_and_exits(
        qtbot: QtBot, db_path: Path, db: Database) -> None:
    db.close()
    window = _open(qtbot, db_path)
    assert window.planner.plan is None
    started = time.monotonic()
    second = _launch(db_path, RWANDA)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30000)
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert out == "" and err == ""
    assert time.monotonic() - started < 20
    title = read_plan_file(RWANDA).title
    qtbot.waitUntil(lambda: window.planner.plan is not None
                    and window.planner.plan.title == title, timeout=5000)
    assert window.pages.currentWidget() is window.planner
    window.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe leaves no file behind")
def test_a_socket_left_by_a_crashed_window_is_taken_over(
        qtbot: QtBot, db_path: Path, db: Database) -> None:
    db.close()
    name = server_name(db_path)
    path = name if os.path.isabs(name) else os.path.join(
        os.environ.get("TMPDIR", "/tmp"), name)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()                       # the file stays, nobody listens: as after a crash
    try:
        server = InstanceServer(db_path)
        assert server.listen()
        server.close()
    finally:
        if os.path.exists(path):
            os.unlink(path)


def test_messages_are_one_json_line_of_paths_and_anything_else_is_refused() -> None:
    line = encode([RWANDA, "rel.pkplan.json"])
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode(line.strip()) == [str(RWANDA), os.path.abspath("rel.pkplan.json")]
    for bad in (b"\xff", b"[]", b'{"open": "x"}', b'{"open": [1]}', b'{"open": [], "x": 1}',
                json.dumps({"open": ["a\0b"]}).encode()):
        assert decode(bad) is None


def test_the_socket_name_is_per_database(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a.sqlite3") != server_name(tmp_path / "b.sqlite3")
    assert server_name(tmp_path / "a.sqlite3") == server_name(tmp_path / "." / "a.sqlite3")


def test_a_file_open_event_as_macos_sends_it_opens_the_plan(
        qtbot: QtBot, db_path: Path, db: Database) -> None:
    from PySide6.QtGui import QFileOpenEvent

    db.close()
    window = _open(qtbot, db_path)
    qtbot.waitUntil(lambda: window.db is not None, timeout=5000)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(window)           # as start_window does on macOS only
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(RWANDA)))
    finally:
        app.removeEventFilter(window)
    assert window.planner.plan is not None
    assert window.planner.plan.title == read_plan_file(RWANDA).title
    window.close()
