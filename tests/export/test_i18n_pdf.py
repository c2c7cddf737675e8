"""French PDFs read back with pypdf: French headings, labels, dates and finding messages; the
reference quotes verbatim in English; English documents unchanged by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.cli import main
from pkdesk.core.checker import check
from pkdesk.core.compare import compare_plans
from pkdesk.core.comparison_report import cited_node_ids, comparison_report
from pkdesk.core.plan.report import PlanMeta, plan_report
from pkdesk.core.report import FindingCard, Heading, SummaryChart
from pkdesk.export import export_reference_pdf, write_pdf
from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from tests.core.plan_samples import EXAMPLES, example
from tests.export.samples import nodes_for, page_texts, squash

META = PlanMeta("3", "2025-03-14", "Amina Diallo", "no-consent.pkplan.json")


def _french_plan_pdf(tmp_path: Path) -> tuple[Path, int, list[str]]:
    plan = example("no-consent")
    result = check(plan, lang="fr")
    report = plan_report(plan, result, nodes_for(result), META, lang="fr")
    out = tmp_path / "plan-fr.pdf"
    pages = write_pdf(report, out)
    return out, pages, page_texts(out)


def test_french_plan_pdf_reads_back_in_french(tmp_path: Path) -> None:
    out, pages, texts = _french_plan_pdf(tmp_path)
    first, everything = squash(texts[0]), squash("".join(texts))
    for expected in ("PLAN DE MISSION", "Pays hôte", "Instance d’autorisation", "Bloqué",
                     "1 bloquant, 2 avertissements, 1 conseil", "Constats par principe",
                     "Consentement", "Non-recours à la force", "Ce qui bloque ce plan",
                     "14 mars 2025", "Révision 3", f"Page 1 sur {pages}"):
        assert squash(expected) in first, expected
    for expected in ("1 Mandat et objectifs", "2 Consentement des parties",
                     "Consentement de l’État hôte", "Retiré", "Pourparlers directs",
                     "11 Constats par principe", "12 Constats pris en compte",
                     "Annexe Passages cités", "Recommandation", "Fondé sur", "BLOQUANT",
                     "AVERTISSEMENT", f"Page {pages} sur {pages}"):
        assert squash(expected) in everything, expected
    for english in ("Findings by principle", "Mandate and objectives", "Page 1 of",
                    "Instead:", "Rests on", "MISSION PLAN"):
        assert squash(english) not in everything, english


def test_french_pdf_carries_french_findings_and_english_quotes(tmp_path: Path) -> None:
    out, _, texts = _french_plan_pdf(tmp_path)
    everything = squash("".join(texts))
    result = check(example("no-consent"), lang="fr")
    for f in result.findings:
        assert squash(f.message) in everything, f.message
        assert squash(f.instead) in everything, f.instead
        for c in f.cites:
            assert squash(c.quote) in everything, c.quote
    assert squash("Le consentement de l’État hôte est « retiré »") in everything
    assert squash("Without consent, peacekeeping missions risk being perceived") in everything
    xmp = PdfReader(out).xmp_metadata
    assert xmp is not None
    assert xmp.dc_description == {"x-default": "Plan de mission pour Côte d'Ivoire — "
                                                "verdict : Bloqué".replace(" :", "\u00a0:")}


def test_report_blocks_carry_the_language(tmp_path: Path) -> None:
    plan = example("no-consent")
    result = check(plan, lang="fr")
    report = plan_report(plan, result, nodes_for(result), META, lang="fr")
    assert report.labels.page_of(2, 9) == "Page 2 sur 9"
    assert report.labels.severity("warning") == "Avertissement"
    chart, = [b for b in report.blocks if isinstance(b, SummaryChart)]
    assert chart.rows[2].label == "Non-recours à la force"
    english = plan_report(plan, check(plan), nodes_for(result), META)
    assert english.labels.page_of(2, 9) == "Page 2 of 9"
    assert [b.text for b in english.blocks if isinstance(b, Heading)][:2] == \
        ["Findings by principle", "What blocks this plan"]
    cards = [b for b in report.blocks if isinstance(b, FindingCard)]
    assert cards and all(c.message.startswith(("Le ", "La ")) for c in cards)


def test_french_comparison_pdf(tmp_path: Path) -> None:
    comparison = compare_plans([("a.json", example("unoci-2004")),
                                ("b.json", example("no-consent"))], lang="fr")
    nodes = nodes_for(comparison.scenarios[1].result)
    report = comparison_report(comparison, nodes, "D. Mensah", "2026-03-14", lang="fr")
    out = tmp_path / "cmp.pdf"
    write_pdf(report, out)
    texts = page_texts(out)
    first, everything = squash(texts[0]), squash("".join(texts))
    for expected in ("COMPARAISON DE SCÉNARIOS", "2 scénarios comparés", "Conforme", "Bloqué",
                     "Principe", "Consentement", "1 bloquant, 1 avertissement", "aucun",
                     "14 mars 2026", "Page 1 sur"):
        assert squash(expected) in first, expected
    assert squash("Champs qui diffèrent") in everything
    assert squash("Scénario B") in everything
    assert set(cited_node_ids(comparison)) == set(nodes)
    for f in comparison.scenarios[1].result.findings:   # French messages, English quotes
        assert squash(f.message) in everything and squash(f.cites[0].quote) in everything


def test_french_reference_booklet(db: Database, tmp_path: Path) -> None:
    repo = ReferenceRepository(db)
    node = repo.node("principles.consent").node
    out = tmp_path / "ref.pdf"
    export_reference_pdf(repo, "principles.consent", out, lang="fr")
    text = squash("".join(page_texts(out)))
    assert squash("RÉFÉRENCE") in text and squash("nœud principles.consent") in text
    assert squash(node.paragraphs[0]) in text                  # the reference stays English
    assert squash("Page 1 sur 1") in text


@pytest.mark.parametrize("argv", [["--lang", "fr", "export"], ["export"]])
def test_export_cli_in_french(tmp_path: Path, argv: list[str],
                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.pdf"
    tail = [] if "--lang" in argv else ["--lang", "fr"]
    code = main(["--db", str(tmp_path / "db.sqlite3"), *argv,
                 str(EXAMPLES / "no-consent.pkplan.json"), "-o", str(out), *tail])
    assert code == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}")
    text = squash("".join(page_texts(out)))
    assert squash("PLAN DE MISSION") in text and squash("Le consentement de l’État hôte") in text
    assert squash("Without consent, peacekeeping missions") in text


def test_export_cli_follows_pkdesk_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKDESK_LANG", "fr")
    out = tmp_path / "cmp.pdf"
    assert main(["--db", str(tmp_path / "db.sqlite3"), "export-compare",
                 str(EXAMPLES / "unoci-2004.pkplan.json"),
                 str(EXAMPLES / "no-consent.pkplan.json"), "-o", str(out)]) == 0
    assert squash("COMPARAISON DE SCÉNARIOS") in squash(page_texts(out)[0])
    out = tmp_path / "plan.pdf"
    assert main(["--db", str(tmp_path / "db.sqlite3"), "--lang", "en", "export",
                 str(EXAMPLES / "no-consent.pkplan.json"), "-o", str(out)]) == 0
    assert squash("MISSION PLAN") in squash(page_texts(out)[0])
