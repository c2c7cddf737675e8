"""Accent folding and light stemming for search, English and French (no Qt, no database).

The search index keeps each node's words in a ``stems`` column, stemmed by the node's
language; a query word is stemmed the same way (by both stemmers: the query's language is not
known), so "patrols" finds "patrol" and "missions" finds "mission". The stemmers are light on
purpose: they strip plural and a few common endings and never merge unrelated words often
enough to matter for a reference of a few thousand paragraphs.
"""

from __future__ import annotations

import re
import unicodedata

LANGUAGES = ("en", "fr")
_WORD = re.compile(r"\w+", re.UNICODE)

_EN_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es",
                "ly", "s")
_FR_SUFFIXES = ("issements", "issement", "ations", "ation", "ements", "ement", "ments", "ment",
                "euses", "euse", "eux", "ités", "ité", "ives", "ive", "ifs", "if", "ées", "ée",
                "és", "es", "aux", "x", "s", "e")


def fold(text: str) -> str:
    """Lower case without accents: "Sécurité" -> "securite"."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_EN_FOLDED = tuple(fold(s) for s in _EN_SUFFIXES)
_FR_FOLDED = tuple(fold(s) for s in _FR_SUFFIXES)


def stem(word: str, lang: str) -> str:
    """A folded word with one common ending removed, keeping at least 3 letters."""
    return stem_folded(fold(word), lang)


def stem_folded(w: str, lang: str) -> str:
    """``stem`` of a word already folded."""
    for suffix in _FR_FOLDED if lang == "fr" else _EN_FOLDED:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)]
    return w


def stems(text: str, lang: str) -> str:
    """The stems of every word of ``text``, space-separated (what the index's stems column
    holds)."""
    return " ".join(stem_folded(w, lang) for w in _WORD.findall(fold(text)))


_FR_WORDS = frozenset("le la les des du une et est dans pour que qui sur par au aux avec "
                      "pas sont ces cette ont".split())
_EN_WORDS = frozenset("the and of to is in for that which on by with are be this from "
                      "shall has have".split())


# Words too common to narrow a search: left out of a query that has other words (an FTS5
# query must otherwise walk their whole posting lists: "consent of the parties").
STOPWORDS = frozenset(
    "a an and are as at be by for from in is it of on or that the to with "
    "au aux de des du en et la le les l d un une ou par pour sur".split())


def guess_language(text: str) -> str:
    """"fr" when French function words outnumber English ones in the first 20,000
    characters, else "en"."""
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "fr" if fr > en else "en"
