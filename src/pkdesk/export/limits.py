"""How large one export may be, and why there must be a bound at all.

Qt lays a text document out in fixed-point device pixels and stops at ``QFIXED_MAX``
(``INT_MAX / 256`` = 8,388,607 px, qtextdocumentlayout.cpp): nothing past it is laid out.
At the PDF's 600 dpi that is about 1,486 A4 pages. Text past it silently vanishes from the
output, and asking where a block of a table past it lies reads the table's empty row
positions: SIGSEGV (issue 9, item 3: 500 parties and 350 strategies naming all of them).

So an export is bounded well below that, in pages and in table cells, and refused with one
line when a document exceeds it. The bounds are generous for any real plan: a 60-party,
40-strategy plan fills 63 pages; the most parties and strategies the format allows (500
parties, 2,000 strategies naming 3 parties each, a line of notes) fill 365 pages and 12,815
table cells.
"""

from __future__ import annotations

from pkdesk.core.errors import InputError
from pkdesk.core.report import FieldList, FindingCard, Report, Table, VerdictBanner

MAX_PAGES = 500
MAX_TABLE_CELLS = 30_000
# Qt's layout limit, and the part of it a document may use before headings are moved: each
# move adds less than a page and at most one heading moves per page, so a document of at most
# half the limit stays inside it.
QFIXED_MAX_PX = 2**31 // 256
LAYOUT_LIMIT_PX = QFIXED_MAX_PX // 2


class ExportTooLarge(InputError):
    """The document exceeds what one export may be (pages or table cells)."""


def _bounds() -> str:
    return f"one export holds at most {MAX_PAGES} pages and {MAX_TABLE_CELLS:,} table cells"


def table_cells(report: Report) -> int:
    """Every table cell the document will hold (tables, field lists, verdict and finding cards)."""
    cells = 0
    for b in report.blocks:
        if isinstance(b, Table):
            cells += len(b.columns) * (len(b.rows) + 1)
        elif isinstance(b, FieldList):
            cells += 2 * len(b.rows)
        elif isinstance(b, FindingCard):
            cells += 3
        elif isinstance(b, VerdictBanner):
            cells += 1
    return cells


def check_cells(report: Report) -> None:
    """Refuse a document with too many table cells, before anything is laid out."""
    cells = table_cells(report)
    if cells > MAX_TABLE_CELLS:
        raise ExportTooLarge(f"too large to export: {cells:,} table cells; {_bounds()}. "
                             "Export less at once")


def page_limit(page_height_px: float) -> int:
    """The most pages a document may have on pages this tall (device pixels): MAX_PAGES, or
    fewer on a device so fine (above ~1,500 dpi) that MAX_PAGES would reach Qt's limit."""
    return max(1, min(MAX_PAGES, int(LAYOUT_LIMIT_PX // max(page_height_px, 1.0))))


def check_pages(pages: int, height_px: float, page_height_px: float) -> None:
    """Refuse a laid-out document that is longer than allowed (or reached Qt's limit)."""
    limit = page_limit(page_height_px)
    if pages > limit or height_px >= LAYOUT_LIMIT_PX:
        counted = f"{pages:,}" if height_px < QFIXED_MAX_PX - page_height_px else f"over {pages:,}"
        raise ExportTooLarge(f"too large to export: {counted} pages; {_bounds()}"
                             f"{'' if limit == MAX_PAGES else f' ({limit} on this device)'}. "
                             "Export less at once")
