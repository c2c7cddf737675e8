"""The languages pkdesk speaks (English and French), and its translated fixed strings.

Catalogs are data, one file a language (``pkdesk/resources/i18n/<lang>.json``), keyed by stable ids
such as ``pdf.page`` or ``value.withheld``; English is the reference and the fallback::

    {"format": "pkdesk.i18n", "version": 1, "language": "fr",
     "messages": {"pdf.page": "Page {page} sur {pages}",
                  "count.blocker": {"one": "{n} bloquant", "other": "{n} bloquants"}}}

Which language: an explicit choice (``--lang``) > ``$PKDESK_LANG`` > the POSIX locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``fr_FR.UTF-8``, ``fr_CA`` -> fr) > on Windows, where
those variables are usually unset, the user's display language > English.

Placeholders are ``{name}`` and are filled with plain text: a value is never read as a
template, so a party called ``{n}`` prints as ``{n}``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
import datetime as dt
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from pkdesk.core.errors import InputError
from pkdesk.core.documents import DocumentKind

LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = "en"
LANG_ENV = "PKDESK_LANG"
LOCALE_ENVS = ("LC_ALL", "LC_MESSAGES", "LANG")     # POSIX order of precedence
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

CATALOG_FORMAT = "pkdesk.i18n"
CATALOG_VERSION = 1
MAX_CATALOG_BYTES = 512 * 2**10
MAX_MESSAGES = 2000
MAX_MESSAGE_CHARS = 2000
CATALOG = DocumentKind(CATALOG_FORMAT, CATALOG_VERSION, "message catalog", MAX_CATALOG_BYTES, max_depth=4)
_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_LOCALE = re.compile(r"([A-Za-z]{2,3})(?:[_-][A-Za-z0-9]+)?(?:\.[^@]*)?(?:@.*)?")
_PLURAL_FORMS = ("one", "other")
# Primary language ids of Windows LCIDs (the low 10 bits; winnt.h LANG_ENGLISH, LANG_FRENCH).
_WINDOWS_PRIMARY = {0x09: "en", 0x0C: "fr"}
# Windows' own locale names, as locale.getlocale() gives them there ("French_France").
_WINDOWS_NAMES = {"english": "en", "french": "fr"}

Message = str | tuple[str, str]         # plain text, or (one, other) plural forms


def language_of(value: str | None) -> str | None:
    """The supported language a code or locale names (``fr``, ``fr_CA``, ``fr_FR.UTF-8``,
    ``fr-BE``), or None for anything else (``C``, ``POSIX``, ``de_DE``, empty)."""
    match = _LOCALE.fullmatch((value or "").strip())
    if match is None:
        return None
    code = match.group(1).lower()
    return code if code in LANGUAGES else None


def language_of_windows_lcid(lcid: int) -> str | None:
    """The supported language a Windows LCID names (0x040C fr-FR, 0x0C0C fr-CA, 0x140C fr-LU,
    0x0409 en-US), or None for another language (0x0407 de-DE) or an invalid id (0)."""
    import locale

    if lcid <= 0:
        return None
    name = locale.windows_locale.get(lcid)
    if name is not None:
        return language_of(name)
    return _WINDOWS_PRIMARY.get(lcid & 0x3FF)


def language_of_windows_locale(name: str | None) -> str | None:
    """The supported language of a locale name as Windows spells it (``French_France``,
    ``English_United States``) or as POSIX does (``fr_FR``), else None."""
    if not name:
        return None
    return language_of(name) or _WINDOWS_NAMES.get(name.split("_", 1)[0].strip().lower())


def system_language() -> str | None:
    """The language the operating system is set to, where no locale variable says it: on
    Windows the user's display language (``GetUserDefaultUILanguage``), else the locale
    Python reads there. Elsewhere None: POSIX systems say it through LC_ALL/LC_MESSAGES/LANG."""
    if sys.platform == "win32":
        import ctypes
        import locale

        try:
            lcid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
        except (AttributeError, OSError):
            lcid = 0
        if lcid > 0:
            return language_of_windows_lcid(lcid)
        return language_of_windows_locale(locale.getlocale()[0])
    return None


def resolve_language(explicit: str | None = None,
                     environ: Mapping[str, str] | None = None,
                     system: Callable[[], str | None] = system_language) -> str:
    """The language to speak: ``explicit`` > $PKDESK_LANG > the POSIX locale > the system's
    language (Windows, through ``system``) > English.

    A choice that names no supported language (``PKDESK_LANG=de``, ``LC_ALL=de_DE``) means
    English: it is still a choice, so a lower-priority French ``LANG`` does not override it.
    """
    env = os.environ if environ is None else environ
    if explicit:
        return language_of(explicit) or DEFAULT_LANGUAGE
    if env.get(LANG_ENV, "").strip():
        return language_of(env[LANG_ENV]) or DEFAULT_LANGUAGE
    for name in LOCALE_ENVS:
        value = env.get(name, "").strip()
        if value:
            return language_of(value) or DEFAULT_LANGUAGE
    return system() or DEFAULT_LANGUAGE


def supported(lang: str) -> str:
    """``lang`` if pkdesk speaks it, else English (core functions take any code)."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


# catalogs -------------------------------------------------------------------------------------

def parse_catalog(raw: bytes, name: str,
                  file_size: int | None = None) -> tuple[str, dict[str, Message]]:
    """The language and messages of a catalog file; a problem is one InputError line."""
    return CATALOG.parse(raw, name, _catalog_from_dict, file_size)


def _catalog_from_dict(doc: Any) -> tuple[str, dict[str, Message]]:
    doc = CATALOG.header(doc)
    lang = doc.get("language")
    if lang not in LANGUAGES:
        raise InputError(f"language: expected one of {', '.join(LANGUAGES)}")
    items = doc.get("messages")
    if not isinstance(items, dict) or len(items) > MAX_MESSAGES:
        raise InputError(f"messages: expected an object of at most {MAX_MESSAGES} "
                         "messages")
    if not _all_ids(items):
        for key in items:
            if not _ID.fullmatch(key):
                raise InputError(f"messages: {key[:60]!r} is not an id like pdf.page")
    messages: dict[str, Message] = {}
    for key, value in items.items():
        # Plain text, checked inline (this runs for every message at every start); plural
        # forms and anything wrong go through `_message`.
        if type(value) is str and 0 < len(value) <= MAX_MESSAGE_CHARS and not value.isspace():
            messages[key] = value
        else:
            messages[key] = _message(value, f"messages.{key}")
    return str(lang), messages


_IDS = re.compile(rf"{_ID.pattern}(?:\n{_ID.pattern})*")


def _all_ids(keys: dict[str, Any]) -> bool:
    """Whether every key is an id like pdf.page, in one match over all of them: exactly one
    line break per key joins them, so a key holding a line break cannot pass as two ids."""
    joined = "\n".join(keys)
    return not keys or (joined.count("\n") == len(keys) - 1 and _IDS.fullmatch(joined) is not None)


def _message(value: Any, where: str) -> Message:
    if isinstance(value, dict):
        if set(value) != set(_PLURAL_FORMS):
            raise InputError(f"{where}: expected text or {{\"one\": text, \"other\": text}}")
        return (_text(value["one"], f"{where}.one"), _text(value["other"], f"{where}.other"))
    return _text(value, where)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_MESSAGE_CHARS:
        raise InputError(f"{where}: expected non-empty text of at most {MAX_MESSAGE_CHARS} "
                         "characters")
    return value


def catalog_path(lang: str) -> Path:
    from pkdesk.paths import resources_dir

    return resources_dir() / "i18n" / f"{lang}.json"


def _shipped_catalog(raw: bytes, name: str,
                     file_size: int | None = None) -> tuple[str, dict[str, Message]]:
    """A catalog shipped with pkdesk: part of the install, like the code, so parsed with
    plain `json.loads` (the window's first paint waits for it) and checked as any catalog is;
    the bounded parse that guards files from elsewhere (size and nesting before parsing,
    duplicate keys) is then skipped, and `tests/core/test_i18n.py` runs it on the shipped
    files. Anything wrong takes that full parse, which says what."""
    import json

    if file_size is None and len(raw) <= MAX_CATALOG_BYTES:
        try:
            return _catalog_from_dict(json.loads(raw))
        except (ValueError, InputError):
            pass
    return parse_catalog(raw, name, file_size)


@lru_cache(maxsize=len(LANGUAGES))
def catalog(lang: str) -> dict[str, Message]:
    """The shipped messages of ``lang`` (a supported language), read once."""
    path = catalog_path(lang)
    raw, size = CATALOG.read(path)
    found, messages = _shipped_catalog(raw, path.name, size)
    if found != lang:
        raise InputError(f"{path.name}: language: expected {lang} (got {found})")
    return messages


def fill(template: str, values: Mapping[str, object]) -> str:
    """``{name}`` placeholders replaced by ``values`` as plain text, in one pass."""
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def plural_form(lang: str, n: int) -> int:
    """0 for the "one" form, 1 for "other": French counts 0 and 1 as singular."""
    if lang == "fr":
        return 0 if n in (0, 1) else 1
    return 0 if n == 1 else 1


@dataclass(frozen=True)
class Translator:
    """Fixed strings of one language, falling back to English for an id it lacks.

    An id no catalog has is a bug (KeyError), not something to show a user.
    """

    lang: str

    def _lookup(self, key: str) -> Message:
        found = catalog(self.lang).get(key)
        return found if found is not None else catalog(DEFAULT_LANGUAGE)[key]

    def has(self, key: str) -> bool:
        return key in catalog(self.lang) or key in catalog(DEFAULT_LANGUAGE)

    def __call__(self, key: str, **values: object) -> str:
        message = self._lookup(key)
        template = message if isinstance(message, str) else message[1]
        return fill(template, values) if values else template

    def plural(self, key: str, n: int, **values: object) -> str:
        """The form of ``key`` for ``n`` things, with ``{n}`` filled."""
        message = self._lookup(key)
        template = message if isinstance(message, str) else message[plural_form(self.lang, n)]
        return fill(template, {"n": n, **values})

    def date(self, value: date) -> str:
        """A date as this language prints it: ``2025-03-14`` / « 14 mars 2025 »."""
        if self.lang != "fr":
            return value.isoformat()
        month = self(f"month.{value.month}")
        return f"{'1er' if value.day == 1 else value.day} {month} {value.year}"

    def long_date(self, value: dt.date) -> str:
        """A date in words: "29 November 2026" / « 29 novembre 2026 »."""
        if self.lang == "fr":
            return self.date(value)
        return f"{value.day} {self(f'month.{value.month}')} {value.year}"

    def number(self, n: int) -> str:
        """A whole number as this language groups it: "1,500" / « 1 500 » (narrow no-break
        space). Tables, fields and findings all print numbers through this."""
        grouped = f"{abs(n):,}"
        if self.lang == "fr":
            grouped = grouped.replace(",", "\u202f")
        return f"-{grouped}" if n < 0 else grouped

    def date_time_text(self, text: str) -> str:
        """An ISO date and time (``2026-11-29T23:22:48+00:00``) in words: "29 November 2026,
        23:22 UTC" / « 29 novembre 2026, 23 h 22 UTC »; a bare date as ``date_text``; any
        other text unchanged."""
        text = text.strip()
        if len(text) == 10:
            return self.date_text(text)
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            return text
        clock = (f"{when.hour} h {when.minute:02d}" if self.lang == "fr"
                 else f"{when.hour:02d}:{when.minute:02d}")
        offset = when.utcoffset()
        zone = ""
        if offset is not None:
            zone = " UTC"
            if offset:
                sign = "+" if offset > timedelta(0) else "-"
                minutes = abs(int(offset.total_seconds())) // 60
                zone += f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
        return f"{self.long_date(when.date())}, {clock}{zone}"

    def date_text(self, text: str) -> str:
        """An ISO date (``2025-03-14``) printed in this language; other text unchanged."""
        try:
            return self.date(date.fromisoformat(text)) if len(text) == 10 else text
        except ValueError:
            return text


@lru_cache(maxsize=len(LANGUAGES) + 1)
def translator(lang: str = DEFAULT_LANGUAGE) -> Translator:
    """The translator of ``lang``; an unsupported code gets English."""
    return Translator(supported(lang))
