"""Text size: Ctrl+plus/minus/0 on the reading pane and on the findings, remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from tests.ui.planner_helpers import import_example, open_planner
from tests.ui.reference_helpers import open_window, settings_at

CTRL = Qt.KeyboardModifier.ControlModifier


def test_reading_pane_zoom_is_kept_for_the_next_start(qtbot: QtBot, db: Database,
                                                       tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    window.reference.show_node("principles.consent")
    pane = window.reference.reading
    base = pane.font().pointSizeF()
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(pane, Qt.Key.Key_Equal, CTRL)
    bigger = pane.font().pointSizeF()
    assert bigger > base * 1.15
    assert pane.document().defaultFont().pointSizeF() == bigger   # the text itself grows
    qtbot.keyClick(pane, Qt.Key.Key_Minus, CTRL)
    assert base < pane.font().pointSizeF() < bigger
    window.close()

    second = open_window(qtbot, db, tmp_path)
    pane2 = second.reference.reading
    assert abs(pane2.font().pointSizeF() - base * 1.1) < 0.01
    pane2.setFocus()
    qtbot.keyClick(pane2, Qt.Key.Key_0, CTRL)
    assert pane2.font().pointSizeF() == base
    assert int(settings_at(tmp_path).value("reference/textZoom")) == 0  # type: ignore[call-overload]


def test_findings_zoom(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    findings = window.planner.findings
    base, row = findings.detail.font().pointSizeF(), findings.table.verticalHeader().defaultSectionSize()
    findings.table.setFocus()
    qtbot.keyClick(findings.table, Qt.Key.Key_Plus, CTRL)
    assert findings.detail.font().pointSizeF() > base
    assert findings.table.font().pointSizeF() > base
    assert findings.table.verticalHeader().defaultSectionSize() > row    # rows fit the text
    assert int(settings_at(tmp_path).value("planner/findingsZoom")) == 1  # type: ignore[call-overload]
    assert window.reference.reading.font().pointSizeF() == base   # each area its own size
