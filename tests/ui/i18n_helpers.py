"""Helpers for the GUI language tests: speak a language for one test, and collect every text a
user can see in a set of windows (actions, menus, labels, buttons, group boxes, tabs, headers,
placeholders, tool tips, window titles)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox,
                               QGroupBox, QLabel, QLineEdit, QMenu, QPlainTextEdit, QSpinBox,
                               QTabWidget, QTextEdit, QToolBar, QWidget)

from pkdesk.core.i18n import catalog
from pkdesk.ui.common.i18n import use_language

PROPER_NOUNS = ("pkdesk", "PDF/A", "PDF", "A4", "UTC", "English", "Français", "Ctrl", "Shift",
                "Del", "JSON")
_RULE_ID = re.compile(r"\b[A-Z]+-\d{3}\b")


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """The GUI speaks ``lang`` (and Qt's own dialogs with it) until the block ends."""
    use_language(lang)
    try:
        yield
    finally:
        use_language("en")


@pytest.fixture
def french() -> Iterator[None]:
    with speaking("fr"):
        yield


def plain(text: str) -> str:
    """Without mnemonic markers: "&File" -> "File", "R&&D" -> "R&D"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def texts_of(roots: Iterable[QWidget]) -> set[str]:
    """Every visible-to-a-user string in ``roots`` and their children, mnemonics removed."""
    found: set[str] = set()

    def add(*values: object) -> None:
        for value in values:
            if isinstance(value, str) and value.strip():
                found.add(plain(value).strip())

    for root in roots:
        widgets = [root, *root.findChildren(QWidget)]
        for widget in widgets:
            add(widget.toolTip(), widget.accessibleName(), widget.statusTip())
            if widget.isWindow():
                add(widget.windowTitle())
            for action in widget.actions():
                add(action.text(), action.toolTip(), action.statusTip(), action.iconText())
                if action.menu() is not None:
                    add(action.menu().title())
            if isinstance(widget, QMenu):
                add(widget.title())
            elif isinstance(widget, QLabel):
                add(widget.text())
            elif isinstance(widget, QAbstractButton):
                add(widget.text())
            elif isinstance(widget, QGroupBox):
                add(widget.title())
            elif isinstance(widget, QToolBar):
                add(widget.windowTitle())
            elif isinstance(widget, QLineEdit):
                add(widget.placeholderText())
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
                add(widget.placeholderText())
            elif isinstance(widget, QTabWidget):
                add(*(widget.tabText(i) for i in range(widget.count())))
            elif isinstance(widget, QComboBox):
                add(widget.placeholderText(), *(widget.itemText(i) for i in range(widget.count())))
            if isinstance(widget, QSpinBox):
                add(widget.specialValueText(), widget.suffix())
            if isinstance(widget, QAbstractSpinBox):
                add(widget.specialValueText())
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model, top = widget.model(), QModelIndex()
                columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
                add(*(model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)))
                if model.rowCount(top) <= 60:
                    add(*(model.index(r, 0).data() for r in range(model.rowCount(top))))
    return found


def same_in_both_languages() -> set[str]:
    """Catalog strings that are rightly the same in English and French ("Plans", "Notes")."""
    en, fr = catalog("en"), catalog("fr")
    out: set[str] = set()
    for key, message in en.items():
        if fr.get(key) == message:
            forms = (message,) if isinstance(message, str) else message
            out.update(plain(form).strip() for form in forms)
    return out


def untranslated(english: set[str], french: set[str], data: Iterable[str]) -> list[str]:
    """Strings shown in both languages that are neither data (plan titles, reference titles),
    proper nouns, rule ids, numbers and symbols, nor the same word in both catalogs."""
    allowed = same_in_both_languages()
    pieces = sorted({d for d in data if d}, key=len, reverse=True)
    out = []
    for text in sorted(english & french):
        if text in allowed:
            continue
        residue = text
        for piece in (*pieces, *PROPER_NOUNS):
            residue = residue.replace(piece, " ")
        residue = _RULE_ID.sub(" ", residue)
        if re.search(r"[^\W\d_]{2,}", residue):
            out.append(text)
    return out
