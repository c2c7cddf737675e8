"""Paint a Report page by page on any paged device: a QPdfWriter, or a QPrinter from a dialog.

Each page gets a running header (the document's title) and a footer ("Page X of Y"); the body
is the QTextDocument's page. Only what is visible on a page is painted on it: a PDF keeps
text painted outside the clip in the page's content, where search and extraction find it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QFont, QFontMetricsF, QPageLayout, QPagedPaintDevice, QPainter,
    QPalette, QPen, QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable,
)

from pkdesk import __version__
from pkdesk.core.report import Report
from pkdesk.export import style
from pkdesk.export.document import KEEP_TOGETHER, DocumentBuilder
from pkdesk.export.fonts import document_family
from pkdesk.export.limits import check_cells, check_pages

MM_PER_INCH = 25.4
# The layout paints every block and line that touches its clip, edges included, so a page's
# clip must stop short of the next page's first line, which starts exactly at its foot.
EDGE_PX = 0.5


def apply_margins(device: QPagedPaintDevice) -> None:
    """The house margins, whatever page size the device has."""
    m = style.MARGIN_MM
    device.setPageMargins(QMarginsF(m, m, m, m), QPageLayout.Unit.Millimeter)


def _keep_together(doc: QTextDocument, page_h: float) -> None:
    """No heading left alone at a page foot, no finding card (a table marked KEEP_TOGETHER,
    no longer than a page) across two pages: a page break before each one that would be.

    Linear in the document (issue 17): a break re-flows everything after it, so breaks are
    not set one at a time (one re-flow of the rest per break: 49 s for a 192-page plan). Each
    round walks one layout, deciding every break in reading order: where nothing was moved
    yet a block is where the layout says; past a break this round sets, the positions are
    the layout's shifted so that the moved block starts the next page where Qt will put it
    (a heading its top margin below the page top, a table its margin, border and padding:
    ``_break_offset``). That is exact at a page break already there and close elsewhere (a
    line that crossed a page foot may now fall otherwise). The round's breaks are set in one
    edit block, so one re-flow; the next round checks the new layout the same way, until one
    finds nothing to move: one round and one checking walk for the plans of
    ``bench_export`` at 60 to 480 parties. Should that not come, the exact one-at-a-time
    walk finishes the job."""
    for _ in range(MAX_ROUNDS):
        moves = _breaks_needed(doc, page_h)
        if not moves:
            return
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for move in moves:
            _set_break(move)
        cursor.endEditBlock()
    _keep_headings_with_next(doc, page_h)
    _keep_cards_whole(doc, page_h)


MAX_ROUNDS = 6


def _set_break(target: QTextBlock | QTextTable) -> None:
    if isinstance(target, QTextTable):
        table_fmt = target.format()
        table_fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        target.setFormat(table_fmt)
        return
    fmt: QTextBlockFormat = target.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(target).setBlockFormat(fmt)


def _breaks_needed(doc: QTextDocument, page_h: float) -> list[QTextBlock | QTextTable]:
    """The blocks and tables one walk of the present layout finds to start a new page."""
    layout = doc.documentLayout()
    moves: list[QTextBlock | QTextTable] = []
    moved: set[int] = set()       # positions of the blocks given a break in this walk
    offsets: dict[tuple[float, ...], float] = {}
    shift = 0.0                   # where a block now is: its place in the layout + shift

    def page(y: float) -> int:
        return math.floor(y / page_h)

    def broken(block: QTextBlock) -> bool:
        return bool(block.blockFormat().pageBreakPolicy()) or block.position() in moved

    def move(target: QTextBlock | QTextTable, first: QTextBlock, top: float) -> None:
        nonlocal shift
        moves.append(target)
        moved.add(first.position())
        # The moved block starts the next page: what follows keeps its place relative to it.
        shift = (page(top + shift) + 1) * page_h - top

    block = doc.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is None:
            fmt = block.blockFormat()
            if fmt.pageBreakPolicy():
                shift = 0.0       # a page break the layout has: exact again from here
            after = _content_after(block) if fmt.headingLevel() else QTextBlock()
            if after.isValid() and not broken(block):
                top = layout.blockBoundingRect(block).top()
                rect = layout.blockBoundingRect(after)
                if page(rect.top() + rect.height() * 0.5 + shift) > page(top + shift):
                    move(block, block, _flow_top(layout, block))
            block = block.next()
            continue
        fmt_t = table.format()
        if fmt_t.pageBreakPolicy():
            shift = 0.0
        elif fmt_t.boolProperty(KEEP_TOGETHER):
            rect_t = layout.frameBoundingRect(table)
            top = rect_t.top() + fmt_t.topMargin()
            bottom = rect_t.bottom() - fmt_t.bottomMargin()
            if page(top + shift) != page(bottom - EDGE_PX + shift) and bottom - top <= page_h:
                lead = _lead_heading(block)
                if lead is None:
                    move(table, block, rect_t.top() - _break_offset(doc, table, block, offsets))
                elif not broken(lead):
                    move(lead, lead, _flow_top(layout, lead))
                # (a lead heading already starting a page: the card cannot start higher)
        block = table.lastCursorPosition().block().next()   # past the table's cells
    return moves


def _break_offset(doc: QTextDocument, table: QTextTable, first: QTextBlock,
                  cache: dict[tuple[float, ...], float]) -> float:
    """How far below a page top the layout puts ``table`` when it starts a page (its margin,
    border and padding as Qt places them, by the device's DPI): measured once per table
    format on a scratch document laid out for the same device."""
    fmt = table.format()
    key = (fmt.topMargin(), fmt.border(), fmt.cellPadding(), float(table.columns()))
    if key not in cache:
        scratch = QTextDocument()
        scratch.documentLayout().setPaintDevice(doc.documentLayout().paintDevice())
        scratch.setDocumentMargin(0)
        scratch.setDefaultFont(doc.defaultFont())
        scratch.setPageSize(doc.pageSize())
        cursor = QTextCursor(scratch)
        cursor.beginEditBlock()
        cursor.insertText("x")
        holder = first.previous()           # the empty block that holds the table's place
        cursor.insertBlock(holder.blockFormat(), holder.charFormat())
        probe_fmt = table.format()
        probe_fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        probe = cursor.insertTable(1, table.columns(), probe_fmt)
        cursor.endEditBlock()
        top = scratch.documentLayout().frameBoundingRect(probe).top()
        cache[key] = top - scratch.pageSize().height()
    return cache[key]


def _flow_top(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    """Where the flow stands before ``block``: its text starts lower by the larger of its top
    margin and the previous block's bottom margin, at a page top as anywhere (Qt scales
    block margins by the device's DPI / 96)."""
    margin = block.blockFormat().topMargin()
    if block.previous().isValid():
        margin = max(margin, block.previous().blockFormat().bottomMargin())
    scale = layout.paintDevice().logicalDpiY() / 96.0
    return layout.blockBoundingRect(block).top() - margin * scale


def _lead_heading(first: QTextBlock) -> QTextBlock | None:
    """The first of the headings just before a table (``_break_before``'s), or None."""
    lead = first.previous()
    while lead.isValid() and lead.length() <= 1 and not lead.blockFormat().headingLevel():
        lead = lead.previous()       # the empty block that holds the table's place
    heading = None
    while lead.isValid() and lead.blockFormat().headingLevel() \
            and QTextCursor(lead).currentTable() is None:
        heading = lead
        if lead.blockFormat().pageBreakPolicy():
            break
        lead = lead.previous()
    return heading


def _keep_headings_with_next(doc: QTextDocument, page_h: float) -> None:
    """Move a heading to the next page when what follows it starts there (no orphan headings).

    Headings are checked in reading order, so a move (which re-flows only what comes after
    it) is never undone by a later one.
    """
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        after = _content_after(block)
        if fmt.headingLevel() and not fmt.pageBreakPolicy() and after.isValid():
            page = math.floor(layout.blockBoundingRect(block).top() / page_h)
            rect = layout.blockBoundingRect(after)
            if math.floor((rect.top() + rect.height() * 0.5) / page_h) > page:
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
        block = block.next()


def _keep_cards_whole(doc: QTextDocument, page_h: float) -> None:
    """Move a finding card (a table marked KEEP_TOGETHER) that would straddle two pages to the
    next page, with the headings just before it; a card longer than a page stays where it is.

    Walks the document once in reading order, after ``_keep_headings_with_next``; once a move
    has pushed what follows down, the headings after it are checked again the same way.
    """
    layout = doc.documentLayout()
    moved = False
    block = doc.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is None:
            if moved:
                _keep_heading(block, page_h)
            block = block.next()
            continue
        fmt = table.format()
        if fmt.boolProperty(KEEP_TOGETHER) and not fmt.pageBreakPolicy():
            rect = layout.frameBoundingRect(table)
            top = rect.top() + fmt.topMargin()
            bottom = rect.bottom() - fmt.bottomMargin()
            first, last = math.floor(top / page_h), math.floor((bottom - EDGE_PX) / page_h)
            if first != last and bottom - top <= page_h:
                _break_before(table, block)
                moved = True
        block = table.lastCursorPosition().block().next()   # past the table's cells


def _break_before(table: QTextTable, first: QTextBlock) -> None:
    """Start a new page before ``table``, or before the headings that lead into it."""
    heading = _lead_heading(first)
    if heading is not None:
        if not heading.blockFormat().pageBreakPolicy():
            fmt: QTextBlockFormat = heading.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(heading).setBlockFormat(fmt)
        return
    table_fmt = table.format()
    table_fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    table.setFormat(table_fmt)


def _keep_heading(block: QTextBlock, page_h: float) -> None:
    """``_keep_headings_with_next`` for one heading."""
    fmt = block.blockFormat()
    after = _content_after(block)
    if fmt.headingLevel() and not fmt.pageBreakPolicy() and after.isValid():
        layout = block.document().documentLayout()
        page = math.floor(layout.blockBoundingRect(block).top() / page_h)
        rect = layout.blockBoundingRect(after)
        if math.floor((rect.top() + rect.height() * 0.5) / page_h) > page:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(fmt)


def _content_after(block: QTextBlock) -> QTextBlock:
    """The block after ``block`` that prints something: past the empty block that holds each
    table's place, the first line of the table's first cell."""
    after = block.next()
    while after.isValid() and after.length() <= 1 and after.next().isValid():
        after = after.next()
    return after


def layout_report(report: Report, device: QPagedPaintDevice) -> tuple[QTextDocument, float, float]:
    """The laid-out document for ``device``'s current page layout, with header and footer heights."""
    dpi = device.logicalDpiY()
    header_h = style.HEADER_MM / MM_PER_INCH * dpi
    footer_h = style.FOOTER_MM / MM_PER_INCH * dpi
    # A whole number of device pixels: the layout keeps positions in 1/64 px, so a fractional
    # page height puts its page breaks a little off the painter's, more so page after page.
    body = QSizeF(device.width(), math.floor(device.height() - header_h - footer_h))
    check_cells(report)
    doc = DocumentBuilder(device, document_family(), body).build(report)
    # Bounded before any block is asked where it lies: past Qt's layout limit nothing is laid
    # out, and asking for a table cell's place there crashes (see ``limits``).
    check_pages(doc.pageCount(), doc.size().height(), body.height())
    _keep_together(doc, body.height())
    check_pages(doc.pageCount(), doc.size().height(), body.height())
    return doc, header_h, footer_h


def render_report(report: Report, device: QPagedPaintDevice) -> int:
    """Paint every page of ``report`` on ``device`` (its page size and margins as set); return
    the page count. The device must not already have an active painter."""
    doc, header_h, footer_h = layout_report(report, device)
    pages = doc.pageCount()
    width, body_h = device.width(), doc.pageSize().height()
    footer_top = device.height() - footer_h
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the output device cannot be painted on")
    try:
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Text, style.INK)
        context.palette = palette
        for page in range(pages):
            if page:
                device.newPage()
            _header_footer(painter, report, page + 1, pages, width, header_h, footer_h,
                           footer_top)
            top = page * body_h
            painter.save()
            painter.translate(0, header_h - top)
            painter.setClipRect(QRectF(0, top, width, body_h))
            context.clip = QRectF(0, top + EDGE_PX, width, body_h - 2 * EDGE_PX)
            doc.documentLayout().draw(painter, context)
            painter.restore()
    finally:
        painter.end()
    return pages


def _header_footer(painter: QPainter, report: Report, page: int, pages: int, width: float,
                   header_h: float, footer_h: float, footer_top: float) -> None:
    px = painter.device().logicalDpiY() / 72.0
    font = QFont(document_family())
    font.setPointSizeF(style.SMALL_PT)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    # header: the title on the left (one line, elided), the revision note on the right
    note_w = metrics.horizontalAdvance(report.running_note) + 12 * px if report.running_note else 0
    painter.setPen(style.INK)
    title = " ".join(report.running_title.split())
    painter.drawText(QRectF(0, 0, width - note_w, header_h), left,
                     metrics.elidedText(title, Qt.TextElideMode.ElideRight, width - note_w))
    painter.setPen(style.MUTED)
    painter.drawText(QRectF(width - note_w, 0, note_w, header_h), right, report.running_note)
    rule_y = metrics.height() + 3 * px
    painter.setPen(QPen(style.RULE, 0.5 * px))
    painter.drawLine(QPointF(0, rule_y), QPointF(width, rule_y))
    # footer: a rule, the generator on the left, the page on the right
    y = footer_top + footer_h - metrics.height()
    painter.drawLine(QPointF(0, y - 3 * px), QPointF(width, y - 3 * px))
    painter.setPen(style.MUTED)
    painter.drawText(QRectF(0, y, width / 2, footer_h), left, f"pkdesk {__version__}")
    painter.setPen(style.INK)
    painter.drawText(QRectF(width / 2, y, width / 2, footer_h), right,
                     report.labels.page_of(page, pages))
