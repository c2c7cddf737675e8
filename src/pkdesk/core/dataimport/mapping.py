"""Which column is what, and the rows read as data points: all or nothing.

``import_points(plan, table, mapping, options)`` reads every row and returns the new points,
the counts (rows, empty rows, duplicates of points already in the plan) and every problem by
row number and column name. ``apply_import`` adds the points to a copy of the plan; it
refuses a result with problems unless the caller chose to skip bad rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from pkdesk.core.dataimport.table import Cell, Note, RawTable, column_letter
from pkdesk.core.dataimport.values import (
    COMMA, DAY_FIRST, POINT, ValueProblem, Words, decimal_evidence, message_text, parse_date,
    parse_number, slashed_parts,
)
from pkdesk.core.errors import InputError
from pkdesk.core.i18n import translator
from pkdesk.core.plan.model import DataPoint, Indicator, Plan
from pkdesk.core.plan.performance_file import MAX_ABS_VALUE, MAX_DATA_POINTS, NOTE_CHARS
from pkdesk.core.plan.values import NAME_CHARS

FIELDS = ("date", "value", "indicator", "source", "note", "recorded_by")
REQUIRED = ("date", "value")
MAX_KEPT_PROBLEMS = 1_000        # problems kept to show; all are counted
PREVIEW_ROWS = 200
_V = TypeVar("_V", str, float)   # what a required cell reads as: a date (ISO) or a number

# Header words that name each field (compared case- and accent-insensitively, English and
# French), for the mapping guessed from a header row.
_GUESSES: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "jour", "observed", "observation date", "date d'observation",
             "when", "quand", "period", "période", "periode"),
    "value": ("value", "valeur", "count", "nombre", "number", "total", "amount", "montant",
              "quantity", "quantité", "quantite", "measure", "mesure", "result", "résultat",
              "resultat"),
    "indicator": ("indicator", "indicateur", "indicator uid", "indicateur uid"),
    "source": ("source", "sources", "origin", "origine"),
    "note": ("note", "notes", "comment", "comments", "commentaire", "commentaires",
             "remark", "remarks", "remarque", "remarques", "observation", "observations"),
    "recorded_by": ("recorded by", "recorded_by", "by", "par", "relevé par", "enregistré par",
                    "enregistre par", "recorder", "reporter", "author", "auteur", "agent",
                    "saisi par"),
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_KEEP_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class ColumnMapping:
    """Column names (as the header row has them, or letters A, B... when there is none)
    for each field; None: the file has no such column."""

    date: str
    value: str
    indicator: str | None = None
    source: str | None = None
    note: str | None = None
    recorded_by: str | None = None

    def columns(self) -> dict[str, str]:
        return {f: c for f in FIELDS if (c := getattr(self, f))}


@dataclass
class ImportOptions:
    indicator: str | None = None    # uid or text of the one indicator the file is about
    date_order: str | None = None   # DAY_FIRST, MONTH_FIRST, or None: decided from the file
    decimal: str | None = None      # COMMA, POINT, or None: decided from the file
    skip_bad_rows: bool = False
    recorded_by: str = ""           # for points whose file has no recorded-by column


@dataclass
class Table:
    """A sheet with its header found: column names and the data rows after the header."""

    name: str
    columns: list[str]
    rows: list[tuple[int, list[Cell]]]
    header_row: int | None          # None: no header (columns named A, B, C...)
    notes: list[Note] = field(default_factory=list)
    kind: str = "csv"
    delimiter: str = ""
    sheet: str = ""                 # XLSX: the sheet read, and all of them
    sheets: list[str] = field(default_factory=list)
    date1904: bool = False


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: a ``data.*`` message id and its values (``text(lang)``)."""

    row: int | None                 # the file's row number; None: the whole file
    column: str | None
    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, at_row: int | None, at_column: str | None, message_id: str, /,
           **values: object) -> Problem:
        return cls(at_row, at_column, message_id, tuple(values.items()))

    @classmethod
    def cell(cls, row: int, column: str, exc: ValueProblem) -> Problem:
        return cls(row, column, exc.key, tuple(exc.values.items()))

    def message(self, lang: str = "en") -> str:
        return message_text(self.key, dict(self.values), lang)

    def text(self, lang: str = "en") -> str:
        """``row 5, column 'Date': '2025-02-30': there is no day 30 in month 2``."""
        message = self.message(lang)
        if self.row is None:
            return message
        t = translator(lang)
        if self.column is None:
            return t("data.at_row", row=self.row, message=message)
        return t("data.at_row_column", row=self.row, column=self.column, message=message)


@dataclass
class PreviewRow:
    row: int
    status: str                     # "new", "duplicate" or "bad"
    cells: dict[str, str]           # field -> the value as it will be imported (or as read)
    problems: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    points: list[tuple[str, DataPoint]] = field(default_factory=list)   # (indicator uid, point)
    rows: int = 0                   # data rows read (not the header, not empty rows)
    empty_rows: int = 0
    duplicates: int = 0
    bad_rows: int = 0
    problems: list[Problem] = field(default_factory=list)   # the first MAX_KEPT_PROBLEMS
    problem_count: int = 0
    notes: list[Note] = field(default_factory=list)   # how the file was read
    preview: list[PreviewRow] = field(default_factory=list)
    date_order: str | None = None
    decimal: str | None = None
    skip_bad_rows: bool = False
    file_problem: bool = False      # a problem with the whole file (no row skipping helps)

    @property
    def can_apply(self) -> bool:
        """All or nothing: no problem at all, or only bad rows the caller chose to skip."""
        if self.file_problem:
            return False
        return self.bad_rows == 0 or self.skip_bad_rows

    def note_texts(self, lang: str = "en") -> list[str]:
        return [message_text(key, values, lang) for key, values in self.notes]

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(problem)


def _fold(text: str) -> str:
    from pkdesk.core.textfold import fold

    return " ".join(fold(text).replace("_", " ").split())


def _blank_row(cells: list[Cell]) -> bool:
    try:
        return not "".join(cells).strip()   # type: ignore[arg-type]  # a CSV row: all text
    except TypeError:
        return all(_is_blank(c) for c in cells)


def _is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _looks_like_data(cell: Cell) -> bool:
    if isinstance(cell, (float, bool, dt.date)):
        return True
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    for parse in (lambda: parse_number(text, POINT), lambda: parse_date(text, DAY_FIRST)):
        try:
            parse()
            return True
        except ValueProblem:
            pass
    return False


def find_header(raw: RawTable) -> Table:
    """The first non-empty row is the header when every cell of it is text that is neither a
    number nor a date; else there is none and columns are named A, B, C..."""
    rows = raw.rows
    first = next((i for i, (_n, cells) in enumerate(rows)
                  if not all(_is_blank(c) for c in cells)), None)
    width = max((len(cells) for _n, cells in rows), default=0)
    notes = list(raw.notes)
    if first is None:
        return Table(raw.name, [], [], None, notes, raw.kind, raw.delimiter, raw.sheet,
                     raw.sheets, raw.date1904)
    number, cells = rows[first]
    if any(_looks_like_data(c) for c in cells if not _is_blank(c)):
        notes.append(("data.note.no_header", {}))
        return Table(raw.name, [column_letter(i) for i in range(width)], rows[first:], None,
                     notes, raw.kind, raw.delimiter, raw.sheet, raw.sheets, raw.date1904)
    names: list[str] = []
    for i in range(width):
        cell = cells[i] if i < len(cells) else None
        name = " ".join(str(cell).split()) if not _is_blank(cell) else column_letter(i)
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return Table(raw.name, names, rows[first + 1:], number, notes, raw.kind, raw.delimiter,
                 raw.sheet, raw.sheets, raw.date1904)


def guess_mapping(columns: list[str]) -> dict[str, str | None]:
    """Each field's column when the header names it plainly (``Date``, ``Valeur``,
    ``Recorded by``...), else None."""
    folded = [_fold(c) for c in columns]
    out: dict[str, str | None] = {}
    taken: set[int] = set()
    for f in FIELDS:
        words = {_fold(w) for w in _GUESSES[f]}
        index = next((i for i, name in enumerate(folded) if name in words and i not in taken),
                     None)
        if index is None:       # "Date de l'incident", "Value (number)"
            index = next((i for i, name in enumerate(folded) if i not in taken and
                          name.split(" ")[0] in words), None)
        out[f] = columns[index] if index is not None else None
        if index is not None:
            taken.add(index)
    return out


def column_position(table: Table, name: str) -> int | None:
    """A column named as its header says (case and spacing aside), or by its letter."""
    if name in table.columns:
        return table.columns.index(name)
    wanted = " ".join(name.split()).casefold()
    for i, c in enumerate(table.columns):
        if c.casefold() == wanted:
            return i
    if re.fullmatch(r"[A-Za-z]{1,3}", name.strip()):
        index = 0
        for ch in name.strip().upper():
            index = index * 26 + ord(ch) - 64
        if index - 1 < len(table.columns):
            return index - 1
    return None


def find_indicator(plan: Plan, key: str, lang: str = "en") -> Indicator:
    """The indicator ``key`` names: its uid, or its text (case and spacing aside)."""
    found = match_indicator(plan, key)
    if isinstance(found, Indicator):
        return found
    raise InputError(found.text(lang))


def match_indicator(plan: Plan, key: str) -> Indicator | ValueProblem:
    """The indicator ``key`` names, or what is wrong."""
    indicators = [i for o in plan.performance.objectives for i in o.indicators]
    key = key.strip()
    for ind in indicators:
        if ind.uid == key:
            return ind
    wanted = " ".join(key.split()).casefold()
    same = [i for i in indicators if " ".join(i.text.split()).casefold() == wanted]
    if len(same) == 1:
        return same[0]
    if same:
        return ValueProblem("data.indicator_ambiguous", count=len(same), name=key)
    if not indicators:
        return ValueProblem("data.no_indicators")
    return ValueProblem("data.no_indicator", name=key)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return cell


def _one_line(cell: Cell) -> str:
    return " ".join(_CONTROL.sub(" ", _text(cell)).split())


def _note(cell: Cell) -> str:
    text = _CONTROL_KEEP_LINES.sub(" ", _text(cell).replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def _decide_date_order(table: Table, col: int, result: ImportResult) -> str | None:
    """The order of ``31/03/2025``-like dates: day first when a day over 12 shows it; a
    problem when nothing tells, or when only a month-first reading fits (never guessed)."""
    day_row = month_row = ambiguous_row = None
    example = ""
    for number, cells in table.rows:
        cell = cells[col] if col < len(cells) else None
        if not isinstance(cell, str):
            continue
        parts = slashed_parts(cell)
        if parts is None:
            continue
        a, b = parts
        if a > 12 and day_row is None:
            day_row = number
        elif b > 12 and a <= 12 and month_row is None:
            month_row, example = number, cell.strip()
        elif a <= 12 and b <= 12 and a != b and ambiguous_row is None:
            ambiguous_row, example = number, cell.strip() if not example else example
    if day_row is not None:
        if ambiguous_row is not None or month_row is not None:
            result.notes.append(("data.note.day_first", {"row": day_row}))
        return DAY_FIRST
    if month_row is not None:
        result.file_problem = True
        result.add_problem(Problem.of(None, None, "data.file_month_first", text=example,
                                      row=month_row))
        return None
    if ambiguous_row is not None:
        result.file_problem = True
        result.add_problem(Problem.of(None, None, "data.file_order_unknown", text=example,
                                      row=ambiguous_row))
    return None


def _decide_decimal(table: Table, col: int, result: ImportResult) -> str | None:
    comma = point = 0
    for _number, cells in table.rows:
        cell = cells[col] if col < len(cells) else None
        if isinstance(cell, str):
            mark = decimal_evidence(cell)
            comma += mark == COMMA
            point += mark == POINT
    if comma and not point:
        return COMMA
    if point and not comma:
        return POINT
    if not comma and not point and table.delimiter in (";", "\t"):
        return COMMA if table.delimiter == ";" else None
    return None


class ReadMemo:
    """What reading one table's cells found, kept from one mapping to the next: the mapping
    dialog reads again on every change of a combo, and a 100,000-row file's dates, numbers,
    indicators and texts are then looked up, not parsed again. One memo per table."""

    def __init__(self) -> None:
        self.dates: dict[tuple[str | None, bool], dict[object, str | ValueProblem]] = {}
        self.numbers: dict[str | None, dict[object, float | ValueProblem]] = {}
        self.texts: dict[str, dict[str, str]] = {"line": {}, "note": {}}
        self.plan: Plan | None = None
        self.indicators: dict[str, Indicator | ValueProblem] = {}
        self.decided: dict[tuple[str, int], tuple[str | None, ImportResult]] = {}
        self.blank: list[bool] | None = None    # per row of the table: nothing in it

    def blank_rows(self, table: Table) -> list[bool]:
        if self.blank is None or len(self.blank) != len(table.rows):
            self.blank = [_blank_row(cells) for _number, cells in table.rows]
        return self.blank

    def indicators_of(self, plan: Plan) -> dict[str, Indicator | ValueProblem]:
        if plan is not self.plan:       # another plan (an edit since): match again
            self.plan, self.indicators = plan, {}
        return self.indicators


def _decided(memo: ReadMemo | None, kind: str, table: Table, col: int,
             result: ImportResult) -> str | None:
    """``_decide_date_order`` or ``_decide_decimal`` of a column, once per memo."""
    decide = _decide_date_order if kind == "date" else _decide_decimal
    if memo is None:
        return decide(table, col, result)
    if (kind, col) not in memo.decided:
        scratch = ImportResult()
        memo.decided[kind, col] = (decide(table, col, scratch), scratch)
    value, found = memo.decided[kind, col]
    result.notes.extend(found.notes)
    result.file_problem |= found.file_problem
    for problem in found.problems:
        result.add_problem(problem)
    return value


def import_points(plan: Plan, table: Table, mapping: ColumnMapping,
                  options: ImportOptions | None = None,
                  memo: ReadMemo | None = None) -> ImportResult:
    """Every data row of ``table`` read as a data point of ``plan``'s indicators; with a
    ``memo`` of this table, cells an earlier reading parsed are not parsed again."""
    options = options or ImportOptions()
    result = ImportResult(notes=list(table.notes), skip_bad_rows=options.skip_bad_rows)
    positions: dict[str, int] = {}
    for f, name in mapping.columns().items():
        pos = column_position(table, name)
        if pos is None:
            shown = ", ".join(repr(c) for c in table.columns[:30]) or "-"
            result.file_problem = True
            result.add_problem(Problem.of(None, None, "data.no_column", column=name,
                                          field=Words(f"data.field.{f}"), columns=shown))
        else:
            positions[f] = pos
    fixed: Indicator | None = None
    if options.indicator is not None:
        found = match_indicator(plan, options.indicator)
        if isinstance(found, ValueProblem):
            result.file_problem = True
            result.add_problem(Problem(None, None, found.key, tuple(found.values.items())))
        else:
            fixed = found
    elif "indicator" not in positions and mapping.indicator is None:
        result.file_problem = True
        result.add_problem(Problem.of(None, None, "data.say_indicator"))
    if result.file_problem:
        return result
    if not table.rows:
        result.notes.append(("data.note.no_rows", {}))
    order = options.date_order or _decided(memo, "date", table, positions["date"], result)
    decimal = options.decimal or _decided(memo, "decimal", table, positions["value"], result)
    result.date_order, result.decimal = order, decimal
    if result.file_problem:
        return result
    date1904 = table.date1904
    seen: set[tuple[str, str, float]] = {
        (ind.uid, p.date, p.value) for o in plan.performance.objectives
        for ind in o.indicators for p in ind.data}
    names = {f: table.columns[pos] for f, pos in positions.items()}
    reader = _RowReader(plan, positions, names, fixed, order, decimal, date1904,
                        options.recorded_by, memo or ReadMemo())
    uids = _Uids()
    blank = memo.blank_rows(table) if memo is not None else None
    for index, (number, cells) in enumerate(table.rows):
        if blank[index] if blank is not None else _blank_row(cells):
            result.empty_rows += 1
            continue
        result.rows += 1
        problems, indicator, date, value, texts = reader.read(number, cells)
        if problems or indicator is None or date is None or value is None:
            result.bad_rows += 1
            for p in problems:
                result.add_problem(p)
            status = "bad"
        else:
            key3 = (indicator.uid, date, value)
            if key3 in seen:
                result.duplicates += 1
                status = "duplicate"
            else:
                seen.add(key3)
                result.points.append((indicator.uid, DataPoint(
                    value=value, date=date, source=texts[0], note=texts[1],
                    recorded_by=texts[2], uid=uids.next())))
                status = "new"
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append(reader.preview(number, cells, status, problems, indicator,
                                                 date, value, texts))
    _check_room(plan, result)
    return result


class _Uids:
    """Fresh random uids for many points at once (uuid4 one by one is a third of an import
    of 100,000 rows): 128 random bits each, as hex."""

    def __init__(self) -> None:
        self._pool = b""
        self._at = 0

    def next(self) -> str:
        if self._at >= len(self._pool):
            self._pool, self._at = os.urandom(16 * 4096), 0
        self._at += 16
        return self._pool[self._at - 16:self._at].hex()


class _RowReader:
    """One row's cells read as a point's fields; dates and numbers already read are
    remembered (a file repeats them)."""

    def __init__(self, plan: Plan, positions: dict[str, int], names: dict[str, str],
                 fixed: Indicator | None, order: str | None, decimal: str | None,
                 date1904: bool, recorded_by: str, memo: ReadMemo) -> None:
        self.plan, self.names, self.fixed = plan, names, fixed
        self.order, self.decimal, self.date1904 = order, decimal, date1904
        self.recorded_by = recorded_by
        self.pos = {f: positions.get(f, -1) for f in FIELDS}
        # by the cell as written, kept in the memo for the next mapping of the same table
        self.indicators = memo.indicators_of(plan)
        self.dates = memo.dates.setdefault((order, date1904), {})
        self.numbers = memo.numbers.setdefault(decimal, {})
        self.lines, self.notes = memo.texts["line"], memo.texts["note"]

    def line(self, cell: Cell) -> str:
        if not isinstance(cell, str):       # True == 1 == 1.0 as keys: text cells only
            return _one_line(cell)
        text = self.lines.get(cell)
        if text is None:
            text = self.lines[cell] = _one_line(cell)
        return text

    def note(self, cell: Cell) -> str:
        if not isinstance(cell, str):
            return _note(cell)
        text = self.notes.get(cell)
        if text is None:
            text = self.notes[cell] = _note(cell)
        return text

    def cell(self, cells: list[Cell], f: str) -> Cell:
        pos = self.pos[f]
        return cells[pos] if 0 <= pos < len(cells) else None

    def _date(self, cell: Cell) -> str:
        return parse_date(cell, self.order, self.date1904).isoformat()

    def _number(self, cell: Cell) -> float:
        value = parse_number(cell, self.decimal)
        if not abs(value) <= MAX_ABS_VALUE:
            raise ValueProblem("data.too_large", text=_text(cell))
        return value

    def _required(self, number: int, cells: list[Cell], f: str, blank: str,
                  memo: dict[object, _V | ValueProblem], parse: Callable[[Cell], _V],
                  problems: list[Problem]) -> _V | None:
        """The cell of field ``f`` read by ``parse`` (once for each cell as written: ``memo``),
        or None with its problem added: ``blank`` when empty, else why it cannot be read."""
        raw = self.cell(cells, f)
        if _is_blank(raw):
            problems.append(Problem.of(number, self.names[f], blank))
            return None
        read = memo.get(raw)
        if read is None:
            try:
                read = parse(raw)
            except ValueProblem as exc:
                read = exc
            memo[raw] = read
        if isinstance(read, ValueProblem):
            problems.append(Problem.cell(number, self.names[f], read))
            return None
        return read

    def read(self, number: int, cells: list[Cell]) -> tuple[
            list[Problem], Indicator | None, str | None, float | None, tuple[str, str, str]]:
        problems: list[Problem] = []
        names = self.names
        indicator = self.fixed
        if indicator is None:
            raw_key = self.cell(cells, "indicator")
            matched = self.indicators.get(raw_key) if isinstance(raw_key, str) else None
            if matched is None:
                key = _one_line(raw_key)
                if key:
                    matched = match_indicator(self.plan, key)
                    if isinstance(raw_key, str):
                        self.indicators[raw_key] = matched
            if matched is None:
                problems.append(Problem.of(number, names["indicator"], "data.no_indicator_given"))
            elif isinstance(matched, ValueProblem):
                problems.append(Problem.cell(number, names["indicator"], matched))
            else:
                indicator = matched
        date = self._required(number, cells, "date", "data.no_date", self.dates,
                              self._date, problems)
        value = self._required(number, cells, "value", "data.no_value", self.numbers,
                               self._number, problems)
        source = self.line(self.cell(cells, "source")) if self.pos["source"] >= 0 else ""
        by = self.line(self.cell(cells, "recorded_by")) if self.pos["recorded_by"] >= 0 \
            else self.recorded_by
        note = self.note(self.cell(cells, "note")) if self.pos["note"] >= 0 else ""
        for f, text, limit in (("source", source, NAME_CHARS), ("recorded_by", by, NAME_CHARS),
                               ("note", note, NOTE_CHARS)):
            if len(text) > limit and f in names:
                problems.append(Problem.of(number, names[f], "data.too_long",
                                           length=f"{len(text):,}", limit=f"{limit:,}"))
        return problems, indicator, date, value, (source, note, by)

    def preview(self, number: int, cells: list[Cell], status: str, problems: list[Problem],
                indicator: Indicator | None, date: str | None, value: float | None,
                texts: tuple[str, str, str]) -> PreviewRow:
        shown = {"indicator": indicator.text if indicator is not None
                 else _one_line(self.cell(cells, "indicator")),
                 "date": date if date is not None else _text(self.cell(cells, "date")),
                 "value": _number_shown(value) if value is not None
                 else _text(self.cell(cells, "value")),
                 "source": texts[0], "note": texts[1], "recorded_by": texts[2]}
        return PreviewRow(number, status, shown, [p.text() for p in problems])


def _check_room(plan: Plan, result: ImportResult) -> None:
    """An indicator may hold at most MAX_DATA_POINTS points (as the plan format allows)."""
    added: dict[str, int] = {}
    for uid, _point in result.points:
        added[uid] = added.get(uid, 0) + 1
    for objective in plan.performance.objectives:
        for ind in objective.indicators:
            total = len(ind.data) + added.get(ind.uid, 0)
            if ind.uid in added and total > MAX_DATA_POINTS:
                result.file_problem = True
                result.add_problem(Problem.of(None, None, "data.too_many_points",
                                              indicator=ind.text[:80], total=f"{total:,}",
                                              limit=f"{MAX_DATA_POINTS:,}"))


def _number_shown(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def apply_import(plan: Plan, result: ImportResult) -> Plan:
    """A copy of ``plan`` with the result's points added to their indicators (each
    indicator's data kept in date order); the parts not touched are shared, as every edit
    does. Refused (InputError) when the result has problems the caller did not choose to
    skip: nothing is ever half-imported."""
    if not result.can_apply:
        first = result.problems[0].text() if result.problems else "-"
        raise InputError(translator("en")("data.nothing_imported", problem=first))
    by_indicator: dict[str, list[DataPoint]] = {}
    for uid, point in result.points:
        by_indicator.setdefault(uid, []).append(point)
    if not by_indicator:
        return plan
    objectives = []
    for objective in plan.performance.objectives:
        if any(i.uid in by_indicator for i in objective.indicators):
            indicators = [_with_points(i, by_indicator.get(i.uid, ()))
                          for i in objective.indicators]
            objective = dataclasses.replace(objective, indicators=indicators)
        objectives.append(objective)
    performance = dataclasses.replace(plan.performance, objectives=objectives)
    return dataclasses.replace(plan, performance=performance)


def _with_points(indicator: Indicator, points: Iterable[DataPoint]) -> Indicator:
    new = list(points)
    if not new:
        return indicator
    return dataclasses.replace(indicator, data=sorted([*indicator.data, *new],
                                                      key=lambda p: p.date))


def summary(result: ImportResult, file_name: str) -> str:
    """The revision summary of an import."""
    n = len(result.points)
    return f"imported {n} data point{'s' if n != 1 else ''} from {file_name}"
