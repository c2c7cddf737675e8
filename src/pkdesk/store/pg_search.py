"""Search on a team database (PostgreSQL) under the contract FTS5 keeps on a file
(``store.queries.search``): ranked hits, snippets with the same markers, every word a prefix
or its stem, accents and case folded, the same scopes.

The index (migration 0004 on PostgreSQL) is the table ``ref_fts`` with a ``tsv tsvector``
column under a GIN index. The tsvector is written here, token by token, not by PostgreSQL's
parser: each word folded (``core.textfold.fold``) and split as FTS5's unicode61 tokenizer
splits (runs of letters and digits), so both engines see the same words. Title words have
weight A, body words B, the stems D; a query word is ``'word':*`` (any column) or, for a word
of 4 letters or more, ``'stem':D``, as ``core.search.fts_query`` does for FTS5.

Ranking is ``ts_rank_cd`` with weights title 1, body 0.125, stems 0.0125 (FTS5's bm25
weights 8, 1, 0.1, scaled into PostgreSQL's 0..1) and length normalisation 2 (rank divided
by the document's length), the setting whose top hits agree best with bm25's on the shipped
corpus: over 20 queries, the same first hit for 18 and the same top three for 19 (flags 0,
1, 4, 8, 16, 32 and their sums: 8 to 18 of 20; tests/pg/test_pg_search.py compares them). Snippets are computed in Python
from the hit's body: the 16-token window with the most matched words, matched words between
MARK_START and MARK_END, "…" where text was cut, as FTS5's snippet() gives them.

No SQLAlchemy and no Qt here: the queries run through a ``store.queries.Fetch`` (``?``
parameters, which ``Database.fetch`` adapts for psycopg).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pkdesk.core.textfold import LANGUAGES, fold, stem_folded
from pkdesk.store.ranking import kept_rows

if TYPE_CHECKING:
    from pkdesk.core.search import SearchHit

# store.queries.Fetch (not imported: store.queries imports this module)
Fetch = Callable[[str, tuple[Any, ...]], Sequence[Sequence[Any]]]

MARK_START, MARK_END = "\x02", "\x03"
TOKEN = re.compile(r"[^\W_]+")      # FTS5 unicode61: letters and digits; "_" separates
MAX_POSITION = 16383                # PostgreSQL clamps positions beyond this
MAX_POSITIONS = 255                 # ... and keeps at most 256 per word
MAX_WORD = 500                      # a tsvector word is at most 2 KiB
RANK = "ts_rank_cd('{0.0125, 0, 0.125, 1}', tsv, CAST(? AS tsquery), 2)"
SNIPPET_TOKENS = 16


def tokens(text: str) -> list[str]:
    """The folded words of ``text`` as the index keeps them."""
    return [t for t in TOKEN.findall(fold(text)) if len(t) <= MAX_WORD]


def tsvector_literal(title: str, body: str, stems: str) -> str:
    """The tsvector of one node, as text for ``CAST(? AS tsvector)``: title words weight A,
    body words B, stems D, positions running on through the three."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for text, weight in ((title, "A"), (body, "B"), (stems, "D")):
        for word in tokens(text):
            pos += 1
            if pos > MAX_POSITION:
                break
            kept = positions.setdefault(word, [])
            if len(kept) < MAX_POSITIONS:
                kept.append(f"{pos}{weight}")
    # Tokens are letters and digits only: nothing to escape inside the quotes.
    return " ".join(f"'{w}':{','.join(p)}" for w, p in positions.items())


def _phrase(parts: Sequence[str], suffix: str) -> str:
    """Tokens of one query word as a tsquery phrase; ``suffix`` on the last (":*", ":D")."""
    quoted = [f"'{p}'" for p in parts]
    quoted[-1] += suffix
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def tsquery(user_text: str, *, titles_only: bool = False) -> str | None:
    """The tsquery for what the user typed (``core.search.query_words``), or None when there
    is nothing to search. ``titles_only``: the prefixes in titles only (FTS5's
    ``title : (...)``)."""
    from pkdesk.core.search import query_words

    terms = []
    for word in query_words(user_text):
        parts = tokens(word)
        if not parts:
            continue
        alternatives = [_phrase(parts, ":*A" if titles_only else ":*")]
        if len(word) >= 4 and not titles_only:
            folded = fold(word)
            for lang in LANGUAGES:
                stemmed = stem_folded(folded, lang)
                stem_parts = tokens(stemmed)
                alt = _phrase(stem_parts, ":D") if stem_parts else None
                if stemmed != folded and alt is not None and alt not in alternatives:
                    alternatives.append(alt)
        terms.append(alternatives[0] if len(alternatives) == 1
                     else "(" + " | ".join(alternatives) + ")")
    return " & ".join(terms) if terms else None


def _matchers(user_text: str) -> list[tuple[tuple[str, ...], set[str]]]:
    """Per query word: its folded tokens (a prefix of the last) and its stems."""
    from pkdesk.core.search import query_words

    out = []
    for word in query_words(user_text):
        parts = tuple(tokens(word))
        if parts:
            folded = fold(word)
            wanted = ({stem_folded(folded, lang) for lang in LANGUAGES} - {folded}
                      if len(word) >= 4 else set())
            out.append((parts, wanted))
    return out


def snippet(body: str, user_text: str) -> str:
    """FTS5's ``snippet(ref_fts, body, MARK_START, MARK_END, '…', 16)`` for a body: the
    16-token window with the most query words, matched words marked."""
    spans = [(m.start(), m.end(), fold(m.group())) for m in TOKEN.finditer(body)]
    if not spans:
        return body
    matchers = _matchers(user_text)
    hit: list[int] = []   # per token: which query word it matches, or -1
    for _a, _b, folded in spans:
        found = -1
        for n, (parts, wanted) in enumerate(matchers):
            last = parts[-1]
            if (len(parts) == 1 and folded.startswith(last)) or folded in parts[:-1] \
                    or (len(parts) > 1 and folded.startswith(last)) \
                    or any(stem_folded(folded, lang) in wanted for lang in LANGUAGES):
                found = n
                break
        hit.append(found)
    size = min(SNIPPET_TOKENS, len(spans))
    best, best_score = 0, -1
    for start in range(0, len(spans) - size + 1):
        window = hit[start:start + size]
        score = len({h for h in window if h >= 0}) * 1000 + sum(1 for h in window if h >= 0)
        if score > best_score:
            best, best_score = start, score
    end = best + size        # exclusive, in tokens
    first = spans[best][0] if best else 0
    stop = spans[end - 1][1] if end < len(spans) else len(body)
    out: list[str] = []
    pos = first
    for i in range(best, end):
        a, b, _f = spans[i]
        if hit[i] >= 0:
            out += [body[pos:a], MARK_START, body[a:b], MARK_END]
            pos = b
    out.append(body[pos:stop])
    return ("…" if best else "") + "".join(out) + ("…" if end < len(spans) else "")


_SCORED = (f"SELECT rowid, {RANK} FROM (SELECT rowid, tsv FROM ref_fts "
           "WHERE tsv @@ CAST(? AS tsquery) AND rowid BETWEEN ? AND ? LIMIT ?) AS m")
_FIRST = ("SELECT rowid FROM ref_fts WHERE tsv @@ CAST(? AS tsquery) AND rowid BETWEEN ? AND ? "
          "ORDER BY rowid LIMIT ?")


def search_nodes(fetch: Fetch, user_text: str, limit: int, lo: int, hi: int, *,
                 cap: int) -> list[SearchHit]:
    """``store.queries.search_nodes`` on PostgreSQL, over the index rows ``lo``..``hi`` (one
    library's, or all): the same budget (at most ``cap`` nodes times words ranked; past it
    the title matches, then the first matches unranked)."""
    from pkdesk.core.search import SearchHit, query_words

    query = tsquery(user_text)
    if query is None or limit <= 0:
        return []
    budget = cap // max(1, len(query_words(user_text)))

    def scored(q: str) -> list[tuple[int, float]] | None:
        rows = fetch(_SCORED, (q, q, lo, hi, budget + 1))
        if len(rows) > budget:
            return None
        return sorted(((int(r[0]), float(r[1])) for r in rows), key=lambda r: (-r[1], r[0]))

    def first(q: str, count: int) -> list[tuple[int, float]]:
        return [(int(r[0]), 0.0) for r in fetch(_FIRST, (q, lo, hi, count))]

    kept = kept_rows(scored, first, query,
                     lambda: tsquery(user_text, titles_only=True) or query, limit)
    if not kept:
        return []
    rowids = [rowid for rowid, _ in kept]
    found = {int(r[0]): r for r in fetch(
        f"SELECT rowid, node_id, title, body FROM ref_fts WHERE rowid IN "
        f"({', '.join('?' * len(rowids))})", tuple(rowids))}
    return [SearchHit(found[rowid][1], found[rowid][2],
                      " ".join(snippet(found[rowid][3], user_text).split()), score)
            for rowid, score in kept if rowid in found]
