"""XLSX read without a spreadsheet library: the workbook's parts through the guarded zip and
XML readers of ``docimport.bounds``, the sheet's rows streamed (each row cleared once read).

Cells: shared strings, inline strings, formula results, numbers, booleans, errors (read as
text, e.g. ``#DIV/0!``), and numbers whose format is a date read as dates, in the workbook's
1900 or 1904 date system. Percent-formatted numbers are read as the percentage shown (0.45
formatted ``0%`` is 45).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from xml.etree import ElementTree as ET

from pkdesk.core.dataimport.table import (
    MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, Cell, RawTable, cell_too_long, too_many_columns,
    too_many_rows,
)
from pkdesk.core.docimport.bounds import iterparse_xml, parse_xml, zip_entry
from pkdesk.core.errors import InputError

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_SHARED_STRINGS = 1_000_000
# Built-in number formats that show a date (or date and time) whatever the locale.
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51,
                              52, 53, 54, 57, 58})
_PERCENT_FORMAT_IDS = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_REF = re.compile(r"([A-Z]{1,3})([0-9]+)$")


def _format_kind(code: str) -> str:
    """"date", "percent" or "" for a custom number format code."""
    bare = _QUOTED.sub("", code).lower()
    if "%" in bare:
        return "percent"
    bare = bare.split(";")[0].replace("general", "")
    if any(ch in bare for ch in "dmy") or ("h" in bare and "s" in bare):
        return "date"
    return ""


def serial_date(serial: float, date1904: bool) -> dt.date | None:
    """A spreadsheet's day number as a date; None when out of range."""
    if not 0 <= serial < 2_958_466:
        return None
    days = int(serial)
    if date1904:
        return dt.date(1904, 1, 1) + dt.timedelta(days=days)
    if days == 60:          # 1900-02-29, which Lotus and Excel count but never was
        return dt.date(1900, 2, 28)
    base = dt.date(1899, 12, 31) if days < 60 else dt.date(1899, 12, 30)
    return base + dt.timedelta(days=days)


def column_index(ref: str) -> int | None:
    m = _REF.match(ref)
    if not m:
        return None
    index = 0
    for ch in m.group(1):
        index = index * 26 + ord(ch) - 64
    return index - 1


def _workbook(raw: bytes, name: str) -> tuple[list[tuple[str, str]], bool]:
    """The sheets as (name, relationship id) in workbook order, and whether dates count
    from 1904."""
    root = parse_xml(zip_entry(raw, name, "xl/workbook.xml", "XLSX"), name, "xl/workbook.xml")
    pr = root.find(f"{_MAIN}workbookPr")
    date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
    sheets = [(el.get("name", ""), el.get(f"{_REL}id", ""))
              for el in root.iter(f"{_MAIN}sheet")]
    if not sheets:
        raise InputError(f"{name}: the workbook has no sheets")
    return sheets, date1904


def _sheet_part(raw: bytes, name: str, rel_id: str) -> str:
    rels = parse_xml(zip_entry(raw, name, "xl/_rels/workbook.xml.rels", "XLSX"), name,
                     "xl/_rels/workbook.xml.rels")
    for el in rels.iter(f"{_PKG_REL}Relationship"):
        if el.get("Id") == rel_id:
            target = el.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
            return part
    raise InputError(f"{name}: the workbook names a sheet it does not hold")


def _optional(raw: bytes, name: str, entry: str) -> bytes | None:
    try:
        return zip_entry(raw, name, entry, "XLSX")
    except InputError as exc:
        if f"no {entry} inside" in str(exc):
            return None
        raise


def _shared_strings(raw: bytes, name: str) -> list[str]:
    data = _optional(raw, name, "xl/sharedStrings.xml")
    if data is None:
        return []
    out: list[str] = []
    parts: list[str] = []
    phonetic = 0
    for event, el in iterparse_xml(data, name, "xl/sharedStrings.xml"):
        tag = el.tag
        if tag == f"{_MAIN}rPh":
            phonetic += 1 if event == "start" else -1
        elif event != "end":
            continue
        elif tag == f"{_MAIN}t" and not phonetic:
            parts.append(el.text or "")
        elif tag == f"{_MAIN}si":
            out.append("".join(parts))
            parts = []
            el.clear()
            if len(out) > MAX_SHARED_STRINGS:
                raise InputError(f"{name}: more than {MAX_SHARED_STRINGS:,} distinct texts")
    return out


def _styles(raw: bytes, name: str) -> list[str]:
    """Per cell style index: "date", "percent" or ""."""
    data = _optional(raw, name, "xl/styles.xml")
    if data is None:
        return []
    root = parse_xml(data, name, "xl/styles.xml")
    custom: dict[int, str] = {}
    for fmt in root.iter(f"{_MAIN}numFmt"):
        custom_id = fmt.get("numFmtId", "")
        if custom_id.isdigit():
            custom[int(custom_id)] = _format_kind(fmt.get("formatCode", ""))
    kinds: list[str] = []
    xfs = root.find(f"{_MAIN}cellXfs")
    for xf in (xfs if xfs is not None else []):
        fid_text = xf.get("numFmtId", "0")
        fid = int(fid_text) if fid_text.isdigit() else 0
        kinds.append(custom[fid] if fid in custom else
                     "date" if fid in _DATE_FORMAT_IDS else
                     "percent" if fid in _PERCENT_FORMAT_IDS else "")
    return kinds


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def parse_xlsx(raw: bytes, name: str, sheet: str | None = None) -> RawTable:
    sheets, date1904 = _workbook(raw, name)
    if sheet:
        chosen = next((s for s in sheets if s[0] == sheet), None) or \
            next((s for s in sheets if s[0].casefold() == sheet.strip().casefold()), None)
        if chosen is None:
            names = ", ".join(repr(s[0]) for s in sheets[:20])
            raise InputError(f"{name}: no sheet named {sheet!r} (it has {names})")
    else:
        chosen = sheets[0]
    part = _sheet_part(raw, name, chosen[1])
    strings = _shared_strings(raw, name)
    styles = _styles(raw, name)
    data = zip_entry(raw, name, part, "XLSX")
    table = RawTable(name, kind="xlsx", sheet=chosen[0])
    if len(sheets) > 1:
        table.notes.append(f"read sheet {chosen[0]!r} (of {len(sheets)})")
    if date1904:
        table.notes.append("dates count from 1904 (a workbook saved on an old Mac)")
    rows = table.rows
    cells: list[Cell] = []
    row_number = 0
    c_ref = c_type = c_style = ""
    value: str | None = None
    inline: list[str] = []
    in_inline = False
    c, v, t, is_, row_tag = (f"{_MAIN}c", f"{_MAIN}v", f"{_MAIN}t", f"{_MAIN}is",
                             f"{_MAIN}row")
    for event, el in iterparse_xml(data, name, part):
        tag = el.tag
        if event == "start":
            if tag == c:
                c_ref, c_type, c_style = el.get("r", ""), el.get("t", "n"), el.get("s", "")
                value, inline = None, []
            elif tag == is_:
                in_inline = True
            elif tag == row_tag:
                r = el.get("r", "")
                row_number = int(r) if r.isdigit() else row_number + 1
                cells = []
            continue
        if tag == v:
            value = el.text or ""
        elif tag == t and in_inline:
            inline.append(el.text or "")
        elif tag == is_:
            in_inline = False
        elif tag == c:
            col = column_index(c_ref) if c_ref else len(cells)
            if col is None:
                raise InputError(f"{name}: row {row_number}: a cell named {c_ref[:20]!r}")
            if col >= MAX_COLUMNS:
                raise too_many_columns(name, row_number, col + 1)
            cell = _cell(c_type, c_style, value, inline, strings, styles, date1904)
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise cell_too_long(name, row_number, col, len(cell))
            if col >= len(cells):
                cells.extend([None] * (col + 1 - len(cells)))
            cells[col] = cell
        elif tag == row_tag:
            if len(rows) > MAX_ROWS:
                raise too_many_rows(name)
            rows.append((row_number, cells))
            el.clear()
    return table


def _cell(kind: str, style: str, value: str | None, inline: list[str], strings: list[str],
          styles: list[str], date1904: bool) -> Cell:
    if kind == "inlineStr":
        return "".join(inline)
    if value is None:
        return None
    if kind == "s":
        index = int(value) if value.isdigit() else -1
        return strings[index] if 0 <= index < len(strings) else None
    if kind == "b":
        return value.strip() == "1"
    if kind in ("str", "e"):
        return value
    number = _number(value)
    if number is None:
        return value
    fmt = styles[int(style)] if style.isdigit() and int(style) < len(styles) else ""
    if fmt == "date":
        return serial_date(number, date1904) or number
    if fmt == "percent":
        return round(number * 100, 12)
    return number
