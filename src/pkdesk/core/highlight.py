"""Find what to highlight in a passage: the words a search matched, or a quoted passage.

Matching follows the search index (FTS5 unicode61, diacritics removed, prefix terms), so a
word highlighted in the reading pane is a word the search found: "cote" marks "Côte".
Spans are (start, end) character offsets into the original text, which stays untouched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

Span = tuple[int, int]

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(word: str) -> str:
    """Lower-case without diacritics, as the search index compares words."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_terms(user_text: str) -> tuple[str, ...]:
    """The words of a search box query, folded, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(user_text):
        seen.setdefault(fold(word), None)
    return tuple(seen)


def term_spans(text: str, terms: Iterable[str]) -> list[Span]:
    """Every word of `text` that starts with one of the (folded) `terms`."""
    prefixes = tuple(t for t in terms if t)
    if not prefixes:
        return []
    return [m.span() for m in _WORD.finditer(text) if fold(m.group()).startswith(prefixes)]


def quote_span(text: str, quote: str) -> Span | None:
    """Where `quote` occurs in `text`, ignoring differences in white space; then in case."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return match.span() if match else None


def merge_spans(spans: Sequence[Span]) -> list[Span]:
    """Sorted, with overlapping or touching spans joined."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def split_by_spans(text: str, spans: Sequence[Span]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, highlighted) runs; joining the pieces gives `text` back."""
    runs: list[tuple[str, bool]] = []
    pos = 0
    for start, end in merge_spans(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            runs.append((text[pos:start], False))
        runs.append((text[start:end], True))
        pos = end
    if pos < len(text) or not runs:
        runs.append((text[pos:], False))
    return runs
