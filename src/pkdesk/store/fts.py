"""Filling the search index: each node's title and body, its library, and its words' stems in
the library's language (``pkdesk.core.textfold``)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from pkdesk.core.textfold import stems


def index_source(s: Session, source_id: str) -> None:
    """(Re)index every node of one reference source; its library's id and language come from
    the ``library`` table (a shipped corpus without a row there is library 1, English)."""
    lib = s.execute(text("SELECT id, language FROM library WHERE source_id = :sid"),
                    {"sid": source_id}).first()
    library_id, lang = (int(lib[0]), str(lib[1])) if lib else (1, "en")
    s.execute(text("DELETE FROM ref_fts WHERE node_id IN "
                   "(SELECT id FROM ref_node WHERE source_id = :sid)"), {"sid": source_id})
    rows = s.execute(text("SELECT id, title, body FROM ref_node WHERE source_id = :sid"),
                     {"sid": source_id}).all()
    if rows:
        s.execute(text("INSERT INTO ref_fts (node_id, library_id, title, body, stems) "
                       "VALUES (:id, :lib, :title, :body, :stems)"),
                  [{"id": r[0], "lib": library_id, "title": r[1], "body": r[2],
                    "stems": stems(f"{r[1]} {r[2]}", lang)} for r in rows])
