"""Import Field Data…: a CSV or XLSX file of data points into the plan shown.

Choose the file, then the mapping dialog: a combo per field prefilled from the file's
headers, the day/month order and decimal mark (decided from the file unless set), a preview
of the first rows as they will be imported and every problem by row and column. Import
stays disabled while there is a problem, unless "skip bad rows" is ticked; the import is one
undo step, autosaved like every edit (``PlannerSession.edit``). Everything the file says is
shown as plain text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
    QFormLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from pkdesk.core.dataimport import (
    COMMA, DAY_FIRST, MONTH_FIRST, POINT, PREVIEW_ROWS, ColumnMapping, ImportOptions, ImportResult,
    PreviewRow, ReadMemo, Table, apply_import, guess_mapping, import_points, read_data_file,
)
from pkdesk.core.errors import PkdeskError
from pkdesk.core.plan.model import Plan
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.messages import tell
from pkdesk.ui.planner.session import PlannerSession

_Index = QModelIndex | QPersistentModelIndex
PREVIEW_COLUMNS = ("row", "status", "indicator", "date", "value", "source", "note",
                   "recorded_by")
MAPPED_FIELDS = ("date", "value", "indicator", "source", "note", "recorded_by")
FROM_COLUMN = ""        # the indicator combo's entry for "named in a column of the file"


class PreviewModel(QAbstractTableModel):
    """The preview rows, read only: a thin model over the result's list (reset as a whole
    when the mapping changes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PreviewRow] = []

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(PREVIEW_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(f"data.col.{PREVIEW_COLUMNS[section]}")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = PREVIEW_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "row":
                return str(row.row)
            if column == "status":
                return tr(f"data.status.{row.status}")
            return row.cells.get(column, "").replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.problems:
                return "\n".join(row.problems)
            return row.cells.get(column) if column == "note" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("row", "value"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FieldDataDialog(QDialog):
    """The mapping dialog for one file read into ``table``."""

    def __init__(self, parent: QWidget | None, session: PlannerSession, table: Table,
                 path: Path, indicator_uid: str | None) -> None:
        super().__init__(parent)
        self.session, self.table, self.path = session, table, path
        self.outcome: ImportResult | None = None
        # The file is read once; a change of mapping reads the rows again through this
        # memo (each cell parsed once), and "skip bad rows" alone reads nothing again.
        self.memo = ReadMemo()
        self._read_as: tuple[object, ...] | None = None
        self.setWindowTitle(tr("ui.data_import.title", file=path.name))
        self.setObjectName("fieldDataDialog")
        plan = session.plan
        indicators = [i for o in plan.performance.objectives for i in o.indicators] \
            if plan is not None else []
        guessed = guess_mapping(table.columns)

        form = QFormLayout()
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.sheet.addItems(table.sheets)
        self.sheet.setCurrentText(table.sheet)
        if len(table.sheets) > 1:       # a CSV, or a workbook of one sheet: nothing to choose
            form.addRow(self._label("ui.data_import.sheet", self.sheet), self.sheet)
        else:
            self.sheet.hide()
        self.indicator = QComboBox()
        self.indicator.setObjectName("indicator")
        for ind in indicators:
            self.indicator.addItem(ind.text, ind.uid)
        self.indicator.addItem(tr("ui.data_import.from_column"), FROM_COLUMN)
        wanted = indicator_uid if indicator_uid is not None else \
            (FROM_COLUMN if guessed["indicator"] else None)
        if wanted is not None and self.indicator.findData(wanted) >= 0:
            self.indicator.setCurrentIndex(self.indicator.findData(wanted))
        form.addRow(self._label("ui.data_import.indicator", self.indicator), self.indicator)

        self.columns: dict[str, QComboBox] = {}
        for f in MAPPED_FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"column_{f}")
            self.columns[f] = combo
            self._fill(combo, table.columns, guessed.get(f))
            form.addRow(self._label("ui.data_import.column_for", combo,
                                    field=tr(f"data.col.{f}")), combo)

        self.order = QComboBox()
        self.order.setObjectName("dateOrder")
        for key, value in (("ui.data_import.order_auto", None),
                           ("ui.data_import.day_first", DAY_FIRST),
                           ("ui.data_import.month_first", MONTH_FIRST)):
            self.order.addItem(tr(key), value)
        form.addRow(self._label("ui.data_import.order", self.order), self.order)
        self.decimal = QComboBox()
        self.decimal.setObjectName("decimalMark")
        for key, value in (("ui.data_import.order_auto", None),
                           ("ui.data_import.decimal_comma", COMMA),
                           ("ui.data_import.decimal_point", POINT)):
            self.decimal.addItem(tr(key), value)
        form.addRow(self._label("ui.data_import.decimal", self.decimal), self.decimal)
        self.skip_bad = QCheckBox(tr("ui.data_import.skip_bad"))
        self.skip_bad.setObjectName("skipBadRows")
        form.addRow("", self.skip_bad)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("preview")
        self.preview.setModel(self.model)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumBlockCount(1_000)
        preview_label = QLabel(tr("ui.data_import.preview", n=PREVIEW_ROWS))
        preview_label.setTextFormat(Qt.TextFormat.PlainText)
        preview_label.setBuddy(self.preview)
        self.preview_label = preview_label
        problems_label = QLabel(tr("ui.data_import.problems"))
        problems_label.setTextFormat(Qt.TextFormat.PlainText)
        problems_label.setBuddy(self.problems)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(tr("ui.data_import.import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.do_import)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 3)
        layout.addWidget(problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.resize(860, 620)

        for combo in (self.indicator, *self.columns.values(), self.order, self.decimal):
            combo.currentIndexChanged.connect(self.refresh)
        self.skip_bad.toggled.connect(self.refresh)
        self.sheet.currentTextChanged.connect(self.choose_sheet)
        self.refresh()

    @staticmethod
    def _fill(combo: QComboBox, columns: list[str], chosen: str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("ui.data_import.none"), None)
        for name in columns:
            combo.addItem(name, name)
        combo.setCurrentIndex(combo.findData(chosen) if chosen else 0)
        combo.blockSignals(False)

    def choose_sheet(self, sheet: str) -> None:
        """Read another sheet of the workbook; its columns prefilled again."""
        if not sheet or sheet == self.table.sheet:
            return
        try:
            table = read_data_file(self.path, sheet)
        except (PkdeskError, OSError) as exc:
            tell(self, tr("ui.data_import.cannot"), str(exc))
            self.sheet.blockSignals(True)
            self.sheet.setCurrentText(self.table.sheet)
            self.sheet.blockSignals(False)
            return
        self.table, self.memo, self._read_as = table, ReadMemo(), None
        guessed = guess_mapping(table.columns)
        for f, combo in self.columns.items():
            self._fill(combo, table.columns, guessed.get(f))
        self.refresh()

    @staticmethod
    def _label(key: str, buddy: QWidget, **values: object) -> QLabel:
        label = QLabel(tr(key, **values))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(buddy)
        return label

    def mapping(self) -> ColumnMapping | None:
        chosen = {f: combo.currentData() for f, combo in self.columns.items()}
        if self.indicator.currentData() != FROM_COLUMN:
            chosen["indicator"] = None
        if not chosen["date"] or not chosen["value"]:
            return None
        return ColumnMapping(**chosen)

    def options(self) -> ImportOptions:
        indicator = self.indicator.currentData()
        return ImportOptions(indicator=indicator or None, date_order=self.order.currentData(),
                             decimal=self.decimal.currentData(),
                             skip_bad_rows=self.skip_bad.isChecked())

    def refresh(self) -> None:
        """Read every row again as the mapping now says: preview, problems, Import."""
        lang = ui_language()
        self.columns["indicator"].setEnabled(self.indicator.currentData() == FROM_COLUMN)
        plan, mapping = self.session.plan, self.mapping()
        if plan is None or mapping is None:
            self.outcome = None
            self.model.set_rows([])
            self.problems.setPlainText("\n".join(
                tr("ui.data_import.choose_column", field=tr(f"data.field.{f}"))
                for f in ("date", "value") if not self.columns[f].currentData()))
            self.summary.setText("")
            self.import_button.setEnabled(False)
            return
        options = self.options()
        read_as = (mapping, dataclasses.replace(options, skip_bad_rows=False))
        same = self._read_as is not None and self._read_as[0] is plan \
            and self._read_as[1] is self.table and self._read_as[2:] == read_as
        if same and self.outcome is not None:
            result = self.outcome = dataclasses.replace(self.outcome,
                                                        skip_bad_rows=options.skip_bad_rows)
        else:
            result = self.outcome = import_points(plan, self.table, mapping, options, self.memo)
            self._read_as = (plan, self.table, *read_as)
        self.model.set_rows(result.preview)
        self.preview.resizeColumnsToContents()
        lines = [p.text(lang) for p in result.problems]
        more = result.problem_count - len(result.problems)
        if more > 0:
            lines.append(trn("data.cli.more", more))
        self.problems.setPlainText("\n".join(lines) if lines else
                                   tr("ui.data_import.no_problems"))
        counts = tr("data.cli.counts", rows=result.rows, empty=result.empty_rows,
                    duplicates=result.duplicates, bad=result.bad_rows)
        notes = result.note_texts(lang)
        self.summary.setText("\n".join([*notes, counts]))
        self.import_button.setEnabled(result.can_apply and bool(result.points))

    def do_import(self) -> None:
        """Add the points as one undo step (autosaved); nothing when anything is wrong."""
        self.refresh()      # against the plan as it is now
        result, plan = self.outcome, self.session.plan
        if result is None or plan is None or not result.can_apply or not result.points:
            return
        try:
            after: Plan = apply_import(plan, result)
        except PkdeskError as exc:
            tell(self, tr("ui.data_import.cannot"), str(exc))
            return
        self.session.edit(tr("ui.data_import.undo"), after)
        self.session.message.emit(trn("data.summary", len(result.points), file=self.path.name))
        self.accept()


def import_field_data(parent: QWidget, session: PlannerSession, indicator_uid: str | None,
                      path: Path | None = None) -> FieldDataDialog | None:
    """Choose a file (unless ``path`` is given) and open the mapping dialog for it
    (window-modal, not blocking); the dialog, or None when there is nothing to map."""
    if session.plan is None:
        tell(parent, tr("ui.data_import.cannot"), tr("ui.data_import.no_plan"))
        return None
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, tr("ui.data_import.choose"), "",
                                              ";;".join((tr("ui.data_import.filter_sheets"),
                                                         tr("ui.data_import.filter_all"))))
        if not name:
            return None
        path = Path(name)
    try:
        table = read_data_file(path)
    except PkdeskError as exc:
        tell(parent, tr("ui.data_import.cannot"), str(exc))
        return None
    except OSError as exc:
        tell(parent, tr("ui.data_import.cannot"), f"{path}: {exc.strerror or exc}")
        return None
    dialog = FieldDataDialog(parent, session, table, path, indicator_uid)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
