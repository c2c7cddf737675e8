"""The scenario comparison as a PDF: the plan PDF's blocks, plus a shaded heat map.

``HeatMap`` is a ``Table`` subclass, so the only new painting is the cell shading; page
layout, header, footer, metadata and the atomic file write are the plan PDF's own.

For the GUI:
    report = comparison_document(compare_plans(...), ReferenceRepository(db))
    write_comparison_pdf(report, path)
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QIODevice, QRectF, QSaveFile, QSizeF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QColor, QPagedPaintDevice, QPainter, QPalette, QPdfWriter,
    QTextDocument,
)

from pkdesk.core.compare import Comparison
from pkdesk.core.comparison_report import cited_node_ids, comparison_report
from pkdesk.core.errors import InputError
from pkdesk.core.heatmap import HeatMap
from pkdesk.core.report import Block, Report
from pkdesk.export import style
from pkdesk.export.document import DocumentBuilder
from pkdesk.export.fonts import document_family
from pkdesk.export.pdf import _check_folder, configure_writer
from pkdesk.export.qtapp import ensure_gui_app
from pkdesk.export.render import MM_PER_INCH, _header_footer, _keep_headings_with_next
from pkdesk.export.sources import cited_nodes
from pkdesk.store.reference_repo import ReferenceRepository

NONE_FILL = QColor("#dcebdc")       # the "sound" green of the verdict banner


class ComparisonBuilder(DocumentBuilder):
    """The plan document builder, able to shade heat-map cells."""

    def add(self, b: Block) -> None:
        if isinstance(b, HeatMap):
            self.heat_map(b)
        else:
            super().add(b)

    def heat_map(self, h: HeatMap) -> None:
        table = self._insert_table(len(h.rows) + 1, len(h.columns),
                                   self._table(len(h.rows) + 1, h.widths, 0.6, 5, True))
        head = self.chars(style.SMALL_PT + 0.5, True)
        for c, name in enumerate(h.columns):
            self._cell(table, 0, c, name, head, style.HEADER_FILL)
        for r, row in enumerate(h.rows, 1):
            levels = h.levels[r - 1] if r - 1 < len(h.levels) else ()
            self._cell(table, r, 0, row[0], self.chars(style.BODY_PT - 0.5, True))
            for c, text in enumerate(row[1:], 1):
                level = levels[c - 1] if c - 1 < len(levels) else "none"
                fill = style.SEVERITY_FILL.get(level, NONE_FILL)
                ink = style.SEVERITY_TEXT.get(level, style.MUTED)
                self._cell(table, r, c, text, self.chars(style.BODY_PT - 0.5, level == "blocker",
                                                          ink), fill)
        self._end_table()


def comparison_document(comparison: Comparison, repo: ReferenceRepository,
                        author: str = "") -> Report:
    from pkdesk.export import default_author

    nodes = cited_nodes(repo, cited_node_ids(comparison))
    return comparison_report(comparison, nodes, author or default_author(),
                             date.today().isoformat())


def _layout(report: Report, device: QPagedPaintDevice) -> tuple[QTextDocument, float, float]:
    dpi = device.logicalDpiY()
    header_h = style.HEADER_MM / MM_PER_INCH * dpi
    footer_h = style.FOOTER_MM / MM_PER_INCH * dpi
    body = QSizeF(device.width(), device.height() - header_h - footer_h)
    doc = ComparisonBuilder(device, document_family(), body).build(report)
    _keep_headings_with_next(doc, body.height())
    return doc, header_h, footer_h


def render_comparison(report: Report, device: QPagedPaintDevice) -> int:
    """Paint every page on ``device`` as ``render.render_report`` does; return the page count."""
    doc, header_h, footer_h = _layout(report, device)
    pages = doc.pageCount()
    width, body_h = device.width(), doc.pageSize().height()
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
                           header_h + body_h)
            painter.save()
            painter.translate(0, header_h - page * body_h)
            clip = QRectF(0, page * body_h, width, body_h)
            painter.setClipRect(clip)
            context.clip = clip
            doc.documentLayout().draw(painter, context)
            painter.restore()
    finally:
        painter.end()
    return pages


def write_comparison_pdf(report: Report, path: str | os.PathLike[str], page_size: str = "A4",
                         pdfa: bool = False) -> int:
    """Write atomically (QSaveFile), like ``write_pdf``; return the page count."""
    ensure_gui_app()
    target = Path(path).expanduser().absolute()
    _check_folder(target)
    save = QSaveFile(str(target))
    if not save.open(QIODevice.OpenModeFlag.WriteOnly):
        raise InputError(f"cannot write {target}: {save.errorString()}")
    committed = False
    try:
        writer = QPdfWriter(save)
        configure_writer(writer, report, page_size, pdfa)
        pages = render_comparison(report, writer)
        del writer
        committed = save.commit()
        if not committed:
            raise InputError(f"cannot write {target}: {save.errorString() or 'write failed'}")
        return pages
    finally:
        if not committed and save.isOpen():
            save.cancelWriting()
            save.commit()
