"""The read queries of the plan list, a plan's history and the reference library, as SQL
text over any DB-API-style runner: the repositories run them through SQLAlchemy (inside
their sessions, with their error handling), and the CLI's read-only commands through a plain
``sqlite3`` connection (``store.readonly``), so that ``pkdesk plan list`` need not import
SQLAlchemy. One query text, one row conversion, both ways.

No SQLAlchemy and no Qt here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pkdesk.core.errors import NotFoundError

if TYPE_CHECKING:   # imported where used: `pkdesk plan list` needs neither
    from pkdesk.core.reference import NodeDetail, TreeEntry
    from pkdesk.core.search import SearchHit

# Runs one statement with positional (qmark) parameters and returns all its rows.
Fetch = Callable[[str, tuple[Any, ...]], Sequence[Sequence[Any]]]


@dataclass(frozen=True)
class PlanSummary:
    id: int
    uid: str
    title: str
    revision: int
    updated_at: datetime
    parent_uid: str | None


@dataclass(frozen=True)
class RevisionInfo:
    number: int
    author: str
    created_at: datetime
    summary: str


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
    return [RevisionInfo(int(r[0]), r[1], stored_time(r[2]), r[3])
            for r in fetch(PLAN_REVISIONS, (plan_id,))]


REF_TREE = "SELECT id, title, kind, parent_id FROM ref_node ORDER BY source_id, position"
REF_NODE = ("SELECT n.id, n.title, n.kind, n.parent_id, n.body, n.source_id, n.facts, "
            "n.see_also, s.title FROM ref_node n LEFT JOIN ref_source s ON s.id = n.source_id "
            "WHERE n.id = ?")


def ref_tree(fetch: Fetch) -> tuple[list[str], dict[str, TreeEntry]]:
    """Root ids in order, and every node by id with its ordered children."""
    from pkdesk.core.reference import TreeEntry

    rows = fetch(REF_TREE, ())
    children: dict[str | None, list[str]] = {}
    for node_id, _title, _kind, parent in rows:
        children.setdefault(parent, []).append(node_id)
    entries = {node_id: TreeEntry(node_id, title, kind, parent, tuple(children.get(node_id, ())))
               for node_id, title, kind, parent in rows}
    return children.get(None, []), entries


def ref_node(fetch: Fetch, node_id: str) -> NodeDetail:
    from pkdesk.core.reference import NodeDetail, RefNode

    rows = fetch(REF_NODE, (node_id,))
    if not rows:
        raise NotFoundError(f"no reference node with id {node_id!r}")
    nid, title, kind, parent, body, source_id, facts, see_also, source_title = rows[0]
    node = RefNode(id=nid, title=title, kind=kind, parent=parent,
                   paragraphs=tuple(body.split("\n\n")) if body else (),
                   source=source_id, facts=json.loads(facts) if facts else {},
                   see_also=tuple(json.loads(see_also)) if see_also else ())
    return NodeDetail(node, source_title if source_title is not None else source_id)


# Search ---------------------------------------------------------------------------------
#
# bm25 weights: node_id (unindexed) 0, title 8, body 1. Lower bm25 is better.
# The snippet markers are core.search's MARK_START/MARK_END (tests/store/test_search.py).
MARK_START, MARK_END = "\x02", "\x03"
_RANK = "bm25(ref_fts, 0.0, 8.0, 1.0)"
_SNIPPET = f"snippet(ref_fts, 2, '{MARK_START}', '{MARK_END}', '…', 16)"
# bm25 costs a few microseconds per matching row: a query matching more rows than this
# (the first letters of a word, a word in most passages) is not ranked whole.
RANK_CAP = 2000
# The first matches FTS5 yields (in rowid order, scoring none of the rest), with their
# scores: the LIMIT is what bounds the work. All of them when there are at most ``cap``.
SCORED_FIRST = f"SELECT rowid, {_RANK} FROM ref_fts WHERE ref_fts MATCH ? LIMIT ?"


def _snippets_sql(count: int) -> str:
    # "+rowid": a filter on the rows FTS5 yields in the range, not a lookup per rowid (which
    # would run the whole match again for each one).
    return (f"SELECT rowid, node_id, title, {_SNIPPET} FROM ref_fts WHERE ref_fts MATCH ? "
            f"AND rowid BETWEEN ? AND ? AND +rowid IN ({', '.join('?' * count)})")


def search(fetch: Fetch, user_text: str, limit: int = 20, *,
           cap: int = RANK_CAP) -> list[SearchHit]:
    """The best ``limit`` nodes for what the user typed, best first (bm25 over title and
    body, every word a prefix).

    A query matching at most ``cap`` nodes is ranked whole: exactly FTS5's bm25 order.
    A broader one (the first letters of a word as the user types, a word found in most
    passages) is answered from bounded work: nodes whose title matches first, ranked among
    the first ``cap`` of them, then the best of the first ``cap`` matches. Typing on narrows
    the query until it is ranked whole. Snippets are made for the hits kept only.
    """
    from pkdesk.core.search import SearchHit, fts_query

    query = fts_query(user_text)
    if query is None or limit <= 0:
        return []

    def best(rows: Sequence[Sequence[Any]]) -> list[tuple[int, float]]:
        # ORDER BY score, rowid, as SQLite would sort them
        return sorted(((int(r[0]), float(r[1])) for r in rows), key=lambda r: (r[1], r[0]))

    first = fetch(SCORED_FIRST, (query, cap + 1))
    if len(first) <= cap:   # every match scored: the full ranking
        ranked = best(first)[:limit]
    else:
        titles = "{title} : (" + query + ")"
        ranked = best(fetch(SCORED_FIRST, (titles, cap)))[:limit]
        seen = {rowid for rowid, _ in ranked}
        ranked += [r for r in best(first) if r[0] not in seen][:limit - len(ranked)]
    if not ranked:
        return []
    rowids = [rowid for rowid, _ in ranked]
    found = {int(r[0]): r for r in fetch(_snippets_sql(len(rowids)),
                                          (query, min(rowids), max(rowids), *rowids))}
    # Not rounded: a term found in most nodes scores near 1e-6, and rounding would tie
    # (and show as 0.0) hits the query did rank apart.
    return [SearchHit(found[rowid][1], found[rowid][2], " ".join(found[rowid][3].split()),
                      0.0 - score) for rowid, score in ranked if rowid in found]
