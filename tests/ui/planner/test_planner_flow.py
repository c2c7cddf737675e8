"""The planner as a user drives it: build a plan by hand, read a finding, open its passage."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.edits import acknowledgement_for
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.findings.acknowledge_dialog import AcknowledgeDialog
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.planner.form.party_table_model import CONSENT
from pkdesk.ui.planner.form.strategy_table_model import PARTIES
from pkdesk.ui.planner.form.table_delegates import PartyChoiceEditor
from tests.ui.planner_helpers import import_example, message_boxes, open_editor, open_planner
from tests.ui.reference_helpers import highlighted_runs


def _rules(window: MainWindow) -> list[str]:
    model = window.planner.findings.model
    return [model.finding(r).rule for r in range(model.rowCount())]


def _click_link(qtbot: QtBot, browser: object, text: str) -> None:
    from PySide6.QtWidgets import QTextBrowser

    assert isinstance(browser, QTextBrowser)
    found = browser.document().find(text)
    assert not found.isNull(), f"{text!r} is not in the finding's detail"
    cursor = QTextCursor(browser.document())
    cursor.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cursor)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center() + QPoint(1, 0))


def test_build_a_plan_by_hand_and_open_a_findings_passage(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    assert page.list_model.rowCount() == 0 and page.empty.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.list_model.rowCount() == 1 and page.form.title.hasFocus()
    qtbot.keyClicks(page.form.title, "Operation <i>Harmattan</i>")
    assert page.plan is not None and page.plan.title == "Operation <i>Harmattan</i>"
    assert page.list_model.index(0).data() == "Operation <i>Harmattan</i>"

    # Two parties: the government, and a movement that withholds its consent.
    parties = page.form.party_editor
    for name in ("Government", "Northern Movement"):
        qtbot.mouseClick(parties.add_button, Qt.MouseButton.LeftButton)
        editor = QApplication_focus()
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, name)
        qtbot.keyClick(editor, Qt.Key.Key_Return)   # the view commits from its event loop
        qtbot.waitUntil(lambda n=name: n in page.plan.party_names(), timeout=1000)
    assert page.plan.party_names() == ["Government", "Northern Movement"]
    combo = open_editor(qtbot, parties.table, page.form.parties.index(1, CONSENT))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("withheld"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.plan.parties[1].consent == "withheld", timeout=1000)
    qtbot.waitUntil(lambda: "CONSENT-003" in _rules(window), timeout=1000)

    # A strategy that engages the government only.
    strategies = page.form.strategy_editor
    qtbot.mouseClick(strategies.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication_focus(), Qt.Key.Key_Escape)   # keep the default kind
    chooser = open_editor(qtbot, strategies.table, page.form.strategies.index(0, PARTIES))
    assert isinstance(chooser, PartyChoiceEditor)
    chooser.setCurrentIndex(chooser.choices.index(0))
    qtbot.keyClick(chooser, Qt.Key.Key_Space)
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.plan.strategies[0].parties == ["Government"], timeout=1000)
    qtbot.waitUntil(lambda: "IMPARTIALITY-002" in _rules(window), timeout=1000)

    # Select the finding, read it whole, click its first citation.
    panel = page.findings
    row = _rules(window).index("IMPARTIALITY-002")
    table = panel.table
    table.scrollTo(panel.model.index(row, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(panel.model.index(row, 3)).center())
    finding = panel.current_finding()
    assert finding is not None and finding.rule == "IMPARTIALITY-002"
    detail = panel.detail.toPlainText()
    assert "engages only" in detail and finding.instead in detail
    cite = finding.cites[0]
    assert cite.quote in detail
    title = window.reference.tree_model.title(cite.node)
    _click_link(qtbot, panel.detail, title)
    assert window.pages.currentWidget() is window.reference
    assert window.reference.current_node == cite.node
    assert " ".join(highlighted_runs(window.reference.reading.document())) == cite.quote

    # Everything typed reached the database (autosave), the markup kept as text.
    qtbot.waitUntil(lambda: not page.autosaver.has_pending(), timeout=1500)
    stored = PlanRepository(db).get(page.plan_id)
    assert stored == page.plan and stored.title == "Operation <i>Harmattan</i>"


def QApplication_focus() -> object:  # noqa: N802 - reads like the Qt call it wraps
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def test_acknowledging_a_finding_keeps_the_reason_with_the_plan(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "one-sided.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page, panel = window.planner, window.planner.findings
    assert panel.select_rule("IMPARTIALITY-002")
    verdict_before = panel.summary.verdict.text()
    qtbot.mouseClick(panel.acknowledge_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in page.findChildren(AcknowledgeDialog) if d.isVisible())
    assert not dialog.ok.isEnabled()            # no reason, no acknowledgement
    qtbot.keyClicks(dialog.reason, "Talks with the <b>movement</b> start in May.")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.current_finding().acknowledged is not None, timeout=1000)
    finding = panel.current_finding()
    assert finding is not None and finding.rule == "IMPARTIALITY-002"
    assert finding.acknowledged == "Talks with the <b>movement</b> start in May."
    assert "Talks with the <b>movement</b>" in panel.detail.toPlainText()
    assert panel.model.rowCount() == len(page.result.findings)     # still listed
    assert panel.summary.verdict.text() != verdict_before
    assert panel.withdraw_button.isEnabled()
    page.flush()
    stored = PlanRepository(db).get(plan_id)
    ack = acknowledgement_for(stored, "IMPARTIALITY-002")
    assert ack is not None and ack.reason.startswith("Talks with") and ack.at
    assert PlanRepository(db).revisions(plan_id)[-1].summary == "changed acknowledgements"
    # Withdrawn: gone from the plan, the finding asks for attention again.
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.current_finding().acknowledged is None, timeout=1000)
    page.flush()
    assert acknowledgement_for(PlanRepository(db).get(plan_id), "IMPARTIALITY-002") is None


def test_a_principle_badge_narrows_the_findings(qtbot: QtBot, db: Database,
                                               tmp_path: Path) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    panel = window.planner.findings
    total = panel.model.rowCount()
    badge = panel.summary.badges["resources"]
    assert "Resources" in badge.text() and "Resources:" in badge.accessibleName()
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
    shown = [panel.model.finding(r).principle for r in range(panel.model.rowCount())]
    assert shown and set(shown) == {"resources"} and len(shown) < total
    assert f"of {total} findings" in panel.status.text()
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == total
    assert panel.summary.verdict.text().startswith("Needs attention")


def test_delete_asks_first_and_cancel_keeps_the_plan(qtbot: QtBot, db: Database,
                                                     tmp_path: Path) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    box = page.plan_actions.confirm_delete()
    assert isinstance(box, QMessageBox) and box.textFormat() == Qt.TextFormat.PlainText
    assert "UNOCI" in box.text() or page.plan.title in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert PlanRepository(db).count() == 1
    box = page.plan_actions.confirm_delete()
    delete = box.button(QMessageBox.StandardButton.Yes)
    assert isinstance(delete, QPushButton) and delete.text() == "Delete"
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert PlanRepository(db).count() == 0 and page.plan is None
    assert not page.form.isEnabled() and not message_boxes(page)
