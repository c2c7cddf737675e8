"""A table editable in place with Add and Remove buttons (the plan's parties, strategies).

Insert adds a row and Delete removes the selected one when the table has focus; the page
decides what a new row holds and makes both undoable.

The columns fit the table's width: when the starting widths are too wide for it (the form
is narrow on a 1024-pixel screen), every column gives up room in proportion to what it has
beyond its header's words, and the first column (the strategy, the party's name) keeps up
to 40% of the width, so the keyboard can walk a row without scrolling it out of view. When
even the headers' words do not fit (the parties' six columns, in French, on that screen), the
other columns shrink further, toward a few letters each, the longest (the consent conditions)
giving the most: their headers and cells end in "…", the header's tooltip and the cell's
editor show them whole, and the first column stays in view. Only when not even that fits
does the table scroll, by the pixel, just far enough to show the current cell.

A column is never held wider than its header's words for their own sake (40 pixels at
least), and the parties' headers of two words take two lines ("Consent / conditions").

The parties' kind, consent and role are what the checker reads: narrowed, the table's rows
take two lines, and those columns keep the width that shows their every label whole on two
lines ("Listed under / sanctions"), taken from the consent conditions and the direct talks'
check box first, then from the name (down to 100 pixels, on two lines). At 1024×600 every
kind, consent and role is then whole in English, and in French all but the longest
(« Inscrit sur une liste de sanctions », « Non étatique », « Conditionnel »); what is still
cut, the conditions' header included, is whole in its tooltip and in the cell's editor.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton,
                               QStyle, QStyleOptionHeader, QTableView, QVBoxLayout,
                               QWidget)

from pkdesk.ui.common.i18n import tr
from pkdesk.ui.planner.form.table_delegates import PlanTableDelegate

VISIBLE_ROWS = 6
STRETCH_WIDTH = 120
FIRST_KEPT = 100
"""The first column (the party's name) gives room to a two-line column down to this width."""
"""What the stretching column (notes, the party's name) would like before others shrink."""


FIRST_SHARE = 0.4
"""The first column keeps up to this share of the width when the others must shrink."""


def fitted_widths(available: int, wanted: list[int], least: list[int],
                  stretch: int = -1, floor: int | None = None) -> list[int]:
    """Column widths for ``available`` pixels: ``wanted`` if they fit (the ``stretch``
    column taking what is left over); else the first column keeps up to ``FIRST_SHARE`` of
    the width and the others shrink toward their ``least`` in proportion to their slack
    (never below ``least``); if even that is too wide and a ``floor`` is given, they shrink
    on below ``least``, toward ``floor``, again by their slack (elided)."""
    if not wanted:
        return []
    if sum(wanted) <= available:
        widths = list(wanted)
    else:
        first = max(least[0], min(wanted[0], int(available * FIRST_SHARE)))
        rest = _shrunk(available - first, wanted[1:], least[1:])
        if floor is not None and sum(rest) > available - first:
            rest = _shrunk(available - first, rest, [min(floor, w) for w in rest])
        widths = [first] + rest
    if 0 <= stretch < len(widths) and sum(widths) < available:
        widths[stretch] += available - sum(widths)
    return widths


def _shrunk(available: int, wanted: list[int], least: list[int]) -> list[int]:
    excess = sum(wanted) - available
    slack = [max(0, w - m) for w, m in zip(wanted, least)]
    if excess <= 0 or not sum(slack):
        return list(wanted)
    share = min(1.0, excess / sum(slack))
    return [w - int(s * share + 0.999) for w, s in zip(wanted, slack)]


class LineElidingHeader(QHeaderView):
    """A horizontal header whose two-line texts end in "…" line by line: Qt elides a
    header's text as one line ("Direct\ntalks" -> "Dire…" in a column both words fit)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        elide = self.textElideMode()
        self.setTextElideMode(Qt.TextElideMode.ElideNone)    # the lines are elided below
        try:
            self.initStyleOptionForIndex(option, logical)
        finally:
            self.setTextElideMode(elide)
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, option, self)
        width = max(0, rect.width() - margin)
        option.text = "\n".join(option.fontMetrics.elidedText(line, elide, width)
                                 for line in option.text.split("\n"))
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)


class ItemTableEditor(QWidget):
    add_requested = Signal(int)
    """Insert a new row at this position."""
    remove_requested = Signal(int)

    def __init__(self, model: QAbstractItemModel, noun: str, stretch_column: int,
                 widths: tuple[int, ...] = (), parent: QWidget | None = None, *,
                 two_lines: dict[int, int] | None = None,
                 gives_first: tuple[int, ...] = ()) -> None:
        """``two_lines``: columns whose words must stay whole (a party's kind, consent,
        role), each with the width that shows its every label on two lines at most; when the
        table is narrowed, its rows take two lines, and those columns keep that width, taken
        from the ``gives_first`` columns (free text, whole in their tooltip and editor) down to
        a few letters, then from the first column down to ``FIRST_KEPT``."""
        super().__init__(parent)
        self._two_lines = dict(two_lines or {})
        self._gives_first = gives_first
        self.table = QTableView()
        if getattr(model, "TWO_LINE_HEADERS", False):
            self.table.setHorizontalHeader(LineElidingHeader(self.table))
        self.table.setModel(model)
        self.table.setAccessibleName(tr(f"ui.{noun}.table_name"))
        self.table.setItemDelegate(PlanTableDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table, arrows move inside
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Fixed starting widths, not ResizeToContents: that would measure every row of a
        # 200-strategy table on each edit. Never narrower than the header's own words
        # (French ones are longer).
        self._stretch = stretch_column
        self._least = [max(header.minimumSectionSize(), header.sectionSizeHint(c))
                       for c in range(header.count())]
        self._wanted = [max(width, least) if width else least
                        for width, least in zip(list(widths) + [0] * header.count(),
                                                self._least)]
        if 0 <= stretch_column < len(self._wanted):
            self._wanted[stretch_column] = max(STRETCH_WIDTH, self._least[stretch_column])
        # A narrowed column keeps a couple of letters and the "…" (its header's tooltip and
        # the cell's editor show the words); the header's least is its words, as before.
        self._floor = header.fontMetrics().horizontalAdvance("MM…") + 12
        header.setMinimumSectionSize(min(header.minimumSectionSize(), self._floor))
        self._fitting = False
        self._user_sized = False
        header.sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)
        self.table.setWordWrap(bool(self._two_lines))
        row_height = self.table.verticalHeader().defaultSectionSize()
        self._one_line_height = row_height
        self._two_line_height = row_height + self.table.fontMetrics().lineSpacing()
        self._fit_columns()
        self.table.setMinimumHeight(header.sizeHint().height() + VISIBLE_ROWS * row_height + 4)

        self.add_button = QPushButton(tr(f"ui.{noun}.add"))
        self.add_button.setToolTip(tr(f"ui.{noun}.add_tip"))
        self.remove_button = QPushButton(tr(f"ui.{noun}.remove"))
        self.remove_button.setToolTip(tr(f"ui.{noun}.remove_tip"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        for key, slot in ((QKeySequence.StandardKey.Delete, self._remove),
                          (QKeySequence(Qt.Key.Key_Insert), self._add)):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
        model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Share the viewport's width among the columns (until the user sizes one)."""
        if self._user_sized or not self._wanted:
            return
        header = self.table.horizontalHeader()
        widths = fitted_widths(self.table.viewport().width(), self._wanted, self._least,
                               self._stretch, self._floor)
        if self._two_lines:
            widths = self._keep_words_whole(widths)
            narrowed = any(w < want for w, want in zip(widths, self._wanted))
            self.table.verticalHeader().setDefaultSectionSize(
                self._two_line_height if narrowed else self._one_line_height)
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _keep_words_whole(self, widths: list[int]) -> list[int]:
        """Widen the ``two_lines`` columns back to their two-line width, with room taken
        from the ``gives_first`` columns, then from the first column (see ``__init__``)."""
        widths = list(widths)
        givers = [(c, self._floor) for c in self._gives_first] + [(0, FIRST_KEPT)]
        for column, keep in self._two_lines.items():
            for giver, least in givers:
                short = keep - widths[column]
                if short <= 0:
                    break
                take = min(short, max(0, widths[giver] - least))
                widths[giver] -= take
                widths[column] += take
        return widths

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._user_sized = True     # a column the user dragged keeps its width

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int, column: int = 0) -> None:
        model = self.table.model()
        if 0 <= row < model.rowCount():
            self.table.setCurrentIndex(model.index(row, column))

    def _add(self) -> None:
        row = self.current_row()
        self.add_requested.emit(row + 1 if row >= 0 else self.table.model().rowCount())

    def _remove(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.remove_requested.emit(row)

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.current_row() >= 0)
