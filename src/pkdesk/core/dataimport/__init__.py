"""Field data imported from the CSV and XLSX files team sites keep (no Qt).

``read_data_file(path, sheet)`` reads a file into a ``Table`` (header found, rows bounded);
``import_points(plan, table, mapping, options)`` reads its rows as data points, all or
nothing, every problem by row and column; ``apply_import`` adds them to a copy of the plan.
"""

from __future__ import annotations

import os

from pkdesk.core.dataimport.mapping import (
    FIELDS, PREVIEW_ROWS, REQUIRED, ColumnMapping, ImportOptions, ImportResult, PreviewRow, Problem,
    ReadMemo, Table,
    apply_import, column_position, find_header, find_indicator, guess_mapping, import_points,
    match_indicator, summary,
)
from pkdesk.core.dataimport.files import parse_table, read_table
from pkdesk.core.dataimport.table import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, RawTable
from pkdesk.core.dataimport.values import (
    COMMA, DATE_ORDERS, DAY_FIRST, DECIMAL_MARKS, MONTH_FIRST, POINT, ValueProblem, parse_date,
    parse_number,
)


def read_data_file(path: str | os.PathLike[str], sheet: str | None = None) -> Table:
    """``path`` (CSV or XLSX) read, its header row found."""
    return find_header(read_table(path, sheet))


def parse_data(raw: bytes, name: str, sheet: str | None = None) -> Table:
    return find_header(parse_table(raw, name, sheet))


__all__ = [
    "COMMA", "DATE_ORDERS", "DAY_FIRST", "DECIMAL_MARKS", "FIELDS", "MAX_CELL_CHARS",
    "MAX_COLUMNS", "MAX_ROWS", "MONTH_FIRST", "POINT", "PREVIEW_ROWS", "REQUIRED", "ColumnMapping",
    "ImportOptions", "ImportResult", "PreviewRow", "Problem", "RawTable", "Table",
    "ValueProblem", "apply_import", "column_position", "find_header", "find_indicator",
    "ReadMemo", "guess_mapping", "import_points", "match_indicator", "parse_data", "parse_date",
    "parse_number", "read_data_file", "summary",
]
