"""Every tooltip in every item model shows user and file text literally.

Qt renders a tooltip as rich text whenever it merely looks like HTML, so a party called
"<b>North</b>" would turn bold. This walks every item model in a window full of such text
and requires each tooltip that Qt would treat as rich text to be one built by `plain_tip`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6 import QtGui
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.model import Party, Plan, Strategy
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.ui.common.plain_tip import plain_tip
from tests.ui.planner_helpers import open_planner

MARKUP = "<b>bold</b> <img src=x>"
PLAIN_TIP_PREFIX = plain_tip("")[: plain_tip("").index(">", 5) + 1]


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # QAbstractListModel keeps columnCount private in PySide6
        return 1


def _tooltips(model: QAbstractItemModel, parent: QModelIndex = QModelIndex(),
              depth: int = 0) -> list[str]:
    tips: list[str] = []
    for row in range(min(model.rowCount(parent), 200)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                tips.append(tip)
        if depth < 4 and model.rowCount(model.index(row, 0, parent)) > 0:
            tips += _tooltips(model, model.index(row, 0, parent), depth + 1)
    return tips


def test_every_model_tooltip_with_markup_is_shown_literally(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan = Plan(title=f"Plan {MARKUP}", parties=[Party(name=f"Party {MARKUP}", consent="withheld")],
                strategies=[Strategy(kind="mediation", parties=[f"Party {MARKUP}"],
                                     lead=f"Lead {MARKUP}", notes=f"Notes {MARKUP}")])
    PlanRepository(db).create(plan)
    ReferenceRepository(db).set_note("principles.consent", f"Note {MARKUP}")
    window = open_planner(qtbot, db, tmp_path)
    qtbot.waitUntil(lambda: window.planner.findChildren(QAbstractItemModel) != [])

    models = window.findChildren(QAbstractItemModel)
    tips = [tip for model in models for tip in _tooltips(model)]
    with_markup = [tip for tip in tips if "bold" in tip]
    assert len(with_markup) >= 4, tips  # plan, party, strategy, finding or note tooltips seen
    for tip in tips:
        if QtGui.Qt.mightBeRichText(tip):
            assert tip.startswith(PLAIN_TIP_PREFIX), tip
            shown = QTextDocument()
            shown.setHtml(tip)
            assert "<" not in tip.removeprefix(PLAIN_TIP_PREFIX).split("</p>")[0]
            if "bold" in tip:
                assert MARKUP in shown.toPlainText()


def test_escape_is_html_escape() -> None:
    """`plain_tip.escape` stands in for `html.escape` in the code the first paint runs."""
    import html

    from pkdesk.ui.common.plain_tip import escape

    for text in ("<b>North</b> & \"South\" 'East'", "&amp; &lt;", "", "é — ✎ <>"):
        assert escape(text) == html.escape(text)
        assert escape(text, quote=False) == html.escape(text, quote=False)
