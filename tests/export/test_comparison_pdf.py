"""The scenario comparison PDF read back with pypdf: heat map, differing fields, findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.cli import main
from pkdesk.core.compare import compare_plans
from pkdesk.core.comparison_report import cited_node_ids, comparison_report
from pkdesk.core.plan.model import Party
from pkdesk.core.report import Heading, HeatMap
from pkdesk.core.whatif import apply_whatifs
from pkdesk.export import write_pdf
from tests.core.plan_samples import EXAMPLES, example
from tests.export.samples import MARKUP_TITLE, corpus_nodes, page_texts, squash
from tests.export.test_plan_pdf import headings_left_alone


def _comparison():  # type: ignore[no-untyped-def]
    a = example("unoci-2004")
    b = apply_whatifs(a, ["consent_withdrawn"], [f"title={MARKUP_TITLE}"])
    b.parties.append(Party("Milice <i>X</i>", "non_state", "withheld"))
    return compare_plans([("unoci-2004.pkplan.json", a), ("plan 2", b),
                          ("rwanda-1993.pkplan.json", example("rwanda-1993"))])


def test_comparison_report_heat_map_block() -> None:
    comparison = _comparison()
    report = comparison_report(comparison, corpus_nodes(cited_node_ids(comparison)))
    heat, = [b for b in report.blocks if isinstance(b, HeatMap)]
    assert heat.rows[0] == ("Consent", "none", "1 blocker, 3 warnings", "none")
    assert heat.levels[0] == ("none", "blocker", "none")
    assert len(heat.rows) == len(heat.levels) == 11
    assert sum(heat.widths) == 100 and len(heat.widths) == len(heat.columns)
    assert "Consent | none | 1 blocker, 3 warnings | none" in report.text_content()


def test_comparison_pdf_reads_back(tmp_path: Path) -> None:
    comparison = _comparison()
    report = comparison_report(comparison, corpus_nodes(cited_node_ids(comparison)),
                               "D. Mensah", "2026-03-14")
    out = tmp_path / "compare.pdf"
    pages = write_pdf(report, out)
    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 4
    assert reader.metadata is not None and reader.metadata.author == "D. Mensah"
    texts = page_texts(out)
    first = squash(texts[0])
    for expected in ("SCENARIOCOMPARISON", "3scenarioscompared", "Blocked", "Needsattention",
                     "Findingsbyprinciple", "Consent", "1blocker,3warnings", "Resourcesnonenone3warnings",
                     squash(MARKUP_TITLE)):
        assert expected in first, expected
    everything = squash("".join(texts))
    assert squash("Fields that differ") in everything
    assert squash("Party “Milice <i>X</i>”") in everything     # markup printed literally
    assert squash("Host-state consent") in everything and "Withdrawn" in everything
    assert "host_consent" not in everything
    assert "CONSENT-001" in everything
    assert squash("Without the consent of the host nation") in everything   # a cited quote
    assert f"Page1of{pages}" in first
    sections = [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 1]
    for text in sections:       # each is on one page (not clipped onto another)
        on = [i for i, page in enumerate(texts, 1) if squash(text) in squash(page)]
        assert len(on) == 1, (text, on)
    assert squash("Fields that differ") not in first
    assert squash("Fields that differ") in squash(texts[1])


def _lowest_body_text(path: Path) -> list[float]:
    """For each page, how far down its body text reaches, as a share of the page height
    (0 = top; the running header and footer left out)."""
    out = []
    for page in PdfReader(path).pages:
        height = float(page.mediabox.height)
        ys: list[float] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and 0.1 * height < y < 0.9 * height:
                ys.append(y)

        page.extract_text(visitor_text=visit)
        out.append(1 - min(ys) / height if ys else 0.0)
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_page_but_the_last_is_left_almost_empty(tmp_path: Path, lang: str) -> None:
    """Two scenarios with few fields that differ: page 2 used to hold only those."""
    a = example("unoci-2004")
    b = apply_whatifs(a, ["consent_withdrawn"], [])
    comparison = compare_plans([("a", a), ("b", b)])
    assert len(comparison.differences) < 6
    out = tmp_path / "compare.pdf"
    pages = write_pdf(comparison_report(comparison, corpus_nodes(cited_node_ids(comparison)),
                                        lang=lang), out)
    reach = _lowest_body_text(out)
    assert pages >= 3 and len(reach) == pages
    assert all(r > 0.5 for r in reach[:-1]), reach


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_no_heading_is_left_alone_above_a_finding_card(size: str) -> None:
    """A principle's heading goes to the next page with its first card (the card is a table,
    behind an empty block that holds its place)."""
    comparison = _comparison()
    report = comparison_report(comparison, corpus_nodes(cited_node_ids(comparison)))
    alone, checked = headings_left_alone(report, size)
    assert alone == [] and checked > 10


def test_export_compare_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.pdf"
    code = main(["--db", str(tmp_path / "db.sqlite3"), "export-compare",
                 str(EXAMPLES / "unoci-2004.pkplan.json"),
                 str(EXAMPLES / "no-consent.pkplan.json"), "-o", str(out)])
    stdout, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert stdout.startswith(f"wrote {out} (") and out.is_file()
    assert "Scenariocomparison" in squash(PdfReader(out).pages[0].extract_text())

    missing = tmp_path / "nowhere" / "c.pdf"
    code = main(["--db", str(tmp_path / "db.sqlite3"), "export-compare",
                 str(EXAMPLES / "unoci-2004.pkplan.json"),
                 str(EXAMPLES / "no-consent.pkplan.json"), "-o", str(missing)])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("pkdesk: cannot write") and err.count("\n") == 1
    assert not missing.parent.exists()

    code = main(["export-compare", str(EXAMPLES / "unoci-2004.pkplan.json"), "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 2 and "expected 2 to 4 plans (got 1)" in err
