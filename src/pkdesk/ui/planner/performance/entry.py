"""Reading what the user types into the Performance tab: dates and numbers (no Qt).

Dates are taken as ISO (``2025-03-31``) or day first (``31/03/2025``, also with ``.`` or
``-``), and must exist. Numbers are read in the window's language: in French the decimal
comma (``12,5``) and a space or no-break space between thousands; in English the decimal
point and commas between thousands (``1,250.5``). A point is a decimal point in both.
"""

from __future__ import annotations

import math
import re
from datetime import date

from pkdesk.core.plan.performance_file import EARLIEST, LATEST, MAX_ABS_VALUE

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_EN_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")
_SPACES = ("\u00a0", "\u202f", " ", "\u2009")


class EntryError(ValueError):
    """What the user typed is not a date or number; the message says which (catalog id)."""


def parse_date(text: str) -> str:
    """The ISO date for ``text`` ("2025-03-31" or "31/03/2025"); EntryError if none."""
    text = text.strip()
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DAY_FIRST.fullmatch(text)
        if not match:
            raise EntryError("ui.performance.bad_date_format")
        day, month, year = (int(g) for g in match.groups())
    try:
        day_ = date(year, month, day)
    except ValueError:
        raise EntryError("ui.performance.no_such_date") from None
    if not EARLIEST <= day_ <= LATEST:
        raise EntryError("ui.performance.date_out_of_range")
    return day_.isoformat()


def parse_optional_date(text: str) -> str:
    return parse_date(text) if text.strip() else ""


def parse_number(text: str, lang: str) -> float:
    """The number ``text`` says in language ``lang``; EntryError if it is none."""
    raw = text.strip()
    for space in _SPACES:
        raw = raw.replace(space, "")
    if lang == "fr":
        raw = raw.replace(",", ".")
    elif "," in raw:
        if not _EN_GROUPED.fullmatch(raw):
            raise EntryError("ui.performance.bad_number_en")
        raw = raw.replace(",", "")
    if not re.fullmatch(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)", raw):
        raise EntryError("ui.performance.bad_number")
    value = float(raw)
    if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
        raise EntryError("ui.performance.number_too_large")
    return value


def parse_optional_number(text: str, lang: str) -> float | None:
    return parse_number(text, lang) if text.strip() else None


def format_number(value: float | None, lang: str) -> str:
    """``value`` as the user would type it (decimal comma in French); "" for None."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return text.replace(".", ",") if lang == "fr" else text

