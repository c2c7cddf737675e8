"""An exception escaping a Qt slot while the window runs: the pending edit is saved, the
traceback goes to an owner-only log next to the database, and a dialog says so."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.edits import with_field
from pkdesk.store.db import Database
from pkdesk.ui.window.crash_report import LOG_BYTES, LOG_NAME, install, write_log
from pkdesk.store.plan_repo import PlanRepository
from tests.ui.planner_helpers import import_example, open_planner


class Boom(QObject):
    fired = Signal()


def _raise() -> None:
    raise RuntimeError("<b>not bold</b> & broken")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_reported_saved_and_logged(
        qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    assert page.plan is not None and page.plan_id is not None
    page.edit("title", with_field(page.plan, "title", "Edited before the crash"))
    assert page.autosaver is not None and page.autosaver.has_pending()
    folder = tmp_path / "data"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)     # restored after the test
    reporter = install(folder, window.flush, lambda: window)
    assert sys.excepthook is reporter

    boom = Boom()
    boom.fired.connect(_raise)
    QTimer.singleShot(0, boom.fired.emit)            # raised from a slot, in the event loop
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=5000)

    box = reporter.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    log = folder / LOG_NAME
    assert "Something went wrong" in box.text() and "Your work is saved" in box.text()
    assert str(log) in box.text()
    assert box.textFormat().name == "PlainText"
    assert "<b>not bold</b> & broken" in box.detailedText()      # literal, not markup
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: <b>not bold</b> & broken" in text and "_raise" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert not page.autosaver.has_pending()
    assert PlanRepository(db).get(plan_id).title == "Edited before the crash"
    box.close()


def test_the_log_is_bounded(tmp_path: Path) -> None:
    for _ in range(3 * LOG_BYTES // 50_000 + 2):
        path = write_log(tmp_path, "x" * 50_000)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2"]
    assert all(p.stat().st_size <= LOG_BYTES + 60_000 for p in tmp_path.iterdir())
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in tmp_path.iterdir())
    assert path == tmp_path / LOG_NAME
