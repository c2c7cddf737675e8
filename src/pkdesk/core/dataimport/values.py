"""Dates and numbers as field teams write them.

Dates: ISO (``2025-03-31``, a time after it ignored), day-first (``31/03/2025``,
``31.03.2025``, ``31-03-2025``) as francophone teams write them, month-first only when the
user says so, spreadsheet date cells and day numbers (serials). Numbers: a decimal point or
comma, thousands grouped by spaces (also non-breaking and thin), points, commas or
apostrophes (``1 234,5``, ``1.234,5``, ``1,234.5``), a percent sign (``45 %`` is 45).
"""

from __future__ import annotations

import datetime as dt
import re

from pkdesk.core.dataimport.xlsx import serial_date
from pkdesk.core.i18n import translator

DAY_FIRST, MONTH_FIRST = "day_first", "month_first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)
COMMA, POINT = "comma", "point"
DECIMAL_MARKS = (COMMA, POINT)
MIN_YEAR, MAX_YEAR = 1900, 2199

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?)?")
_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_SERIAL = re.compile(r"\d{1,6}(?:\.\d+)?")
_SPACES = re.compile("[ \u00a0\u202f\u2009\u2007\u2008\u200a']")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*(?:[.,]\d*)?|[.,]\d+)")
_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}")
_GROUPED_COMMA = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_GROUPED_POINT = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?")


class ValueProblem(ValueError):
    """What is wrong with one cell: a message id of the catalogs (``data.*``) and its
    values; ``str()`` is the English text."""

    def __init__(self, message_id: str, /, **values: object) -> None:
        self.key, self.values = message_id, values
        super().__init__(message_text(message_id, values))

    def text(self, lang: str = "en") -> str:
        return message_text(self.key, self.values, lang)


def message_text(key: str, values: dict[str, object], lang: str = "en") -> str:
    """A ``data.*`` message in ``lang``, its values that are message ids translated too."""
    t = translator(lang)
    return t(key, **{k: t(v.key) if isinstance(v, Words) else v for k, v in values.items()})


class Words(str):
    """A value that is itself a message id (translated with the message)."""

    @property
    def key(self) -> str:
        return str(self)


def slashed_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a ``dd/mm/yyyy``-like date, to tell its order; else None."""
    m = _DMY.fullmatch(text.strip())
    return (int(m.group(1)), int(m.group(3))) if m else None


def _date(year: int, month: int, day: int, text: str, order: str | None = None) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem("data.year_range", text=text, year=year)
    try:
        return dt.date(year, month, day)
    except ValueError:
        how = Words("data.read_day_first" if order == DAY_FIRST else "data.read_month_first") \
            if order is not None else ""
        if month > 12:
            raise ValueProblem("data.no_month", text=text, month=month, how=how) from None
        raise ValueProblem("data.no_day", text=text, day=day, month=month, how=how) from None


def parse_date(cell: object, order: str | None, date1904: bool = False) -> dt.date:
    """``cell`` as a date; ``order`` says how to read ``03/04/2025`` (None: only when the
    day is over 12 or equals the month; the caller decides the file's order first)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, bool):
        raise ValueProblem("data.not_a_date", text=str(cell).upper())
    if isinstance(cell, float):
        found = serial_date(cell, date1904) if cell >= 1 else None
        if found is None or not MIN_YEAR <= found.year <= MAX_YEAR:
            raise ValueProblem("data.serial_range", text=_number_text(cell))
        return found
    text = str(cell).strip()
    m = _ISO.fullmatch(text)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    m = _DMY.fullmatch(text)
    if m:
        a, b, year_text = int(m.group(1)), int(m.group(3)), m.group(4)
        if len(year_text) != 4:
            raise ValueProblem("data.four_digit_year", text=text)
        year = int(year_text)
        if order is None:
            if a > 12 or a == b:
                order = DAY_FIRST
            else:
                raise ValueProblem("data.order_unknown", text=text)
        day, month = (a, b) if order == DAY_FIRST else (b, a)
        return _date(year, month, day, text, order)
    if _SERIAL.fullmatch(text):
        return parse_date(float(text), order, date1904)
    raise ValueProblem("data.not_a_date", text=text)


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def decimal_evidence(text: str) -> str | None:
    """Which decimal mark a written number shows beyond doubt (``12,5`` comma, ``1,234.5``
    point), or None (``1,234`` could be either; ``12`` shows none)."""
    bare = _SPACES.sub("", text.strip()).rstrip("%")
    if "," in bare and "." in bare:
        return COMMA if bare.rfind(",") > bare.rfind(".") else POINT
    if _AMBIGUOUS.fullmatch(bare):
        return None
    if "," in bare:
        return COMMA if bare.count(",") == 1 else POINT
    if "." in bare:
        return POINT if bare.count(".") == 1 else COMMA
    return None


def parse_number(cell: object, decimal: str | None) -> float:
    """``cell`` as a number; ``decimal`` is the file's decimal mark (None: not known, then
    ``1,234`` and ``1.234`` are refused as ambiguous)."""
    if isinstance(cell, bool):
        return 1.0 if cell else 0.0
    if isinstance(cell, float):
        return cell
    if isinstance(cell, dt.date):
        raise ValueProblem("data.date_not_number", text=cell.isoformat())
    text = str(cell).strip()
    bare = _SPACES.sub("", text).replace("\u2212", "-")
    if bare.endswith("%"):
        bare = bare[:-1]
    if not _NUMBER.fullmatch(bare):
        raise ValueProblem("data.not_a_number", text=text)
    if "," in bare and "." in bare:
        mark = COMMA if bare.rfind(",") > bare.rfind(".") else POINT
    elif _AMBIGUOUS.fullmatch(bare):
        if decimal is None:
            raise ValueProblem("data.decimal_unknown", text=text)
        mark = decimal
    elif "," in bare:
        mark = COMMA if bare.count(",") == 1 else POINT
    else:
        mark = POINT if bare.count(".") <= 1 else COMMA
    group, point = (".", ",") if mark == COMMA else (",", ".")
    spaced = _SPACES.split(text.strip().rstrip("%").strip().lstrip("+-\u2212").split(point)[0])
    if len(spaced) > 1 and (not 1 <= len(spaced[0]) <= 3
                            or any(len(part) != 3 for part in spaced[1:])):
        raise ValueProblem("data.bad_grouping", text=text)
    if group in bare:
        grouped = _GROUPED_POINT if mark == COMMA else _GROUPED_COMMA
        if not grouped.fullmatch(bare):
            raise ValueProblem("data.bad_grouping", text=text)
    if bare.count(point) > 1:
        raise ValueProblem("data.not_a_number", text=text)
    return float(bare.replace(group, "").replace(point, "."))
