"""The principle × scenario heat map, painted: each cell tinted by its worst finding (from the
palette, so dark themes read as well as light ones) and showing its counts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from pkdesk.core.compare import Cell, Comparison
from pkdesk.core.comparison_report import cell_text
from pkdesk.core.report_labels import principle_label, severity_label
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.severity_style import tint

STRENGTH = {"blocker": 0.6, "warning": 0.5, "advice": 0.3, "clear": 0.22}
LEGEND = ("blocker", "warning", "advice", "clear")     # named by ui.heat.<tone>
PAD = 6


def tone(cell: Cell) -> str:
    return cell.level if cell.level != "none" else "clear"


class HeatMap(QWidget):
    def __init__(self, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMap")
        self.setAccessibleName(tr("ui.heat.name"))
        self.comparison = comparison
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    # The data drawn (for tests and screen readers) -------------------------------------------

    def cells(self) -> list[tuple[str, str, int, str]]:
        """(principle, scenario label, findings, level) for every cell, row by row."""
        c = self.comparison
        return [(p, s.label, cell.total, cell.level)
                for p, row in zip(c.principles, c.matrix)
                for s, cell in zip(c.scenarios, row)]

    def cell_color(self, cell: Cell) -> QColor:
        return tint(self.palette(), tone(cell), STRENGTH[tone(cell)])

    # Geometry --------------------------------------------------------------------------------

    def _row_height(self) -> int:
        return self.fontMetrics().lineSpacing() * 2 + PAD

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(principle_label(p, ui_language()))
                   for p in self.comparison.principles) + 2 * PAD

    def _grid(self) -> tuple[int, int, int, int]:
        """(left, top, column width, row height)."""
        left = self._label_width()
        columns = len(self.comparison.scenarios)
        width = max((self.width() - left) // columns, 40)
        return left, self._row_height(), width, self._row_height()

    def sizeHint(self) -> QSize:
        rows = len(self.comparison.principles) + 2        # header + rows + legend
        return QSize(self._label_width() + 160 * len(self.comparison.scenarios),
                     rows * self._row_height() + PAD)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._label_width() + 60 * len(self.comparison.scenarios),
                     self.sizeHint().height())

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        left, top, width, height = self._grid()
        if pos.x() < left or pos.y() < top:
            return None
        row, column = (pos.y() - top) // height, (pos.x() - left) // width
        if row < len(self.comparison.principles) and column < len(self.comparison.scenarios):
            return row, column
        return None

    # Painting --------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = self.comparison
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Window)
        metrics = self.fontMetrics()
        left, top, width, height = self._grid()
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        for j, s in enumerate(c.scenarios):
            rect = QRect(left + j * width, 0, width, top).adjusted(PAD // 2, 0, -PAD // 2, 0)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(f"{s.label}  {s.plan.title}",
                                                Qt.TextElideMode.ElideRight, rect.width()))
        for i, (principle, row) in enumerate(zip(c.principles, c.matrix)):
            y = top + i * height
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRect(0, y, left - PAD, height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             principle_label(principle, ui_language()))
            for j, cell in enumerate(row):
                rect = QRect(left + j * width, y, width, height)
                painter.fillRect(rect, self.cell_color(cell))
                painter.setPen(grid)
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(text)
                upper = QRect(rect.x(), rect.y() + PAD // 2, rect.width(), height // 2 - PAD // 2)
                lower = QRect(rect.x() + PAD, upper.bottom(), rect.width() - 2 * PAD,
                              height - upper.height() - PAD)
                painter.setFont(bold)
                painter.drawText(upper if cell.total else rect, Qt.AlignmentFlag.AlignCenter,
                                 str(cell.total))
                painter.setFont(self.font())
                if cell.total:      # "0" alone says "none"
                    painter.drawText(lower, Qt.AlignmentFlag.AlignHCenter
                                     | Qt.AlignmentFlag.AlignTop,
                                     metrics.elidedText(cell_text(cell, ui_language()),
                                                        Qt.TextElideMode.ElideRight,
                                                        lower.width()))
        self._paint_legend(painter, left, top + len(c.principles) * height + PAD // 2)
        painter.end()

    def _paint_legend(self, painter: QPainter, x: int, y: int) -> None:
        metrics = self.fontMetrics()
        box = metrics.height()
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for key in LEGEND:
            name = tr(f"ui.heat.{key}")
            painter.fillRect(QRect(x, y + 2, box, box - 4),
                             tint(self.palette(), key, STRENGTH[key]))
            painter.drawText(QPoint(x + box + 4, y + metrics.ascent()), name)
            x += box + 4 + metrics.horizontalAdvance(name) + 2 * PAD

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            where = self.cell_at(event.pos())
            if where is None:
                QToolTip.hideText()
            else:
                row, column = where
                principle = self.comparison.principles[row]
                scenario = self.comparison.scenarios[column]
                lang = ui_language()
                lines = [f"{principle_label(principle, lang)} · {scenario.label}  "
                         f"{scenario.plan.title}"]
                lines += [tr("ui.cmp.finding_line", severity=severity_label(f.severity, lang),
                             rule=f.rule, message=f.message)
                          for f in scenario.result.findings if f.principle == principle]
                if len(lines) == 1:
                    lines.append(tr("ui.summary.no_findings"))
                QToolTip.showText(event.globalPos(), plain_tip("\n".join(lines)), self)
            return True
        return super().event(event)
