"""A spreadsheet's rows as read from a CSV or XLSX file, before any column means anything.

A cell is text (``str``), a number (``float``), a boolean, a date (an XLSX date cell) or
None (empty). Rows keep the number a spreadsheet shows for them (1 is the first row), so a
problem can name the row the user will look for.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from pkdesk.core.docimport.bounds import MAX_FILE_BYTES
from pkdesk.core.errors import InputError
from pkdesk.core.inputfile import open_regular

Cell = str | float | bool | dt.date | None
Note = tuple[str, dict[str, object]]    # how the file was read: a data.note.* id and values

MAX_ROWS = 200_000          # rows of one file (a team's years of weekly data is far fewer)
MAX_COLUMNS = 256
MAX_CELL_CHARS = 5_000      # one cell's text
MAX_DATA_BYTES = MAX_FILE_BYTES   # the file itself (50 MiB)


@dataclass
class RawTable:
    """The rows of one sheet: (row number, cells), empty rows included as []."""

    name: str                                   # the file's name, for messages
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # how it was read, for the user
    kind: str = "csv"                           # "csv" or "xlsx"
    delimiter: str = ""                         # CSV only
    sheet: str = ""                             # XLSX only: the sheet read
    sheets: list[str] = field(default_factory=list)   # XLSX only: every sheet, in order
    date1904: bool = False                      # XLSX only: day numbers count from 1904


def too_many_rows(name: str) -> InputError:
    return InputError(f"{name}: more than {MAX_ROWS:,} rows; split the file (at most "
                      f"{MAX_ROWS:,} rows are imported at once)")


def too_many_columns(name: str, row: int, count: int) -> InputError:
    return InputError(f"{name}: row {row} has {count:,} columns; at most {MAX_COLUMNS} "
                      "are read")


def cell_too_long(name: str, row: int, column: int, length: int) -> InputError:
    return InputError(f"{name}: row {row}, column {column_letter(column)}: a cell of "
                      f"{length:,} characters; at most {MAX_CELL_CHARS:,} are read")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the name a spreadsheet gives a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_bytes(path: str | os.PathLike[str], what: str = "data file") -> bytes:
    """The file's bytes, refusing what is not a regular file or is over the size bound."""
    try:
        with open_regular(path, what) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_DATA_BYTES:
                raise InputError(f"{Path(path).name}: {size / 2**20:,.1f} MiB; a {what} may "
                                 f"be at most {MAX_DATA_BYTES // 2**20} MiB")
            raw = fh.read(MAX_DATA_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"cannot read {what} {path}: no such file") from None
    except PermissionError:
        raise InputError(f"cannot read {what} {path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a {what}") from None
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_DATA_BYTES:
        raise InputError(f"{Path(path).name}: a {what} may be at most "
                         f"{MAX_DATA_BYTES // 2**20} MiB")
    return raw
