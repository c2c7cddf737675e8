"""Read the reference library and keep the user's bookmarks and notes on it."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from sqlalchemy import delete, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from pkdesk.core.reference import NodeDetail, TreeEntry
from pkdesk.core.search import SCOPE_ALL, SearchHit
from pkdesk.store import queries
from pkdesk.store.db import Database, opening
from pkdesk.store.integrity import quick_check_or_raise
from pkdesk.store.models import Bookmark, Note

HANDBOOK_LIBRARY = queries.HANDBOOK_LIBRARY
RANK_MAX = queries.RANK_MAX     # nodes times words a search ranks at most (queries.search)


class ReferenceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _fetch(self, s: Session) -> queries.Fetch:
        fetch: queries.Fetch = self.db.fetch(s.connection())
        return fetch

    def tree(self) -> tuple[list[str], dict[str, TreeEntry]]:
        """Root ids in order, and every node by id with its ordered children."""
        with self.db.session() as s:
            return queries.ref_tree(self._fetch(s))

    def node(self, node_id: str) -> NodeDetail:
        with self.db.session() as s:
            return queries.ref_node(self._fetch(s), node_id)

    def search(self, user_text: str, limit: int = 20,
               scope: str | int = SCOPE_ALL) -> list[SearchHit]:
        """Hits best first (``store.queries.search``: the CLI's read-only ``search`` runs the
        same). ``scope``: ``all`` (every library and the notes), ``handbook``, ``notes``, or
        a library id.

        Run on the pooled connection's own sqlite3 cursor: a session and SQLAlchemy rows
        for the ~2,000 scores of a broad query would double its time (as-you-type search)."""
        if self.db.is_server:
            with self.db.session() as s:
                return queries.search(self._fetch(s), user_text, limit, scope, cap=RANK_MAX,
                                      server=True)
        try:
            with self.db.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert raw is not None   # a checked-out connection always has one
                return queries.search(lambda sql, params: raw.execute(sql, params).fetchall(),
                                      user_text, limit, scope, cap=RANK_MAX)
        except (sqlite3.DatabaseError, DBAPIError):
            # The driver's own error, past the session's translation: a file damaged since it
            # was opened is named as damaged (with the latest good backup), else said in a line.
            with opening(self.db.path):
                quick_check_or_raise(self.db.path)
                raise

    # Bookmarks -------------------------------------------------------------------------

    # Reads: the SQL of store.queries, which the window's sqlite3 repository runs too
    # (store.window_repo).

    def bookmarks(self) -> list[str]:
        with self.db.session() as s:
            return queries.bookmarks(self._fetch(s))

    def is_bookmarked(self, node_id: str) -> bool:
        with self.db.session() as s:
            return queries.is_bookmarked(self._fetch(s), node_id)

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
            return queries.note(self._fetch(s), node_id)

    def notes(self) -> dict[str, str]:
        with self.db.session() as s:
            return queries.notes(self._fetch(s))

    def notes_dated(self) -> dict[str, tuple[str, datetime]]:
        """Every note with the time it was last written."""
        with self.db.session() as s:
            return queries.notes_dated(self._fetch(s))

    def library_scopes(self) -> list[tuple[int, str]]:
        """The user's documents by id and name, for the search scope chooser."""
        with self.db.session() as s:
            return queries.library_scopes(self._fetch(s))

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
