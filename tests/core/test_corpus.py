"""The shipped reference corpus: valid, verbatim from the seed, complete, and in sync with its builder."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pkdesk.core.errors import InputError
from pkdesk.core.reference import CORPUS_FORMAT, Corpus, load_corpus, parse_corpus
from tests.checkout import REPO_ROOT

ROOT = REPO_ROOT
REFERENCE = ROOT / "src" / "pkdesk" / "resources" / "reference"  # the committed package data
CORPUS_FILE = REFERENCE / "peacekeeping-and-diplomacy.json"
SEED_COPY = REFERENCE / "peacekeeping-and-diplomacy.txt"
# The user's own document sits beside the clone (../shared), in CI as on the dev machine.
SHARED_SEED = ROOT.parent / "shared" / "seed" / "peacekeeping-and-diplomacy.txt"

PRINCIPLES = ["principles.consent", "principles.impartiality", "principles.non-use-of-force"]
STRATEGIES = ["strategies.ceasefire-negotiation", "strategies.dialogue-channels",
              "strategies.regional-cooperation", "strategies.mediation",
              "strategies.shuttle-diplomacy", "strategies.multi-track-diplomacy"]
TACTICS = ["negotiation.communication-channels", "negotiation.third-party-mediation",
           "negotiation.inclusive-dialogue"]
CHALLENGES = ["challenges.local-support", "challenges.complex-conflicts", "challenges.logistics",
              "challenges.international-law"]
TRENDS = ["trends.technology", "trends.local-engagement", "trends.climate-change",
          "trends.multidimensional"]
CASE_STUDIES = {
    "case-studies.untso-1948": ("Truce Supervision Organization", 1948),
    "case-studies.rwanda-1994": ("Rwanda", None),
    "case-studies.unoci-2004": ("Côte d’Ivoire", 2004),
    "case-studies.monusco": ("Democratic Republic of the Congo", None),
}
# Every id docs/DEVELOPING.md promises (rules cite them, so they must never disappear).
STABLE_IDS = re.findall(r"[a-z][a-z0-9.-]*[a-z0-9]",
                        (ROOT / "docs" / "DEVELOPING.md").read_text(encoding="utf-8")
                        .split("## Reference node ids", 1)[1].split("\n", 1)[1].split("\n#", 1)[0])


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS_FILE)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED_COPY.read_text(encoding="utf-8").split("\n")


def _is_sentence_run(paragraph: str, line: str) -> bool:
    """True when `paragraph` is a run of whole sentences of `line` (or the whole line).

    A run starts at the line's start or right after a sentence end and whitespace, and ends
    with a sentence end at the line's end or before whitespace.
    """
    if not paragraph or paragraph != paragraph.strip():
        return False
    start = line.find(paragraph)
    while start != -1:
        end = start + len(paragraph)
        starts_ok = start == 0 or (line[start - 1].isspace() and line[:start].rstrip()[-1] in ".!?")
        ends_ok = end == len(line) or (paragraph[-1] in ".!?" and line[end].isspace())
        if starts_ok and ends_ok:
            return True
        start = line.find(paragraph, start + 1)
    return False


def _verbatim(paragraph: str, lines: list[str]) -> bool:
    for line in lines:
        item = line.removeprefix("- ")  # a list item stands on its own without its bullet
        if paragraph in (line, item) or _is_sentence_run(paragraph, line):
            return True
    return False


def test_sentence_run_check_rejects_what_is_not_verbatim() -> None:
    line = "One thing. Two things here. Three."
    assert _is_sentence_run("Two things here.", line)
    assert _is_sentence_run("One thing. Two things here.", line)
    assert not _is_sentence_run("Two things", line)           # not a whole sentence
    assert not _is_sentence_run("thing. Two things here.", line)
    assert not _is_sentence_run("One thing. Three.", line)     # not a run


def test_shipped_corpus_is_valid(corpus: Corpus) -> None:
    assert json.loads(CORPUS_FILE.read_text(encoding="utf-8"))["format"] == CORPUS_FORMAT
    assert corpus.source.id == "peacekeeping-and-diplomacy"
    assert len(corpus.nodes) >= 40
    ids = corpus.by_id()
    assert len(ids) == len(corpus.nodes)
    for node in corpus.nodes:
        assert node.title.strip(), node.id
        assert node.paragraphs, node.id
        assert all(target in ids for target in node.see_also), node.id


def test_every_paragraph_is_verbatim_from_the_seed(corpus: Corpus, seed_lines: list[str]) -> None:
    not_verbatim = [(node.id, p[:60]) for node in corpus.nodes for p in node.paragraphs
                    if not _verbatim(p, seed_lines)]
    assert not_verbatim == []


def test_every_node_title_is_a_seed_heading_or_names_its_topic(corpus: Corpus,
                                                               seed_lines: list[str]) -> None:
    # Section nodes take the document's own headings; only finer nodes get their own names.
    for node in corpus.nodes:
        if node.kind == "section" and node.id not in ("introduction", "conclusion",
                                                      "principles.impartiality-and-non-use-of-force"):
            assert node.title in seed_lines, node.id


def test_resources_copy_equals_the_users_document() -> None:
    if not SHARED_SEED.exists():
        pytest.skip(f"no user document at {SHARED_SEED}")
    assert SEED_COPY.read_bytes() == SHARED_SEED.read_bytes()


def test_stable_ids_from_the_developer_guide_exist(corpus: Corpus) -> None:
    assert len(STABLE_IDS) >= 40
    assert sorted(set(STABLE_IDS) - set(corpus.by_id())) == []


@pytest.mark.parametrize(("group", "parent", "kind"), [
    (PRINCIPLES, "principles", "principle"),
    (STRATEGIES, "strategies", "strategy"),
    (TACTICS, "negotiation", "tactic"),
    (CHALLENGES, "challenges", "challenge"),
    (TRENDS, "trends", "trend"),
    (list(CASE_STUDIES), "case-studies", "case_study"),
])
def test_required_nodes_exist_under_their_section(corpus: Corpus, group: list[str], parent: str,
                                                  kind: str) -> None:
    ids = corpus.by_id()
    for node_id in group:
        assert node_id in ids, node_id
        assert ids[node_id].parent == parent
        assert ids[node_id].kind == kind


def test_case_studies_carry_structured_facts(corpus: Corpus) -> None:
    ids = corpus.by_id()
    for node_id, (named, year) in CASE_STUDIES.items():
        facts: dict[str, Any] = ids[node_id].facts
        assert set(facts) >= {"mission", "country", "start_year", "organisation"}, node_id
        assert isinstance(facts["mission"], str) and facts["mission"]
        assert isinstance(facts["country"], str) and facts["country"]
        assert isinstance(facts["organisation"], str) and facts["organisation"]
        assert isinstance(facts["start_year"], int) and 1945 <= facts["start_year"] <= 2030
        assert named in facts["mission"] + " " + facts["country"], node_id
        if year is not None:
            assert facts["start_year"] == year, node_id
    assert all(not n.facts for n in corpus.nodes if n.kind != "case_study")


def test_every_node_records_its_source(corpus: Corpus) -> None:
    assert corpus.source.title == "Peacekeeping and Diplomacy"
    assert corpus.source.file == SEED_COPY.name
    assert {n.source for n in corpus.nodes} == {corpus.source.id}


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_corpus", ROOT / "tools" / "build_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_corpus_is_what_the_builder_makes() -> None:
    built: str = _builder().render()
    assert built == CORPUS_FILE.read_text(encoding="utf-8"), \
        "src/pkdesk/resources/reference is stale: run python tools/build_corpus.py"


# Malformed corpus files ------------------------------------------------------------------

def _doc(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": CORPUS_FORMAT, "version": 1, "source": {"id": "s", "title": "S"},
        "nodes": [{"id": "a", "title": "A", "parent": None, "paragraphs": ["x"]},
                  {"id": "a.b", "title": "B", "parent": "a", "paragraphs": ["y"]}]}
    doc.update(overrides)
    return doc


def test_a_minimal_corpus_parses() -> None:
    corpus = parse_corpus(json.dumps(_doc()).encode())
    assert [n.id for n in corpus.nodes] == ["a", "a.b"]
    assert corpus.nodes[1].parent == "a"
    assert len(corpus.checksum) == 64


@pytest.mark.parametrize(("raw", "message"), [
    (b"{not json", "not a JSON corpus file"),
    (b"\xff\xfe", "not a JSON corpus file"),
    (b"[" * 100_000, "not a JSON corpus file"),
    (b"[]", "'format' must be"),
    (json.dumps(_doc(format="other")).encode(), "'format' must be"),
    (json.dumps(_doc(version=2)).encode(), "'version' must be 1"),
    (json.dumps(_doc(source="s")).encode(), "'source' must be an object"),
    (json.dumps(_doc(source={"id": 1, "title": "S"})).encode(), r"source\.id: expected a string"),
    (json.dumps(_doc(nodes={})).encode(), "'nodes' must be a list"),
    (json.dumps(_doc(nodes=[1])).encode(), r"nodes\[0\]: expected an object"),
    (json.dumps(_doc(nodes=[{"id": "b", "title": "B", "parent": "a"},
                            {"id": "a", "title": "A", "parent": None}])).encode(),
     r"nodes\[0\]\.parent: unknown or later node 'a'"),
    (json.dumps(_doc(nodes=[{"id": "a", "title": "A"}, {"id": "a", "title": "A2"}])).encode(),
     r"nodes\[1\]\.id: duplicate id 'a'"),
    (json.dumps(_doc(nodes=[{"id": "a"}])).encode(), r"nodes\[0\]\.title: expected a string"),
    (json.dumps(_doc(nodes=[{"id": "a", "title": "A", "paragraphs": "x"}])).encode(),
     r"nodes\[0\]\.paragraphs: expected a list of strings"),
    (json.dumps(_doc(nodes=[{"id": "a", "title": "A", "facts": []}])).encode(),
     r"nodes\[0\]\.facts: expected an object"),
    (json.dumps(_doc(nodes=[{"id": "a", "title": "A", "see_also": "b"}])).encode(),
     r"nodes\[0\]\.see_also: expected a list of node ids"),
])
def test_malformed_corpus_is_an_input_error(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_corpus(raw, "bad.json")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("bad.json")


def test_unreadable_corpus_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read corpus"):
        load_corpus(tmp_path / "missing.json")
