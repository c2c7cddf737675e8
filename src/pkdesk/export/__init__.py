"""PDF and print output of plans and reference sections, painted with Qt's own paged devices.

For the GUI:
    report = plan_document(plan, result, ReferenceRepository(db), PlanMeta(...))
    write_pdf(report, path, page_size="A4")          # File > Export PDF…
    print_report(report, printer)                     # Print… and QPrintPreviewDialog.paintRequested
    write_pdf(comparison_document(compare_plans(...), ReferenceRepository(db)), path)
    write_pdf(stress_document(stress_test(plan, ...), ReferenceRepository(db)), path)
    write_pdf(assessment_document(plan, ReferenceRepository(db), review="2025-06-30"), path)
"""

from __future__ import annotations

import getpass
import os
from datetime import date

from PySide6.QtGui import QPagedPaintDevice

from pkdesk.core.compare import Comparison
from pkdesk.core.comparison_report import comparison_report
from pkdesk.core.comparison_report import cited_node_ids as comparison_cited_ids
from pkdesk.core.findings import CheckResult
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.report import PlanMeta, cited_node_ids, plan_report
from pkdesk.core.reference_report import reference_report
from pkdesk.core.report import Report
from pkdesk.core.stress import StressReport
from pkdesk.core.stress_report import cited_node_ids as stress_cited_ids
from pkdesk.core.stress_report import stress_report
from pkdesk.export.pdf import PAGE_SIZES, write_pdf
from pkdesk.export.render import apply_margins, render_report
from pkdesk.export.sources import cited_nodes, subtree
from pkdesk.store.output_guard import check_output_path
from pkdesk.store.reference_repo import ReferenceRepository

__all__ = ["PAGE_SIZES", "PlanMeta", "assessment_document", "comparison_document", "default_author", "export_plan_pdf",
           "export_reference_pdf", "plan_document", "print_report", "reference_document",
           "render_report", "stress_document", "write_pdf"]


def default_author() -> str:
    """The signed-in user's name: what an office suite puts in a document's author field."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def plan_document(plan: Plan, result: CheckResult, repo: ReferenceRepository,
                  meta: PlanMeta | None = None, lang: str = "en") -> Report:
    """``lang`` sets the document's own words; check ``result`` in the same language."""
    meta = meta or PlanMeta(author=default_author())
    return plan_report(plan, result, cited_nodes(repo, cited_node_ids(result)), meta, lang)


def reference_document(repo: ReferenceRepository, node_id: str, with_subtree: bool = False,
                       lang: str = "en") -> Report:
    nodes, source = subtree(repo, node_id, with_subtree)
    return reference_report(nodes, source, default_author(), lang)


def comparison_document(comparison: Comparison, repo: ReferenceRepository,
                        author: str = "", lang: str = "en") -> Report:
    """The comparison of 2-4 scenarios, dated today in every page header."""
    nodes = cited_nodes(repo, comparison_cited_ids(comparison))
    return comparison_report(comparison, nodes, author or default_author(),
                             date.today().isoformat(), lang)


def stress_document(report: StressReport, repo: ReferenceRepository, author: str = "") -> Report:
    """The stress test of a plan, in the report's language, dated today in every page header."""
    nodes = cited_nodes(repo, stress_cited_ids(report))
    return stress_report(report, nodes, author or default_author(), date.today().isoformat())


def assessment_document(plan: Plan, repo: ReferenceRepository, review: str | None = None,
                        today: date | None = None, author: str = "",
                        lang: str = "en") -> Report:
    """The assessment report of ``plan`` at the review held on ``review`` (ISO date; the latest
    when None), with the schedule, suggested ratings and the loop's findings as of ``today``.
    InputError when ``review`` names no review held."""
    from pkdesk.core.performance.assessment import assess
    from pkdesk.core.performance.assessment_report import (
        assessment_report, chosen_review, cited_node_ids as assessment_cited_ids,
    )

    chosen_review(plan, review)           # a --review that names no review fails first
    a = assess(plan, today or date.today(), lang=lang)
    suggested = {s.indicator.uid: s.rating for o in a.objectives for s in o.indicators}
    return assessment_report(plan, list(a.findings), suggested,
                             cited_nodes(repo, assessment_cited_ids(a.findings)), today=a.today,
                             next_due=a.next_review_due, overdue=a.overdue, review_on=review,
                             author=author or default_author(), lang=lang)


def print_report(report: Report, device: QPagedPaintDevice) -> int:
    """Paint ``report`` on a printer (or any paged device) with the house margins.

    A printer set to print to a file ("Print to file" in the print dialog) goes through the
    output guard first (never the database, its side files, a backup, a FIFO or a folder:
    InputError, nothing written), and the file it writes is owner-only."""
    output: str = getattr(device, "outputFileName", lambda: "")()
    if output:
        check_output_path(output, what="PDF file")
    apply_margins(device)
    pages = render_report(report, device)
    if output:
        try:
            os.chmod(output, 0o600)   # owner-only, as every file pkdesk writes
        except OSError:
            pass
    return pages


def export_plan_pdf(plan: Plan, result: CheckResult, repo: ReferenceRepository,
                    path: str | os.PathLike[str], meta: PlanMeta | None = None,
                    page_size: str = "A4", pdfa: bool = False, lang: str = "en") -> int:
    return write_pdf(plan_document(plan, result, repo, meta, lang), path, page_size, pdfa)


def export_reference_pdf(repo: ReferenceRepository, node_id: str, path: str | os.PathLike[str],
                         with_subtree: bool = False, page_size: str = "A4",
                         pdfa: bool = False, lang: str = "en") -> int:
    return write_pdf(reference_document(repo, node_id, with_subtree, lang), path, page_size,
                     pdfa)
