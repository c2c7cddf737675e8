"""The search worker (issue 17): the newest query runs on its own thread and connection, an
older one running is interrupted (sqlite3's interrupt), only the newest query's hits are
delivered, and stopping the worker ends its thread at once, even mid-query. Real database
files, real statements: the slow query is a real SQLite statement that never ends unless
interrupted."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pkdesk.core.search import SearchHit
from pkdesk.store import queries
from pkdesk.store.db import Database
from pkdesk.store.readonly import connect_readonly
from pkdesk.store.search_worker import FileSource, SearchWorker, source_for
from tests.store.slow_search import SLOW, SlowFirst


class Delivered:
    def __init__(self) -> None:
        self.items: list[tuple[int, list[SearchHit] | None, BaseException | None]] = []
        self.event = threading.Event()

    def __call__(self, generation: int, hits: list[SearchHit] | None,
                 problem: BaseException | None) -> None:
        self.items.append((generation, hits, problem))
        self.event.set()

    def wait(self, count: int = 1, timeout: float = 10.0) -> None:
        end = time.monotonic() + timeout
        while len(self.items) < count and time.monotonic() < end:
            self.event.wait(0.02)
        assert len(self.items) >= count, self.items


def _expected(db_path: Path, text: str, scope: str | int = "all") -> list[SearchHit]:
    conn = connect_readonly(db_path)
    try:
        return queries.search(lambda sql, params: conn.execute(sql, params).fetchall(), text,
                              50, scope, cap=queries.RANK_MAX)
    finally:
        conn.close()


def test_the_worker_finds_what_the_same_function_finds_on_this_thread(
        db: Database, db_path: Path) -> None:
    delivered = Delivered()
    worker = SearchWorker(source_for(db), delivered)
    try:
        for n, text in enumerate(["impart", "consent of the parties", "securite"], 1):
            generation = worker.submit(text, 50, "all")
            delivered.wait(n)
            assert delivered.items[-1] == (generation, _expected(db_path, text), None)
        assert delivered.items[0][1], "nothing found for 'impart'"
        assert threading.current_thread() is not worker._thread
    finally:
        assert worker.stop()


@contextmanager
def _slow_worker(db_path: Path) -> Iterator[tuple[SlowFirst, Delivered, SearchWorker]]:
    """A worker whose source runs SLOW's statement until interrupted; stopped at the end."""
    source = SlowFirst(str(db_path))
    delivered = Delivered()
    worker = SearchWorker(source, delivered)
    try:
        yield source, delivered, worker
    finally:
        assert worker.stop()


def test_a_newer_query_interrupts_the_running_one_and_only_its_hits_are_delivered(
        db: Database, db_path: Path) -> None:
    with _slow_worker(db_path) as (source, delivered, worker):
        worker.submit(SLOW, 50, "all")
        source.wait_running()
        connection = source._conn
        newest = worker.submit("impart", 50, "all")
        delivered.wait()
        time.sleep(0.1)                       # anything else would have come by now
        assert [(g, p) for g, _, p in delivered.items] == [(newest, None)]
        assert source._conn is connection     # kept, with its page cache, for the next query
        assert delivered.items[0][1] == _expected(db_path, "impart")
        # The endless statement was stopped by sqlite3's interrupt, not left to run.
        assert source.ended == [(SLOW, "interrupted"), ("impart", "done")]
        assert not worker.busy


def test_a_run_of_prefixes_typed_over_a_slow_query_delivers_the_last_one_only(
        db: Database, db_path: Path) -> None:
    with _slow_worker(db_path) as (source, delivered, worker):
        for text in (SLOW, SLOW + "a", SLOW + "ab"):
            worker.submit(text, 50, "all")
            source.wait_running()
        last = worker.submit("impa", 50, "all")
        delivered.wait()
        time.sleep(0.1)
        assert [g for g, _, _ in delivered.items] == [last]
        assert delivered.items[0][1] == _expected(db_path, "impa")
        assert [why for _, why in source.ended] == ["interrupted"] * 3 + ["done"]


def test_stopping_mid_query_ends_the_thread_at_once_and_delivers_nothing(
        db: Database, db_path: Path) -> None:
    source = SlowFirst(str(db_path))
    delivered = Delivered()
    worker = SearchWorker(source, delivered)
    worker.submit(SLOW, 50, "all")
    source.wait_running()
    thread = worker._thread
    assert thread is not None and thread.is_alive()
    start = time.perf_counter()
    assert worker.stop(timeout=5)
    assert time.perf_counter() - start < 2
    assert not thread.is_alive() and source._conn is None      # joined, connection closed
    time.sleep(0.05)
    assert delivered.items == []
    assert source.ended == [(SLOW, "interrupted")]
    worker.submit("impart", 50, "all")       # a stopped worker takes no more queries
    time.sleep(0.1)
    assert delivered.items == []


def test_a_cancelled_query_delivers_nothing(db: Database, db_path: Path) -> None:
    with _slow_worker(db_path) as (source, delivered, worker):
        worker.submit(SLOW, 50, "all")
        source.wait_running()
        worker.cancel()
        end = time.monotonic() + 5
        while worker.busy and time.monotonic() < end:
            time.sleep(0.01)
        assert not worker.busy and delivered.items == []
        assert source.ended == [(SLOW, "interrupted")]


def test_a_damaged_file_is_delivered_as_the_problem_for_the_caller_to_name(
        db: Database, db_path: Path) -> None:
    db.close()
    size = db_path.stat().st_size
    with db_path.open("r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * (size - 100))
    delivered = Delivered()
    worker = SearchWorker(FileSource(str(db_path)), delivered)
    try:
        worker.submit("impart", 50, "all")
        delivered.wait()
        _, hits, problem = delivered.items[0]
        assert hits is None and isinstance(problem, sqlite3.DatabaseError)
        assert str(problem) != "interrupted"
    finally:
        assert worker.stop()


def test_a_vanished_file_is_delivered_as_the_problem(tmp_path: Path) -> None:
    delivered = Delivered()
    worker = SearchWorker(FileSource(str(tmp_path / "gone.sqlite3")), delivered)
    try:
        worker.submit("impart", 50, "all")
        delivered.wait()
        _, hits, problem = delivered.items[0]
        assert hits is None and isinstance(problem, sqlite3.OperationalError)
        assert not (tmp_path / "gone.sqlite3").exists()      # read-only: nothing was made
    finally:
        assert worker.stop()
