"""Search as you type on a team database (PostgreSQL) runs off the GUI thread too (issue 17):
the worker's own pooled connection, the same hits as the repository's search, and a query
typed past is cancelled on the server (the driver's cancel) and never shown."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pkdesk.core.search import SearchHit
from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.store.search_worker import SearchWorker, ServerSource, source_for
from pkdesk.ui.reference.search_panel import SearchPanel
from tests.pgserver import PgServer
from tests.ui.reference_helpers import settled


class SlowOnServer(ServerSource):
    """The real team-database source; the query "zz-slow" first sleeps on the server for a
    minute, unless cancelled. Records how each query ended."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.ended: list[tuple[str, str]] = []
        self.started = threading.Event()

    def search(self, check: Callable[[], None], user_text: str, limit: int,
               scope: str | int) -> list[SearchHit]:
        try:
            if user_text == "zz-slow":
                with self.db.session() as s:
                    conn = s.connection()
                    self._driver = conn.connection.driver_connection
                    self.started.set()
                    conn.exec_driver_sql("SELECT pg_sleep(60)")
            hits = super().search(check, user_text, limit, scope)
        except BaseException as exc:
            self.ended.append((user_text, type(exc).__name__))
            raise
        self.ended.append((user_text, "done"))
        return hits


@pytest.fixture
def team_db(pg_url: str) -> Iterator[Database]:
    db = open_library(pg_url)
    yield db
    db.close()


def test_the_panel_searches_a_team_database_off_the_gui_thread(
        qtbot: QtBot, team_db: Database) -> None:
    repo = ReferenceRepository(team_db)
    panel = SearchPanel(repo)
    qtbot.addWidget(panel)
    assert isinstance(SearchPanel.make_source(team_db), ServerSource)
    panel.show()
    panel.field.setText("impartiality")
    panel.run_now()
    settled(qtbot, panel)
    assert panel.model.hits() == repo.search("impartiality", 50)
    assert panel.model.hits()[0].id.startswith("principles.impartiality")
    worker = panel._worker
    assert worker is not None and worker._thread is not None and worker._thread.is_alive()
    panel.close()
    assert not worker._thread.is_alive()


def test_a_newer_query_cancels_the_one_running_on_the_server(team_db: Database) -> None:
    source = SlowOnServer(team_db)
    delivered: list[tuple[int, list[SearchHit] | None, BaseException | None]] = []
    worker = SearchWorker(source, lambda g, h, p: delivered.append((g, h, p)))
    try:
        worker.submit("zz-slow", 50, "all")
        assert source.started.wait(10)
        time.sleep(0.2)                        # pg_sleep is running on the server
        start = time.perf_counter()
        newest = worker.submit("impartiality", 50, "all")
        end = time.monotonic() + 20
        while not delivered and time.monotonic() < end:
            time.sleep(0.02)
        assert time.perf_counter() - start < 10, "the server's sleep was not cancelled"
        assert [(g, p) for g, _, p in delivered] == [(newest, None)]
        assert delivered[0][1] == ReferenceRepository(team_db).search("impartiality", 50)
        assert [text for text, _ in source.ended] == ["zz-slow", "impartiality"]
        assert source.ended[0][1] != "done" and source.ended[1][1] == "done"
    finally:
        assert worker.stop()


def test_a_file_database_gets_a_file_source(tmp_path: Path) -> None:
    db = open_library(tmp_path / "f.sqlite3")
    try:
        assert not isinstance(source_for(db), ServerSource)
    finally:
        db.close()
