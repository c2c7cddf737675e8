"""The planner on a 13-inch laptop (1024×600): the findings list keeps five rows with the
what-ifs open, no principle badge is cut, the strategy keeps its name in view, and the
Compare window fits the screen with its Export button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.planner.findings.findings_model import MESSAGE
from pkdesk.ui.scenarios.comparison_view import ComparisonView, fitted_size
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.planner_helpers import import_example, open_planner

# A 1024×600 screen less the window manager's title bar.
SMALL = (1024, 570)


def _small_window(qtbot: QtBot, db: Database, tmp_path: Path) -> MainWindow:
    plan_id = import_example(db, "rwanda-1993.pkplan.json")     # six findings
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.resize(*SMALL)
    window.planner.select_plan(plan_id)
    qtbot.waitUntil(lambda: window.height() <= SMALL[1] and window.width() <= SMALL[0])
    return window


def _visible_rows(window: MainWindow) -> int:
    table = window.planner.findings.table
    model, area = table.model(), table.viewport().rect()
    return sum(1 for row in range(model.rowCount())
               if area.contains(table.visualRect(model.index(row, MESSAGE))))


def test_five_findings_show_with_the_whatifs_open_at_1024x600(qtbot: QtBot, db: Database,
                                                              tmp_path: Path) -> None:
    window = _small_window(qtbot, db, tmp_path)
    whatifs = window.planner.whatif.whatifs
    whatifs.set_expanded(True)
    whatifs.model.setData(whatifs.model.index(1), Qt.CheckState.Checked,
                          Qt.ItemDataRole.CheckStateRole)       # the banner shows too
    QApplication.processEvents()
    assert window.height() <= SMALL[1]
    assert whatifs.list.isVisible() and whatifs.model.rowCount() > 0
    assert window.planner.findings.table.isVisible()
    assert window.planner.findings.model.rowCount() >= 5
    assert _visible_rows(window) >= 5
    window.close()


def test_no_principle_badge_is_cut_at_1024x600(qtbot: QtBot, db: Database,
                                               tmp_path: Path) -> None:
    window = _small_window(qtbot, db, tmp_path)
    window.planner.whatif.whatifs.set_expanded(True)
    QApplication.processEvents()
    summary = window.planner.findings.summary
    for badge in summary.badges.values():
        assert badge.isVisible()
        assert summary.rect().contains(badge.geometry()), badge.text()
    window.close()


def test_the_compare_window_fits_the_available_screen() -> None:
    available = QRect(0, 0, 1024, 600 - 32)      # a panel at the bottom
    size = fitted_size(available, None)
    assert size.width() <= available.width() and size.height() <= available.height()
    roomy = fitted_size(QRect(0, 0, 1920, 1080), None)
    assert roomy.width() >= 980 and roomy.height() >= 720       # no smaller than it was


def test_the_compare_window_opens_on_screen_with_its_export_button(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = _small_window(qtbot, db, tmp_path)
    window.planner.list_view.selectAll()
    view = window.scenario.compare_selected()
    assert isinstance(view, ComparisonView)
    qtbot.waitExposed(view)
    screen = view.screen().availableGeometry()
    assert view.width() <= screen.width() and view.height() <= screen.height()
    button = view.export_button
    corner = button.mapTo(view, button.rect().bottomRight())
    assert button.isVisible() and view.rect().contains(corner)
    view.close()
    window.close()


def test_the_message_gets_the_room_on_a_narrow_findings_column(qtbot: QtBot, db: Database,
                                                               tmp_path: Path) -> None:
    from PySide6.QtWidgets import QSplitter

    from pkdesk.ui.planner.findings.findings_model import RULE, SEVERITY
    from pkdesk.ui.planner.findings.findings_panel import MESSAGE_CHARS_WANTED

    window = _small_window(qtbot, db, tmp_path)
    findings = window.planner.findings
    table, model = findings.table, findings.model
    chars = table.fontMetrics().averageCharWidth()
    # The user narrows the findings column on the 1024-pixel screen (the form wider).
    columns = next(s for s in window.planner.findChildren(QSplitter) if s.count() == 3)
    columns.setSizes([200, 524, 300])
    qtbot.waitUntil(lambda: model.compact)
    # The severity column keeps its icon only; its word (and the rule id) is in the
    # tooltip and for screen readers, and the message has room for a readable line.
    first = model.index(0, SEVERITY)
    assert model.data(first) in ("", "✓")
    assert str(model.data(first, Qt.ItemDataRole.ToolTipRole)).startswith(("Warning · ",
                                                                             "Blocker · "))
    assert model.data(first, Qt.ItemDataRole.AccessibleTextRole) in ("Warning", "Blocker")
    assert table.isColumnHidden(RULE)      # the detail pane names the rule
    assert model.headerData(SEVERITY, Qt.Orientation.Horizontal) == ""
    assert table.columnWidth(MESSAGE) >= MESSAGE_CHARS_WANTED * chars
    # Given the room back, the word and the rule come back.
    columns.setSizes([200, 200, 624])
    qtbot.waitUntil(lambda: not model.compact)
    assert model.data(model.index(0, SEVERITY)) in ("Warning", "Blocker", "Warning ✓")
    assert not table.isColumnHidden(RULE)
    window.close()


def test_a_long_title_reads_from_its_start_in_a_narrow_field(qtbot: QtBot, db: Database,
                                                              tmp_path: Path) -> None:
    window = _small_window(qtbot, db, tmp_path)
    page = window.planner
    title = page.form.title
    title.setFixedWidth(200)                    # the field beside a wide findings column
    shown = page.plan_id
    page.select_plan(next(s.id for s in page.repo.list() if s.id != shown))
    page.select_plan(shown)
    QApplication.processEvents()
    assert title.text() == "Assistance mission in Rwanda (UNAMIR-like, 1993)"
    assert title.fontMetrics().horizontalAdvance(title.text()) > title.width()  # too long
    assert title.cursorPosition() == 0          # so the field shows "Assistance mission…"
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " B")                # typing keeps its cursor where it types
    assert title.text().endswith(" B") and title.cursorPosition() == len(title.text())
    window.close()
