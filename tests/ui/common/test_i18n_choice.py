"""Which language the window speaks: View › Language (remembered) > $PKDESK_LANG > the POSIX
locale > the system locale > English; a new choice is stored, told in the language chosen, and
used from the next start."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.app import start_window
from pkdesk.ui.common.i18n import LANGUAGE_KEY, chosen_language, stored_language, ui_language, use_language
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.i18n_helpers import plain
from tests.ui.reference_helpers import settings_at


@pytest.mark.parametrize(("stored", "env", "system", "expected"), [
    (None, {}, "C", "en"),
    (None, {}, "fr_CA", "fr"),                                  # Windows, macOS: no LANG
    (None, {}, "de_DE", "en"),
    (None, {"LANG": "fr_FR.UTF-8"}, "en_US", "fr"),
    (None, {"LANG": "de_DE.UTF-8"}, "fr_FR", "en"),             # a locale is a choice
    (None, {"PKDESK_LANG": "fr", "LANG": "en_GB.UTF-8"}, "C", "fr"),
    ("en", {"PKDESK_LANG": "fr", "LANG": "fr_FR"}, "fr_FR", "en"),  # the menu's choice wins
    ("fr", {"PKDESK_LANG": "en"}, "en_US", "fr"),
    ("xx", {"PKDESK_LANG": "fr"}, "C", "fr"),                   # a stray value is no choice
])
def test_the_language_choice_order(tmp_path: Path, stored: str | None, env: dict[str, str],
                                   system: str, expected: str) -> None:
    settings = settings_at(tmp_path)
    if stored is not None:
        settings.setValue(LANGUAGE_KEY, stored)
    assert chosen_language(settings, env, system) == expected


@pytest.fixture
def default_settings() -> Iterator[QSettings]:
    """The application's own QSettings (what `start_window` reads), emptied of the choice after."""
    settings = QSettings()
    settings.remove(LANGUAGE_KEY)
    yield settings
    settings.remove(LANGUAGE_KEY)
    settings.sync()
    use_language("en")


def test_choosing_french_is_remembered_told_in_french_and_used_at_the_next_start(
        qtbot: QtBot, db: Database, db_path: Path, default_settings: QSettings) -> None:
    window = MainWindow.for_database(db, default_settings)
    qtbot.addWidget(window)
    window.show()
    menu = window.language_menu
    assert menu.actions_by_language["en"].isChecked()
    french = menu.actions_by_language["fr"]
    assert french.text() == "Français" and menu.actions_by_language["en"].text() == "English"

    french.trigger()
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "languageNotice"]
    assert len(boxes) == 1 and "français" in boxes[0].text()
    assert "prochain démarrage" in boxes[0].text()
    assert french.isChecked() and not menu.actions_by_language["en"].isChecked()
    assert stored_language(QSettings()) == "fr"            # read back from the file
    assert plain(window.menuBar().actions()[0].text()) == "File"   # this run stays English
    assert ui_language() == "en"
    boxes[0].accept()
    window.close()
    db.close()

    again = start_window(argparse.Namespace(db=str(db_path)))
    assert again is not None
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.db is not None)
    assert ui_language() == "fr"
    assert [plain(a.text()) for a in again.menuBar().actions()][:3] == [
        "Fichier", "Édition", "Affichage"]
    assert again.language_menu.actions_by_language["fr"].isChecked()

    # Back to English: told in English, and no notice for the language already shown.
    assert again.language_menu.choose("fr") is None
    box = again.language_menu.choose("en")
    assert box is not None and "English" in box.text() and box.windowTitle() == "Language"
    assert stored_language(QSettings()) == "en"
    box.accept()
    again.close()
    assert again.db is not None
    again.db.close()
