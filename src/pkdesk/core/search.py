"""Turn what a user types into a safe FTS5 query, and the shape of a search hit."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# FTS5 snippet markers: control characters that cannot occur in corpus text, so a view can
# escape the snippet first and only then turn the markers into highlighting.
MARK_START = "\x02"
MARK_END = "\x03"

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    snippet: str        # plain text with MARK_START/MARK_END around matched terms
    score: float        # higher is better
    in_note: bool = False   # found in the user's own note on the node, not in its text

    def snippet_marked(self, start: str = "[", end: str = "]") -> str:
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)

    def plain_snippet(self) -> str:
        return self.snippet_marked("", "")

    def highlights(self) -> list[tuple[int, int]]:
        """``[start, end)`` offsets (in characters, i.e. code points) of the matched terms in
        ``plain_snippet()``; what the markers said, for output that cannot carry them."""
        spans: list[tuple[int, int]] = []
        plain = 0
        start: int | None = None
        for ch in self.snippet:
            if ch == MARK_START:
                start = plain
            elif ch == MARK_END:
                if start is not None and plain > start:
                    spans.append((start, plain))
                start = None
            else:
                plain += 1
        return spans


def fts_query(user_text: str) -> str | None:
    """Every word becomes a quoted prefix term; all must match. None when nothing to search.

    Quoting each token keeps FTS5 syntax (AND, NEAR, column filters, stray quotes) in the
    user's text from ever being interpreted.
    """
    # NFKC: a decomposed "Côte" (o + combining accent, as some keyboards and pastes produce)
    # must stay one word, not split into "Co" and "te"; it also folds ligatures like "ﬁ".
    words = _WORD.findall(unicodedata.normalize("NFKC", user_text))[:16]
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def note_hit(node_id: str, title: str, body: str, user_text: str,
             context: int = 40) -> SearchHit | None:
    """A hit when every word of ``user_text`` is in the note ``body`` (literally, ignoring
    case); the snippet is the note around the first word, marked."""
    words = [w.casefold() for w in user_text.split() if w.strip()]
    folded = body.casefold()
    if not words or not all(w in folded for w in words):
        return None
    if len(folded) != len(body):          # folding changed lengths ("ß"): the note's start
        return SearchHit(node_id, title, " ".join(body[:2 * context].split()), 1.0, True)
    at = folded.find(words[0])
    start, end = max(0, at - context), min(len(body), at + len(words[0]) + context)
    snippet = ("…" if start else "") + body[start:at] + MARK_START \
        + body[at:at + len(words[0])] + MARK_END + body[at + len(words[0]):end] \
        + ("…" if end < len(body) else "")
    return SearchHit(node_id, title, " ".join(snippet.split()), 1.0, in_note=True)
