"""Load shipped reference corpora into the database, idempotently.

A corpus is reloaded only when its file's checksum differs from the one stored; reloading
replaces that source's nodes and its search index and never touches bookmarks or notes.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from pkdesk.core.reference import Corpus, shipped_corpora
from pkdesk.store.db import Database
from pkdesk.store.fts import index_source
from pkdesk.store.models import RefNodeRow, RefSource


def sync_shipped_corpora(db: Database, folder: Path | None = None) -> int:
    """Bring every shipped corpus up to date; return how many were (re)loaded."""
    loaded = 0
    with db.session() as s:
        stored = {src.id: src.checksum for src in s.scalars(select(RefSource))}
    for corpus in shipped_corpora(folder):
        if stored.get(corpus.source.id) != corpus.checksum:
            with db.session() as s:
                load_into(s, corpus)
            loaded += 1
    return loaded


def load_into(s: Session, corpus: Corpus) -> None:
    source_id = corpus.source.id
    s.execute(text("DELETE FROM ref_fts WHERE node_id IN "
                   "(SELECT id FROM ref_node WHERE source_id = :sid)"), {"sid": source_id})
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
