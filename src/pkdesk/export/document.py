"""Turn a Report into a QTextDocument laid out for one paint device.

All text goes in through QTextCursor.insertText, so nothing a user or a file wrote is ever
read as markup. Sizes are in device pixels, converted from points with the device's DPI.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QBrush, QColor, QFont, QPaintDevice, QTextBlockFormat, QTextCharFormat, QTextCursor,
    QTextDocument, QTextFormat, QTextFrameFormat, QTextLength, QTextListFormat, QTextTable,
    QTextTableFormat,
)

from pkdesk.core.report import (
    Block, BulletList, FieldList, FindingCard, Heading, HeatMap, Paragraph, Passage,
    PrintLabels, Report, SummaryChart, Table, TitleBlock, TrendChart, VerdictBanner,
)
from pkdesk.core.report_labels import print_labels
from pkdesk.export import style
from pkdesk.export.chart import ChartObject, chart_char_format
from pkdesk.export.trend_chart import ChartImageObject, TrendLabels, trend_char_format

_NEWLINES = re.compile(r"\r\n|\r|\n")
NO_FINDINGS_FILL = QColor("#dcebdc")        # a heat-map cell with no finding: the "sound" green
# A table with this property set (a finding card, the verdict banner) is never split across
# two pages unless it is longer than a page (see render._keep_cards_whole).
KEEP_TOGETHER = QTextFormat.Property.UserProperty + 1


def literal(text: str) -> str:
    """User text for insertText: line breaks stay inside the paragraph (U+2028)."""
    return _NEWLINES.sub("\u2028", text)


class DocumentBuilder:
    def __init__(self, device: QPaintDevice, family: str, page_size: QSizeF) -> None:
        self.family = family
        self.dpi = device.logicalDpiX()
        self.doc = QTextDocument()
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDocumentMargin(0)
        self.doc.setPageSize(page_size)
        self.doc.setDefaultFont(self.font(style.BODY_PT))
        self.charts = ChartObject(self.doc, family)
        self.doc.documentLayout().registerHandler(ChartObject.TYPE, self.charts)
        self.trends = ChartImageObject(self.doc, family)
        self.doc.documentLayout().registerHandler(ChartImageObject.TYPE, self.trends)
        self.cursor = QTextCursor(self.doc)
        self.labels: PrintLabels = print_labels("en")
        self._first = True
        self._chars: dict[tuple[float, bool, int], QTextCharFormat] = {}

    # units and formats ------------------------------------------------------------------

    @staticmethod
    def px(pt: float) -> float:
        """Format lengths in CSS pixels: the text layout scales vertical margins, padding and
        borders to the paint device itself (by its DPI / 96)."""
        return pt * 96.0 / 72.0

    def indent_px(self, pt: float) -> float:
        """A block's left margin is the exception Qt does not scale: device pixels."""
        return pt * self.dpi / 72.0

    def font(self, pt: float, bold: bool = False) -> QFont:
        f = QFont(self.family)
        f.setPointSizeF(pt)
        f.setBold(bold)
        return f

    def chars(self, pt: float = style.BODY_PT, bold: bool = False,
              color: QColor = style.INK) -> QTextCharFormat:
        key = (pt, bold, color.rgba())
        fmt = self._chars.get(key)
        if fmt is None:
            fmt = self._chars[key] = QTextCharFormat()
            fmt.setFont(self.font(pt, bold))
            fmt.setForeground(QBrush(color))
        return fmt

    def block(self, top: float = 0, bottom: float = 4, indent: float = 0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self.px(top))
        fmt.setBottomMargin(self.px(bottom))
        fmt.setLeftMargin(self.indent_px(indent))
        fmt.setLineHeight(style.LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return fmt

    def _new_block(self, bfmt: QTextBlockFormat, cfmt: QTextCharFormat) -> None:
        if self._first:
            self.cursor.setBlockFormat(bfmt)
            self.cursor.setBlockCharFormat(cfmt)
            self._first = False
        else:
            self.cursor.insertBlock(bfmt, cfmt)

    def text_block(self, text: str, bfmt: QTextBlockFormat, cfmt: QTextCharFormat) -> None:
        self._new_block(bfmt, cfmt)
        self.cursor.insertText(literal(text), cfmt)

    # blocks ---------------------------------------------------------------------------------

    def build(self, report: Report) -> QTextDocument:
        # One edit block: the document is laid out once at the end, not after every insert
        # (which makes building quadratic: minutes instead of milliseconds for 20 pages).
        self.labels = self.charts.labels = report.labels
        self.cursor.beginEditBlock()
        try:
            for b in report.blocks:
                self.add(b)
        finally:
            self.cursor.endEditBlock()
        return self.doc

    def add(self, b: Block) -> None:
        if isinstance(b, TitleBlock):
            self.text_block(b.kicker, self.block(0, 4), self.chars(style.SMALL_PT, True, style.ACCENT))
            self.text_block(b.title, self.block(0, 4), self.chars(style.TITLE_PT, True))
            if b.subtitle:
                self.text_block(b.subtitle, self.block(0, 10), self.chars(11, False, style.MUTED))
        elif isinstance(b, Heading):
            top, size = (16, style.H1_PT) if b.level == 1 else (10, style.H2_PT)
            bfmt = self.block(top, 5 if b.level == 1 else 3)
            bfmt.setHeadingLevel(b.level)
            if b.new_page:
                bfmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                bfmt.setTopMargin(0)
            color = style.ACCENT if b.level == 1 else style.INK
            self.text_block(b.text, bfmt, self.chars(size, True, color))
        elif isinstance(b, Paragraph):
            pt = style.BODY_PT + (0.5 if b.tone == "lead" else 0)
            color = style.INK if b.tone == "body" else style.MUTED
            self.text_block(b.text, self.block(0, 5), self.chars(pt, False, color))
        elif isinstance(b, Passage):
            self.passage(b)
        elif isinstance(b, BulletList):
            self.bullets(b.items)
        elif isinstance(b, FieldList):
            self.fields(b)
        elif isinstance(b, Table):
            self.table(b)
        elif isinstance(b, FindingCard):
            self.finding(b)
        elif isinstance(b, VerdictBanner):
            self.verdict(b)
        elif isinstance(b, SummaryChart):
            bfmt = self.block(2, 8)         # 135% of a chart-tall line would leave a gap
            bfmt.setLineHeight(100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            self._new_block(bfmt, self.chars())
            self.cursor.insertText("\ufffc", chart_char_format(self.charts.add(b)))
        elif isinstance(b, TrendChart):
            bfmt = self.block(2, 8)
            bfmt.setLineHeight(100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            self._new_block(bfmt, self.chars())
            index = self.trends.add(b.data, TrendLabels(*b.legend))
            self.cursor.insertText("\ufffc", trend_char_format(index))

    def passage(self, p: Passage) -> None:
        self._new_block(self.block(0, 6, indent=12), self.chars())
        plain, bold = self.chars(), self.chars(bold=True)
        text = literal(p.text)
        spans = sorted({(m.start(), m.end()) for q in p.emphasis if q
                        for m in re.finditer(re.escape(literal(q)), text)})
        pos = 0
        for start, end in spans:
            if start < pos:
                continue
            if start > pos:
                self.cursor.insertText(text[pos:start], plain)
            self.cursor.insertText(text[start:end], bold)
            pos = end
        if pos < len(text):
            self.cursor.insertText(text[pos:], plain)

    def bullets(self, items: Sequence[str]) -> None:
        lf = QTextListFormat()
        lf.setStyle(QTextListFormat.Style.ListDisc)
        lf.setIndent(1)
        the_list = None
        for i, item in enumerate(items):
            self.text_block(item, self.block(0, 6 if i == len(items) - 1 else 1), self.chars())
            if the_list is None:
                the_list = self.cursor.createList(lf)
            else:
                the_list.add(self.cursor.block())

    # tables ---------------------------------------------------------------------------------

    def _table(self, rows: int, widths: Sequence[float], border: float, padding: float,
               header: bool) -> QTextTableFormat:
        fmt = QTextTableFormat()
        fmt.setBorder(self.px(border))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(QBrush(style.RULE))
        fmt.setBorderCollapse(True)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(self.px(padding))
        fmt.setTopMargin(self.px(2))
        fmt.setBottomMargin(self.px(8))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
        if header:
            fmt.setHeaderRowCount(1)
        return fmt

    def _insert_table(self, rows: int, cols: int, fmt: QTextTableFormat) -> QTextTable:
        self._new_block(self.block(0, 0), self.chars(2))
        table = self.cursor.insertTable(rows, cols, fmt)
        return table

    def _cell(self, table: QTextTable, row: int, col: int, text: str, cfmt: QTextCharFormat,
              fill: QColor | None = None) -> QTextCursor:
        cell = table.cellAt(row, col)
        if fill is not None:
            cf = cell.format().toTableCellFormat()
            cf.setBackground(QBrush(fill))
            cell.setFormat(cf)
        cur = cell.firstCursorPosition()
        cur.setBlockFormat(self.block(0, 0))
        cur.insertText(literal(text), cfmt)
        return cur

    def _end_table(self) -> None:
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def table(self, t: Table) -> None:
        """A ruled table with a header row repeated on every page; zebra rows, or for a
        heat map body cells shaded by their level."""
        if len(t.widths) != len(t.columns) or any(len(r) != len(t.columns) for r in t.rows):
            raise ValueError("table rows and widths must match its columns")
        padding = 5 if isinstance(t, HeatMap) else 4
        table = self._insert_table(len(t.rows) + 1, len(t.columns),
                                   self._table(len(t.rows) + 1, t.widths, 0.6, padding, True))
        head = self.chars(style.SMALL_PT + 0.5, True)
        for c, name in enumerate(t.columns):
            self._cell(table, 0, c, name, head, style.HEADER_FILL)
        body = self.chars(style.BODY_PT - 0.5)
        for r, row in enumerate(t.rows):
            for c, value in enumerate(row):
                if isinstance(t, HeatMap):
                    cfmt, fill = self._heat_cell(t, r, c)
                else:
                    cfmt, fill = body, style.ZEBRA_FILL if r % 2 else None
                self._cell(table, r + 1, c, value, cfmt, fill)
        self._end_table()

    def _heat_cell(self, h: HeatMap, row: int, col: int) -> tuple[QTextCharFormat, QColor | None]:
        if col == 0:
            return self.chars(style.BODY_PT - 0.5, True), None
        levels = h.levels[row] if row < len(h.levels) else ()
        level = levels[col - 1] if col - 1 < len(levels) else "none"
        ink = style.SEVERITY_TEXT.get(level, style.MUTED)
        return (self.chars(style.BODY_PT - 0.5, level == "blocker", ink),
                style.SEVERITY_FILL.get(level, NO_FINDINGS_FILL))

    def fields(self, f: FieldList) -> None:
        table = self._insert_table(len(f.rows), 2, self._table(len(f.rows), (28, 72), 0, 2, False))
        label, value = self.chars(style.BODY_PT - 0.5, True, style.MUTED), self.chars()
        for r, (k, v) in enumerate(f.rows):
            self._cell(table, r, 0, k, label)
            self._cell(table, r, 1, v, value)
        self._end_table()

    def verdict(self, v: VerdictBanner) -> None:
        fmt = self._table(1, (100,), 0, 8, False)
        fmt.setTopMargin(self.px(10))
        fmt.setBottomMargin(self.px(10))
        fmt.setProperty(KEEP_TOGETHER, True)
        table = self._insert_table(1, 1, fmt)
        ink = style.VERDICT_TEXT.get(v.verdict, style.INK)
        cur = self._cell(table, 0, 0, self.labels.verdict, self.chars(style.SMALL_PT, True, ink),
                         style.VERDICT_FILL.get(v.verdict, style.HEADER_FILL))
        cur.insertBlock(self.block(0, 0), self.chars(16, True, ink))
        cur.insertText(literal(v.label), self.chars(16, True, ink))
        cur.insertBlock(self.block(0, 0), self.chars(style.BODY_PT, False, ink))
        cur.insertText(literal(v.detail), self.chars(style.BODY_PT, False, ink))
        self._end_table()

    def finding(self, f: FindingCard) -> None:
        """A card: a severity-coloured stripe, the severity and rule, then what and why."""
        fmt = self._table(1, (1.6, 17.4, 81), 0.6, 5, False)
        fmt.setBottomMargin(self.px(7))
        fmt.setProperty(KEEP_TOGETHER, True)
        table = self._insert_table(1, 3, fmt)
        self._cell(table, 0, 0, "", self.chars(2), style.SEVERITY_FILL.get(f.severity, style.RULE))
        ink = style.SEVERITY_INK.get(f.severity, style.INK)
        cur = self._cell(table, 0, 1, self.labels.severity(f.severity).upper(),
                         self.chars(style.SMALL_PT, True, ink))
        cur.insertBlock(self.block(2, 0), self.chars(style.SMALL_PT - 1, False, style.MUTED))
        cur.insertText(literal(f.rule), self.chars(style.SMALL_PT - 1, False, style.MUTED))

        cur = self._cell(table, 0, 2, f.message, self.chars(style.BODY_PT, True))
        self._labelled(cur, self.labels.instead, f.instead)
        if f.cites:
            cur.insertBlock(self.block(3, 0), self.chars(style.SMALL_PT, True, style.MUTED))
            cur.insertText(self.labels.rests_on, self.chars(style.SMALL_PT, True, style.MUTED))
            for c in f.cites:
                cur.insertBlock(self.block(1, 0, indent=8), self.chars(style.BODY_PT - 0.5))
                cur.insertText(literal(c.node_title) + ": ",
                               self.chars(style.BODY_PT - 0.5, True, style.MUTED))
                cur.insertText(f"“{literal(c.quote)}”", self.chars(style.BODY_PT - 0.5))
        if f.acknowledged is not None:
            self._labelled(cur, self.labels.acknowledged, f.acknowledged)
        self._end_table()

    def _labelled(self, cur: QTextCursor, label: str, text: str) -> None:
        cur.insertBlock(self.block(3, 0), self.chars())
        cur.insertText(label, self.chars(bold=True, color=style.ACCENT))
        cur.insertText(literal(text), self.chars())
