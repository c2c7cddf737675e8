"""Search on a team database (PostgreSQL, tsvector + GIN) under FTS5's contract: the same
top hits as bm25 on the shipped corpus, prefixes, accents, stems, snippets with the same
markers, scopes, and user text that can never break the query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pkdesk.core.search import SearchHit
from pkdesk.store.library import open_library
from pkdesk.store.reference_repo import ReferenceRepository
from tests.pgserver import PgServer
from tests.store.search_support import (
    COTE_TYPED, check_all_words_must_match, check_cote_found, check_limit_and_every_match,
    check_prefix_marked, check_ranking_in_the_shipped_corpus, ids, marked_words, sqlite_library,
)


@pytest.fixture(scope="module")
def repo(pg_server: PgServer) -> Iterator[ReferenceRepository]:
    name = pg_server.create_database()
    db = open_library(pg_server.url(name))
    yield ReferenceRepository(db)
    db.close()
    pg_server.drop_database(name)


@pytest.fixture(scope="module")
def sqlite_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceRepository]:
    yield from sqlite_library(tmp_path_factory, "cmp")


QUERIES = ["protection of civilians", "mandate", "ceasefire", "peace", "consent", "rwanda",
           "diplomacy", "force", "negotiation", "security council", "humanitarian",
           "civilians", "sécurité", "mediation", "troops", "impartiality",
           "conflict resolution", "un", "pea", "shuttle diplomacy"]


def test_top_hits_agree_with_bm25_on_the_shipped_corpus(
        repo: ReferenceRepository, sqlite_repo: ReferenceRepository) -> None:
    same_first = same_three = 0
    disagree = []
    for q in QUERIES:
        a = ids(sqlite_repo.search(q, 5, "handbook"))
        b = ids(repo.search(q, 5, "handbook"))
        assert bool(a) == bool(b), q          # found on one engine, found on the other
        same_first += a[:1] == b[:1]
        same_three += set(a[:3]) == set(b[:3])
        if a[:3] != b[:3]:
            disagree.append((q, a[:3], b[:3]))
    # Measured: 18 and 19 of 20 (store/pg_search.py); a worse ranking fails here.
    assert same_first >= 18, disagree
    assert same_three >= 19, disagree


def test_ranking_in_the_shipped_corpus(repo: ReferenceRepository) -> None:
    check_ranking_in_the_shipped_corpus(repo)


@pytest.mark.parametrize(("typed", "expected"), [
    ("impart", "principles.impartiality"), ("medi", "strategies.mediation"),
    ("shutt", "strategies.shuttle-diplomacy"), ("UNTS", "case-studies.untso-1948"),
    ("climate chan", "trends.climate-change"), ("consents", "principles.consent"),
])
def test_prefixes_and_stems(repo: ReferenceRepository, typed: str, expected: str) -> None:
    assert expected in ids(repo.search(typed, limit=5))


@pytest.mark.parametrize("typed", COTE_TYPED)
def test_diacritics_and_case_do_not_matter(repo: ReferenceRepository, typed: str) -> None:
    check_cote_found(repo, typed)


def test_snippet_marks_the_matched_terms_like_fts5(
        repo: ReferenceRepository, sqlite_repo: ReferenceRepository) -> None:
    hit = check_prefix_marked(repo)
    assert hit.highlights() and all(
        hit.plain_snippet()[a:b].lower().startswith("impart") for a, b in hit.highlights())
    # The same shape as FTS5's: at most 16 words, "…" where the body was cut.
    for q in ("ceasefire", "rwanda genocide", "mediation"):
        pg, lite = repo.search(q, limit=1)[0], sqlite_repo.search(q, limit=1)[0]
        words = {m.lower() for m in marked_words(pg.snippet)}
        assert words == {m.lower() for m in marked_words(lite.snippet)}, q
        assert len(pg.plain_snippet().split()) <= 18
        assert pg.plain_snippet().startswith("…") == lite.plain_snippet().startswith("…"), q


def test_all_words_must_match_and_limit(repo: ReferenceRepository) -> None:
    check_all_words_must_match(repo)
    check_limit_and_every_match(repo)


def test_scopes_notes_and_libraries(repo: ReferenceRepository) -> None:
    repo.set_note("history", "Quadcopter patrols near the berm")
    try:
        hits = repo.search("quadcopter")
        assert [(h.id, h.kind) for h in hits] == [("history", "note")]
        assert repo.search("quadcopter", scope="handbook") == []
        assert ids(repo.search("quadcopter", scope="notes")) == ["history"]
        assert ids(repo.search("rwanda genocide", scope=1)) == ["case-studies.rwanda-1994"]
        assert repo.search("rwanda genocide", scope=2) == []
    finally:
        repo.set_note("history", "")


@pytest.mark.parametrize("typed", [
    '"', "'", "AND", "consent AND", "NEAR(consent mediation, 2)", "*", "consent*", "-consent",
    ":", "title:consent", "'; DROP TABLE ref_node; --", "\x00", "\x02\x03", "日本語", "ß",
    "ﬁ", "٣", "_", "__", "a_b", "& | ! <->", "consent:*A", "", "x" * 10_000, "consent " * 2_000,
])
def test_query_syntax_in_user_text_never_raises(repo: ReferenceRepository, typed: str) -> None:
    hits = repo.search(typed)
    assert all(isinstance(h, SearchHit) for h in hits)


def test_operators_are_searched_as_words(repo: ReferenceRepository) -> None:
    assert repo.search("consent | rwanda") == repo.search("consent rwanda")
    assert repo.search("consent OR rwanda") == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_raises(repo: ReferenceRepository, typed: str) -> None:
    assert len(repo.search(typed, limit=5)) <= 5


def test_imported_library_is_searchable_in_its_scope(pg_url: str, tmp_path: Path) -> None:
    from pkdesk.store.library_repo import LibraryRepository

    doc = tmp_path / "sop.md"
    doc.write_text("# Convoy SOP\n\n## Checkpoints\n\nConvoys stop at every checkpoint.\n",
                   encoding="utf-8")
    db = open_library(pg_url)
    try:
        libs = LibraryRepository(db)
        assert hasattr(libs, "libraries")
        from pkdesk.cli import main  # the CLI's own import path, in-process
        assert main(["--db", pg_url, "library", "add", str(doc)]) == 0
        lib_ids = [lib.id for lib in libs.libraries()]
        assert len(lib_ids) == 2
        repo = ReferenceRepository(db)
        assert ids(repo.search("checkpoints", scope=lib_ids[1]))
        assert repo.search("checkpoints", scope="handbook") == []
    finally:
        db.close()
