"""No two Alt+letter mnemonics on one page: the menu bar's, the page tabs' and every label,
button, group box and tab of the page shown are walked, in English and in French (each
translation carries its own & keys); and within every menu its items' keys differ."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.i18n_helpers import speaking
from tests.ui.planner_helpers import import_example, open_planner


def mnemonic(text: str) -> str | None:
    """The key Alt+key reaches: the character after a single "&" ("&&" is a literal &)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].casefold()
            i += 1
        i += 1
    return None


def _owners(window: MainWindow, page: QWidget) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = defaultdict(list)

    def add(text: str, where: str) -> None:
        key = mnemonic(text)
        if key is not None:
            keys[key].append(f"{where} {text!r}")

    for action in window.menuBar().actions():
        add(action.text(), "menu")
    for i in range(window.pages.count()):
        add(window.pages.tabText(i), "page tab")
    for widget in [page, *page.findChildren(QWidget)]:
        if widget.window() is not window:
            continue      # a dialog or tool window has keys of its own
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
        elif isinstance(widget, QAbstractButton):
            add(widget.text(), "button")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group")
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget.tabText(i), "tab")
    return keys


def clashes(window: MainWindow) -> list[str]:
    found = []
    for page in (window.reference, window.planner):
        for key, owners in sorted(_owners(window, page).items()):
            if len(owners) > 1:
                found.append(f"{page.objectName()} Alt+{key}: {', '.join(owners)}")
    for menu in window.findChildren(QMenu):
        keys: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            key = mnemonic(action.text())
            if key is not None and not action.isSeparator():
                keys[key].append(action.text())
        found += [f"menu {menu.title()!r} {key}: {owners}"
                  for key, owners in keys.items() if len(owners) > 1]
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_mnemonic_clash_on_any_page(qtbot: QtBot, db: Database, tmp_path: Path,
                                       lang: str) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    with speaking(lang):
        window = open_planner(qtbot, db, tmp_path)
        window.planner.whatif.whatifs.set_expanded(True)
        assert _owners(window, window.planner)["f" if lang == "en" else "i"], "walk found keys"
        assert clashes(window) == []
