"""Issue 17: search snippets are made in Python (``store.fts_snippet``) from the kept hits'
bodies, and must be the very text FTS5's ``snippet()`` gives for the same row and query."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pkdesk.core.search import fts_query, query_words
from pkdesk.store import queries
from pkdesk.store.fts_snippet import phrases, snippet

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_search import PHRASES, typed  # noqa: E402
from synthetic import build_database  # noqa: E402

FTS5 = (f"SELECT rowid, body, {queries.FTS5_SNIPPET} FROM ref_fts "
        "WHERE ref_fts MATCH ? ORDER BY rowid LIMIT ?")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """The shipped handbook and 1,500 synthetic nodes, indexed as pkdesk indexes them."""
    path = tmp_path_factory.mktemp("snippets") / "search.sqlite3"
    build_database(path, 1500, with_shipped=True).close()
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def _differences(conn: sqlite3.Connection, text: str, rows: int) -> list[tuple[str, str]]:
    query = fts_query(text)
    assert query is not None
    words = phrases(query_words(text))
    return [(fts5, mine) for _rowid, body, fts5 in conn.execute(FTS5, (query, rows))
            for mine in [snippet(body, words)] if mine != fts5]


def test_every_typed_query_gets_fts5s_own_snippet(corpus: sqlite3.Connection) -> None:
    texts = sorted({q for phrase in PHRASES for q in typed(phrase)})
    compared = 0
    for text in texts:
        assert _differences(corpus, text, 40) == [], text
        compared += 1
    assert compared > 250
    # The handbook's own words, accents and apostrophes included.
    for text in ("Côte d'Ivoire", "cote d iv", "impartiality consent", "use of force",
                 "UNTAC", "mandate: protection", "peace-keeping", "Chapter VII", "2001"):
        assert _differences(corpus, text, 200) == [], text


BODIES = [
    "",
    "…and so: the peace talks. Peace returned: peacekeepers left.",
    "Côte d'Ivoire, CÔTE D'IVOIRE and Co\u0301te d'Ivoire (decomposed) are one place.",
    "A long text " + " ".join(f"word{n} filler" for n in range(40)) + " peace at the end.",
    "peace " * 30 + "the end",
    " \t leading space; then peace_keeping, peace-keeping and peacekeeping_force.",
    "Sentences. Without. The. Word.  Twice  spaced:\n\nnewlines\r\nand tabs\tpeace.",
    "Numbers 2001 and 2001a, 10,000 troops; «quotes» and “more” peace.",
    "Straße, STRASSE, ﬁnance and ÆON: ligatures around peace.",
    "The word appears only in the stems column here, nothing in this body matches.",
]
QUERIES = ["peace", "pea", "p", "peace keep", "cote d'ivoire", "côte", "co", "2001",
           "word1", "word3 filler", "the end", "strasse", "straße", "fin", "æon", "sentences",
           "peace_keeping", "peace_keep", "nothing", "x"]


def test_made_up_bodies_get_fts5s_own_snippet() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE ref_fts USING fts5(node_id UNINDEXED, library_id "
                 "UNINDEXED, title, body, stems, tokenize = 'unicode61 remove_diacritics 2', "
                 "prefix = '1 2 3')")
    conn.executemany("INSERT INTO ref_fts (node_id, library_id, title, body, stems) "
                     "VALUES (?, 1, ?, ?, ?)",
                     [(str(n), "peace nothing x", body, "peac") for n, body in enumerate(BODIES)])
    compared = 0
    for text in QUERIES:
        query = fts_query(text)
        assert query is not None
        words = phrases(query_words(text))
        for _rowid, body, fts5 in conn.execute(FTS5, (query, 100)):
            assert snippet(body, words) == fts5, (text, body)
            compared += 1
    assert compared > 60
    conn.close()
