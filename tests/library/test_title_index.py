"""Migration 0009: the titles' search index (ref_title_fts) holds every row of the search
index's titles, with the same rowids, through adding, replacing and removing documents."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from pkdesk.core.docimport import parse_document
from pkdesk.store import queries
from pkdesk.store.db import Database
from pkdesk.store.library_repo import LibraryRepository
from pkdesk.store.reference_repo import ReferenceRepository


def _titles(path: Path) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    with closing(sqlite3.connect(path)) as conn:
        return (conn.execute("SELECT rowid, title FROM ref_title_fts ORDER BY rowid").fetchall(),
                conn.execute("SELECT rowid, title FROM ref_fts ORDER BY rowid").fetchall())


def _doc(name: str, heading: str) -> bytes:
    sections = "".join(f"## {heading if n % 10 == 0 else 'Part'} {n}\n\n"
                       f"The {heading.lower()} text number {n}.\n\n" for n in range(30))
    return f"# {name}\n\n{sections}".encode()


def test_the_title_index_follows_every_change_of_the_search_index(db: Database,
                                                                   db_path: Path) -> None:
    shipped, full = _titles(db_path)
    assert len(shipped) >= 40 and shipped == full
    libraries = LibraryRepository(db)
    first = libraries.add(parse_document(_doc("Patrol orders", "Zanzibar patrol"), "a.md",
                                         "markdown"), "2026")
    second = libraries.add(parse_document(_doc("Convoy orders", "Quokka convoy"), "b.md",
                                          "markdown"), "2026")
    titles, full = _titles(db_path)
    assert titles == full and len(titles) == len(shipped) + 2 * 31
    search = ReferenceRepository(db)
    assert len(search.search("zanzibar", limit=50)) == 30

    libraries.replace(first.id, parse_document(_doc("Patrol orders", "Yellowfin patrol"),
                                               "a.md", "markdown"), "2027")
    titles, full = _titles(db_path)
    assert titles == full and len(titles) == len(shipped) + 2 * 31
    assert search.search("zanzibar", limit=50) == []
    assert len(search.search("yellowfin", limit=50)) == 30

    libraries.remove(second.id)
    titles, full = _titles(db_path)
    assert titles == full and len(titles) == len(shipped) + 31
    assert search.search("quokka", limit=50) == []
    # A broad query (more matches than a search ranks) answers with title matches first,
    # found in the titles' index: here the bound is 10 nodes.
    with closing(sqlite3.connect(db_path)) as conn:
        hits = queries.search(lambda sql, p: conn.execute(sql, p).fetchall(), "yellowfin",
                              10, first.id, cap=10)
    assert [h.title for h in hits] == ["Yellowfin patrol 0", "Yellowfin patrol 10",
                                       "Yellowfin patrol 20"] + [f"Part {n}" for n in range(1, 8)]
