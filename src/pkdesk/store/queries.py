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


# The Planner's list, a page at a time (issue 17): "roots" (plans whose parent is not a listed
# plan: none, itself, deleted or not in this database) in list order, each followed by its
# variants, depth first, siblings in list order: the order ``ui.planner.plan_list_model.
# lineage_order`` gives the whole list. A page reads its roots from the plan list's index
# (migration 0008) and stops after them; their variants come by parent_uid (indexed).
_LISTED = "SELECT id, uid, title, revision, updated_at, parent_uid FROM plan "
_ROOT = ("deleted_at IS NULL AND (parent_uid IS NULL OR parent_uid = uid OR NOT EXISTS "
         "(SELECT 1 FROM plan q WHERE q.uid = plan.parent_uid AND q.deleted_at IS NULL))")
PLAN_ROOTS = f"{_LISTED}WHERE {_ROOT} ORDER BY updated_at DESC, id DESC LIMIT ?"
PLAN_ROOTS_AFTER = (f"{_LISTED}WHERE {_ROOT} AND (updated_at < ? OR (updated_at = ? AND id < ?)) "
                    "ORDER BY updated_at DESC, id DESC LIMIT ?")
PLAN_COUNT = "SELECT count(*) FROM plan WHERE deleted_at IS NULL"
PLAN_LISTED = "SELECT 1 FROM plan WHERE id = ? AND deleted_at IS NULL"
_IN_CHUNK = 500      # parent uids per query (SQLite before 3.32 allows 999 parameters)

if TYPE_CHECKING:
    # Where the next page starts: the last root's stored updated_at and id.
    PageCursor: TypeAlias = tuple[Any, int]


def _children_sql(count: int) -> str:
    return (f"{_LISTED}WHERE deleted_at IS NULL AND parent_uid IN ({', '.join('?' * count)}) "
            "ORDER BY updated_at DESC, id DESC")


def _summary(r: Sequence[Any]) -> PlanSummary:
    return PlanSummary(int(r[0]), r[1], r[2], int(r[3]), stored_time(r[4]), r[5])


def plan_list_page(fetch: Fetch, after: PageCursor | None, roots: int
                   ) -> tuple[list[tuple[PlanSummary, int]], PageCursor | None]:
    """The next ``roots`` roots after ``after`` (None: from the top), each with its variants,
    as (plan, depth) in list order; and the cursor of the page after it (None: no more)."""
    rows = (fetch(PLAN_ROOTS_AFTER, (after[0], after[0], after[1], roots)) if after is not None
            else fetch(PLAN_ROOTS, (roots,)))
    cursor = (rows[-1][4], int(rows[-1][0])) if len(rows) == roots else None
    children: dict[str, list[Sequence[Any]]] = {}
    seen = {r[1] for r in rows}
    level = list(seen)
    while level:
        found: list[Sequence[Any]] = []
        for at in range(0, len(level), _IN_CHUNK):
            chunk = level[at:at + _IN_CHUNK]
            found += fetch(_children_sql(len(chunk)), tuple(chunk))
        level = []
        for r in found:
            if r[1] not in seen:          # (a plan that is its own parent is a root)
                seen.add(r[1])
                children.setdefault(r[5], []).append(r)
                level.append(r[1])
    out: list[tuple[PlanSummary, int]] = []
    stack: list[tuple[Sequence[Any], int]] = [(r, 0) for r in reversed(rows)]
    while stack:
        row, depth = stack.pop()
        out.append((_summary(row), depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(row[1], ())))
    return out, cursor


def plan_count(fetch: Fetch) -> int:
    """Plans not deleted (from the plan list's index: no row is read)."""
    return int(fetch(PLAN_COUNT, ())[0][0])


def plan_listed(fetch: Fetch, plan_id: int) -> bool:
    return bool(fetch(PLAN_LISTED, (plan_id,)))


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
# What store.fts_snippet makes in Python for the kept hits (tests/store/test_fts_snippet.py).
FTS5_SNIPPET = f"snippet(ref_fts, 3, '{MARK_START}', '{MARK_END}', '…', 16)"
# Nodes times words a search ranks at most: bm25 costs ~2 us a matching row and phrase, and
# "a" or "pea" typed over the handbook and 20 documents match 30,000-40,000 nodes.
RANK_MAX = 3000
ROWID_SPAN = 1 << 24     # a library's rowid range in ref_fts (store.fts.rowid_range)
_ALL_ROWIDS = (0, (1 << 63) - 1)


def rowid_range(library_id: int) -> tuple[int, int]:
    """The rowids of one library's rows in ref_fts."""
    return library_id * ROWID_SPAN, (library_id + 1) * ROWID_SPAN - 1


# Per index (ref_fts, every column; ref_title_fts, the titles, migration 0009), with its
# bm25: how many match up to a bound (the LIMIT), by rowid alone, nothing scored or returned;
# the best matches by bm25, ties by rowid (run once the count found few enough: the sorter
# then sees at most the bound); the first matches, unranked.
_TITLE_RANK = "bm25(ref_title_fts)"


def _sql(table: str, rank: str) -> tuple[str, str, str]:
    where = f"FROM {table} WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?"
    return (f"SELECT count(*) FROM (SELECT rowid {where} LIMIT ?)",
            f"SELECT rowid, {rank} AS score {where} ORDER BY score, rowid LIMIT ?",
            f"SELECT rowid {where} LIMIT ?")


COUNT_SQL, RANKED_SQL, FIRST_ROWIDS = _sql("ref_fts", _RANK)
TITLE_COUNT_SQL, TITLE_RANKED_SQL, TITLE_FIRST_ROWIDS = _sql("ref_title_fts", _TITLE_RANK)
_FULL_SQL = (COUNT_SQL, RANKED_SQL, FIRST_ROWIDS)
_TITLE_SQL = (TITLE_COUNT_SQL, TITLE_RANKED_SQL, TITLE_FIRST_ROWIDS)
NOTES = ("SELECT n.node_id, n.body, r.title FROM note n LEFT JOIN ref_node r "
         "ON r.id = n.node_id ORDER BY n.updated_at DESC")


_KEPT_SQL = "SELECT rowid, node_id, title, body FROM ref_fts WHERE rowid IN ({})"
# "+rowid": a filter on the rows FTS5 yields in the range, not a lookup per rowid (which
# would run the whole match again for each one).
_SNIPPETS_SQL = (f"SELECT rowid, node_id, title, {FTS5_SNIPPET} FROM ref_fts WHERE ref_fts "
                 "MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN ({})")


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
    title matches are ranked (the title weighs 8 times the body), by bm25 in the titles' own
    index (migration 0009: the scores are that index's), and if even those are too
    many, the first matches are listed unranked (score 0); body-only matches then fill the
    list, unranked. A one- or two-letter query is a word being typed, and the next letter
    narrows it. The work is bounded by LIMITs, not counts of every match; snippets are made
    for the hits kept only."""
    from pkdesk.core.search import SearchHit, fts_query, fts_title_query

    query = fts_query(user_text)
    if query is None or limit <= 0:
        return []
    lo, hi = _ALL_ROWIDS if library is None else rowid_range(library)
    budget = cap // max(1, query.count(" AND ") + 1)

    in_titles = str(fts_title_query(user_text))   # not None: query is not
    walked: list[str] = []     # the full query, once it was found few enough to rank whole

    def scored(match: str) -> list[tuple[int, float]] | None:
        """The best ``limit`` matches with their scores, ORDER BY score, rowid (the order of a
        full ranking); None when more than ``budget`` match. Title matches are ranked in
        the titles' own index (bm25 over the titles), not walked through every column."""
        count, ranked, _first = _TITLE_SQL if match == in_titles else _FULL_SQL
        if fetch(count, (match, lo, hi, budget + 1))[0][0] > budget:
            # Counted by rowid alone first: bm25 reads each row's sizes and positions, so
            # scoring budget + 1 rows only to learn they are too many costs far more.
            return None
        if match == query:
            walked.append(match)
        # Ranked and cut by SQLite's sorter (at most ``budget`` rows, counted above).
        return [(int(r[0]), float(r[1])) for r in fetch(ranked, (match, lo, hi, limit))]

    def first(match: str, count: int) -> list[tuple[int, float]]:
        sql = (_TITLE_SQL if match == in_titles else _FULL_SQL)[2]
        return [(int(r[0]), 0.0) for r in fetch(sql, (match, lo, hi, count))]

    kept = kept_rows(scored, first, query, lambda: in_titles, limit)
    if not kept:
        return []
    rowids = [rowid for rowid, _ in kept]
    marks = ", ".join("?" * len(rowids))
    if walked:
        # At most ``budget`` rows match: FTS5's snippet() walks them all once, cheaper than
        # tokenizing the kept bodies in Python.
        found = {int(r[0]): (r[1], r[2], r[3]) for r in fetch(
            _SNIPPETS_SQL.format(marks), (query, min(rowids), max(rowids), *rowids))}
    else:
        # Too many match to walk (snippet() runs only on the rows its MATCH yields, every one
        # between the lowest and highest kept rowid): the same snippets made in Python from
        # the kept bodies (store.fts_snippet, FTS5's own text; tests/store/test_fts_snippet).
        from pkdesk.core.search import query_words
        from pkdesk.store.fts_snippet import phrases, snippet

        words = phrases(query_words(user_text))
        found = {int(r[0]): (r[1], r[2], snippet(r[3] or "", words))
                 for r in fetch(_KEPT_SQL.format(marks), tuple(rowids))}
    # Not rounded: a term found in most nodes scores near 1e-6, and rounding would tie
    # (and show as 0.0) hits the query did rank apart. 0.0 - 0.0 is 0.0 (unranked).
    return [SearchHit(found[rowid][0], found[rowid][1], " ".join(found[rowid][2].split()),
                      0.0 - score) for rowid, score in kept if rowid in found]


# Bookmarks, notes and the libraries' names, as the Reference page shows them -------------

BOOKMARKS = "SELECT node_id FROM bookmark ORDER BY created_at, id"
BOOKMARK_OF = "SELECT id FROM bookmark WHERE node_id = ?"
NOTE_OF = "SELECT body FROM note WHERE node_id = ?"
NOTES_DATED = "SELECT node_id, body, updated_at FROM note"
LIBRARY_NAMES = "SELECT id, title, edition FROM library ORDER BY id"


def bookmarks(fetch: Fetch) -> list[str]:
    """The bookmarked node ids, oldest first."""
    return [r[0] for r in fetch(BOOKMARKS, ())]


def is_bookmarked(fetch: Fetch, node_id: str) -> bool:
    return bool(fetch(BOOKMARK_OF, (node_id,)))


def note(fetch: Fetch, node_id: str) -> str:
    """The note on a node; "" when none."""
    rows = fetch(NOTE_OF, (node_id,))
    return (rows[0][0] or "") if rows else ""


def notes(fetch: Fetch) -> dict[str, str]:
    return {r[0]: r[1] for r in fetch(NOTES_DATED, ())}


def notes_dated(fetch: Fetch) -> dict[str, tuple[str, datetime]]:
    """Every note with the time it was last written."""
    return {r[0]: (r[1], stored_time(r[2])) for r in fetch(NOTES_DATED, ())}


def library_scopes(fetch: Fetch) -> list[tuple[int, str]]:
    """The user's documents (not the handbook) by id, named as citations name them
    ("Title, edition": `library_repo.LibraryInfo.cited_as`), for the search scope chooser."""
    return [(int(r[0]), f"{r[1]}, {r[2]}" if r[2] else r[1]) for r in fetch(LIBRARY_NAMES, ())
            if int(r[0]) != HANDBOOK_LIBRARY]
