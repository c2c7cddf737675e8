"""The Planner's three columns (plans, the plan's form or Performance, the findings) and how
they share the window's width until the user moves a handle.

On a small screen (1024 pixels) the form needs the room most: its parties table has six
columns. So the plan list is narrower there, the findings keep what their buttons need (and
45% of what the list leaves), and the form takes the rest; on a wide screen the list keeps
200 pixels. Once the user drags a handle, or a saved layout is restored, the widths are the
user's and only Qt's stretch factors move them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

LIST_WIDTH = 200
LIST_WIDTH_SMALL = 150
SMALL_WIDTH = 1200
"""Below this width (of the three columns together) the plan list takes LIST_WIDTH_SMALL."""
FINDINGS_SHARE = 0.45
"""The findings' share of what the plan list leaves."""


def column_widths(total: int, findings_least: int) -> list[int]:
    """The widths of the plan list, the form and the findings for ``total`` pixels."""
    plans = min(total, LIST_WIDTH_SMALL if total < SMALL_WIDTH else LIST_WIDTH)
    rest = max(0, total - plans)
    findings = min(rest, max(findings_least, int(rest * FINDINGS_SHARE)))
    return [plans, rest - findings, findings]


class ColumnsSplitter(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)
        self.user_sized = False
        self.splitterMoved.connect(self._moved)

    def _moved(self, *_args: object) -> None:
        self.user_sized = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.share_width()

    def share_width(self) -> None:
        """Share the width as `column_widths` says (until the user sizes the columns)."""
        findings = self.widget(2) if self.count() == 3 else None
        total = sum(self.sizes())
        if self.user_sized or findings is None or total <= 0:
            return
        self.setSizes(column_widths(total, findings.minimumSizeHint().width()))
