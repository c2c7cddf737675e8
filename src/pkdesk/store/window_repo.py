"""The Reference page's repository without SQLAlchemy (issue 17: it costs ~40 MiB resident).

The window attaches a current, checked database without an engine (`Database.open_current`);
`SqliteReferenceRepository` reads the tree, topics, search, bookmarks and notes through its
read-only `sqlite3` connection (`Database.reader`), with the SQL of `store.queries` that
`ReferenceRepository` runs through SQLAlchemy: one query text, both ways. A write (a note, a
bookmark) goes to `ReferenceRepository`, which makes the engine then (`Database.engine`).
A read that cannot finish this way (a damaged value, a busy or unreadable file) is done
again the full way, whose checks name the problem, as the CLI's read-only commands do.

`ReferenceStore` is what the Reference page asks of either; `reference_store` picks one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from pkdesk.store import queries

if TYPE_CHECKING:
    from datetime import datetime

    from pkdesk.core.reference import NodeDetail, TreeEntry
    from pkdesk.core.search import SearchHit
    from pkdesk.store.db import Database
    from pkdesk.store.reference_repo import ReferenceRepository

T = TypeVar("T")
SCOPE_ALL = "all"   # core.search.SCOPE_ALL


class ReferenceStore(Protocol):
    """What the Reference page (tree, reading pane, search, bookmarks, notes) needs."""

    db: Database

    def tree(self) -> tuple[list[str], dict[str, TreeEntry]]: ...

    def node(self, node_id: str) -> NodeDetail: ...

    def search(self, user_text: str, limit: int = 20,
               scope: str | int = SCOPE_ALL) -> list[SearchHit]: ...

    def bookmarks(self) -> list[str]: ...

    def is_bookmarked(self, node_id: str) -> bool: ...

    def set_bookmark(self, node_id: str, on: bool) -> None: ...

    def note(self, node_id: str) -> str: ...

    def notes(self) -> dict[str, str]: ...

    def notes_dated(self) -> dict[str, tuple[str, datetime]]: ...

    def set_note(self, node_id: str, body: str) -> None: ...

    def library_scopes(self) -> list[tuple[int, str]]: ...


def reference_store(db: Database) -> ReferenceStore:
    """The sqlite3 repository for a database attached without an engine; else SQLAlchemy's."""
    if db.reader is not None:
        return SqliteReferenceRepository(db)
    from pkdesk.store.reference_repo import ReferenceRepository

    return ReferenceRepository(db)


class SqliteReferenceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._full: ReferenceRepository | None = None

    def full(self) -> ReferenceRepository:
        """SQLAlchemy's repository over the same database (its engine made on first use)."""
        if self._full is None:
            from pkdesk.store.reference_repo import ReferenceRepository

            self._full = ReferenceRepository(self.db)
        return self._full

    def _read(self, fast: Callable[[queries.Fetch], T],
              full: Callable[[ReferenceRepository], T]) -> T:
        reader = self.db.reader
        if reader is not None:
            try:
                return fast(lambda sql, params: reader.execute(sql, params).fetchall())
            except (sqlite3.Error, ValueError, TypeError):
                pass     # the full way says what is wrong, or reads it
        return full(self.full())

    def tree(self) -> tuple[list[str], dict[str, TreeEntry]]:
        return self._read(queries.ref_tree, lambda r: r.tree())

    def node(self, node_id: str) -> NodeDetail:
        return self._read(lambda f: queries.ref_node(f, node_id), lambda r: r.node(node_id))

    def search(self, user_text: str, limit: int = 20,
               scope: str | int = SCOPE_ALL) -> list[SearchHit]:
        return self._read(
            lambda f: queries.search(f, user_text, limit, scope, cap=queries.RANK_MAX),
            lambda r: r.search(user_text, limit, scope))

    def bookmarks(self) -> list[str]:
        return self._read(queries.bookmarks, lambda r: r.bookmarks())

    def is_bookmarked(self, node_id: str) -> bool:
        return self._read(lambda f: queries.is_bookmarked(f, node_id),
                          lambda r: r.is_bookmarked(node_id))

    def note(self, node_id: str) -> str:
        return self._read(lambda f: queries.note(f, node_id), lambda r: r.note(node_id))

    def notes(self) -> dict[str, str]:
        return self._read(queries.notes, lambda r: r.notes())

    def notes_dated(self) -> dict[str, tuple[str, datetime]]:
        return self._read(queries.notes_dated, lambda r: r.notes_dated())

    def library_scopes(self) -> list[tuple[int, str]]:
        return self._read(queries.library_scopes, lambda r: r.library_scopes())

    # Writes: through SQLAlchemy ------------------------------------------------------------

    def set_bookmark(self, node_id: str, on: bool) -> None:
        self.full().set_bookmark(node_id, on)

    def set_note(self, node_id: str, body: str) -> None:
        """An empty note removes it."""
        self.full().set_note(node_id, body)
