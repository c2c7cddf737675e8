"""A finding's rule explained, one click away: the link in the detail and the button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.planner.findings.findings_panel import RULE_LINK
from tests.ui.planner_helpers import import_example, open_planner


def test_about_this_rule_shows_what_it_checks_why_instead_and_an_example(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "monusco-fib-2013.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    panel = window.planner.findings
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    assert panel.select_rule("FORCE-004", "party:FDLR")
    detail = panel.detail.toPlainText()
    assert "About this rule" in detail and "What it checks:" not in detail
    panel.detail.anchorClicked.emit(QUrl(RULE_LINK))            # the link in the detail
    detail = panel.detail.toPlainText()
    assert "Rule FORCE-004: warning, non-use of force, once per party that matches." in detail
    assert "party.role is listed_group" in detail
    assert "making it difficult for peacekeepers to identify legitimate parties" in detail
    assert 'Party "Forces Nouvelles" is listed under a sanctions regime' in detail
    assert panel.about_button.isChecked()
    assert panel.select_rule("RESOURCES-011")                   # another finding: hidden again
    assert "What it checks:" not in panel.detail.toPlainText()
    qtbot.mouseClick(panel.about_button, Qt.MouseButton.LeftButton)     # the button
    assert "contributors with national caveats" not in panel.detail.toPlainText()
    assert "command.caveat_contributors is not empty" in panel.detail.toPlainText()
    qtbot.mouseClick(panel.about_button, Qt.MouseButton.LeftButton)
    assert "What it checks:" not in panel.detail.toPlainText()


def test_rule_text_is_shown_literally(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    """The advice as the pack words it, placeholders and quotes as they are; a party named
    with markup shows as written in the finding above it."""
    import_example(db, "monusco-fib-2013.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    panel = window.planner.findings
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    assert panel.select_rule("FORCE-004", "party:M23")
    panel.toggle_about_rule()
    text = panel.detail.toPlainText()
    assert 'Plan the force\'s posture and the protection of civilians where "{party.name}"' in text
    assert "→ Plan the force's posture and the protection of civilians where \"Forces Nouvelles\"" \
        in text
