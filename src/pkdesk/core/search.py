"""Turn what a user types into a safe FTS5 query, and the shape of a search hit."""

from __future__ import annotations

import re
import unicodedata

from pkdesk.core.errors import InputError
from pkdesk.core.record import Record
from pkdesk.core.textfold import LANGUAGES, STOPWORDS, fold, stem, stem_folded

# FTS5 snippet markers: control characters that cannot occur in corpus text, so a view can
# escape the snippet first and only then turn the markers into highlighting.
MARK_START = "\x02"
MARK_END = "\x03"

_WORD = re.compile(r"\w+", re.UNICODE)


class SearchHit(Record):
    __slots__ = ("id", "title", "snippet", "score", "kind")
    id: str
    title: str
    snippet: str        # plain text with MARK_START/MARK_END around matched terms
    score: float        # higher is better
    kind: str           # "node": a reference node; "note": the user's note on node ``id``

    def __init__(self, id: str, title: str, snippet: str, score: float,  # noqa: A002
                 kind: str = "node") -> None:
        for name, value in zip(self.__slots__, (id, title, snippet, score, kind)):
            object.__setattr__(self, name, value)

    @property
    def in_note(self) -> bool:
        """Found in the user's own note on the node, not in the node's text."""
        return self.kind == "note"

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
    words = query_words(user_text)
    if not words:
        return None
    return " AND ".join(_term(w) for w in words)


def fts_title_query(user_text: str) -> str | None:
    """``fts_query`` for the titles' index (``ref_title_fts``, migration 0009): every word a
    prefix in the title. No stem alternatives: that index has no stems column (and inside
    ``title : (...)`` in ``ref_fts`` a ``stems : ...`` phrase matches nothing either, FTS5
    intersecting the column filters), so it finds the nodes ``title : (fts_query)`` finds."""
    words = query_words(user_text)
    if not words:
        return None
    return "title : (" + " AND ".join(f'"{w}"*' for w in words) + ")"


def query_words(user_text: str) -> list[str]:
    """The words a search looks for, all of which must match (each a prefix, or for words of
    4 letters and more its stem): FTS5's query (``fts_query``) and PostgreSQL's
    (``store.pg_search``) are both made from these."""
    # NFKC: a decomposed "Côte" (o + combining accent, as some keyboards and pastes produce)
    # must stay one word, not split into "Co" and "te"; it also folds ligatures like "ﬁ".
    words = _WORD.findall(unicodedata.normalize("NFKC", user_text))[:16]
    if not words:
        return []
    # Common words ("of", "the", "de") are left out when other words narrow the search.
    content = [w for w in words if fold(w) not in STOPWORDS]
    # So is a last word of one letter after others: a word being typed ("security c"), which
    # would match nearly every node; the next letter narrows it.
    if len(content) > 1 and len(content[-1]) == 1:
        content.pop()
    return content or words


def _term(word: str) -> str:
    """The word as a prefix, or (for words of 4 letters and more) its English or French stem
    in the index's stems column: "patrols" finds "patrol", "sécurités" finds "sécurité"."""
    if len(word) < 4:
        return f'"{word}"*'
    alternatives = [f'"{word}"*']
    for lang in LANGUAGES:
        stemmed = stem(word, lang)
        if stemmed != fold(word) and f'stems : "{stemmed}"' not in alternatives:
            alternatives.append(f'stems : "{stemmed}"')
    return alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"


# Search scopes: every library and the notes, the shipped handbook, one library, the notes.
SCOPE_ALL = "all"
SCOPE_HANDBOOK = "handbook"
SCOPE_NOTES = "notes"


def parse_scope(value: str) -> str | int:
    """``all``, ``handbook``, ``notes`` or a library id (``2`` or ``library:2``)."""
    v = value.strip().lower()
    if v in (SCOPE_ALL, SCOPE_HANDBOOK, SCOPE_NOTES):
        return v
    v = v.removeprefix("library:")
    if v.isdigit() and 0 < int(v) < 2**31:
        return int(v)
    raise InputError(f"scope {value[:40]!r}: expected all, handbook, notes or a library id")


def note_hit(node_id: str, title: str, body: str, user_text: str) -> SearchHit | None:
    """The note as a hit when every word typed starts (accents and case folded) a word of
    the note or shares its stem; None otherwise."""
    words = [fold(w) for w in _WORD.findall(unicodedata.normalize("NFKC", user_text))[:16]]
    if not words:
        return None
    wanted = [(w, {stem_folded(w, lang) for lang in LANGUAGES}) for w in words]
    body_words = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(body)]
    body_stems = [{stem_folded(f, lang) for lang in LANGUAGES} for _a, _b, f in body_words]
    spans: list[tuple[int, int]] = []
    for w, stems_of_w in wanted:
        found = [(a, b) for (a, b, folded), st in zip(body_words, body_stems)
                 if folded.startswith(w) or st & stems_of_w]
        if not found:
            return None
        spans += found
    spans.sort()
    start = max(0, spans[0][0] - 60)
    end = min(len(body), start + 200)
    out, pos = [], start
    for a, b in spans:
        if a < pos or b > end:
            continue
        out += [body[pos:a], MARK_START, body[a:b], MARK_END]
        pos = b
    out.append(body[pos:end])
    snippet = ("…" if start else "") + "".join(out) + ("…" if end < len(body) else "")
    return SearchHit(node_id, title, " ".join(snippet.split()), float(len(spans)), "note")
