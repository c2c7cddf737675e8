"""The per-principle summary chart, drawn as vector graphics inline in the document.

A custom text object (QPyTextObject) reserves its place in the text flow, so the chart moves
with the layout and is painted with QPainter on whatever device renders the page.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPyTextObject, QTextCharFormat,
    QTextDocument, QTextFormat,
)

from pkdesk.core.report import PrintLabels, SummaryChart
from pkdesk.core.report_labels import print_labels
from pkdesk.export import style

ROW_PT = 15.0
LEGEND_PT = 20.0
_INDEX = QTextFormat.Property.UserProperty.value + 1
_SEVERITIES = ("blocker", "warning", "advice")


def chart_char_format(index: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(ChartObject.TYPE)
    fmt.setProperty(_INDEX, index)
    return fmt


class ChartObject(QPyTextObject):
    TYPE = QTextFormat.ObjectTypes.UserObject.value + 1

    def __init__(self, parent: QObject, family: str) -> None:
        super().__init__(parent)
        self.family = family
        self.charts: list[SummaryChart] = []
        self.labels: PrintLabels = print_labels("en")   # the document's, set by its builder

    def add(self, chart: SummaryChart) -> int:
        self.charts.append(chart)
        return len(self.charts) - 1

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802
        dpi = doc.documentLayout().paintDevice().logicalDpiY()
        chart = self.charts[int(fmt.property(_INDEX))]
        height = (len(chart.rows) * ROW_PT + LEGEND_PT) * dpi / 72
        return QSizeF(doc.pageSize().width() * 0.995, height)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect,  # noqa: N802
                   doc: QTextDocument, pos: int, fmt: QTextFormat) -> None:
        paint_chart(painter, QRectF(rect), self.charts[int(fmt.property(_INDEX))], self.family,
                    self.labels)


def paint_chart(painter: QPainter, rect: QRectF, chart: SummaryChart, family: str,
                labels: PrintLabels | None = None) -> None:
    labels = labels or print_labels("en")
    dpi = painter.device().logicalDpiY()
    px = dpi / 72.0
    font = QFont(family)
    font.setPointSizeF(style.SMALL_PT + 0.5)
    metrics = QFontMetricsF(font, painter.device())
    row_h = ROW_PT * px
    bar_h = row_h * 0.58
    label_w = rect.width() * 0.24
    total_w = metrics.horizontalAdvance("000") + 6 * px
    x0 = rect.left() + label_w + 6 * px
    bar_w = rect.right() - total_w - x0
    top_total = max((r.total for r in chart.rows), default=0)
    scale_max = max(top_total, 4)
    unit = bar_w / scale_max

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    rows_h = len(chart.rows) * row_h
    # light vertical grid, one line per finding count step
    step = 1 if scale_max <= 12 else 5
    painter.setPen(QPen(QColor("#d5d9de"), 0.5 * px))
    for i in range(0, scale_max + 1, step):
        x = x0 + i * unit
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.top() + rows_h))

    for n, row in enumerate(chart.rows):
        y = rect.top() + n * row_h
        painter.setPen(style.INK if row.total else style.MUTED)
        painter.drawText(QRectF(rect.left(), y, label_w, row_h),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), row.label)
        bar_y = y + (row_h - bar_h) / 2
        x = x0
        for severity in _SEVERITIES:
            count = getattr(row, severity)
            if not count:
                continue
            seg = QRectF(x, bar_y, count * unit, bar_h)
            painter.setPen(QPen(QColor("#ffffff"), 0.75 * px))
            painter.setBrush(QBrush(style.SEVERITY_FILL[severity]))
            painter.drawRect(seg)
            if metrics.horizontalAdvance(str(count)) + 4 * px < seg.width():
                painter.setPen(style.SEVERITY_TEXT[severity])
                painter.drawText(seg, int(Qt.AlignmentFlag.AlignCenter), str(count))
            x += seg.width()
        painter.setPen(style.INK if row.total else style.MUTED)
        painter.drawText(QRectF(x + 4 * px, y, total_w + bar_w, row_h),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         str(row.total) if row.total else labels.none)
    # baseline
    painter.setPen(QPen(style.RULE, 0.75 * px))
    painter.drawLine(QPointF(x0, rect.top()), QPointF(x0, rect.top() + rows_h))

    # legend
    y = rect.top() + rows_h + 6 * px
    x = x0
    sw = 9 * px
    for severity in _SEVERITIES:
        painter.setPen(QPen(style.RULE, 0.5 * px))
        painter.setBrush(QBrush(style.SEVERITY_FILL[severity]))
        painter.drawRect(QRectF(x, y + 2 * px, sw, sw))
        name = labels.severity(severity)
        painter.setPen(style.INK)
        painter.drawText(QRectF(x + sw + 4 * px, y, 120 * px, sw + 4 * px),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
        x += sw + 4 * px + metrics.horizontalAdvance(name) + 16 * px
    painter.restore()
