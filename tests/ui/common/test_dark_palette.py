"""Under a dark scheme (Fusion with a dark palette, as a desktop set to dark gives it) the
empty check boxes of the lists and the toolbar's Back/Forward arrows stay visible: drawn with
a contrast of at least 3:1 (WCAG, for controls) against what is behind them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QListView, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.common.legible_style import contrast
from pkdesk.ui.common.theme import dark_palette
from tests.ui.reference_helpers import open_window

WCAG_CONTROLS = 3.0


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    style, palette = qapp.style().name(), qapp.palette()
    qapp.setStyle("Fusion")
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _best_contrast(image: QImage, behind: QColor) -> float:
    best = 1.0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > 200:
                best = max(best, contrast(pixel, behind))
    return best


def test_the_dark_palette_itself_reads_well(dark: QPalette) -> None:
    role = QPalette.ColorRole
    assert contrast(dark.color(role.Text), dark.color(role.Base)) >= 7
    assert contrast(dark.color(role.ButtonText), dark.color(role.Button)) >= 7


def test_an_unchecked_list_box_is_visible_under_a_dark_palette(
        qtbot: QtBot, db: Database, tmp_path: Path, dark: QPalette) -> None:
    window = open_window(qtbot, db, tmp_path)     # the window puts its style in place
    model = QStandardItemModel()
    item = QStandardItem("Protect civilians")
    item.setCheckable(True)
    item.setCheckState(Qt.CheckState.Unchecked)
    model.appendRow(item)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(240, 80)
    view.show()
    qtbot.waitExposed(view)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(model.index(0, 0))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator,
                                      option, view)
    assert box.width() > 4
    image = view.viewport().grab(box).toImage()
    assert _best_contrast(image, dark.color(QPalette.ColorRole.Base)) >= WCAG_CONTROLS
    window.close()


def test_the_back_and_forward_arrows_are_visible_under_a_dark_palette(
        qtbot: QtBot, db: Database, tmp_path: Path, dark: QPalette) -> None:
    window = open_window(qtbot, db, tmp_path)
    behind = dark.color(QPalette.ColorRole.Window)
    for action in (window.reference.back_action, window.reference.forward_action):
        if not action.icon().name():      # a desktop icon theme's arrows are its own affair
            image = action.icon().pixmap(16, 16).toImage()
            assert _best_contrast(image, behind) >= WCAG_CONTROLS, action.text()
    window.close()
