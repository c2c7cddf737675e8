"""A quick read-only look at an existing database, for the window's first paint.

Importing SQLAlchemy costs more than starting Qt, so the app reads the contents tree and the
first page with the standard library's sqlite3, shows the window, and only then opens the
database properly (`store.library.open_library`: migrations, corpus refresh), after which it
reloads the tree if anything changed. Any surprise here (no file, not ours, another schema) returns None
and the app takes the ordinary path. Nothing is ever written: the file is opened read-only.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pkdesk.core.reference import NodeDetail, RefNode, TreeEntry
from pkdesk.store.readonly import lenient_text


@dataclass(frozen=True)
class Snapshot:
    roots: list[str]
    entries: dict[str, TreeEntry]
    first: NodeDetail | None     # the node asked for, or the first root


def read_snapshot(path: Path, start_node: str | None = None) -> Snapshot | None:
    if not path.is_file():
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        # Closed cleanly: everything is in the main file. `immutable` reads it without
        # creating the -wal/-shm files a read-only WAL reader would otherwise leave behind.
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    conn.text_factory = lenient_text
    try:
        marker = conn.execute("SELECT value FROM app_meta WHERE key = 'application'").fetchone()
        if marker is None or marker[0] != "pkdesk":
            return None
        # The first paint needs only what a collapsed tree shows: the top two levels. The
        # full tree is read when the database is attached (ReferenceTree.attach reloads it).
        rows = conn.execute(
            "SELECT id, title, kind, parent_id FROM ref_node WHERE parent_id IS NULL "
            "OR parent_id IN (SELECT id FROM ref_node WHERE parent_id IS NULL) "
            "ORDER BY source_id, position").fetchall()
        if not rows or not all(isinstance(v, str) for r in rows for v in r[:3]):
            return None     # none, or damaged values: Database.open says which
        children: dict[str | None, list[str]] = {}
        for node_id, _title, _kind, parent in rows:
            children.setdefault(parent, []).append(node_id)
        entries = {node_id: TreeEntry(node_id, title, kind, parent,
                                      tuple(children.get(node_id, ())))
                   for node_id, title, kind, parent in rows}
        roots = children.get(None, [])
        # The topic left last time may lie deeper than the two levels read: fetch it by id.
        first = _detail(conn, start_node) if start_node else None
        if first is None and roots:
            first = _detail(conn, roots[0])
        return Snapshot(roots, entries, first)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()


def _detail(conn: sqlite3.Connection, node_id: str) -> NodeDetail | None:
    row = conn.execute(
        "SELECT n.id, n.title, n.kind, n.parent_id, n.body, n.source_id, n.facts, n.see_also, "
        "s.title FROM ref_node n LEFT JOIN ref_source s ON s.id = n.source_id "
        "WHERE n.id = ?", (node_id,)).fetchone()
    if row is None:
        return None
    node_id, title, kind, parent, body, source, facts, see_also, source_title = row
    node = RefNode(id=node_id, title=title, kind=kind, parent=parent,
                   paragraphs=tuple(body.split("\n\n")) if body else (), source=source,
                   facts=json.loads(facts) if facts else {},
                   see_also=tuple(json.loads(see_also)) if see_also else ())
    return NodeDetail(node, source_title or source)
