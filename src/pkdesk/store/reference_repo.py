"""Read the reference library and keep the user's bookmarks and notes on it."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import delete, select, text

from pkdesk.core.errors import NotFoundError
from pkdesk.core.reference import NodeDetail, RefNode, TreeEntry
from pkdesk.core.search import MARK_END, MARK_START, SearchHit, fts_query, note_hit
from pkdesk.store.db import Database
from pkdesk.store.models import Bookmark, Note, RefNodeRow, RefSource


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
            source = s.get(RefSource, row.source_id)
            return NodeDetail(_to_node(row), source.title if source else row.source_id)

    def search(self, user_text: str, limit: int = 20) -> list[SearchHit]:
        query = fts_query(user_text)
        if query is None or limit <= 0:
            return []
        # bm25 weights: node_id (unindexed) 0, title 8, body 1. Lower bm25 is better.
        sql = text(
            "SELECT node_id, title, "
            f"snippet(ref_fts, 2, '{MARK_START}', '{MARK_END}', '…', 16), "
            "bm25(ref_fts, 0.0, 8.0, 1.0) AS rank "
            "FROM ref_fts WHERE ref_fts MATCH :q ORDER BY rank LIMIT :limit")
        with self.db.engine.connect() as conn:
            rows = conn.execute(sql, {"q": query, "limit": limit}).all()
        # Not rounded: a term found in most nodes scores near 1e-6, and rounding would tie
        # (and show as 0.0) hits the query did rank apart.
        return [SearchHit(r[0], r[1], " ".join(r[2].split()), 0.0 - float(r[3])) for r in rows]

    def search_notes(self, user_text: str, limit: int = 20) -> list[SearchHit]:
        """The user's own notes holding every word of ``user_text``, by node title."""
        with self.db.session() as s:
            rows = s.execute(select(Note.node_id, Note.body, RefNodeRow.title)
                             .join(RefNodeRow, RefNodeRow.id == Note.node_id, isouter=True)).all()
        hits = [h for node_id, body, title in rows
                if (h := note_hit(node_id, title or node_id, body, user_text)) is not None]
        return sorted(hits, key=lambda h: h.title.casefold())[:max(0, limit)]

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
