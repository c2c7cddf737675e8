"""Import Field Data…: the mapping dialog on real files (prefilled columns, preview, problems
by row and column, Import only when nothing is wrong or bad rows are skipped), one undo
step, autosaved; file text shown literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.performance.import_dialog import (
    PREVIEW_COLUMNS, FieldDataDialog, import_field_data,
)
from pkdesk.ui.window.main_window import MainWindow
from tests.dataimport.samples import (
    INCIDENTS_UID, PATROLS_UID, sample_plan, write_csv, write_xlsx,
)
from tests.ui.planner_helpers import message_boxes, open_planner

FIELD = ("Date;Valeur;Remarque;Relevé par\n31/03/2025;12;<b>first</b>;Amina\n\n"
         "30/04/2025;douze;;Amina\n31/05/2025;1 234,5;third;Amina\n")


def _window(qtbot: QtBot, db: Database, tmp_path: Path) -> tuple[MainWindow, int]:
    plan_id = PlanRepository(db).create(sample_plan())
    window = open_planner(qtbot, db, tmp_path)
    assert window.planner.plan_id == plan_id
    return window, plan_id


def _open(window: MainWindow, path: Path, indicator: str | None = INCIDENTS_UID
          ) -> FieldDataDialog:
    dialog = import_field_data(window, window.planner.session, indicator, path=path)
    assert isinstance(dialog, FieldDataDialog) and dialog.isVisible()
    return dialog


def _cells(dialog: FieldDataDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(len(PREVIEW_COLUMNS))]
            for r in range(model.rowCount())]


def _incidents(window: MainWindow) -> list[tuple[str, float]]:
    plan = window.planner.plan
    assert plan is not None
    return [(p.date, p.value) for p in plan.performance.objectives[0].indicators[0].data]


def test_mapping_preview_problems_import_and_undo(qtbot: QtBot, db: Database,
                                                  tmp_path: Path) -> None:
    window, plan_id = _window(qtbot, db, tmp_path)
    page = window.planner
    dialog = _open(window, write_csv(tmp_path / "field.csv", FIELD, "cp1252"))
    assert {f: c.currentText() for f, c in dialog.columns.items()} == {
        "date": "Date", "value": "Valeur", "indicator": "(none)", "source": "(none)",
        "note": "Remarque", "recorded_by": "Relevé par"}
    assert dialog.indicator.currentData() == INCIDENTS_UID
    assert not dialog.columns["indicator"].isEnabled()
    assert _cells(dialog) == [
        ["2", "new", "Attacks on IDP sites in Sector East", "2025-03-31", "12", "",
         "<b>first</b>", "Amina"],
        ["4", "bad row", "Attacks on IDP sites in Sector East", "2025-04-30", "douze", "", "",
         "Amina"],
        ["5", "new", "Attacks on IDP sites in Sector East", "2025-05-31", "1234.5", "", "third",
         "Amina"]]
    assert dialog.problems.toPlainText() == "row 4, column 'Valeur': 'douze' is not a number"
    assert "3 rows read, 1 empty rows skipped, 0 already in the plan, 1 bad rows" in \
        dialog.summary.text()
    assert not dialog.import_button.isEnabled()     # all or nothing
    dialog.import_button.click()
    assert _incidents(window) == []

    dialog.skip_bad.setChecked(True)
    assert dialog.import_button.isEnabled()
    undo_before = page.undo_stack.count()
    dialog.import_button.click()
    assert not dialog.isVisible()
    assert _incidents(window) == [("2025-03-31", 12), ("2025-05-31", 1234.5)]
    assert page.undo_stack.count() == undo_before + 1      # one undo step
    assert page.undo_action.text() == "&Undo Import Field Data"
    page.session.flush()                                  # autosaved like any edit
    stored = PlanRepository(db).get(plan_id)
    assert len(stored.performance.objectives[0].indicators[0].data) == 2
    assert stored.performance.objectives[0].indicators[0].data[0].note == "<b>first</b>"

    page.undo_action.trigger()
    assert _incidents(window) == []
    page.redo_action.trigger()
    assert len(_incidents(window)) == 2


def test_changing_the_mapping_reads_the_rows_again(qtbot: QtBot, db: Database,
                                                   tmp_path: Path) -> None:
    window, _plan_id = _window(qtbot, db, tmp_path)
    text = "Indicator,Day,Count\nind-incidents,03/04/2025,4\nind-patrols,05/06/2025,40\n"
    dialog = _open(window, write_csv(tmp_path / "two.csv", text), indicator=None)
    assert dialog.indicator.currentData() == ""           # the file names the indicator
    assert dialog.columns["indicator"].currentText() == "Indicator"
    assert dialog.problems.toPlainText() == (
        "dates such as '03/04/2025' (row 2) could be day first or month first; say which "
        "order the file uses")
    assert not dialog.import_button.isEnabled() and _cells(dialog) == []
    dialog.order.setCurrentIndex(dialog.order.findData("day_first"))
    assert dialog.problems.toPlainText() == "No problems."
    assert [row[3] for row in _cells(dialog)] == ["2025-04-03", "2025-06-05"]
    dialog.columns["value"].setCurrentIndex(0)            # (none)
    assert dialog.problems.toPlainText() == "Choose the column of the value."
    assert not dialog.import_button.isEnabled()
    dialog.columns["value"].setCurrentIndex(dialog.columns["value"].findData("Count"))
    dialog.import_button.click()
    plan = window.planner.plan
    assert plan is not None
    incidents, patrols = (o.indicators[0] for o in plan.performance.objectives)
    assert [(p.date, p.value) for p in incidents.data] == [("2025-04-03", 4)]
    assert [(p.date, p.value) for p in patrols.data] == [("2025-06-05", 40)]
    assert patrols.uid == PATROLS_UID


def test_xlsx_and_the_menu_action(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window, _plan_id = _window(qtbot, db, tmp_path)
    action = window.field_data_action
    assert action.isEnabled() and action in window.menus.file_menu.actions()
    path = write_xlsx(tmp_path / "field.xlsx", [["Date", "Value"], ["2025-03-31", 3]])
    dialog = _open(window, path)
    assert _cells(dialog)[0][3:5] == ["2025-03-31", "3"]
    dialog.reject()
    assert _incidents(window) == []


def test_an_unreadable_file_is_told_in_plain_text(qtbot: QtBot, db: Database,
                                                  tmp_path: Path) -> None:
    window, _plan_id = _window(qtbot, db, tmp_path)
    garbage = tmp_path / "<b>field.xlsx"
    garbage.write_bytes(b"PK\x03\x04garbage")
    assert import_field_data(window, window.planner.session, INCIDENTS_UID,
                             path=garbage) is None
    boxes = message_boxes(window)
    assert len(boxes) == 1
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert boxes[0].text().startswith("<b>field.xlsx: not a XLSX file")
    assert not window.findChildren(FieldDataDialog)


def test_another_sheet_of_the_workbook(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window, _plan_id = _window(qtbot, db, tmp_path)
    path = write_xlsx(tmp_path / "team.xlsx", [["Summary"], ["nothing here"]],
                      sheets=("Summary", "Patrols"),
                      other_rows=[["Jour", "Nombre"], ["2025-03-31", 41]])
    dialog = _open(window, path, indicator=PATROLS_UID)
    assert dialog.sheet.isVisibleTo(dialog) and dialog.sheet.currentText() == "Summary"
    assert not dialog.import_button.isEnabled()
    dialog.sheet.setCurrentText("Patrols")
    assert dialog.columns["date"].currentText() == "Jour"
    assert dialog.columns["value"].currentText() == "Nombre"
    assert "read sheet 'Patrols' (of 2)" in dialog.summary.text()
    dialog.import_button.click()
    plan = window.planner.plan
    assert plan is not None
    assert [p.value for p in plan.performance.objectives[1].indicators[0].data] == [41]


def test_the_file_menu_reaches_it_by_keyboard(qtbot: QtBot, db: Database,
                                              tmp_path: Path) -> None:
    window, _plan_id = _window(qtbot, db, tmp_path)
    menu = window.menus.file_menu
    texts = [a.text() for a in menu.actions() if a.text()]
    assert "Import Fi&eld Data…" in texts
    mnemonics = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert mnemonics.count("e") == 1      # Alt+F, E opens it: no other entry takes E


def test_a_change_of_mapping_does_not_parse_the_file_again(
        qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is read once and each cell parsed once: changing a combo re-maps (100,000
    rows took seconds per change); the outcome is the same as a fresh reading."""
    from pkdesk.core.dataimport import mapping

    parsed: list[object] = []
    real_number, real_date = mapping.parse_number, mapping.parse_date

    def counted_number(cell: object, decimal: str | None) -> float:
        parsed.append(cell)
        return real_number(cell, decimal)

    def counted_date(cell: object, order: str | None, date1904: bool = False) -> object:
        parsed.append(cell)
        return real_date(cell, order, date1904)

    monkeypatch.setattr(mapping, "parse_number", counted_number)
    monkeypatch.setattr(mapping, "parse_date", counted_date)
    rows = "".join(f"{d:02d}/01/2025;{d},5;note {d};Amina\n" for d in range(13, 32))
    window, _plan_id = _window(qtbot, db, tmp_path)
    dialog = _open(window, write_csv(tmp_path / "many.csv", "Date;Valeur;Remarque;Par\n" + rows))
    first = len(parsed)
    assert first >= 2 * 19               # every date and value read
    before = dialog.outcome
    assert before is not None and len(before.points) == 19
    dialog.columns["source"].setCurrentIndex(dialog.columns["source"].findText("Remarque"))
    dialog.columns["source"].setCurrentIndex(0)
    dialog.skip_bad.setChecked(True)
    dialog.skip_bad.setChecked(False)
    assert len(parsed) == first          # re-mapped, nothing parsed again
    after = dialog.outcome
    assert after is not None and [(u, p.date, p.value, p.note) for u, p in after.points] == \
        [(u, p.date, p.value, p.note) for u, p in before.points]
    dialog.columns["source"].setCurrentIndex(dialog.columns["source"].findText("Remarque"))
    assert dialog.outcome is not None
    assert [p.source for _u, p in dialog.outcome.points] == [f"note {d}" for d in range(13, 32)]
