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
from collections.abc import Callable
from xml.parsers import expat

from pkdesk.core.dataimport.table import (
    MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, Cell, RawTable, cell_too_long, too_many_columns,
    too_many_rows,
)
from pkdesk.core.docimport.bounds import MAX_DEPTH, parse_xml, zip_entry
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


_COLUMNS: dict[str, int] = {}


def column_index(ref: str) -> int | None:
    """"C7" -> 2; None for what is not a cell reference."""
    letters = ref.rstrip("0123456789")
    found = _COLUMNS.get(letters)
    if found is not None and len(letters) < len(ref):
        return found
    m = _REF.match(ref)
    if not m:
        return None
    index = 0
    for ch in m.group(1):
        index = index * 26 + ord(ch) - 64
    if len(_COLUMNS) < 1_000:
        _COLUMNS[m.group(1)] = index - 1
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


class _Handler:
    """What a streamed part does with its elements. ``start`` and ``end`` keep ``depth``
    (bounded like ``parse_xml``); tags come as expat names them, ``namespace}name``."""

    depth = 0
    where = ""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        raise NotImplementedError

    def end(self, tag: str) -> None:
        raise NotImplementedError

    def text(self, chunk: str) -> None:
        raise NotImplementedError

    def too_deep(self) -> InputError:
        return InputError(f"{self.where} is nested more than {MAX_DEPTH} elements deep")


def _stream(data: bytes, name: str, entry: str, handler: _Handler) -> None:
    """Stream a big part (a sheet's rows, the shared strings) through expat's callbacks,
    with ``parse_xml``'s guards: no DTD or entities, nesting bounded."""
    if b"<!DOCTYPE" in data[:1 << 20].upper() or b"<!ENTITY" in data:
        raise InputError(f"{name}: {entry} declares a DTD or entities; refused")
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    handler.where = f"{name}: {entry}"

    def refuse(*_args: object) -> None:
        raise InputError(f"{name}: {entry} declares a DTD or entities; refused")

    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.text
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(f"{name}: {entry} is not well-formed XML ({exc})") from None


_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SI, _RPH = _NS + "si", _NS + "rPh"
_C, _V, _T, _IS, _ROW = _NS + "c", _NS + "v", _NS + "t", _NS + "is", _NS + "row"


class _SharedStrings(_Handler):
    def __init__(self, name: str) -> None:
        self.name = name
        self.out: list[str] = []
        self.parts: list[str] = []
        self.phonetic = 0
        self.in_t = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.too_deep()
        if tag == _T:
            self.in_t = not self.phonetic
        elif tag == _RPH:
            self.phonetic += 1

    def end(self, tag: str) -> None:
        self.depth -= 1
        if tag == _T:
            self.in_t = False
        elif tag == _RPH:
            self.phonetic -= 1
        elif tag == _SI:
            self.out.append("".join(self.parts))
            self.parts.clear()
            if len(self.out) > MAX_SHARED_STRINGS:
                raise InputError(f"{self.name}: more than {MAX_SHARED_STRINGS:,} distinct "
                                 "texts")

    def text(self, chunk: str) -> None:
        if self.in_t:
            self.parts.append(chunk)


def _shared_strings(raw: bytes, name: str) -> list[str]:
    data = _optional(raw, name, "xl/sharedStrings.xml")
    if data is None:
        return []
    handler = _SharedStrings(name)
    _stream(data, name, "xl/sharedStrings.xml", handler)
    return handler.out


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
    table = RawTable(name, kind="xlsx", sheet=chosen[0], sheets=[s[0] for s in sheets],
                     date1904=date1904)
    if len(sheets) > 1:
        table.notes.append(("data.note.sheet", {"sheet": chosen[0], "count": len(sheets)}))
    if date1904:
        table.notes.append(("data.note.date1904", {}))
    _SheetReader(table, name, strings, styles, date1904).read(data, part)
    return table


class _SheetReader(_Handler):
    """A sheet's rows, cell by cell, as expat reports them."""

    def __init__(self, table: RawTable, name: str, strings: list[str], styles: list[str],
                 date1904: bool) -> None:
        self.table, self.name = table, name
        self.strings, self.styles, self.date1904 = strings, styles, date1904
        self.cells: list[Cell] = []
        self.row_number = 0
        self.ref = self.kind = self.style = ""
        self.value: list[str] | None = None
        self.inline: list[str] = []
        self.collect: list[str] | None = None     # where text goes now
        self.in_inline = False

    def read(self, data: bytes, part: str) -> None:
        _stream(data, self.name, part, self)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.too_deep()
        if tag == _C:
            self.ref, self.kind, self.style = attrs.get("r", ""), attrs.get("t", "n"), \
                attrs.get("s", "")
            self.value, self.inline = None, []
        elif tag == _V:
            self.value = []
            self.collect = self.value
        elif tag == _T and self.in_inline:
            self.collect = self.inline
        elif tag == _IS:
            self.in_inline = True
        elif tag == _ROW:
            r = attrs.get("r", "")
            self.row_number = int(r) if r.isdigit() else self.row_number + 1
            self.cells = []

    def text(self, chunk: str) -> None:
        if self.collect is not None:
            self.collect.append(chunk)

    def end(self, tag: str) -> None:
        self.depth -= 1
        if tag == _V or tag == _T:
            self.collect = None
        elif tag == _IS:
            self.in_inline = False
        elif tag == _C:
            self.end_cell()
        elif tag == _ROW:
            if len(self.table.rows) > MAX_ROWS:
                raise too_many_rows(self.name)
            self.table.rows.append((self.row_number, self.cells))

    def end_cell(self) -> None:
        cells, row = self.cells, self.row_number
        col = column_index(self.ref) if self.ref else len(cells)
        if col is None:
            raise InputError(f"{self.name}: row {row}: a cell named {self.ref[:20]!r}")
        if col >= MAX_COLUMNS:
            raise too_many_columns(self.name, row, col + 1)
        value = "".join(self.value) if self.value is not None else None
        cell = _cell(self.kind, self.style, value, self.inline, self.strings, self.styles,
                     self.date1904)
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise cell_too_long(self.name, row, col, len(cell))
        if col >= len(cells):
            cells.extend([None] * (col + 1 - len(cells)))
        cells[col] = cell


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
