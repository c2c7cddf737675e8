"""What search promises on either engine (SQLite's FTS5 here, PostgreSQL's tsvector on a team
database): the checks tests/store/test_search.py and tests/pg/test_pg_search.py both make,
written once."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import pytest

from pkdesk.core.reference import shipped_corpora
from pkdesk.core.search import MARK_END, MARK_START, SearchHit
from pkdesk.store.library import open_library
from pkdesk.store.reference_repo import ReferenceRepository

# Côte d'Ivoire however it is typed: without its accent, in capitals, decomposed (NFD).
COTE_TYPED = ["cote", "COTE", "Côte", "côte d'ivoire", unicodedata.normalize("NFD", "Côte")]


def sqlite_library(factory: pytest.TempPathFactory, name: str) -> Iterator[ReferenceRepository]:
    """A module's SQLite library with the shipped corpus (for a module-scoped fixture)."""
    db = open_library(factory.mktemp(name) / "pkdesk.sqlite3")
    yield ReferenceRepository(db)
    db.close()


def ids(hits: list[SearchHit]) -> list[str]:
    return [h.id for h in hits]


def marked_words(snippet: str) -> list[str]:
    return re.findall(f"{MARK_START}(.*?){MARK_END}", snippet)


def check_ranking_in_the_shipped_corpus(repo: ReferenceRepository) -> None:
    assert ids(repo.search("shuttle diplomacy"))[0] == "strategies.shuttle-diplomacy"
    assert ids(repo.search("consent of the parties"))[0] == "principles.consent"
    hits = repo.search("peacekeeping", limit=50)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def check_cote_found(repo: ReferenceRepository, typed: str) -> None:
    assert ids(repo.search(typed, limit=3))[0] == "case-studies.unoci-2004"


def check_prefix_marked(repo: ReferenceRepository) -> SearchHit:
    """"impart" marks the words it starts, markers paired, on one line; the hit, for more."""
    hit = repo.search("impart", limit=1)[0]
    marked = marked_words(hit.snippet)
    assert marked and all(m.lower().startswith("impart") for m in marked)
    assert hit.snippet.count(MARK_START) == hit.snippet.count(MARK_END) == len(marked)
    assert "\n" not in hit.snippet
    return hit


def check_limit_and_every_match(repo: ReferenceRepository) -> None:
    assert len(repo.search("peacekeeping", limit=3)) == 3
    assert repo.search("peacekeeping", limit=0) == []
    expected = {n.id for c in shipped_corpora() for n in c.nodes
                if re.search(r"\bpeacekeeping", f"{n.title} {n.text}", re.IGNORECASE)}
    assert set(ids(repo.search("peacekeeping", limit=1000))) == expected


def check_all_words_must_match(repo: ReferenceRepository) -> None:
    assert ids(repo.search("rwanda genocide")) == ["case-studies.rwanda-1994"]
    assert repo.search("rwanda quadcopter") == []
