"""The read queries of the plan list, a plan's history and the reference library, as SQL
text over any DB-API-style runner: the repositories run them through SQLAlchemy (inside
their sessions, with their error handling), and the CLI's read-only commands through a plain
``sqlite3`` connection (``store.readonly``), so that ``pkdesk plan list`` need not import
SQLAlchemy. One query text, one row conversion, both ways.

No SQLAlchemy and no Qt here.
"""

from __future__ import annotations

from datetime import datetime

from pkdesk.core.errors import NotFoundError, StoreError
from pkdesk.core.record import Record
from pkdesk.store.ranking import kept_rows

# `pkdesk plan list` and `plan history` import this module and answer: no typing, json or
# dataclasses at load (their imports cost more than the query).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, TypeAlias

    from pkdesk.core.reference import NodeDetail, TreeEntry
    from pkdesk.core.search import SearchHit

    # Runs one statement with positional (qmark) parameters and returns all its rows.
    Fetch: TypeAlias = Callable[[str, tuple[Any, ...]], Sequence[Sequence[Any]]]


class PlanSummary(Record):
    __slots__ = ("id", "uid", "title", "revision", "updated_at", "parent_uid")
    id: int
    uid: str
    title: str
    revision: int
    updated_at: datetime
    parent_uid: str | None

    def __init__(self, id: int, uid: str, title: str, revision: int,   # noqa: A002
                 updated_at: datetime, parent_uid: str | None) -> None:
        for name, value in zip(self.__slots__, (id, uid, title, revision, updated_at,
                                                parent_uid)):
            object.__setattr__(self, name, value)


class RevisionInfo(Record):
    __slots__ = ("number", "author", "created_at", "summary")
    number: int
    author: str
    created_at: datetime
    summary: str

    def __init__(self, number: int, author: str, created_at: datetime, summary: str) -> None:
        for name, value in zip(self.__slots__, (number, author, created_at, summary)):
            object.__setattr__(self, name, value)


def stored_time(value: Any) -> datetime:
    """A DateTime column as SQLAlchemy stores it in SQLite ("2026-01-01 10:00:00.000000"),
    naive. Anything else is a ValueError (damage, which the callers name)."""
    if isinstance(value, datetime):     # already converted (a typed SQLAlchemy column)
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a stored time: {value!r}")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        raise ValueError(f"not a stored time: {value!r}")
    return parsed


PLAN_LIST = ("SELECT id, uid, title, revision, updated_at, parent_uid FROM plan "
             "WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC")
PLAN_EXISTS = "SELECT id FROM plan WHERE id = ?"     # deleted plans too (their history)
PLAN_REVISIONS = ("SELECT number, author, created_at, summary FROM plan_revision "
                  "WHERE plan_id = ? ORDER BY number")


def plan_list(fetch: Fetch) -> list[PlanSummary]:
    """Plans not deleted, most recently changed first (not their documents)."""
    return [PlanSummary(int(r[0]), r[1], r[2], int(r[3]), stored_time(r[4]), r[5])
            for r in fetch(PLAN_LIST, ())]


def plan_revisions(fetch: Fetch, plan_id: int) -> list[RevisionInfo]:
    """A plan's revisions, oldest first (no documents are read); NotFoundError if no plan."""
    if not fetch(PLAN_EXISTS, (plan_id,)):
        raise NotFoundError(f"no plan with id {plan_id}")
    rows = fetch(PLAN_REVISIONS, (plan_id,))
    for number, *_rest in rows:
        if not isinstance(number, int):
            raise StoreError(f"plan {plan_id}'s history is damaged: a revision number reads "
                             f"{str(number)[:40]!r}, not a whole number (pkdesk doctor says more)")
    return [RevisionInfo(r[0], r[1], stored_time(r[2]), r[3]) for r in rows]


REF_TREE = "SELECT id, title, kind, parent_id FROM ref_node ORDER BY source_id, position"
REF_NODE = ("SELECT n.id, n.title, n.kind, n.parent_id, n.body, n.source_id, n.facts, "
            "n.see_also, s.title, l.id, l.title, l.edition FROM ref_node n "
            "LEFT JOIN ref_source s ON s.id = n.source_id "
            "LEFT JOIN library l ON l.source_id = n.source_id WHERE n.id = ?")
# The shipped handbook's library id (migration 0004); a user's documents have others.
HANDBOOK_LIBRARY = 1


def ref_tree(fetch: Fetch) -> tuple[list[str], dict[str, TreeEntry]]:
    """Root ids in order, and every node by id with its ordered children."""
    from pkdesk.core.record import TreeEntry

    rows = fetch(REF_TREE, ())
    children: dict[str | None, list[str]] = {}
    for node_id, _title, _kind, parent in rows:
        children.setdefault(parent, []).append(node_id)
    entries = {node_id: TreeEntry(node_id, title, kind, parent, tuple(children.get(node_id, ())))
               for node_id, title, kind, parent in rows}
    return children.get(None, []), entries


def ref_node(fetch: Fetch, node_id: str) -> NodeDetail:
    import json

    from pkdesk.core.reference import NodeDetail, RefNode

    rows = fetch(REF_NODE, (node_id,))
    if not rows:
        raise NotFoundError(f"no reference node with id {node_id!r}")
    (nid, title, kind, parent, body, source_id, facts, see_also, source_title,
     lib_id, lib_title, lib_edition) = rows[0]
    node = RefNode(id=nid, title=title, kind=kind, parent=parent,
                   paragraphs=tuple(body.split("\n\n")) if body else (),
                   source=source_id, facts=json.loads(facts) if facts else {},
                   see_also=tuple(json.loads(see_also)) if see_also else ())
    if lib_id is not None and int(lib_id) != HANDBOOK_LIBRARY:
        # An imported document: named with its edition, as citations name it.
        return NodeDetail(node, f"{lib_title}, {lib_edition}" if lib_edition else lib_title)
    return NodeDetail(node, source_title if source_title is not None else source_id)


# Search ---------------------------------------------------------------------------------
#
# ref_fts columns (migration 0004): node_id, library_id (both unindexed), title, body, stems.
# bm25 weights: title 8, body 1, stems 0.1 (a tie-breaker: a word matched as typed counts
# most). Lower bm25 is better. Each library's rows take a rowid range (store.fts.rowid_range):
# a search scoped to one library is a rowid range, which FTS5 applies while it walks its index.
# The snippet markers are core.search's MARK_START/MARK_END (tests/store/test_search.py).
MARK_START, MARK_END = "\x02", "\x03"
_RANK = "bm25(ref_fts, 0.0, 0.0, 8.0, 1.0, 0.1)"
_SNIPPET = f"snippet(ref_fts, 3, '{MARK_START}', '{MARK_END}', '…', 16)"
# Nodes times words a search ranks at most: bm25 costs ~2 us a matching row and phrase, and
# "a" or "pea" typed over the handbook and 20 documents match 30,000-40,000 nodes.
RANK_MAX = 3000
ROWID_SPAN = 1 << 24     # a library's rowid range in ref_fts (store.fts.rowid_range)
_ALL_ROWIDS = (0, (1 << 63) - 1)


def rowid_range(library_id: int) -> tuple[int, int]:
    """The rowids of one library's rows in ref_fts."""
    return library_id * ROWID_SPAN, (library_id + 1) * ROWID_SPAN - 1


def _scored_sql() -> str:
    # The first matches FTS5 yields (in rowid order, scoring none of the rest), with their
    # scores: the LIMIT is what bounds the work.
    return (f"SELECT rowid, {_RANK} FROM ref_fts WHERE ref_fts MATCH ? "
            "AND rowid BETWEEN ? AND ? LIMIT ?")


FIRST_ROWIDS = ("SELECT rowid FROM ref_fts WHERE ref_fts MATCH ? AND rowid BETWEEN ? AND ? "
                "LIMIT ?")
NOTES = ("SELECT n.node_id, n.body, r.title FROM note n LEFT JOIN ref_node r "
         "ON r.id = n.node_id ORDER BY n.updated_at DESC")


def _snippets_sql(count: int) -> str:
    # "+rowid": a filter on the rows FTS5 yields in the range, not a lookup per rowid (which
    # would run the whole match again for each one).
    return (f"SELECT rowid, node_id, title, {_SNIPPET} FROM ref_fts WHERE ref_fts MATCH ? "
            f"AND rowid BETWEEN ? AND ? AND +rowid IN ({', '.join('?' * count)})")


def search(fetch: Fetch, user_text: str, limit: int = 20, scope: str | int = "all", *,
           cap: int = RANK_MAX, server: bool = False) -> list[SearchHit]:
    """Hits best first for what the user typed (``core.search.fts_query``: accents folded,
    every word a prefix or its stem, common words dropped). ``scope``: ``all`` (every
    library and the notes, notes first), ``handbook``, ``notes``, or a library id.
    ``server``: a team database's index (``store.pg_search``), under the same contract."""
    from pkdesk.core.search import SCOPE_ALL, SCOPE_HANDBOOK, SCOPE_NOTES

    if limit <= 0:
        return []
    hits: list[SearchHit] = []
    if scope != SCOPE_NOTES:
        library = (HANDBOOK_LIBRARY if scope == SCOPE_HANDBOOK else
                   scope if isinstance(scope, int) else None)
        if server:
            from pkdesk.store import pg_search

            lo, hi = _ALL_ROWIDS if library is None else rowid_range(library)
            hits = pg_search.search_nodes(fetch, user_text, limit, lo, hi, cap=cap)
        else:
            hits = search_nodes(fetch, user_text, limit, library, cap=cap)
    if scope in (SCOPE_ALL, SCOPE_NOTES):
        # Notes first: they are few, and the user's own words.
        hits = (search_notes(fetch, user_text) + hits)[:limit]
    return hits


def search_notes(fetch: Fetch, user_text: str) -> list[SearchHit]:
    """The user's notes every word typed is found in, most words found first."""
    from pkdesk.core.search import note_hit

    hits = [note_hit(nid, title or nid, body, user_text)
            for nid, body, title in fetch(NOTES, ())]
    return sorted((h for h in hits if h is not None), key=lambda h: -h.score)


def search_nodes(fetch: Fetch, user_text: str, limit: int, library: int | None = None, *,
                 cap: int = RANK_MAX) -> list[SearchHit]:
    """The best ``limit`` nodes (of one library, or of all), best first.

    Ranked by bm25 when at most ``cap`` nodes (shared among the words: each is a phrase bm25
    scores in every row) match: exactly FTS5's bm25 order. Past that, only the nodes whose
    title matches are ranked (the title weighs 8 times the body), and if even those are too
    many, the first matches are listed unranked (score 0); body-only matches then fill the
    list, unranked. A one- or two-letter query is a word being typed, and the next letter
    narrows it. The work is bounded by LIMITs, not counts of every match; snippets are made
    for the hits kept only."""
    from pkdesk.core.search import SearchHit, fts_query

    query = fts_query(user_text)
    if query is None or limit <= 0:
        return []
    lo, hi = _ALL_ROWIDS if library is None else rowid_range(library)
    budget = cap // max(1, query.count(" AND ") + 1)

    def scored(match: str) -> list[tuple[int, float]] | None:
        """Every match with its score, ORDER BY score, rowid as SQLite would sort them;
        None when more than ``budget`` match."""
        if len(fetch(FIRST_ROWIDS, (match, lo, hi, budget + 1))) > budget:
            # Counted by rowid alone first: bm25 reads each row's sizes and positions, so
            # scoring budget + 1 rows only to learn they are too many costs far more.
            return None
        rows = fetch(_scored_sql(), (match, lo, hi, budget + 1))
        if len(rows) > budget:
            return None
        return sorted(((int(r[0]), float(r[1])) for r in rows), key=lambda r: (r[1], r[0]))

    def first(match: str, count: int) -> list[tuple[int, float]]:
        return [(int(r[0]), 0.0) for r in fetch(FIRST_ROWIDS, (match, lo, hi, count))]

    kept = kept_rows(scored, first, query, lambda: f"title : ({query})", limit)
    if not kept:
        return []
    rowids = [rowid for rowid, _ in kept]
    found = {int(r[0]): r for r in fetch(_snippets_sql(len(rowids)),
                                          (query, min(rowids), max(rowids), *rowids))}
    # Not rounded: a term found in most nodes scores near 1e-6, and rounding would tie
    # (and show as 0.0) hits the query did rank apart. 0.0 - 0.0 is 0.0 (unranked).
    return [SearchHit(found[rowid][1], found[rowid][2], " ".join(found[rowid][3].split()),
                      0.0 - score) for rowid, score in kept if rowid in found]
