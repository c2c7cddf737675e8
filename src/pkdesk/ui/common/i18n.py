"""The GUI's language: one per run, chosen at start, and its fixed strings.

The window's words live in the same catalogs as the PDFs' and the CLI's
(``pkdesk/resources/i18n/en.json`` and ``fr.json``), under ``ui.*`` ids, and are read through
`core.i18n` (English fallback, ``{name}`` placeholders filled as plain text, plural forms)::

    tr("ui.menu.file")                      # "&File" / "&Fichier"
    trn("ui.findings.count", 3)             # "3 findings" / "3 constats"

Which language (`chosen_language`): the user's choice in View › Language (QSettings) >
``$PKDESK_LANG`` > the POSIX locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) > the system's
locale as Qt reads it (Windows and macOS set no ``LANG``) > English. A new choice takes
effect at the next start: every widget reads its words when it is built.

`use_language` also loads Qt's own translation (``qtbase_fr.qm``, shipped with PySide6), so
the standard buttons and dialogs ("Cancel", "Open", the file dialog) speak the same language.
Of the ``*_fr.qm`` files PySide6 ships, only ``qtbase`` holds the widgets' and dialogs' words
(``qt_fr.qm`` merely names it); it lacks a few strings Qt 6 changed ("&Look in:", "Files of
&type:" in the non-native file dialog), which `QtGaps` supplies from our catalogs
(``ui.qt.*``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from pkdesk.core.i18n import (DEFAULT_LANGUAGE, LANG_ENV, LANGUAGES, LOCALE_ENVS, language_of,
                              resolve_language, translator)

LANGUAGE_KEY = "ui/language"

_current = DEFAULT_LANGUAGE
_qt_translators: list[QTranslator] = []
_locale_before: QLocale | None = None     # Qt's default locale before the first choice


def ui_language() -> str:
    """The language the window speaks in this run."""
    return _current


def tr(key: str, /, **values: object) -> str:
    """The UI string ``key`` in the window's language, placeholders filled as plain text."""
    return translator(_current)(key, **values)


def has(key: str) -> bool:
    """Whether the catalogs hold ``key`` (for ids built from data, such as a plan field)."""
    return translator(_current).has(key)


def trn(key: str, n: int, /, **values: object) -> str:
    """The plural form of ``key`` for ``n`` things (``{n}`` filled)."""
    return translator(_current).plural(key, n, **values)


def stored_language(settings: QSettings) -> str | None:
    """The language chosen in View › Language, if the user chose one."""
    value = settings.value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in LANGUAGES else None


def store_language(settings: QSettings, lang: str) -> None:
    settings.setValue(LANGUAGE_KEY, lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    settings.sync()


def chosen_language(settings: QSettings, environ: Mapping[str, str] | None = None,
                    system: str | None = None) -> str:
    """The menu's choice > $PKDESK_LANG > the POSIX locale > the system locale > English.

    ``system`` is the system locale's name (``fr_CA``); by default Qt's reading of it.
    """
    stored = stored_language(settings)
    if stored is not None:
        return stored
    env = os.environ if environ is None else environ
    if any(env.get(name, "").strip() for name in (LANG_ENV, *LOCALE_ENVS)):
        return resolve_language(None, env)
    name = QLocale.system().name() if system is None else system
    return language_of(name) or DEFAULT_LANGUAGE


def qt_translation_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


# Qt's own strings that its French catalog does not translate: (context, source) -> our id.
QT_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "ui.qt.look_in",
    ("QFileDialog", "Files of &type:"): "ui.qt.files_of_type",
}


class QtGaps(QTranslator):
    """Qt's strings missing from its own French catalog, in the window's language."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None is Qt's "not mine" (a null string): the next catalog is asked; "" would
        # translate every other string of Qt to nothing.
        key = QT_GAPS.get((context, source))
        return tr(key) if key is not None else None

    def isEmpty(self) -> bool:
        return False


def use_language(lang: str) -> str:
    """Speak ``lang`` from now on (build the window afterwards); returns the language used.

    Loads Qt's own French for standard buttons and dialogs when a QCoreApplication exists,
    and makes Qt's default locale (numbers in spin boxes, the file dialog) follow the choice.
    """
    global _current, _locale_before
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    app = QCoreApplication.instance()
    while _qt_translators:
        old = _qt_translators.pop()
        if app is not None:
            app.removeTranslator(old)
    if _locale_before is None:
        _locale_before = QLocale()
    before = _locale_before
    if language_of(before.name()) == _current or (
            _current == DEFAULT_LANGUAGE and language_of(before.name()) is None):
        QLocale.setDefault(before)
    else:
        language = (QLocale.Language.French if _current == "fr" else QLocale.Language.English)
        QLocale.setDefault(QLocale(language, before.territory()))
    if app is not None and _current != DEFAULT_LANGUAGE:
        qt = QTranslator(app)
        if qt.load(f"qtbase_{_current}", qt_translation_dir()):
            app.installTranslator(qt)
            _qt_translators.append(qt)
        gaps = QtGaps(app)          # installed last: asked first
        app.installTranslator(gaps)
        _qt_translators.append(gaps)
    return _current
