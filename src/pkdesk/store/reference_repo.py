"""Read the reference library and keep the user's bookmarks and notes on it."""

from __future__ import annotations

import json
from typing import Any
from datetime import datetime, timezone

from sqlalchemy import delete, select, text

from pkdesk.core.errors import NotFoundError
from pkdesk.core.reference import NodeDetail, RefNode, TreeEntry
from pkdesk.core.search import (MARK_END, MARK_START, SCOPE_ALL, SCOPE_HANDBOOK, SCOPE_NOTES,
                                SearchHit, fts_query, note_hit)
from pkdesk.store.db import Database
from pkdesk.store.fts import rowid_range
from pkdesk.store.models import Bookmark, Library, Note, RefNodeRow, RefSource

HANDBOOK_LIBRARY = 1
RANK_MAX = 3000     # nodes times words a search ranks at most (see _search_nodes)


def _to_node(row: RefNodeRow) -> RefNode:
    return RefNode(id=row.id, title=row.title, kind=row.kind, parent=row.parent_id,
                   paragraphs=tuple(row.body.split("\n\n")) if row.body else (),
                   source=row.source_id, facts=json.loads(row.facts) if row.facts else {},
                   see_also=tuple(json.loads(row.see_also)) if row.see_also else ())


class ReferenceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def tree(self) -> tuple[list[str], dict[str, TreeEntry]]:
        """Root ids in order, and every node by id with its ordered children."""
        with self.db.session() as s:
            rows = s.execute(select(RefNodeRow.id, RefNodeRow.title, RefNodeRow.kind,
                                    RefNodeRow.parent_id)
                             .order_by(RefNodeRow.source_id, RefNodeRow.position)).all()
        children: dict[str | None, list[str]] = {}
        for node_id, _title, _kind, parent in rows:
            children.setdefault(parent, []).append(node_id)
        entries = {node_id: TreeEntry(node_id, title, kind, parent, tuple(children.get(node_id, ())))
                   for node_id, title, kind, parent in rows}
        return children.get(None, []), entries

    def node(self, node_id: str) -> NodeDetail:
        with self.db.session() as s:
            row = s.get(RefNodeRow, node_id)
            if row is None:
                raise NotFoundError(f"no reference node with id {node_id!r}")
            lib = s.scalar(select(Library).where(Library.source_id == row.source_id))
            if lib is not None and lib.id != HANDBOOK_LIBRARY:
                # An imported document: named with its edition, as citations name it.
                title = f"{lib.title}, {lib.edition}" if lib.edition else lib.title
                return NodeDetail(_to_node(row), title)
            source = s.get(RefSource, row.source_id)
            return NodeDetail(_to_node(row), source.title if source else row.source_id)

    def search(self, user_text: str, limit: int = 20,
               scope: str | int = SCOPE_ALL) -> list[SearchHit]:
        """Hits best first. ``scope``: ``all`` (every library and the notes), ``handbook``,
        ``notes``, or a library id."""
        if limit <= 0:
            return []
        hits: list[SearchHit] = []
        if scope != SCOPE_NOTES:
            hits = self._search_nodes(user_text, limit,
                                      HANDBOOK_LIBRARY if scope == SCOPE_HANDBOOK else
                                      scope if isinstance(scope, int) else None)
        if scope in (SCOPE_ALL, SCOPE_NOTES):
            notes = self._search_notes(user_text)
            # Notes first: they are few, and the user's own words.
            hits = (notes + hits)[:limit]
        return hits

    def _search_nodes(self, user_text: str, limit: int, library: int | None) -> list[SearchHit]:
        """Ranked by bm25 when at most RANK_MAX nodes match. Scoring is the cost of a search
        (~2 us a node): "a" or "pea" typed over the handbook and 20 documents match 30,000-
        40,000 nodes, ~100 ms to rank. Past RANK_MAX, only the nodes whose title matches are
        ranked (the title weighs 8 times the body), and if even those are too many, the first
        matches are listed unranked (score 0): a one- or two-letter query is a word being
        typed, and the next letter narrows it."""
        query = fts_query(user_text)
        if query is None:
            return []
        # Each word is a phrase bm25 scores in every row: the budget is shared among them.
        budget = RANK_MAX // max(1, query.count(" AND ") + 1)
        with self.db.engine.connect() as conn:
            if self._count(conn, query, library) <= budget:
                return self._ranked(conn, query, limit, library)
            titles = f"title : ({query})"
            if self._count(conn, titles, library) <= budget:
                hits = self._ranked(conn, titles, limit, library)
            else:
                hits = self._unranked(conn, titles, limit, library)
            if len(hits) < limit:
                seen = {h.id for h in hits}
                hits += [h for h in self._unranked(conn, query, limit + len(hits), library)
                         if h.id not in seen][:limit - len(hits)]
            return hits

    @staticmethod
    def _where(library: int | None) -> str:
        return "ref_fts MATCH :q" + ("" if library is None else
                                     " AND rowid BETWEEN :lo AND :hi")

    @staticmethod
    def _params(query: str, library: int | None, **more: int) -> dict[str, Any]:
        lo, hi = rowid_range(library) if library is not None else (0, 0)
        return {"q": query, "lo": lo, "hi": hi, **more}

    def _count(self, conn: Any, query: str, library: int | None) -> int:
        sql = text(f"SELECT count(*) FROM ref_fts WHERE {self._where(library)}")
        return int(conn.execute(sql, self._params(query, library)).scalar() or 0)

    def _ranked(self, conn: Any, query: str, limit: int, library: int | None) -> list[SearchHit]:
        # Columns: node_id, library_id (both unindexed), title, body, stems. bm25 weights:
        # title 8, body 1, stems 0.1 (a tie-breaker: a word matched as typed counts most).
        # Lower bm25 is better.
        sql = text(
            "SELECT node_id, title, "
            f"snippet(ref_fts, 3, '{MARK_START}', '{MARK_END}', '…', 16), "
            "bm25(ref_fts, 0.0, 0.0, 8.0, 1.0, 0.1) AS rank "
            f"FROM ref_fts WHERE {self._where(library)} ORDER BY rank LIMIT :limit")
        rows = conn.execute(sql, self._params(query, library, limit=limit)).all()
        # Not rounded: a term found in most nodes scores near 1e-6, and rounding would tie
        # (and show as 0.0) hits the query did rank apart.
        return [SearchHit(r[0], r[1], " ".join(r[2].split()), 0.0 - float(r[3])) for r in rows]

    def _unranked(self, conn: Any, query: str, limit: int,
                  library: int | None) -> list[SearchHit]:
        sql = text(
            "SELECT node_id, title, "
            f"snippet(ref_fts, 3, '{MARK_START}', '{MARK_END}', '…', 16) "
            f"FROM ref_fts WHERE {self._where(library)} LIMIT :limit")
        rows = conn.execute(sql, self._params(query, library, limit=limit)).all()
        return [SearchHit(r[0], r[1], " ".join(r[2].split()), 0.0) for r in rows]

    def _search_notes(self, user_text: str) -> list[SearchHit]:
        with self.db.session() as s:
            rows = s.execute(select(Note.node_id, Note.body, RefNodeRow.title)
                             .join(RefNodeRow, RefNodeRow.id == Note.node_id, isouter=True)
                             .order_by(Note.updated_at.desc())).all()
        hits = [note_hit(nid, title or nid, body, user_text) for nid, body, title in rows]
        return sorted((h for h in hits if h is not None), key=lambda h: -h.score)

    # Bookmarks -------------------------------------------------------------------------

    def bookmarks(self) -> list[str]:
        with self.db.session() as s:
            return list(s.scalars(select(Bookmark.node_id).order_by(Bookmark.created_at, Bookmark.id)))

    def is_bookmarked(self, node_id: str) -> bool:
        with self.db.session() as s:
            return s.scalar(select(Bookmark.id).where(Bookmark.node_id == node_id)) is not None

    def set_bookmark(self, node_id: str, on: bool) -> None:
        with self.db.write() as s:   # read and write under one lock: another window may too
            exists = s.scalar(select(Bookmark.id).where(Bookmark.node_id == node_id))
            if on and exists is None:
                s.add(Bookmark(node_id=node_id, created_at=datetime.now(timezone.utc)))
            elif not on and exists is not None:
                s.execute(delete(Bookmark).where(Bookmark.node_id == node_id))

    # Notes -----------------------------------------------------------------------------

    def note(self, node_id: str) -> str:
        with self.db.session() as s:
            return s.scalar(select(Note.body).where(Note.node_id == node_id)) or ""

    def notes(self) -> dict[str, str]:
        with self.db.session() as s:
            return {n.node_id: n.body for n in s.scalars(select(Note))}

    def notes_dated(self) -> dict[str, tuple[str, datetime]]:
        """Every note with the time it was last written."""
        with self.db.session() as s:
            return {n.node_id: (n.body, n.updated_at) for n in s.scalars(select(Note))}

    def set_note(self, node_id: str, body: str) -> None:
        """An empty note removes it."""
        with self.db.write() as s:
            row = s.scalar(select(Note).where(Note.node_id == node_id))
            if not body.strip():
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(Note(node_id=node_id, body=body, updated_at=datetime.now(timezone.utc)))
            else:
                row.body = body
                row.updated_at = datetime.now(timezone.utc)
