"""Load shipped reference corpora into the database, idempotently.

A corpus is reloaded only when its file's checksum differs from the one stored; reloading
replaces that source's nodes and its search index and never touches bookmarks or notes.
On a team database only its administrator may reload one (``_require_administrator``).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from pkdesk.core.errors import StoreError
from pkdesk.core.reference import Corpus, shipped_corpora
from pkdesk.store.db import Database
from pkdesk.store.fts import drop_source, index_source
from pkdesk.store.models import RefNodeRow, RefSource


def sync_shipped_corpora(db: Database, folder: Path | None = None) -> int:
    """Bring every shipped corpus up to date; return how many were (re)loaded.

    Each load asks again, under the write lock, whether the corpus is still out of date: a
    second pkdesk started at the same moment on a new file finds the first one's load done
    instead of deleting and loading it all again."""
    with db.session() as s:
        stored = {src.id: src.checksum for src in s.scalars(select(RefSource))}
    stale = [c for c in shipped_corpora(folder) if stored.get(c.source.id) != c.checksum]
    if stale and db.is_server:
        _require_administrator(db)
    loaded = 0
    for corpus in stale:
        try:
            with db.write() as s:
                if _checksum(s, corpus) != corpus.checksum:
                    load_into(s, corpus)
                    loaded += 1
        except StoreError:
            # Refused (busy: the other pkdesk that loaded it went on writing without pause,
            # and SQLite's busy wait is not a queue): fine if that one loaded it meanwhile.
            with db.session() as s:
                if _checksum(s, corpus) != corpus.checksum:
                    raise
    return loaded


def _checksum(s: Session, corpus: Corpus) -> str | None:
    return s.scalar(select(RefSource.checksum).where(RefSource.id == corpus.source.id))


def _require_administrator(db: Database) -> None:
    """On a team database only its administrator (owner or superuser) may write the
    reference: anyone else meeting a reference older than this pkdesk's is told whom to ask,
    instead of the server's refusal of the write."""
    from pkdesk.store.server import talking_to
    from pkdesk.store.team import access

    assert db.url is not None
    with talking_to(db.url), db.engine.connect() as conn:
        who = access(conn)
    if who.role is not None:
        raise StoreError(f"the team database {db.where} holds an older reference than this "
                         f"version of pkdesk, and {who.user} (role {who.role}) cannot update "
                         "it: ask its administrator to open it once with this version of "
                         "pkdesk, then try again")


def load_into(s: Session, corpus: Corpus) -> None:
    source_id = corpus.source.id
    drop_source(s, source_id)
    # One statement: SQLite checks the self-referencing parent key at its end.
    s.execute(delete(RefNodeRow).where(RefNodeRow.source_id == source_id))
    s.merge(RefSource(id=source_id, title=corpus.source.title, file=corpus.source.file,
                      checksum=corpus.checksum, loaded_at=datetime.now(timezone.utc)))
    s.flush()
    position: dict[str | None, int] = {}
    rows = []
    for node in corpus.nodes:  # parents precede children (the corpus reader checks)
        pos = position.get(node.parent, 0)
        position[node.parent] = pos + 1
        rows.append({"id": node.id, "source_id": source_id, "parent_id": node.parent,
                     "position": pos, "kind": node.kind, "title": node.title, "body": node.text,
                     "facts": json.dumps(node.facts, ensure_ascii=False) if node.facts else None,
                     "see_also": json.dumps(list(node.see_also)) if node.see_also else None})
    if rows:
        s.execute(insert(RefNodeRow), rows)
    index_source(s, source_id)
