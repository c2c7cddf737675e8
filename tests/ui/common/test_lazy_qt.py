"""`lazy_qt`: the code of the first paint names no `Qt.*` value, so PySide does not make its
`Qt` namespace (93 enum classes, ~17 ms of CPU) before the window is on screen; what stands in
for it gives the same values as the real thing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPainter, QPalette, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QTextBrowser

from pkdesk.ui.common import lazy_qt
from pkdesk.ui.common.arrow_icons import arrow_icon
from pkdesk.ui.common.keys import ACCEPT_KEYS
from pkdesk.ui.common.lazy_qt import set_enum

# A fresh interpreter: the shared helpers used while the first paint is built, then a look at
# whether PySide made the namespace.
CHILD = """
import json, sys
import PySide6.QtCore as QtCore
from PySide6.QtWidgets import QApplication, QLabel, QListView
app = QApplication(sys.argv[:1])
from pkdesk.ui.common import keys, list_model, text_zoom
from pkdesk.ui.common.arrow_icons import arrow_icon
from pkdesk.ui.common.lazy_qt import Qt, DISPLAY_ROLE, set_enum

class Names(list_model.ItemListModel[str]):
    def item_data(self, item, row, role):
        return item if role == DISPLAY_ROLE else None

view = QListView()
names = Names()
names._reset_items(["a", "b"])
view.setModel(names)
view.show()
arrow_icon(app.palette(), "left").pixmap(32, 32)
label = QLabel("x")
set_enum(label, "textFormat", "PlainText")
app.processEvents()
made_before = "Qt" in vars(QtCore)
Qt.AlignmentFlag            # the stand-in makes the real one when asked
print(json.dumps([made_before, "Qt" in vars(QtCore)]))
"""


def test_the_shared_helpers_leave_the_qt_namespace_unmade() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    made_before, made_after = json.loads(proc.stdout.strip().splitlines()[-1])
    assert made_before is False
    assert made_after is True


def test_the_stand_in_hands_out_the_real_namespace() -> None:
    assert lazy_qt.Qt.AlignmentFlag is Qt.AlignmentFlag
    assert lazy_qt.Qt.Key.Key_Escape is Qt.Key.Key_Escape
    assert "AlignmentFlag" in vars(lazy_qt.Qt)      # kept: the next read is a plain one
    with pytest.raises(AttributeError):
        lazy_qt.Qt.NoSuchEnum  # noqa: B018


def test_the_role_ints_equal_qts_roles() -> None:
    roles = {name: value for name, value in vars(lazy_qt).items() if name.endswith("_ROLE")}
    assert len(roles) == 15
    for name, value in roles.items():
        qt_name = "".join(part.capitalize() for part in name.split("_")[:-1]) + "Role"
        qt_name = qt_name.replace("Tooltip", "ToolTip")
        assert Qt.ItemDataRole[qt_name] == value, name


def test_accept_keys_are_ctrl_return_and_ctrl_enter() -> None:
    assert ACCEPT_KEYS == (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
                           QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter))


def test_set_enum_sets_what_the_typed_setter_sets(qapp: QApplication) -> None:
    label = QLabel("x")
    set_enum(label, "alignment", "AlignCenter")
    set_enum(label, "textFormat", "PlainText")
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    assert label.textFormat() == Qt.TextFormat.PlainText
    browser = QTextBrowser()
    set_enum(browser, "textInteractionFlags", "TextBrowserInteraction|TextSelectableByKeyboard")
    assert browser.textInteractionFlags() == (Qt.TextInteractionFlag.TextBrowserInteraction
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    splitter = QSplitter()
    set_enum(splitter, "orientation", "Vertical")
    assert splitter.orientation() == Qt.Orientation.Vertical


def test_set_enum_names_what_is_wrong(qapp: QApplication) -> None:
    label = QLabel("x")
    with pytest.raises(ValueError, match="'AlignMiddle' is not a value of QLabel.alignment"):
        set_enum(label, "alignment", "AlignMiddle")
    with pytest.raises(ValueError, match="QLabel has no enum property 'text'"):
        set_enum(label, "text", "PlainText")
    assert label.alignment() == QLabel().alignment()    # unchanged


def test_arrow_icons_are_drawn_as_before(qapp: QApplication) -> None:
    """fillPath with the palette's brush paints the same pixels as the former
    setPen(NoPen) + setBrush(colour) + drawPolygon."""
    palette = qapp.palette()
    points = {"left": ((0.7, 0.2), (0.3, 0.5), (0.7, 0.8)),
              "down": ((0.2, 0.3), (0.5, 0.7), (0.8, 0.3))}
    for direction, corners in points.items():
        for size in (16, 32):
            for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                                (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
                before = QPixmap(size, size)
                before.fill(Qt.GlobalColor.transparent)
                painter = QPainter(before)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(palette.color(group, QPalette.ColorRole.ButtonText))
                painter.drawPolygon(QPolygonF([QPointF(x * size, y * size) for x, y in corners]))
                painter.end()
                now = arrow_icon(palette, direction, size).pixmap(QSize(size, size), mode)
                assert now.toImage() == before.toImage(), (direction, size, mode)
