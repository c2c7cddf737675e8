"""Issue 17: search does bounded work on broad queries and still returns the best hits.

A query matching at most ``cap`` nodes (divided among its words) is ranked whole, so for queries of three letters or
more on a corpus where they match few enough nodes the hits are exactly a full bm25 ranking
(ids, order and scores); a broader query answers with nodes matching in their title first."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pkdesk.core.search import fts_query
from pkdesk.core.textfold import fold
from pkdesk.store import queries

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_search import PHRASES, typed  # noqa: E402
from synthetic import build_database  # noqa: E402

FULL_BM25 = ("SELECT node_id, bm25(ref_fts, 0.0, 0.0, 8.0, 1.0, 0.1) AS r FROM ref_fts "
             "WHERE ref_fts MATCH ? ORDER BY r, rowid LIMIT ?")
LIMIT = 20


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("bounded") / "search.sqlite3"
    build_database(path, 3000).close()
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def _fetch(conn: sqlite3.Connection) -> queries.Fetch:
    return lambda sql, params: conn.execute(sql, params).fetchall()


def _matches(conn: sqlite3.Connection, text: str) -> int:
    return int(conn.execute("SELECT count(*) FROM ref_fts WHERE ref_fts MATCH ?",
                            (fts_query(text),)).fetchone()[0])


def test_queries_of_three_letters_or_more_get_the_full_bm25_ranking(
        conn: sqlite3.Connection) -> None:
    cap = 1500
    checked = 0
    for text in {q for phrase in PHRASES for q in typed(phrase) if len(q.strip()) >= 3}:
        query = str(fts_query(text))
        if _matches(conn, text) > cap // (query.count(" AND ") + 1):
            continue
        hits = queries.search(_fetch(conn), text, LIMIT, "handbook", cap=cap)
        full = conn.execute(FULL_BM25, (fts_query(text), LIMIT)).fetchall()
        assert [(h.id, h.score) for h in hits] == [(r[0], -r[1]) for r in full], text
        checked += 1
    assert checked >= 80   # most typed queries of 3+ letters are ranked whole here


def test_a_broad_query_is_bounded_and_answers_title_matches_first(
        conn: sqlite3.Connection) -> None:
    cap = 200
    for text in ("p", "co", "the", "peace"):
        assert _matches(conn, text) > cap
        hits = queries.search(_fetch(conn), text, LIMIT, "handbook", cap=cap)
        assert len(hits) == LIMIT and len({h.id for h in hits}) == LIMIT
        titled = conn.execute("SELECT count(*) FROM ref_fts WHERE ref_fts MATCH ?",
                              ("title : (" + str(fts_query(text)) + ")",)).fetchone()[0]
        prefix = text.lower()
        # accents folded, as the index folds them ("co" finds "Côte")
        in_title = [any(fold(w).startswith(prefix) for w in h.title.split()) for h in hits]
        # Every title match (up to the limit) comes before any body-only match.
        assert in_title == [True] * min(LIMIT, titled) + [False] * (LIMIT - min(LIMIT, titled))
        assert all("\x02" in h.snippet or flag for h, flag in zip(hits, in_title))


def test_the_repository_and_the_plain_connection_search_alike(conn: sqlite3.Connection,
                                                               db_path: Path) -> None:
    from pkdesk.store.library import open_library
    from pkdesk.store.reference_repo import ReferenceRepository

    db = open_library(db_path)
    try:
        repo = ReferenceRepository(db)
        roots, _entries = repo.tree()
        repo.set_note(roots[0], "Consent of the parties, noted.")
        plain = sqlite3.connect(db_path)
        try:
            for scope in ("all", "handbook", "notes", 1, 7):
                via_repo = repo.search("consent of the", limit=10, scope=scope)
                via_sqlite = queries.search(_fetch(plain), "consent of the", 10, scope)
                assert via_repo == via_sqlite, scope
                assert bool(via_repo) == (scope != 7), scope
            assert repo.search("consent", limit=10)[0].in_note
        finally:
            plain.close()
    finally:
        db.close()


TITLES_BM25 = ("SELECT t.rowid, f.node_id, bm25(ref_title_fts) AS r FROM ref_title_fts t "
               "JOIN ref_fts f ON f.rowid = t.rowid WHERE ref_title_fts MATCH ? "
               "ORDER BY r, t.rowid LIMIT ?")


def test_a_broad_querys_title_matches_are_the_best_by_bm25_over_titles(
        conn: sqlite3.Connection) -> None:
    """Past the budget, the title matches come first in the order of a full bm25 ranking over
    the titles' index (ids and scores), for one word and several; that index finds the
    nodes whose title matches in the whole index, and holds every row's title."""
    from pkdesk.core.search import fts_title_query

    assert conn.execute("SELECT rowid, title FROM ref_title_fts ORDER BY rowid").fetchall() \
        == conn.execute("SELECT rowid, title FROM ref_fts ORDER BY rowid").fetchall()
    cap = 200
    checked = 0
    for text in ("pea", "peace", "co", "security co", "consent of th", "regional co",
                 "dialogue ch", "use of fo", "the"):
        titles = str(fts_title_query(text))
        assert sorted(r[0] for r in conn.execute(
            "SELECT rowid FROM ref_title_fts WHERE ref_title_fts MATCH ?", (titles,))) == \
            sorted(r[0] for r in conn.execute("SELECT rowid FROM ref_fts WHERE ref_fts MATCH ?",
                                              (f"title : ({fts_query(text)})",))), text
        full = conn.execute(TITLES_BM25, (titles, LIMIT)).fetchall()
        words = str(fts_query(text)).count(" AND ") + 1
        titled = conn.execute("SELECT count(*) FROM ref_title_fts WHERE ref_title_fts MATCH ?",
                              (titles,)).fetchone()[0]
        if _matches(conn, text) <= cap // words or titled > cap // words:
            continue    # ranked whole (the test above), or too many titles to rank
        hits = queries.search(_fetch(conn), text, LIMIT, "handbook", cap=cap)
        assert [(h.id, h.score) for h in hits[:len(full)]] == \
            [(r[1], -r[2]) for r in full], text
        checked += 1
    assert checked >= 5
