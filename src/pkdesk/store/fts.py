"""Filling the search index: each node's title and body, its library, and its words' stems in
the library's language (``pkdesk.core.textfold``)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from pkdesk.core.errors import StoreError
from pkdesk.core.textfold import stems
from pkdesk.store.queries import ROWID_SPAN as ROWID_SPAN, rowid_range as rowid_range

# Each library's rows take rowids library_id * ROWID_SPAN + n: a search scoped to one library
# is a rowid range, which FTS5 applies while it walks its index, where a filter on the
# unindexed library_id column reads every matching row (57 ms against 6 ms for "i" over
# 50,000 nodes). A document has at most 20,000 nodes (core.docimport.bounds.MAX_NODES). Both
# live in store.queries, whose searches (also run without SQLAlchemy) use the same ranges.


def drop_source(s: Session, source_id: str) -> None:
    """Take one reference source's nodes out of the search index (and, in a file, out of the
    titles' index, migration 0009, whose rows keep ref_fts's rowids). Before the nodes go:
    the rows are found by their node ids."""
    nodes = "SELECT id FROM ref_node WHERE source_id = :sid"
    if s.get_bind().dialect.name == "sqlite":
        s.execute(text(f"DELETE FROM ref_title_fts WHERE rowid IN "
                       f"(SELECT rowid FROM ref_fts WHERE node_id IN ({nodes}))"),
                  {"sid": source_id})
    s.execute(text(f"DELETE FROM ref_fts WHERE node_id IN ({nodes})"), {"sid": source_id})


def index_source(s: Session, source_id: str) -> None:
    """(Re)index every node of one reference source; its library's id and language come from
    the ``library`` table (a shipped corpus without a row there is library 1, English)."""
    lib = s.execute(text("SELECT id, language FROM library WHERE source_id = :sid"),
                    {"sid": source_id}).first()
    library_id, lang = (int(lib[0]), str(lib[1])) if lib else (1, "en")
    drop_source(s, source_id)
    rows = s.execute(text("SELECT id, title, body FROM ref_node WHERE source_id = :sid"),
                     {"sid": source_id}).all()
    if rows:
        # After the rows already in the library's range (a shipped corpus without a library
        # row of its own shares library 1's).
        lo, hi = rowid_range(library_id)
        last = s.execute(text("SELECT max(rowid) FROM ref_fts WHERE rowid BETWEEN :lo AND :hi"),
                         {"lo": lo, "hi": hi}).scalar()
        base = lo if last is None else int(last) + 1
        if base + len(rows) > hi:
            raise StoreError("the search index has no room left for this library; "
                             "run 'pkdesk doctor'")
        values = [{"rowid": base + n, "id": r[0], "lib": library_id, "title": r[1],
                   "body": r[2], "stems": stems(f"{r[1]} {r[2]}", lang)}
                  for n, r in enumerate(rows)]
        if s.get_bind().dialect.name == "sqlite":
            s.execute(text("INSERT INTO ref_fts (rowid, node_id, library_id, title, body, "
                           "stems) VALUES (:rowid, :id, :lib, :title, :body, :stems)"), values)
            s.execute(text("INSERT INTO ref_title_fts (rowid, title) VALUES (:rowid, :title)"),
                      [{"rowid": v["rowid"], "title": v["title"]} for v in values])
        else:   # a team database: the tsvector made as store.pg_search describes
            insert_pg(s, values)


def insert_pg(s: Session, values: list[dict[str, object]]) -> None:
    """Rows into a team database's ref_fts (PostgreSQL), each with its tsvector."""
    from pkdesk.store.pg_search import tsvector_literal

    for v in values:
        v["tsv"] = tsvector_literal(str(v["title"]), str(v["body"]), str(v["stems"]))
    s.execute(text("INSERT INTO ref_fts (rowid, node_id, library_id, title, body, stems, tsv) "
                   "VALUES (:rowid, :id, :lib, :title, :body, :stems, CAST(:tsv AS tsvector))"),
              values)
