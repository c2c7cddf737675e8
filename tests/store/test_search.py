"""Full-text search over the reference library: ranking, prefixes, diacritics, snippets, and
user text that can never break the FTS5 query."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pkdesk.core.reference import Corpus, RefNode, Source
from pkdesk.core.search import SearchHit, fts_query
from pkdesk.store.corpus import load_into
from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from tests.store.search_support import (
    COTE_TYPED, check_all_words_must_match, check_cote_found, check_limit_and_every_match,
    check_prefix_marked, check_ranking_in_the_shipped_corpus, ids, sqlite_library,
)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceRepository]:
    yield from sqlite_library(tmp_path_factory, "search")


def _tiny(tmp_path: Path, *nodes: tuple[str, str, str]) -> ReferenceRepository:
    db = Database.open(tmp_path / "tiny.sqlite3")
    corpus = Corpus(Source("tiny", "Tiny"), tuple(
        RefNode(id=i, title=t, kind="section", parent=None, paragraphs=(b,), source="tiny")
        for i, t, b in nodes), "0" * 64)
    with db.session() as s:
        load_into(s, corpus)
    return ReferenceRepository(db)


def test_title_match_outranks_body_only_match(tmp_path: Path) -> None:
    repo = _tiny(tmp_path,
                 ("body", "Field notes", "Mediation, mediation and more mediation were tried."),
                 ("title", "Mediation", "A neutral party helps the sides talk."),
                 ("none", "Logistics", "Fuel and water."))
    hits = repo.search("mediation")
    assert ids(hits) == ["title", "body"]
    assert hits[0].score > hits[1].score
    repo.db.close()


def test_ranking_in_the_shipped_corpus(repo: ReferenceRepository) -> None:
    check_ranking_in_the_shipped_corpus(repo)


@pytest.mark.parametrize(("typed", "expected"), [
    ("impart", "principles.impartiality"),
    ("medi", "strategies.mediation"),
    ("shutt", "strategies.shuttle-diplomacy"),
    ("UNTS", "case-studies.untso-1948"),
    ("climate chan", "trends.climate-change"),
])
def test_prefixes_find_whole_words(repo: ReferenceRepository, typed: str, expected: str) -> None:
    assert expected in ids(repo.search(typed, limit=5))


@pytest.mark.parametrize("typed", COTE_TYPED)
def test_diacritics_and_case_do_not_matter(repo: ReferenceRepository, typed: str) -> None:
    check_cote_found(repo, typed)


def test_snippet_marks_the_matched_terms(repo: ReferenceRepository) -> None:
    hit = check_prefix_marked(repo)
    assert hit.snippet_marked("<<", ">>").count("<<impartial") >= 1


def test_limit_is_respected(repo: ReferenceRepository) -> None:
    assert len(repo.search("peacekeeping", limit=1)) == 1
    check_limit_and_every_match(repo)


def test_all_words_must_match(repo: ReferenceRepository) -> None:
    check_all_words_must_match(repo)


@pytest.mark.parametrize("typed", [
    '"', '""', "'", '"consent', 'consent"', "AND", "OR", "NOT", "consent AND", "AND consent",
    "NEAR(", "NEAR(consent mediation, 2)", "*", "consent*", "-", "-consent", "^consent", ":",
    "title:consent", "{title body}: consent", "body : x", "rank", "ref_fts", "(", ")", "{", "}",
    "+", "'; DROP TABLE ref_node; --", "\x00", "\x02\x03", "日本語", "ß", "ﬁ", "٣", "_", "__",
    "", "   ", "\n\t", "x" * 10_000, "consent " * 2_000,
])
def test_fts_syntax_in_user_text_never_raises(repo: ReferenceRepository, typed: str) -> None:
    hits = repo.search(typed)
    assert isinstance(hits, list)
    assert all(isinstance(h, SearchHit) for h in hits)


def test_operators_are_searched_as_words_not_obeyed(repo: ReferenceRepository) -> None:
    # "consent OR rwanda" as FTS5 syntax would find both; as words, a node needs all three.
    assert repo.search("consent OR rwanda") == []
    assert repo.search("title:consent") == []       # no column filter: "title" is just a word
    assert ids(repo.search("-consent", limit=1)) == ids(repo.search("consent", limit=1))


def test_nothing_to_search_gives_no_query() -> None:
    assert fts_query("") is None
    assert fts_query("  -- ** ") is None
    # Each word as typed (a prefix) or, from 4 letters, its stem; common words ("d", "of")
    # and a last one-letter word are left out when other words remain (issue 15).
    assert fts_query("Côte d’Ivoire") == '("Côte"* OR stems : "cot") AND ("Ivoire"* OR stems : "ivoir")'
    assert fts_query("the") == '"the"*'
    assert fts_query("consent of the p") == '"consent"*'
    assert fts_query(unicodedata.normalize("NFD", "Côte")) == '("Côte"* OR stems : "cot")'


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(repo: ReferenceRepository, typed: str) -> None:
    hits = repo.search(typed, limit=5)
    assert len(hits) <= 5
    query = fts_query(typed)
    assert query is None or query.count('"') % 2 == 0


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from('"*():^-+{}ANDORNEAT \u0301\x00'), max_size=40))
def test_syntax_heavy_text_never_raises(repo: ReferenceRepository, typed: str) -> None:
    assert isinstance(repo.search(typed), list)
