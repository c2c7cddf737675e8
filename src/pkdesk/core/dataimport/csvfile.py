"""CSV as field teams save it: UTF-8 with or without a BOM (else Windows-1252, said in a
note), the delimiter sniffed among comma, semicolon and tab, fields quoted or not."""

from __future__ import annotations

import csv
import io

from pkdesk.core.dataimport.table import (
    MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, Cell, RawTable, cell_too_long, too_many_columns,
    too_many_rows,
)
from pkdesk.core.errors import InputError

DELIMITERS = (",", ";", "\t")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
SAMPLE_LINES = 50


def decode(raw: bytes, name: str) -> tuple[str, str | None]:
    """The text, and the id of a note when it was not UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "data.note.utf16"
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts with a UTF-16 mark but is not UTF-16 text") \
                from None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not text (neither UTF-8 nor Windows-1252: byte "
                         f"0x{raw[utf8_error.start]:02x} at {utf8_error.start:,}); save it as "
                         "CSV UTF-8") from None
    return text, "data.note.cp1252"


def sniff_delimiter(text: str) -> str:
    """The candidate that splits the first lines into the same number (2 or more) of fields
    most often; a comma when none does."""
    sample = "\n".join(text.splitlines()[:SAMPLE_LINES])
    best, best_score = ",", (0, 0)
    for delim in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delim) if r]
        except csv.Error:
            continue
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = (counts.count(common), common)
        if score > best_score:
            best, best_score = delim, score
    return best


def parse_csv(raw: bytes, name: str) -> RawTable:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: not a CSV file (it holds binary data)")
    text, note = decode(raw, name)
    delimiter = sniff_delimiter(text)
    table = RawTable(name, kind="csv", delimiter=delimiter)
    if note:
        table.notes.append((note, {}))
    table.notes.append((f"data.note.{_NAMES[delimiter]}", {}))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = table.rows
    number = 0
    try:
        for record in reader:
            number += 1
            if number > MAX_ROWS + 1:       # + 1: the header
                raise too_many_rows(name)
            if len(record) > MAX_COLUMNS:
                raise too_many_columns(name, number, len(record))
            cells: list[Cell] = []
            for i, cell in enumerate(record):
                if len(cell) > MAX_CELL_CHARS:
                    raise cell_too_long(name, number, i, len(cell))
                cells.append(cell)
            rows.append((number, cells))
    except csv.Error as exc:
        raise InputError(f"{name}: row {number + 1} cannot be read as CSV ({exc})") from None
    return table
