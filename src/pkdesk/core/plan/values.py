"""Typed access to one untrusted JSON object, with messages that name the field's path."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from pkdesk.core.errors import InputError

# Longest accepted text per kind of field: generous for real plans, small enough that a
# hostile file cannot make the app or the database crawl.
NAME_CHARS = 300
TEXT_CHARS = 50_000

_UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
# Control characters (C0, DEL, C1): a NUL or an escape sequence in a title can truncate it in
# C-based tools, corrupt a terminal or a PDF's metadata. Multi-line fields (summaries, notes,
# reasons) may hold tabs and line breaks; names and titles are one line.
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are refused in
# one-line fields too: "\u202egnp.exe" shows as "exe.png", so a title or a party name could
# read as something else than it is. They are never needed to write Arabic or Hebrew (the
# Unicode bidi algorithm orders those by itself); the marks U+200E/U+200F/U+061C that can be
# needed for mixed text only set the direction of neutral characters, so they are allowed.
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,59}")


def _got(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)
        return shown if len(shown) <= 60 else shown[:57] + '..."'
    if isinstance(value, (int, float)):
        return str(value)[:40]
    return "a list" if isinstance(value, list) else "an object"


def check_encodable(value: str, where: str) -> str:
    """Reject lone surrogates (``"\\ud800"`` parses, but could never be written back)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{where}: text contains an invalid character (a lone surrogate)") from None
    return value


def check_controls(value: str, where: str, *, multiline: bool) -> str:
    """Refuse control characters, naming the field, the character and where it is."""
    found = (_CONTROL_MULTI_LINE if multiline else _CONTROL_ONE_LINE).search(value)
    if found is not None:
        allowed = "; tabs and line breaks are allowed here" if multiline else \
            "; this field is one line of text"
        kind = "bidi control character" if ord(found.group()) > 0x9f else "control character"
        raise InputError(f"{where}: {kind} U+{ord(found.group()):04X} at character "
                         f"{found.start() + 1}{allowed}")
    return value


def replace_controls(value: str, *, multiline: bool) -> str:
    """``value`` with each refused control character replaced by a space."""
    return (_CONTROL_MULTI_LINE if multiline else _CONTROL_ONE_LINE).sub(" ", value)


def check_uid(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _UID.fullmatch(value):
        raise InputError(f"{where}: expected an identifier of 1-64 letters, digits, '-' or '_' "
                         f"(got {_got(value)})")
    return value


class Obj:
    """A JSON object found at ``path`` (e.g. ``plan.parties[2]``).

    ``repair``: replace control characters in text with spaces instead of refusing them
    (for plans stored before they were refused; files are always checked strictly)."""

    def __init__(self, value: Any, path: str, *, repair: bool = False) -> None:
        if not isinstance(value, dict):
            raise InputError(f"{path}: expected an object (got {_got(value)})")
        self.data: dict[str, Any] = value
        self.path = path
        self.repair = repair

    def _controls(self, value: str, where: str, multiline: bool) -> str:
        if self.repair:
            return replace_controls(value, multiline=multiline)
        return check_controls(value, where, multiline=multiline)

    def where(self, key: str) -> str:
        """The path of a field; a key from the file that is not a plain name is shown quoted,
        so a name holding a line break or markup cannot bend the one-line message."""
        return f"{self.path}.{key if _PLAIN_KEY.fullmatch(key) else _got(key)}"

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def closed(self, keys: Iterable[str]) -> None:
        """Report the first field this version does not know (nested objects are closed)."""
        allowed = tuple(keys)
        for key in self.data:
            if key not in allowed:
                raise InputError(f"{self.where(key)}: unknown field (expected "
                                 f"{', '.join(allowed)})")

    def extra(self, known: Iterable[str]) -> dict[str, Any]:
        """Fields this version does not know, kept (and written back) only when valid: names
        one line, text without control characters but tabs and line breaks, numbers finite.
        ``repair``: such characters become spaces and non-finite numbers null instead."""
        known_set = set(known)
        extra = {}
        for key, value in self.data.items():
            if key in known_set:
                continue
            name = self._controls(check_encodable(key, f"{self.path}: field name"),
                                  f"{self.path}: field name {_got(key)}", False)
            extra[name] = self._extra_value(value, self.where(key))
        return extra

    def _extra_value(self, value: Any, where: str) -> Any:
        if isinstance(value, str):
            return check_encodable(self._controls(value, where, True), where)
        if isinstance(value, float) and not math.isfinite(value):
            if self.repair:
                return None
            raise InputError(f"{where}: {value} is not a finite number")
        if isinstance(value, list):
            return [self._extra_value(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                at = f"{where}.{key if _PLAIN_KEY.fullmatch(key) else _got(key)}"
                name = self._controls(check_encodable(key, f"{where}: field name"),
                                      f"{where}: field name {_got(key)}", False)
                out[name] = self._extra_value(item, at)
            return out
        return value

    def text(self, key: str, max_chars: int, *, required: bool = False,
             multiline: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                raise InputError(f"{self.where(key)}: missing; expected non-empty text")
            return ""
        if not isinstance(value, str):
            raise InputError(f"{self.where(key)}: expected text (got {_got(value)})")
        if required and not value.strip():
            raise InputError(f"{self.where(key)}: expected non-empty text (got {_got(value)})")
        if len(value) > max_chars:
            raise InputError(f"{self.where(key)}: text is {len(value)} characters; at most "
                             f"{max_chars} allowed")
        value = self._controls(value, self.where(key), multiline)
        if required and not value.strip():
            raise InputError(f"{self.where(key)}: expected non-empty text (got {_got(value)})")
        return check_encodable(value, self.where(key))

    def enum(self, key: str, allowed: tuple[str, ...], default: str | None) -> str:
        value = self.data.get(key)
        if value is None:
            if default is None:
                raise InputError(f"{self.where(key)}: missing; expected one of "
                                 f"{', '.join(allowed)}")
            return default
        if value not in allowed or not isinstance(value, str):
            raise InputError(f"{self.where(key)}: expected one of {', '.join(allowed)} "
                             f"(got {_got(value)})")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise InputError(f"{self.where(key)}: expected true or false (got {_got(value)})")
        return value

    def integer(self, key: str, low: int, high: int, *, nullable: bool) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if type(value) is not int or not low <= value <= high:
            what = f"a whole number from {low} to {high}" + (" or null" if nullable else "")
            raise InputError(f"{self.where(key)}: expected {what} (got {_got(value)})")
        return value

    def _list(self, key: str, max_items: int) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise InputError(f"{self.where(key)}: expected a list (got {_got(value)})")
        if len(value) > max_items:
            raise InputError(f"{self.where(key)}: {len(value)} items; at most {max_items} allowed")
        return value

    def obj(self, key: str, *, nullable: bool = False) -> Obj | None:
        value = self.data.get(key)
        if value is None:
            return None
        return Obj(value, self.where(key), repair=self.repair)

    def objs(self, key: str, max_items: int) -> list[Obj]:
        return [Obj(item, f"{self.where(key)}[{i}]", repair=self.repair)
                for i, item in enumerate(self._list(key, max_items))]

    def texts(self, key: str, max_chars: int, max_items: int) -> list[str]:
        result = []
        for i, item in enumerate(self._list(key, max_items)):
            where = f"{self.where(key)}[{i}]"
            if not isinstance(item, str) or not item.strip():
                raise InputError(f"{where}: expected non-empty text (got {_got(item)})")
            if len(item) > max_chars:
                raise InputError(f"{where}: text is {len(item)} characters; at most "
                                 f"{max_chars} allowed")
            item = self._controls(item, where, False)
            if not item.strip():
                raise InputError(f"{where}: expected non-empty text (got {_got(item)})")
            result.append(check_encodable(item, where))
        return result

    def enums(self, key: str, allowed: tuple[str, ...]) -> list[str]:
        result = []
        for i, item in enumerate(self._list(key, len(allowed) * 4)):
            if not isinstance(item, str) or item not in allowed:
                raise InputError(f"{self.where(key)}[{i}]: expected one of "
                                 f"{', '.join(allowed)} (got {_got(item)})")
            if item not in result:
                result.append(item)
        return result
