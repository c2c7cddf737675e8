"""A data file read into rows: XLSX (a zip, or named .xlsx) or else CSV; formats pkdesk does
not read (old .xls, .ods) named with what to do instead."""

from __future__ import annotations

import os
from pathlib import Path

from pkdesk.core.dataimport.csvfile import parse_csv
from pkdesk.core.dataimport.table import RawTable, read_bytes
from pkdesk.core.dataimport.xlsx import parse_xlsx
from pkdesk.core.errors import InputError

XLSX_SUFFIXES = (".xlsx", ".xlsm")
UNSUPPORTED = {".xls": "an old Excel (.xls) workbook", ".ods": "an OpenDocument spreadsheet",
               ".numbers": "a Numbers spreadsheet"}


def parse_table(raw: bytes, name: str, sheet: str | None = None) -> RawTable:
    """The rows of ``raw``: an XLSX workbook (a zip, or named .xlsx) or else CSV text."""
    suffix = Path(name).suffix.lower()
    if suffix in UNSUPPORTED:
        raise InputError(f"{name}: {UNSUPPORTED[suffix]} is not read; save it as XLSX or "
                         "CSV and import that")
    if raw.startswith(b"PK\x03\x04") or suffix in XLSX_SUFFIXES:
        return parse_xlsx(raw, name, sheet)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{name}: an old Excel (.xls) workbook is not read; save it as XLSX "
                         "or CSV and import that")
    if sheet:
        raise InputError(f"{name}: a CSV file has no sheets (--sheet is for XLSX files)")
    return parse_csv(raw, name)


def read_table(path: str | os.PathLike[str], sheet: str | None = None) -> RawTable:
    return parse_table(read_bytes(path), Path(path).name, sheet)
