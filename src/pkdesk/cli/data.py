"""CLI commands over an indicator's field data: `data import` (a CSV or XLSX file of data
points into a plan, all or nothing) and `data list` (the points a plan holds)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pkdesk.cli.common import (
    add_format, add_lang, echo, language, looks_like_id, one_line_arg, open_db, plan_id_arg,
    print_json, terminal_text,
)
from pkdesk.cli.plan_source import PLAN_HELP, load_plan_arg
from pkdesk.core.errors import InputError
from pkdesk.core.i18n import translator

SHOWN_PROBLEMS = 20


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    group = sub.add_parser("data", help="field data of a plan's indicators: import, list")
    verbs = group.add_subparsers(dest="data_command", metavar="DATA_COMMAND",
                                 parser_class=type(group), required=True)

    p = verbs.add_parser(
        "import", help="add data points from a CSV or XLSX file (all rows or none)",
        description="Add data points to a plan's indicators from a CSV or XLSX file. Every "
        "row is checked first: with any bad row nothing is written (exit 2) unless "
        "--skip-bad-rows is given. A stored plan gets one new revision; a plan file is "
        "rewritten atomically. Columns are named by their header (or letter: A, B...); "
        "date and value columns headed plainly (Date, Value, Valeur...) are found without "
        "being named.")
    p.add_argument("plan", metavar="PLAN", help=PLAN_HELP)
    p.add_argument("file", metavar="FILE", type=Path, help="the CSV or XLSX file")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--indicator", metavar="UID|TEXT",
                       help="the indicator every row is for (its uid or exact text)")
    which.add_argument("--indicator-column", metavar="NAME",
                       help="the column naming each row's indicator (uid or text)")
    p.add_argument("--date-column", metavar="NAME", help="the column of dates")
    p.add_argument("--value-column", metavar="NAME", help="the column of values")
    p.add_argument("--source-column", metavar="NAME", help="the column of sources")
    p.add_argument("--note-column", metavar="NAME", help="the column of notes")
    p.add_argument("--by-column", metavar="NAME", help="the column of who recorded it")
    order = p.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="date_order", action="store_const",
                       const="day_first", help="dates like 03/04/2025 are 3 April")
    order.add_argument("--month-first", dest="date_order", action="store_const",
                       const="month_first", help="dates like 03/04/2025 are March 4")
    p.add_argument("--decimal-mark", choices=("comma", "point"),
                   help="the file's decimal mark, when a value like 1,234 leaves it open")
    p.add_argument("--sheet", metavar="NAME", help="the XLSX sheet to read (default: the first)")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="import the good rows and list the bad ones (default: all or nothing)")
    p.add_argument("--dry-run", action="store_true",
                   help="check every row and say what would be imported; write nothing")
    p.add_argument("--author", default="", type=one_line_arg("--author"),
                   help="who imports, for the stored plan's history")
    add_format(p)
    add_lang(p)
    p.set_defaults(func=cmd_import)

    p = verbs.add_parser("list", help="show the data points a plan holds")
    p.add_argument("plan", metavar="PLAN", help=PLAN_HELP)
    p.add_argument("--indicator", metavar="UID|TEXT", help="only this indicator")
    add_format(p)
    add_lang(p)
    p.set_defaults(func=cmd_list)


def _mapping(args: argparse.Namespace, columns: list[str]) -> Any:
    from pkdesk.core.dataimport import ColumnMapping, guess_mapping

    guessed = guess_mapping(columns)
    t = translator(language(args))
    given = {"date": args.date_column, "value": args.value_column,
             "indicator": args.indicator_column, "source": args.source_column,
             "note": args.note_column, "recorded_by": args.by_column}
    chosen: dict[str, str | None] = {}
    for f, value in given.items():
        if value is not None:
            chosen[f] = value
        elif f != "indicator" and guessed.get(f) is not None:
            chosen[f] = guessed[f]
        else:
            chosen[f] = None
    for f, option in (("date", "--date-column"), ("value", "--value-column")):
        if not chosen[f]:
            shown = ", ".join(repr(c) for c in columns[:30]) or "-"
            raise InputError(t("data.cli.name_column", field=t(f"data.field.{f}"),
                               option=option, columns=shown))
    date, value = chosen.pop("date"), chosen.pop("value")
    assert date is not None and value is not None
    return ColumnMapping(date=date, value=value, **chosen)


def cmd_import(args: argparse.Namespace) -> int:
    from pkdesk.core.dataimport import (
        ImportOptions, apply_import, import_points, read_data_file, summary,
    )

    lang = language(args)
    t = translator(lang)
    plan, source = load_plan_arg(args, args.plan)
    table = read_data_file(args.file, args.sheet)
    mapping = _mapping(args, table.columns)
    result = import_points(plan, table, mapping, ImportOptions(
        indicator=args.indicator, date_order=args.date_order, decimal=args.decimal_mark,
        skip_bad_rows=args.skip_bad_rows))
    file_name = args.file.name
    if not result.can_apply:
        _report_refusal(result, lang)
        return 2
    new_plan = apply_import(plan, result)
    written = not args.dry_run and bool(result.points)
    if written:
        _store(args, new_plan, summary(result, file_name))
    if args.format == "json":
        print_json(_result_dict(result, mapping, file_name, source, written, args.dry_run, lang))
        return 0
    for note in result.note_texts(lang):
        echo(t("data.cli.note", text=terminal_text(note)))
    echo(t("data.cli.columns", columns=", ".join(
        f"{f} = {terminal_text(repr(c))}" for f, c in mapping.columns().items())))
    echo(t("data.cli.counts", rows=result.rows, empty=result.empty_rows,
           duplicates=result.duplicates, bad=result.bad_rows))
    if result.bad_rows:
        echo(t.plural("data.cli.skipped", result.bad_rows))
        _echo_problems(result, lang, sys.stdout)
    n = len(result.points)
    if args.dry_run:
        echo(t.plural("data.cli.dry_run", n))
    else:
        echo(t.plural("data.cli.imported", n, file=terminal_text(file_name),
                      plan=terminal_text(source)))
    return 0


def _echo_problems(result: Any, lang: str, stream: Any) -> None:
    t = translator(lang)
    for problem in result.problems[:SHOWN_PROBLEMS]:
        echo("  " + terminal_text(problem.text(lang)), file=stream)
    more = result.problem_count - min(len(result.problems), SHOWN_PROBLEMS)
    if more > 0:
        echo("  " + t.plural("data.cli.more", more), file=stream)


def _report_refusal(result: Any, lang: str) -> None:
    """A message per bad row (the first 20, then how many more), on stderr."""
    t = translator(lang)
    for problem in result.problems[:SHOWN_PROBLEMS]:
        hint = ""
        if problem.key in ("data.file_order_unknown", "data.file_month_first",
                           "data.order_unknown"):
            hint = " " + t("data.cli.use_order")
        elif problem.key == "data.decimal_unknown":
            hint = " " + t("data.cli.use_decimal")
        echo(f"pkdesk: {terminal_text(problem.text(lang))}{hint}", file=sys.stderr)
    more = result.problem_count - min(len(result.problems), SHOWN_PROBLEMS)
    if more > 0:
        echo("pkdesk: " + t.plural("data.cli.more", more), file=sys.stderr)
    if result.file_problem:
        echo("pkdesk: " + t("data.cli.file_refused"), file=sys.stderr)
    else:
        echo("pkdesk: " + t.plural("data.cli.refused", result.bad_rows), file=sys.stderr)


def _store(args: argparse.Namespace, plan: Any, summary: str) -> None:
    """One new revision of a stored plan, or the plan file rewritten atomically."""
    path = Path(args.plan)
    if _is_file(path) or not looks_like_id(args.plan):
        from pkdesk.core.plan.file import MAX_PLAN_BYTES, dumps_plan, write_plan_file

        size = len(dumps_plan(plan).encode("utf-8"))
        if size > MAX_PLAN_BYTES:
            raise InputError(f"{path.name}: with these points the plan file would be "
                             f"{size / 2**20:.1f} MiB; a plan file may be at most "
                             f"{MAX_PLAN_BYTES // 2**20} MiB (store the plan in the "
                             "database instead: pkdesk plan import)")
        write_plan_file(plan, path)
        return
    from pkdesk.store.plan_repo import PlanRepository

    PlanRepository(open_db(args)).save(plan_id_arg(args.plan), plan, author=args.author,
                                       summary=summary)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _result_dict(result: Any, mapping: Any, file_name: str, source: str, written: bool,
                 dry_run: bool, lang: str) -> dict[str, Any]:
    return {"file": file_name, "plan": source, "written": written, "dry_run": dry_run,
            "columns": mapping.columns(), "date_order": result.date_order,
            "decimal_mark": result.decimal,
            "imported": len(result.points), "rows": result.rows,
            "empty_rows": result.empty_rows, "duplicates": result.duplicates,
            "bad_rows": result.bad_rows,
            "problems": [{"row": p.row, "column": p.column, "message": p.message(lang)}
                         for p in result.problems],
            "notes": result.note_texts(lang),
            "points": [{"indicator": uid, "date": p.date, "value": p.value, "source": p.source,
                        "note": p.note, "recorded_by": p.recorded_by, "uid": p.uid}
                       for uid, p in result.points]}


def cmd_list(args: argparse.Namespace) -> int:
    from pkdesk.core.dataimport import find_indicator

    lang = language(args)
    t = translator(lang)
    plan, _source = load_plan_arg(args, args.plan)
    indicators = [i for o in plan.performance.objectives for i in o.indicators]
    if args.indicator is not None:
        indicators = [find_indicator(plan, args.indicator, lang)]
    if args.format == "json":
        print_json([{"uid": i.uid, "text": i.text, "unit": i.unit,
                     "data": [{"date": p.date, "value": p.value, "source": p.source,
                               "note": p.note, "recorded_by": p.recorded_by, "uid": p.uid}
                              for p in i.data]} for i in indicators])
        return 0
    if not any(i.data for i in indicators):
        echo(t("data.cli.no_points"))
        return 0
    for ind in indicators:
        echo(t("data.cli.indicator_heading", indicator=terminal_text(ind.text), uid=ind.uid,
               n=len(ind.data)))
        for p in sorted(ind.data, key=lambda p: p.date):
            value = str(int(p.value)) if p.value.is_integer() else repr(p.value)
            extra = "  ".join(terminal_text(x) for x in (p.source, p.recorded_by, p.note) if x)
            echo(f"  {p.date}  {value:>12}" + (f"  {extra}" if extra else ""))
    return 0
