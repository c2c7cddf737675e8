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
    """What is wrong with one cell, in words for the user."""


def slashed_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a ``dd/mm/yyyy``-like date, to tell its order; else None."""
    m = _DMY.fullmatch(text.strip())
    return (int(m.group(1)), int(m.group(3))) if m else None


def _date(year: int, month: int, day: int, text: str, order: str | None = None) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem(f"{text!r}: year {year} is out of range")
    try:
        return dt.date(year, month, day)
    except ValueError:
        hint = "" if order is None else \
            (" (read day first)" if order == DAY_FIRST else " (read month first)")
        if month > 12:
            raise ValueProblem(f"{text!r}: there is no month {month}{hint}") from None
        raise ValueProblem(f"{text!r}: there is no day {day} in month {month}{hint}") from None


def parse_date(cell: object, order: str | None, date1904: bool = False) -> dt.date:
    """``cell`` as a date; ``order`` says how to read ``03/04/2025`` (None: only when the
    day is over 12 or equals the month; the caller decides the file's order first)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, bool):
        raise ValueProblem(f"{str(cell).upper()} is not a date")
    if isinstance(cell, float):
        found = serial_date(cell, date1904) if cell >= 1 else None
        if found is None or not MIN_YEAR <= found.year <= MAX_YEAR:
            raise ValueProblem(f"{_number_text(cell)} is not a date (as a spreadsheet day "
                               "number it is out of range)")
        return found
    text = str(cell).strip()
    m = _ISO.fullmatch(text)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    m = _DMY.fullmatch(text)
    if m:
        a, b, year_text = int(m.group(1)), int(m.group(3)), m.group(4)
        if len(year_text) != 4:
            raise ValueProblem(f"{text!r}: write the year with four digits")
        year = int(year_text)
        if order is None:
            if a > 12 or a == b:
                order = DAY_FIRST
            else:
                raise ValueProblem(f"{text!r} could be day first or month first; say which "
                                   "order the file uses")
        day, month = (a, b) if order == DAY_FIRST else (b, a)
        return _date(year, month, day, text, order)
    if _SERIAL.fullmatch(text):
        return parse_date(float(text), order, date1904)
    raise ValueProblem(f"{text!r} is not a date (expected e.g. 2025-03-31 or 31/03/2025)")


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
        raise ValueProblem(f"{cell.isoformat()} is a date, not a number")
    text = str(cell).strip()
    bare = _SPACES.sub("", text).replace("\u2212", "-")
    if bare.endswith("%"):
        bare = bare[:-1]
    if not _NUMBER.fullmatch(bare):
        raise ValueProblem(f"{text!r} is not a number")
    if "," in bare and "." in bare:
        mark = COMMA if bare.rfind(",") > bare.rfind(".") else POINT
    elif _AMBIGUOUS.fullmatch(bare):
        if decimal is None:
            raise ValueProblem(f"{text!r} could be a thousand and more or a decimal; say "
                               "which decimal mark the file uses")
        mark = decimal
    elif "," in bare:
        mark = COMMA if bare.count(",") == 1 else POINT
    else:
        mark = POINT if bare.count(".") <= 1 else COMMA
    group, point = (".", ",") if mark == COMMA else (",", ".")
    spaced = _SPACES.split(text.strip().rstrip("%").strip().lstrip("+-\u2212").split(point)[0])
    if len(spaced) > 1 and (not 1 <= len(spaced[0]) <= 3
                            or any(len(part) != 3 for part in spaced[1:])):
        raise ValueProblem(f"{text!r} is not a number (its thousands are not grouped "
                           "by three)")
    if group in bare:
        grouped = _GROUPED_POINT if mark == COMMA else _GROUPED_COMMA
        if not grouped.fullmatch(bare):
            raise ValueProblem(f"{text!r} is not a number (its thousands are not grouped "
                               "by three)")
    if bare.count(point) > 1:
        raise ValueProblem(f"{text!r} is not a number")
    return float(bare.replace(group, "").replace(point, "."))
