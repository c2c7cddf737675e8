"""The objectives-by-review grid: a row per worded objective, a column per review held, each
cell the review's rating as colour **and** words (on track / at risk / off track / no data),
a changed rating marked "✎" and its tooltip saying what pkdesk suggested and the reviewer's
reason. The data is ``core.performance.trend.review_grid``.

The colours differ in lightness as well as hue (the PDF's severity scale), and the words are
always there: the grid reads in greyscale and to a screen reader.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from pkdesk.core.performance.trend import GridCell, ReviewGrid
from pkdesk.ui.common.i18n import tr

CHANGED_MARK = "✎"
NOT_RATED = "—"             # the review did not rate this objective (its tooltip says so)
# (fill, text): on track green, at risk amber, off track dark red, no data grey.
RATING_COLOURS: dict[str, tuple[QColor, QColor]] = {
    "on_track": (QColor("#cfe8cf"), QColor("#14401a")),
    "at_risk": (QColor("#f2c65c"), QColor("#3d2b00")),
    "off_track": (QColor("#8e2323"), QColor("#ffffff")),
    "no_data": (QColor("#dadde1"), QColor("#2b2f33")),
}
_Index = QModelIndex | QPersistentModelIndex


def rating_text(rating: str) -> str:
    return tr(f"value.{rating}")


def cell_text(cell: GridCell | None) -> str:
    if cell is None:
        return NOT_RATED
    text = rating_text(cell.rating)
    return f"{text} {CHANGED_MARK}" if cell.changed else text


def cell_tooltip(cell: GridCell | None) -> str:
    if cell is None:
        return tr("ui.grid.not_rated_tip")
    if cell.changed:
        return tr("ui.grid.changed_tip", rating=rating_text(cell.rating),
                  suggested=rating_text(cell.suggested),
                  reason=cell.reason or tr("ui.grid.no_reason"))
    tip = tr("ui.grid.confirmed_tip", rating=rating_text(cell.rating))
    return f"{tip}\n{cell.reason}" if cell.reason else tip


class ReviewGridModel(QAbstractTableModel):
    def __init__(self, grid: ReviewGrid | None = None) -> None:
        super().__init__()
        self.grid = grid or ReviewGrid((), (), ())

    def set_grid(self, grid: ReviewGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.grid.columns)

    def cell(self, index: _Index) -> GridCell | None:
        return self.grid.rows[index.row()].cells[index.column()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cell = self.cell(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(cell)
        if role == Qt.ItemDataRole.BackgroundRole and cell is not None:
            return RATING_COLOURS.get(cell.rating, RATING_COLOURS["no_data"])[0]
        if role == Qt.ItemDataRole.ForegroundRole and cell is not None:
            return RATING_COLOURS.get(cell.rating, RATING_COLOURS["no_data"])[1]
        if role == Qt.ItemDataRole.FontRole and cell is not None and cell.changed:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.grid.columns[section] if horizontal else self.grid.rows[section].text
        if role == Qt.ItemDataRole.ToolTipRole:
            if horizontal:
                who = self.grid.reviewers[section]
                return tr("ui.grid.review_by", date=self.grid.columns[section], reviewer=who) \
                    if who else tr("ui.grid.review", date=self.grid.columns[section])
            row = self.grid.rows[section]
            return f"{tr(f'value.{row.objective}')}: {row.text}"
        return None


OBJECTIVES_MOST = 360
OBJECTIVES_LEAST = 120
OBJECTIVES_SHARE = 0.4


class ReviewGridView(QTableView):
    """The grid; ``show_grid`` replaces what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewGrid")
        self.grid_model = ReviewGridModel()
        self.setModel(self.grid_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMaximumWidth(OBJECTIVES_MOST)
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName(tr("ui.grid.name"))
        self.setAccessibleDescription(tr("ui.grid.description"))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # The objectives' words leave the reviews room: at most OBJECTIVES_SHARE of the
        # width (a 1024×600 window's pane is ~415 pixels), whole in their tooltip.
        most = max(OBJECTIVES_LEAST, min(OBJECTIVES_MOST, int(event.size().width()
                                                              * OBJECTIVES_SHARE)))
        self.verticalHeader().setMaximumWidth(most)
        super().resizeEvent(event)

    def show_grid(self, grid: ReviewGrid) -> None:
        self.grid_model.set_grid(grid)
