"""Reference booklets: one node, or a node and everything below it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.core.errors import NotFoundError
from pkdesk.export import export_reference_pdf
from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from tests.export.samples import body_text, page_texts, squash


def test_single_node_prints_its_whole_text_and_no_children(db: Database, tmp_path: Path) -> None:
    repo = ReferenceRepository(db)
    node = repo.node("principles").node
    out = tmp_path / "principles.pdf"
    pages = export_reference_pdf(repo, "principles", out)
    texts = page_texts(out)
    assert len(texts) == pages
    body = body_text(texts, node.title, "Peacekeeping and Diplomacy")
    for paragraph in node.paragraphs:
        assert squash(paragraph) in body
    assert squash(repo.node("principles.consent").node.title) not in body
    meta = PdfReader(out).metadata
    assert meta is not None and meta.title == node.title


def test_subtree_prints_every_descendant_in_order(db: Database, tmp_path: Path) -> None:
    repo = ReferenceRepository(db)
    ids = ["principles", "principles.consent", "principles.impartiality-and-non-use-of-force",
           "principles.impartiality", "principles.non-use-of-force"]
    out = tmp_path / "principles.pdf"
    pages = export_reference_pdf(repo, "principles", out, with_subtree=True, page_size="Letter")
    texts = page_texts(out)
    assert len(texts) == pages >= 2
    body = body_text(texts, repo.node("principles").node.title, "Peacekeeping and Diplomacy")
    positions = []
    for node_id in ids:
        node = repo.node(node_id).node
        for paragraph in node.paragraphs:
            assert squash(paragraph) in body
        positions.append(body.index(squash(node.paragraphs[0])))
    assert positions == sorted(positions)
    for i, text in enumerate(texts, 1):
        assert squash(f"Page {i} of {pages}") in squash(text)


def test_case_study_facts_are_printed(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "unoci.pdf"
    export_reference_pdf(ReferenceRepository(db), "case-studies.unoci-2004", out)
    text = squash("".join(page_texts(out)))
    assert squash("United Nations Operation in Côte d’Ivoire (UNOCI)") in text
    assert squash("Start year 2004") in text


def test_unknown_node_is_not_found_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        export_reference_pdf(ReferenceRepository(db), "no.such.node", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
