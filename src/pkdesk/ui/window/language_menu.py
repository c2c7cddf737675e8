"""View › Language: English or Français, remembered in QSettings, used from the next start.

The window is not rebuilt on the spot: every widget, open dialog and undo step was made with
the words of the language it started in, so the choice is stored and a plain notice, in the
language chosen, says when it applies, with Restart Now (pkdesk starts again at once, every
edit written first) and Later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from pkdesk.core.i18n import LANGUAGE_NAMES, LANGUAGES, translator
from pkdesk.ui.common.i18n import store_language, stored_language, tr, ui_language


class LanguageMenu(QMenu):
    def __init__(self, settings: QSettings, parent: QWidget | None = None,
                 restart: Callable[[], object] | None = None) -> None:
        super().__init__(tr("ui.menu.language"), parent)
        self.restart = restart
        self.setObjectName("languageMenu")
        self.settings = settings
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions_by_language: dict[str, QAction] = {}
        current = stored_language(settings) or ui_language()
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], self)   # each language in its own words
            action.setCheckable(True)
            action.setChecked(lang == current)
            action.setData(lang)
            action.setStatusTip(translator(lang)("ui.lang.tip"))
            action.triggered.connect(lambda _=False, code=lang: self.choose(code))
            self.group.addAction(action)
            self.addAction(action)
            self.actions_by_language[lang] = action

    def choose(self, lang: str) -> QMessageBox | None:
        """Remember ``lang``; when it is not the language shown, say it applies at next start."""
        if lang not in LANGUAGES:
            return None
        self.actions_by_language[lang].setChecked(True)
        store_language(self.settings, lang)
        if lang == ui_language():
            return None
        t = translator(lang)         # the notice speaks the language just chosen
        box = QMessageBox(QMessageBox.Icon.Information, t("ui.lang.title"), t("ui.lang.notice"),
                          QMessageBox.StandardButton.Ok, self.parentWidget())
        box.setObjectName("languageNotice")
        box.setTextFormat(Qt.TextFormat.PlainText)
        if self.restart is not None:
            box.setStandardButtons(QMessageBox.StandardButton.NoButton)
            now = box.addButton(t("ui.lang.restart"), QMessageBox.ButtonRole.AcceptRole)
            now.setObjectName("restartNow")
            later = box.addButton(t("ui.lang.later"), QMessageBox.ButtonRole.RejectRole)
            later.setObjectName("restartLater")
            box.setDefaultButton(later)
            box.setEscapeButton(later)
            restart = self.restart
            now.clicked.connect(lambda: restart())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        return box
