"""FTS5's ``snippet(ref_fts, 3, MARK_START, MARK_END, '…', 16)`` made in Python from a kept
hit's stored body, the same text FTS5 gives (``tests/store/test_fts_snippet.py`` compares
them over every typed query of ``benchmarks/bench_search.py`` and the shipped corpus).

Why: FTS5 makes a snippet only for a row its MATCH yields, so snippets for the 50 hits kept
by a broad query walked every match between the lowest and highest kept rowid (7-17 ms at
100,000 nodes, for "dialogue" or "security co"); here it is the 50 bodies read by rowid and
tokenized in Python (~1 ms).

What FTS5 does, and this does: the body is split as the ``unicode61`` tokenizer splits it
(runs of letters, digits and combining marks; folded to lower case without diacritics for
matching, as ``remove_diacritics 2``). Each query word (``core.search.query_words``) is a
prefix phrase: a token starting with it is an instance (a stem alternative matches the
``stems`` column, never the body, so it marks nothing). For each instance the 16-token
window starting there is scored (1,000 for each phrase seen, 1 for each further instance)
and moved so that its instances sit in the middle; a window starting at the sentence (after
"." or ":") holding the instance scores 100 more (120 at the very start). The best window
wins (the first of equal ones); "…" marks text cut at either end.

No SQLAlchemy, no Qt, no imports beyond the standard library at load.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate

MARK_START, MARK_END = "\x02", "\x03"
ELLIPSIS = "…"
TOKENS = 16

# unicode61: letters (L*), numbers (N*) and private-use characters (Co) are token
# characters, and with remove_diacritics combining marks (Mn) too; "_" separates.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\ue000-\uf8ff"
_TOKEN = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
_HAS_MARKS = re.compile(f"[{_MARKS}]")
_WORD = re.compile(r"[^\W_]+")       # the same where no such character occurs (much faster)
_ASCII_SPLIT = re.compile(r"([a-z0-9]+)")   # an ASCII text's tokens, once lower-cased
_SENTENCE = re.compile(r"[.:][ \t\n\r]+")


def fold_token(token: str) -> str:
    """A token as unicode61 with ``remove_diacritics 2`` compares it: lower case, each
    character without its diacritics (one character for one: no "ß" -> "ss")."""
    if token.isascii():
        return token.lower()
    return "".join(c for c in unicodedata.normalize("NFD", token.lower())
                   if not unicodedata.combining(c))


class Query:
    """The query words as FTS5 tokenizes their quoted prefix terms (``phrases``)."""

    __slots__ = ("phrases", "firsts", "several", "ascii_patterns")

    def __init__(self, phrases: list[tuple[str, ...]]) -> None:
        self.phrases = phrases
        # Phrase numbers and first tokens of the one-token phrases (nearly all of them).
        self.firsts = [(n, parts[0]) for n, parts in enumerate(phrases) if len(parts) == 1]
        self.several = [(n, parts) for n, parts in enumerate(phrases) if len(parts) > 1]
        # In a lower-cased ASCII text: where a token starts with each one-token phrase.
        self.ascii_patterns = [(n, re.compile(f"(?<![a-z0-9]){re.escape(first)}"))
                               for n, first in self.firsts if first.isascii()]


def phrases(words: list[str]) -> Query:
    """Each query word as FTS5 tokenizes its quoted prefix term: its folded tokens, the last
    one a prefix (a word with "_" is several tokens: a phrase)."""
    out = []
    for word in words:
        parts = tuple(fold_token(t) for t in _TOKEN.findall(word))
        if parts:
            out.append(parts)
    return Query(out)


def _tokens(body: str) -> tuple[list[str], list[int], list[int], str | None]:
    """The body's folded tokens, where each starts and ends, and (for an ASCII body) the
    lower-cased text they were cut from."""
    if body.isascii():
        low = body.lower()
        parts = _ASCII_SPLIT.split(low)     # separator, token, separator, ..., separator
        bounds = list(accumulate(map(len, parts)))
        return parts[1::2], bounds[0:-1:2], bounds[1::2], low
    spans = [m.span() for m in (_TOKEN if _HAS_MARKS.search(body) else _WORD).finditer(body)]
    return ([fold_token(body[a:b]) for a, b in spans], [a for a, _b in spans],
            [b for _a, b in spans], None)


def snippet(body: str, query: Query) -> str:
    """The snippet FTS5 makes of ``body`` for ``query`` (``phrases``)."""
    folded, offsets, ends, low = _tokens(body)
    size = len(folded)
    # Instances (position, phrase, length), in position order.
    instances: list[tuple[int, int, int]] = []
    if low is not None:
        for number, pattern in query.ascii_patterns:
            instances += [(bisect_left(offsets, m.start()), number, 1)
                          for m in pattern.finditer(low)]
    else:
        for number, first in query.firsts:
            instances += [(pos, number, 1) for pos, token in enumerate(folded)
                          if token.startswith(first)]
    for number, parts in query.several:
        n = len(parts)
        instances += [(pos, number, n) for pos in range(size - n + 1)
                      if folded[pos] == parts[0] and folded[pos + n - 1].startswith(parts[-1])
                      and all(folded[pos + k] == parts[k] for k in range(1, n - 1))]
    instances.sort()
    # Sentence starts: the first token, and each after "." or ":" and white space.
    starts = [0] if size else []
    for m in _SENTENCE.finditer(body):
        pos = bisect_left(offsets, m.end())
        if 0 < pos < size and offsets[pos] == m.end():
            starts.append(pos)

    def score(first: int) -> tuple[int, int, int]:
        seen: set[int] = set()
        total, lo, hi = 0, -1, 0
        for pos, number, n in instances:
            if first <= pos < first + TOKENS:
                total += 1 if number in seen else 1000
                seen.add(number)
                if lo < 0:
                    lo = pos
                hi = pos + n
        return total, lo, hi

    best, best_start = 0, 0
    for pos, _number, _n in instances:
        total, lo, hi = score(pos)
        if total > best:
            shift = TOKENS - (hi - lo)
            adjusted = lo - (shift // 2 if shift >= 0 else -(-shift // 2))   # C's division
            if adjusted + TOKENS > size:
                adjusted = size - TOKENS
            best, best_start = total, max(0, adjusted)
        if starts and size > TOKENS:
            k = max(0, bisect_right(starts, pos) - 1)
            if starts[k] < pos:
                total = score(starts[k])[0] + (120 if starts[k] == 0 else 100)
                if total > best:
                    best, best_start = total, starts[k]
    return _highlight(body, offsets, ends, instances, best_start)


def _highlight(body: str, offsets: list[int], ends: list[int],
               instances: list[tuple[int, int, int]], start: int) -> str:
    end = start + TOKENS - 1          # the window's last token
    # Instances merged where they overlap, as FTS5's highlighting merges them.
    merged: list[list[int]] = []
    for pos, _number, n in instances:
        if merged and pos <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], pos + n - 1)
        else:
            merged.append([pos, pos + n - 1])
    marks = [m for m in merged if m[0] >= start]
    out = [ELLIPSIS] if start > 0 else []
    offset = offsets[start] if 0 < start < len(offsets) else 0
    k = 0
    for pos in range(start, min(end + 1, len(offsets))):
        a, b = offsets[pos], ends[pos]
        if k < len(marks) and pos == marks[k][0]:
            out += [body[offset:a], MARK_START]
            offset = a
        if k < len(marks) and pos == marks[k][1]:
            out += [body[offset:b], MARK_END]
            offset = b
            k += 1
        if pos == end:
            out.append(body[offset:b])
            offset = b
            if k < len(marks) and marks[k][0] <= pos < marks[k][1]:
                out.append(MARK_END)
    out.append(body[offset:] if end >= len(offsets) - 1 else ELLIPSIS)
    return "".join(out)
