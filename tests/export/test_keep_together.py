"""Issue 17: the page breaks that keep headings with what follows them and finding cards
whole are decided a layout at a time (render._keep_together), not one re-flow per break:
on a 240-party plan (~190 pages, ~130 breaks) still no heading is left alone at a
page foot and no card shorter than a page is split, read from the laid-out document."""

from __future__ import annotations

import math

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter, QTextCursor

from pkdesk.core.plan.report import plan_report
from pkdesk.export.document import KEEP_TOGETHER
from pkdesk.export.pdf import configure_writer
from pkdesk.export.render import layout_report
from tests.export.samples import big_plan, big_result, nodes_for
from tests.export.test_plan_pdf import META, headings_left_alone


def test_a_190_page_plan_keeps_headings_and_cards_together() -> None:
    plan = big_plan(240)
    result = big_result(plan)
    report = plan_report(plan, result, nodes_for(result), META)
    alone, checked = headings_left_alone(report)
    assert alone == [] and checked > 30

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    configure_writer(writer, report, "A4")
    doc, _, _ = layout_report(report, writer)
    page_h = doc.pageSize().height()
    assert doc.pageCount() > 150
    layout = doc.documentLayout()
    cards = split = 0
    block = doc.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is None:
            block = block.next()
            continue
        fmt = table.format()
        if fmt.boolProperty(KEEP_TOGETHER):
            rect = layout.frameBoundingRect(table)
            top, bottom = rect.top() + fmt.topMargin(), rect.bottom() - fmt.bottomMargin()
            cards += 1
            if bottom - top <= page_h and \
                    math.floor(top / page_h) != math.floor((bottom - 0.5) / page_h):
                split += 1
        block = table.lastCursorPosition().block().next()
    assert cards > 400 and split == 0
