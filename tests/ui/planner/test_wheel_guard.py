"""A wheel passing over a combo or number box that has no focus changes nothing (the plan is
not edited, nothing is autosaved); focused first, the wheel steps it as usual. Everywhere in
the window: the plan form, the tables' editors, the what-if override, the dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.form.party_table_model import CONSENT
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.planner_helpers import import_example, open_planner


def wheel(widget: QWidget, notches: int = -1) -> None:
    """One wheel turn (down for negative ``notches``) over the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _rwanda(qtbot: QtBot, db: Database, tmp_path: Path) -> tuple[MainWindow, int]:
    plan_id = import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    window.planner.list_view.setFocus()
    return window, plan_id


def test_wheel_over_unfocused_form_fields_changes_nothing(qtbot: QtBot, db: Database,
                                                          tmp_path: Path) -> None:
    window, plan_id = _rwanda(qtbot, db, tmp_path)
    page, form = window.planner, window.planner.form
    before = page.plan
    undo_steps = page.undo_stack.count()
    combos: list[QComboBox] = [form.context, form.use_of_force, form.host_consent,
                               form.equipment, form.funding]
    spins: list[QSpinBox] = [form.personnel, form.personnel_required, form.review]
    shown = [c.currentIndex() for c in combos] + [s.value() for s in spins]
    for widget in [*combos, *spins]:
        assert not widget.hasFocus()
        wheel(widget, -1)
        wheel(widget, +1)
        wheel(widget, -2)
    assert [c.currentIndex() for c in combos] + [s.value() for s in spins] == shown
    assert page.plan == before and page.undo_stack.count() == undo_steps
    page.flush()
    assert PlanRepository(db).current(plan_id)[0] == before     # nothing stored either
    # The wheel never takes the focus to such a field on its way.
    assert all(w.focusPolicy() == Qt.FocusPolicy.StrongFocus for w in [*combos, *spins])
    window.close()


def test_focus_first_then_the_wheel_steps_the_field(qtbot: QtBot, db: Database,
                                                    tmp_path: Path) -> None:
    window, _ = _rwanda(qtbot, db, tmp_path)
    form = window.planner.form
    form.ensureWidgetVisible(form.personnel)
    form.personnel.setFocus()
    qtbot.waitUntil(form.personnel.hasFocus)
    start = form.personnel.value()
    wheel(form.personnel, +1)
    assert form.personnel.value() == start + 1
    assert window.planner.plan is not None
    assert window.planner.plan.resources.personnel == start + 1     # a meant edit is an edit
    window.close()


def test_wheel_over_unfocused_whatif_and_dialog_combos_changes_nothing(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window, _ = _rwanda(qtbot, db, tmp_path)
    whatifs = window.planner.whatif.whatifs
    whatifs.set_expanded(True)
    whatifs.field.setCurrentIndex(0)
    wheel(whatifs.field, -1)
    assert whatifs.field.currentIndex() == 0
    dialog = window.pdf.choose_export()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    page_size = dialog.page_size
    page_size.clearFocus()
    index = page_size.currentIndex()
    wheel(page_size, -1 if index == 0 else 1)
    assert page_size.currentIndex() == index
    dialog.reject()
    window.close()


def test_a_table_cell_combo_takes_no_focus_from_the_wheel(qtbot: QtBot, db: Database,
                                                         tmp_path: Path) -> None:
    window, _ = _rwanda(qtbot, db, tmp_path)
    table = window.planner.form.party_editor.table
    index = table.model().index(0, CONSENT)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    # Made while the window runs, guarded all the same: a wheel passing over it on its way
    # through the table would not focus it (and so would not change it).
    assert editor.focusPolicy() == Qt.FocusPolicy.StrongFocus
    window.close()


def test_the_guard_filters_only_the_fields_it_guards(qtbot: QtBot) -> None:
    """Not a filter on the whole application (PySide's call for every event of every widget
    was 40% of building the window): a line edit's events never reach it, and a combo made
    after the guard, once shown (polished by the application's style), is guarded."""
    from pkdesk.ui.common import legible_style, wheel_guard

    class Spy(wheel_guard.WheelGuard):
        seen: list[QObject] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            self.seen.append(watched)
            return super().eventFilter(watched, event)

    app = QApplication.instance()
    assert app is not None
    legible_style.install()
    for old in [wheel_guard.guard_of_application()]:
        if old is not None:     # put in place by an earlier test: the spy instead
            app.removeEventFilter(old)
            old.setParent(None)
            old.deleteLater()
    spy = Spy(app)
    assert wheel_guard.install() is spy
    line, combo = QLineEdit(), QComboBox()
    combo.addItems(["a", "b", "c"])
    for widget in (line, combo):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
    qtbot.keyClicks(line, "abc")
    wheel(line)
    assert line not in spy.seen
    wheel(combo)
    assert combo in spy.seen and combo.currentIndex() == 0       # unfocused: refused
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    spy.setParent(None)     # later tests get the application's own guard again
    spy.deleteLater()
