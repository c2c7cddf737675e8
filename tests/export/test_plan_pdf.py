"""Plan PDFs read back with pypdf: pages, metadata, every finding and quote, literal text."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from pkdesk import __version__
from pkdesk.core.findings import CheckResult
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.report import PlanMeta, plan_report
from pkdesk.core.report import Heading, Report
from pkdesk.export import print_report, write_pdf
from pkdesk.export.pdf import configure_writer
from pkdesk.export.render import layout_report
from tests.export.samples import (
    ARABIC, FRENCH, MARKUP_TITLE, big_plan, big_result, body_text, contains_arabic, nodes_for,
    page_texts, small_plan, small_result, squash, without_arabic,
)

META = PlanMeta("3", "2025-03-14", "Daniel Mensah")


def _export(tmp_path: Path, plan: Plan, result: CheckResult, name: str = "plan.pdf",
            **kwargs: object) -> tuple[Path, int, Report]:
    report = plan_report(plan, result, nodes_for(result), META)
    out = tmp_path / name
    pages = write_pdf(report, out, **kwargs)  # type: ignore[arg-type]
    return out, pages, report


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, int, Report, CheckResult]:
    plan = small_plan()
    result = small_result(plan)
    out, pages, report = _export(tmp_path, plan, result)
    return out, pages, report, result


def test_page_count_and_metadata(small: tuple[Path, int, Report, CheckResult]) -> None:
    out, pages, report, _ = small
    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 4
    meta = reader.metadata
    assert meta is not None
    assert meta.title == MARKUP_TITLE
    assert meta.author == "Daniel Mensah"
    assert meta.creator == f"pkdesk {__version__}"
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": MARKUP_TITLE}
    assert xmp.dc_description == {"x-default": report.subject}
    assert report.subject == "Mission plan for Côte d’Ivoire — verdict: Blocked"
    assert xmp.xmp_creator_tool == f"pkdesk {__version__}"
    assert "/OutputIntents" not in reader.trailer["/Root"]


def test_every_finding_message_instead_quote_and_reason_printed(
        small: tuple[Path, int, Report, CheckResult]) -> None:
    out, _, report, result = small
    text = body_text(out, report.running_title, report.running_note)
    for f in result.findings:
        for s in (f.rule, f.message, f.instead, *(c.quote for c in f.cites)):
            assert squash(s) in text, s
        if f.acknowledged:
            assert squash(f.acknowledged) in text
    # the appendix quotes the whole consent node, not only the cited sentence
    for paragraph in nodes_for(result)["principles.consent"].paragraphs:
        assert squash(paragraph) in text


def test_user_markup_is_printed_as_characters(
        small: tuple[Path, int, Report, CheckResult]) -> None:
    out, _, report, _ = small
    first = squash(page_texts(out)[0])
    assert squash(MARKUP_TITLE) in first
    body = body_text(out, report.running_title, report.running_note)
    for literal in ("<i>not italic</i>", "<script>x</script>", "100% & <tags>",
                    "Open negotiations through mediation <b>first</b>."):
        assert squash(literal) in body


def test_every_page_has_header_and_page_x_of_y(
        small: tuple[Path, int, Report, CheckResult]) -> None:
    out, pages, report, _ = small
    for i, text in enumerate(page_texts(out), 1):
        s = squash(text)
        assert squash(f"Page {i} of {pages}") in s
        assert s.startswith(squash(MARKUP_TITLE) + squash("Revision 3 · 2025-03-14"))


def test_page_one_carries_verdict_and_every_principle(
        small: tuple[Path, int, Report, CheckResult]) -> None:
    out, _, _, _ = small
    first = squash(page_texts(out)[0])
    for word in ("VERDICT", "Blocked", "1blocker,1warning,1advice(1acknowledged)",
                 "Consent", "Impartiality", "Non-useofforce", "Climate", "Whatblocksthisplan"):
        assert word in first


def test_french_and_arabic_text_extracted(small: tuple[Path, int, Report, CheckResult]) -> None:
    out, _, _, _ = small
    text = "".join(page_texts(out))
    assert squash(FRENCH) in squash(text)
    assert contains_arabic(text, ARABIC)


@pytest.mark.parametrize(("size", "points"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_sizes(tmp_path: Path, size: str, points: tuple[int, int]) -> None:
    plan = small_plan()
    out, _, _ = _export(tmp_path, plan, small_result(plan), page_size=size)
    for page in PdfReader(out).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == points


def test_pdfa_declares_part_1b_and_output_intent(tmp_path: Path) -> None:
    plan = small_plan()
    out, _, report = _export(tmp_path, plan, small_result(plan), pdfa=True)
    reader = PdfReader(out)
    assert "/OutputIntents" in reader.trailer["/Root"]
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("1", "B")
    assert xmp.dc_description == {"x-default": report.subject}


def test_plan_filling_twenty_pages_exports_every_finding(tmp_path: Path) -> None:
    plan = big_plan()
    result = big_result(plan)
    out, pages, report = _export(tmp_path, plan, result)
    texts = page_texts(out)
    assert len(texts) == pages >= 20
    for i, text in enumerate(texts, 1):
        assert squash(f"Page {i} of {pages}") in squash(text)
    body = without_arabic(body_text(texts, report.running_title, report.running_note))
    assert contains_arabic("".join(texts), ARABIC)
    for f in result.findings:
        assert without_arabic(f.message) in body, f.message
        for c in f.cites:
            assert without_arabic(c.quote) in body


@pytest.mark.parametrize(("make_plan", "make_result", "size"),
                         [(big_plan, big_result, "A4"), (small_plan, small_result, "Letter")])
def test_each_page_carries_only_the_text_visible_on_it(
        tmp_path: Path, make_plan: Callable[[], Plan],
        make_result: Callable[[Plan], CheckResult], size: str) -> None:
    """Every section heading and every finding's rule is read on exactly one page: a page
    must not also carry, clipped out of sight, the start of the next one."""
    plan = make_plan()
    result = make_result(plan)
    out, _, report = _export(tmp_path, plan, result, page_size=size)
    texts = [squash(t) for t in page_texts(out)]
    sections = [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 1]
    assert len(sections) >= 12
    rules = [f.rule for f in result.findings]
    for text in sections + [r for r in rules if rules.count(r) == 1]:
        on = [i for i, page in enumerate(texts, 1) if squash(text) in page]
        assert len(on) == 1, (text, on)


def headings_left_alone(report: Report, page_size: str = "A4") -> tuple[list[str], int]:
    """Headings whose next printed line (past the empty block that holds a table's place:
    then the table's first cell) is on a later page; and how many headings were checked."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    configure_writer(writer, report, page_size)
    doc, _, _ = layout_report(report, writer)
    page_h = doc.pageSize().height()
    layout = doc.documentLayout()
    block, alone, checked = doc.begin(), [], 0
    while block.isValid():
        nxt = block.next()
        while nxt.isValid() and not nxt.text() and nxt.next().isValid():
            nxt = nxt.next()
        if block.blockFormat().headingLevel() and nxt.isValid():
            here = math.floor(layout.blockBoundingRect(block).top() / page_h)
            rect = layout.blockBoundingRect(nxt)
            if math.floor((rect.top() + rect.height() / 2) / page_h) != here:
                alone.append(block.text())
            checked += 1
        block = block.next()
    return alone, checked


def test_no_heading_is_left_alone_at_the_foot_of_a_page() -> None:
    plan = big_plan()
    result = big_result(plan)
    alone, checked = headings_left_alone(plan_report(plan, result, nodes_for(result), META))
    assert alone == [] and checked > 12


def test_print_report_paints_on_a_printer(tmp_path: Path) -> None:
    """The GUI's Print… and print preview paint through print_report on a QPrinter."""
    plan = small_plan()
    result = small_result(plan)
    report = plan_report(plan, result, nodes_for(result), META)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_report(report, printer)
    texts = page_texts(tmp_path / "printed.pdf")
    assert len(texts) == pages
    assert squash(f"Page {pages} of {pages}") in squash(texts[-1])
