"""The user's documents in the reference: add, list, remove, replace by a new edition, and the
notes and bookmarks a new edition could not place.

Library 1 is the shipped handbook and cannot be removed or replaced. An imported document is
one reference source (``~lib0002``) whose root node is ``lib2`` and whose other nodes are
``lib2:<label>`` (``lib2:OP 3``, ``lib2:4.2.1``). Every change is one transaction: a document
is added whole or not at all.

Notes and bookmarks are keyed by node id, never by a foreign key, so nothing here deletes one.
When a new edition replaces a library, each note and bookmark on it moves to the node carrying
the same text (exact match first, then the closest by ``difflib`` ratio of at least
``MATCH_THRESHOLD``); one that cannot be placed keeps its old node id, and the old node's
title and text are kept in ``mark_origin`` so that ``orphans()`` can list it for the user to
re-attach. Removing a library leaves its notes and bookmarks listed the same way.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select, update

from pkdesk.core.errors import InputError, NotFoundError
from pkdesk.store.db import Database
from pkdesk.store.fts import drop_source, index_source
from pkdesk.store.models import Bookmark, Library, MarkOrigin, Note, RefNodeRow, RefSource

if TYPE_CHECKING:
    from pkdesk.core.docimport.model import ImportedDocument   # its package loads every reader
    from pkdesk.core.rule_citations import LibraryLookup

HANDBOOK_ID = 1
MATCH_THRESHOLD = 0.6
MAX_LIBRARIES = 500


@dataclass(frozen=True)
class LibraryInfo:
    id: int
    title: str
    edition: str
    language: str
    file: str
    kind: str
    added_at: datetime
    nodes: int

    @property
    def root_id(self) -> str | None:
        return None if self.id == HANDBOOK_ID else root_node_id(self.id)

    def cited_as(self) -> str:
        """"Title, edition" as citations and PDF appendices name the source."""
        return f"{self.title}, {self.edition}" if self.edition else self.title

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "edition": self.edition,
                "language": self.language, "file": self.file, "kind": self.kind,
                "added_at": self.added_at.isoformat(), "nodes": self.nodes}


@dataclass(frozen=True)
class Orphan:
    """A note or bookmark whose node is gone, with what that node said."""

    node_id: str
    what: str               # "note" or "bookmark"
    note: str               # the note's text ("" for a bookmark)
    library_id: int | None
    title: str
    body: str

    def as_json(self) -> dict[str, object]:
        return {"node_id": self.node_id, "what": self.what, "note": self.note,
                "library": self.library_id, "title": self.title, "text": self.body}


@dataclass(frozen=True)
class ReplaceResult:
    library: LibraryInfo
    moved: list[tuple[str, str]]        # (old node id, new node id), only where it changed
    unplaced: list[str]                 # node ids of notes/bookmarks left without a place


def source_id(library_id: int) -> str:
    return f"~lib{library_id:04d}"


def root_node_id(library_id: int) -> str:
    return f"lib{library_id}"


def node_id(library_id: int, label: str) -> str:
    return root_node_id(library_id) if label == "" else f"lib{library_id}:{label}"


def library_of(node: str) -> int | None:
    """The library an imported node id belongs to; None for the handbook's ids."""
    head = node.split(":", 1)[0]
    if head.startswith("lib") and head[3:].isdigit():
        return int(head[3:])
    return None


def _checksum(doc: ImportedDocument) -> str:
    h = hashlib.sha256()
    for n in doc.nodes:
        h.update(json.dumps([n.label, n.title, n.paragraphs], ensure_ascii=False).encode())
    return h.hexdigest()


class LibraryRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading ------------------------------------------------------------------------------

    def libraries(self) -> list[LibraryInfo]:
        with self.db.session() as s:
            counts: dict[str, int] = {str(sid): int(n) for sid, n in s.execute(
                select(RefNodeRow.source_id, func.count()).group_by(RefNodeRow.source_id))}
            return [self._info(row, counts.get(row.source_id, 0))
                    for row in s.scalars(select(Library).order_by(Library.id))]

    def library(self, library_id: int) -> LibraryInfo:
        for info in self.libraries():
            if info.id == library_id:
                return info
        raise NotFoundError(f"no library with id {library_id}")

    @staticmethod
    def _info(row: Library, nodes: int) -> LibraryInfo:
        return LibraryInfo(row.id, row.title, row.edition, row.language, row.file, row.kind,
                           row.added_at, nodes)

    def texts(self, library_id: int) -> dict[str, str]:
        """Label -> text of every node of a library (what a rule pack may quote); the
        handbook's labels are its node ids."""
        with self.db.session() as s:
            lib = s.get(Library, library_id)
            if lib is None:
                raise NotFoundError(f"no library with id {library_id}")
            rows = s.execute(select(RefNodeRow.id, RefNodeRow.body)
                             .where(RefNodeRow.source_id == lib.source_id)).all()
        prefix = f"{root_node_id(library_id)}:"
        return {(nid[len(prefix):] if nid.startswith(prefix) else
                 "" if nid == root_node_id(library_id) else nid): body for nid, body in rows}

    # Adding and removing ------------------------------------------------------------------

    def add(self, doc: ImportedDocument, edition: str = "") -> LibraryInfo:
        return self.add_many([(doc, edition)])[0]

    def add_many(self, docs: list[tuple[ImportedDocument, str]]) -> list[LibraryInfo]:
        """Add documents (with their editions) in one transaction: all or none."""
        added: list[int] = []
        with self.db.write() as s:
            count = s.scalar(select(func.count()).select_from(Library)) or 0
            if count + len(docs) > MAX_LIBRARIES:
                raise InputError(f"the reference holds {count} libraries; at most "
                                 f"{MAX_LIBRARIES} allowed: remove some first")
            for doc, edition in docs:
                new_id = (s.scalar(select(func.max(Library.id))) or HANDBOOK_ID) + 1
                s.add(Library(id=new_id, source_id=source_id(new_id), title=doc.title,
                              edition=edition, language=doc.language, file=doc.file_name,
                              kind=doc.kind, added_at=datetime.now(timezone.utc)))
                s.flush()
                self._write_nodes(s, new_id, doc)
                added.append(new_id)
        return [self.library(i) for i in added]

    def _write_nodes(self, s: object, library_id: int, doc: ImportedDocument) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        sid = source_id(library_id)
        s.merge(RefSource(id=sid, title=doc.title, file=doc.file_name, checksum=_checksum(doc),
                          loaded_at=datetime.now(timezone.utc)))
        s.flush()
        position: dict[str | None, int] = {}
        rows = []
        for n in doc.nodes:
            parent = None if n.parent is None else node_id(library_id, n.parent)
            pos = position.get(parent, 0)
            position[parent] = pos + 1
            rows.append({"id": node_id(library_id, n.label), "source_id": sid,
                         "parent_id": parent, "position": pos, "kind": n.kind,
                         "title": n.title, "body": n.text, "facts": None, "see_also": None})
        s.execute(insert(RefNodeRow), rows)
        index_source(s, sid)

    def remove(self, library_id: int) -> LibraryInfo:
        """Remove a library; its notes and bookmarks stay, listed by ``orphans()``."""
        info = self._user_library(library_id)
        with self.db.write() as s:
            self._keep_origins(s, library_id, set())
            self._drop_nodes(s, library_id)
            s.execute(delete(RefSource).where(RefSource.id == source_id(library_id)))
            s.execute(delete(Library).where(Library.id == library_id))
        return info

    def _user_library(self, library_id: int) -> LibraryInfo:
        if library_id == HANDBOOK_ID:
            raise InputError("library 1 is the handbook shipped with pkdesk; it cannot be "
                             "removed or replaced")
        return self.library(library_id)

    @staticmethod
    def _drop_nodes(s: object, library_id: int) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        sid = source_id(library_id)
        drop_source(s, sid)
        s.execute(delete(RefNodeRow).where(RefNodeRow.source_id == sid))

    @staticmethod
    def _keep_origins(s: object, library_id: int, keep: set[str]) -> None:
        """Record title and text of the library's nodes that carry a note or bookmark (but
        those in ``keep``), before the nodes go."""
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        marked = set(s.scalars(select(Note.node_id))) | set(s.scalars(select(Bookmark.node_id)))
        rows = s.execute(select(RefNodeRow.id, RefNodeRow.title, RefNodeRow.body)
                         .where(RefNodeRow.source_id == source_id(library_id))).all()
        now = datetime.now(timezone.utc)
        for nid, title, body in rows:
            if nid in marked and nid not in keep:
                s.merge(MarkOrigin(node_id=nid, library_id=library_id, title=title, body=body,
                                   lost_at=now))

    # A new edition ------------------------------------------------------------------------

    def replace(self, library_id: int, doc: ImportedDocument, edition: str | None = None,
                title: str | None = None) -> ReplaceResult:
        old = self._user_library(library_id)
        # The library keeps its title unless a new one is given; its root node carries it.
        doc.title = title or old.title
        if doc.nodes:
            doc.nodes[0].title = doc.title
        moved: list[tuple[str, str]] = []
        unplaced: list[str] = []
        with self.db.write() as s:
            sid = source_id(library_id)
            old_nodes = {nid: (t, b) for nid, t, b in s.execute(
                select(RefNodeRow.id, RefNodeRow.title, RefNodeRow.body)
                .where(RefNodeRow.source_id == sid)).all()}
            # Notes and bookmarks already orphaned from this library get a second chance.
            origins = {o.node_id: (o.title, o.body) for o in s.scalars(
                select(MarkOrigin).where(MarkOrigin.library_id == library_id))}
            candidates = {**origins, **old_nodes}
            notes = {n.node_id: n for n in s.scalars(
                select(Note).where(Note.node_id.in_(list(candidates))))}
            bookmarks = set(s.scalars(select(Bookmark.node_id)
                                      .where(Bookmark.node_id.in_(list(candidates)))))
            self._drop_nodes(s, library_id)
            s.execute(update(Library).where(Library.id == library_id).values(
                title=doc.title, edition=old.edition if edition is None else edition,
                language=doc.language, file=doc.file_name, kind=doc.kind))
            s.flush()
            self._write_nodes(s, library_id, doc)
            new_nodes = {node_id(library_id, n.label): (n.title, n.text) for n in doc.nodes}
            finder = _Matcher(new_nodes)
            for old_id in sorted(set(notes) | bookmarks):
                target = finder.find(old_id, *candidates[old_id])
                if target is None:
                    unplaced.append(old_id)
                    t, b = candidates[old_id]
                    s.merge(MarkOrigin(node_id=old_id, library_id=library_id, title=t, body=b,
                                       lost_at=datetime.now(timezone.utc)))
                    continue
                s.execute(delete(MarkOrigin).where(MarkOrigin.node_id == old_id))
                if target == old_id:
                    continue
                moved.append((old_id, target))
                _move_marks(s, old_id, target)
        return ReplaceResult(self.library(library_id), moved, unplaced)

    # Orphans ------------------------------------------------------------------------------

    def orphans(self) -> list[Orphan]:
        """Notes and bookmarks whose node no longer exists, oldest node id first."""
        with self.db.session() as s:
            existing = select(RefNodeRow.id)
            notes = s.execute(select(Note.node_id, Note.body)
                              .where(Note.node_id.not_in(existing))).all()
            marks = s.scalars(select(Bookmark.node_id)
                              .where(Bookmark.node_id.not_in(existing))).all()
            origins = {o.node_id: o for o in s.scalars(select(MarkOrigin))}
        out: list[Orphan] = []
        for what, nid, note in ([("note", n, b) for n, b in notes]
                                + [("bookmark", m, "") for m in marks]):
            o = origins.get(nid)
            out.append(Orphan(nid, what, note, o.library_id if o else library_of(nid),
                              o.title if o else "", o.body if o else ""))
        return sorted(out, key=lambda o: (o.node_id, o.what))

    def attach(self, old_node_id: str, new_node_id: str) -> None:
        """Re-attach the note and bookmark left on ``old_node_id`` to an existing node."""
        with self.db.write() as s:
            if s.get(RefNodeRow, new_node_id) is None:
                raise NotFoundError(f"no reference node with id {new_node_id!r}")
            has = (s.scalar(select(Note.id).where(Note.node_id == old_node_id)) is not None or
                   s.scalar(select(Bookmark.id).where(Bookmark.node_id == old_node_id))
                   is not None)
            if not has:
                raise NotFoundError(f"no note or bookmark on {old_node_id!r}")
            _move_marks(s, old_node_id, new_node_id)
            s.execute(delete(MarkOrigin).where(MarkOrigin.node_id == old_node_id))


def _move_marks(s: object, old: str, new: str) -> None:
    """Move the note and bookmark on ``old`` to ``new``; a note meeting another is appended
    to it (nothing is lost), a bookmark meeting another is the same bookmark."""
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    note = s.scalar(select(Note).where(Note.node_id == old))
    if note is not None:
        there = s.scalar(select(Note).where(Note.node_id == new))
        if there is None:
            note.node_id = new
        else:
            there.body = f"{there.body}\n\n{note.body}"
            there.updated_at = datetime.now(timezone.utc)
            s.delete(note)
        s.flush()
    mark = s.scalar(select(Bookmark).where(Bookmark.node_id == old))
    if mark is not None:
        if s.scalar(select(Bookmark.id).where(Bookmark.node_id == new)) is None:
            mark.node_id = new
        else:
            s.delete(mark)
        s.flush()


class _Matcher:
    """Where a mark's old node went in a new edition: the same id with the same text, then any
    node with the same text, then the closest text (difflib ratio >= MATCH_THRESHOLD)."""

    def __init__(self, nodes: dict[str, tuple[str, str]]) -> None:
        self.nodes = nodes
        self.by_text: dict[str, str] = {}
        for nid, (_t, body) in nodes.items():
            self.by_text.setdefault(" ".join(body.split()), nid)

    def find(self, old_id: str, title: str, body: str) -> str | None:
        key = " ".join(body.split())
        if old_id in self.nodes and " ".join(self.nodes[old_id][1].split()) == key:
            return old_id
        if key and key in self.by_text:
            return self.by_text[key]
        if not key:      # a node with no text of its own: the same title, else nothing
            return next((nid for nid, (t, _b) in self.nodes.items() if t == title), None)
        best, best_ratio = None, MATCH_THRESHOLD
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for nid, (_t, other) in self.nodes.items():
            other_key = " ".join(other.split())
            if not other_key:
                continue
            matcher.set_seq1(other_key)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio and (best is None or ratio > best_ratio):
                best, best_ratio = nid, ratio
        return best


def library_lookup(db: Database) -> "LibraryLookup":
    """What a rule pack's ``{"library": title, ...}`` citation resolves against: the
    library of that title (the newest, if several share it)."""
    from pkdesk.core.rule_citations import CitedLibrary

    repo = LibraryRepository(db)

    def lookup(title: str) -> CitedLibrary | None:
        found = [lib for lib in repo.libraries() if lib.title == title]
        if not found:
            return None
        lib = found[-1]
        texts = repo.texts(lib.id)
        ids = {label: (label if lib.id == HANDBOOK_ID else node_id(lib.id, label))
               for label in texts}
        return CitedLibrary(lib.title, lib.edition, texts, ids)

    return lookup
