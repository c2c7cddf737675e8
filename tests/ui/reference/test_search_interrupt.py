"""A running search is interrupted by the next keystroke (issue 17): the panel's searches run
on a worker thread with its own connection, a query the user typed past is stopped
(sqlite3's interrupt), only the newest query's hits are ever shown, and the GUI thread never
waits for a query. Real database files; a "slow" query is a real SQLite statement that never
ends unless interrupted (`tests/store/slow_search.py`)."""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.readonly import connect_readonly
from pkdesk.store import queries
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.store.window_repo import SqliteReferenceRepository
from pkdesk.ui.app import start_window
from pkdesk.ui.reference.search_panel import SearchPanel
from pkdesk.ui.window.main_window import MainWindow
from tests.store.slow_search import SLOW, SlowFirst
from tests.ui.reference_helpers import open_window, settled

IMPARTIALITY = "principles.impartiality"


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def _search_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "pkdesk-search" and t.is_alive()]


def _expected(db_path: Path, text: str) -> list[str]:
    conn = connect_readonly(db_path)
    try:
        hits = queries.search(lambda sql, params: conn.execute(sql, params).fetchall(), text,
                              50, "all", cap=queries.RANK_MAX)
    finally:
        conn.close()
    return [h.id for h in hits]


def test_typing_on_over_slow_queries_interrupts_them_and_shows_the_last_ones_hits_only(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    panel = SearchPanel(ReferenceRepository(db))
    qtbot.addWidget(panel)
    source = SlowFirst(str(db_path), slow=lambda text: len(text) < 4)
    panel.make_source = lambda _db: source          # type: ignore[method-assign]
    shown: list[str] = []
    panel.query_changed.connect(shown.append)
    panel.show()
    # Each prefix typed after the debounce, while the query before it still runs (forever,
    # unless interrupted): the GUI thread takes every keystroke meanwhile.
    for letter in "imp":
        with qtbot.waitSignal(panel.asked, timeout=2000):
            qtbot.keyClick(panel.field, letter)
        source.wait_running()
        assert panel.searching and shown == [] and panel.model.rowCount() == 0
    qtbot.keyClick(panel.field, "a")
    qtbot.waitUntil(lambda: shown != [], timeout=5000)
    qtbot.wait(100)                                  # anything else would have come by now
    assert shown == ["impa"] and panel.query == "impa" and not panel.searching
    assert [h.id for h in panel.model.hits()] == _expected(db_path, "impa")
    assert panel.model.hits()[0].id == IMPARTIALITY
    assert source.ended == [("i", "interrupted"), ("im", "interrupted"),
                            ("imp", "interrupted"), ("impa", "done")]
    assert _boxes() == [] and "match" in panel.status.text()


def test_an_older_querys_hits_are_never_shown_over_a_newer_ones(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    """The rows shown stay the last shown query's until the newest query's come; a cleared
    field drops the query running."""
    panel = SearchPanel(ReferenceRepository(db))
    qtbot.addWidget(panel)
    source = SlowFirst(str(db_path))
    panel.make_source = lambda _db: source          # type: ignore[method-assign]
    panel.show()
    panel.field.setText("consent")
    panel.run_now()
    settled(qtbot, panel)
    consent = [h.id for h in panel.model.hits()]
    assert consent == _expected(db_path, "consent")
    panel.field.setText(SLOW)
    panel.run_now()
    source.wait_running()
    assert [h.id for h in panel.model.hits()] == consent     # not stale: what was asked last
    panel.clear()                                            # Escape: the field emptied
    qtbot.waitUntil(lambda: len(source.ended) == 2, timeout=5000)
    qtbot.wait(100)
    assert source.ended == [("consent", "done"), (SLOW, "interrupted")]
    assert panel.query == "" and panel.model.rowCount() == 0 and not panel.searching
    assert _boxes() == []


def test_enter_typed_before_the_hits_come_opens_the_first_one_once_they_do(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    page = window.reference
    page.search.field.setFocus()
    qtbot.keyClicks(page.search.field, "impa")
    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)     # within the debounce
    qtbot.waitUntil(lambda: page.current_node == IMPARTIALITY, timeout=5000)
    assert page.search.query == "impa"
    # Down typed before the hits come, none shown: the list takes the focus once they are.
    page.search.field.setFocus()
    qtbot.keyClick(page.search.field, Qt.Key.Key_Escape)     # cleared: no rows
    assert page.search.model.rowCount() == 0
    qtbot.keyClicks(page.search.field, "impartial")
    qtbot.keyClick(page.search.field, Qt.Key.Key_Down)
    assert page.search.field.hasFocus() and page.search.searching
    qtbot.waitUntil(lambda: page.search.view.hasFocus(), timeout=5000)
    assert page.search.query == "impartial" and page.search.model.rowCount() > 0
    assert page.search.view.currentIndex().row() == 0


def test_closing_the_window_while_a_query_runs_stops_it_and_ends_its_thread(
        qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    search = window.reference.search
    source = SlowFirst(str(db_path))
    search.make_source = lambda _db: source          # type: ignore[method-assign]
    search.field.setFocus()
    with qtbot.waitSignal(search.asked, timeout=2000):
        qtbot.keyClicks(search.field, SLOW)
    source.wait_running()
    worker = search._worker
    assert worker is not None and worker._thread in _search_threads()
    start = time.perf_counter()
    assert window.close()
    assert time.perf_counter() - start < 2
    assert worker._thread not in _search_threads() and source._conn is None   # joined, closed
    assert source.ended == [(SLOW, "interrupted")]
    qtbot.wait(50)
    assert _boxes() == []


@pytest.mark.parametrize("engine", [False, True], ids=["sqlite3-only", "planner-shown"])
def test_a_file_damaged_after_the_attach_is_named_in_one_plain_line(
        qtbot: QtBot, db: Database, db_path: Path, engine: bool) -> None:
    """With the window's SQLAlchemy engine made before the damage (the Planner shown, a
    note written), the full way's read does not check the file again: its driver error is
    named as damage all the same."""
    db.close()
    window = start_window(argparse.Namespace(db=str(db_path)))
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.db is not None, timeout=10000)
    assert isinstance(window.reference.repo, SqliteReferenceRepository)
    if engine:
        assert window.db is not None and window.db.engine is not None
    size = db_path.stat().st_size
    with db_path.open("r+b") as fh:        # damage written by another program meanwhile
        fh.seek(100)
        fh.write(b"\xff" * (size - 100))
    search = window.reference.search
    search.field.setText("secu")
    search.run_now()
    qtbot.waitUntil(lambda: _boxes() != [], timeout=10000)
    boxes = _boxes()
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    text = boxes[0].text()
    assert "damaged" in text and str(db_path) in text and "\n" not in text
    assert "Traceback" not in text and boxes[0].detailedText() == ""
    assert search.model.rowCount() == 0 and search.status.text() == text
    boxes[0].close()
    window.close()


def test_a_file_gone_after_the_attach_is_still_searched_through_the_open_connection(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    """As before the worker: the window's own connection keeps the file it opened."""
    db.close()
    window = start_window(argparse.Namespace(db=str(db_path)))
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.db is not None, timeout=10000)
    db_path.unlink()
    search = window.reference.search
    search.field.setText("impart")
    search.run_now()
    settled(qtbot, search)
    assert search.model.hits()[0].id == IMPARTIALITY and _boxes() == []
    assert not db_path.exists()            # the worker's read-only open made no file
    window.close()

