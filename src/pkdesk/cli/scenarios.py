"""CLI commands over scenarios: `compare`, `export-compare`, `stress`, `export-stress`, and (from
``cli.history``) `plan history|diff|restore|branch`."""

from __future__ import annotations

import argparse
from typing import Any

from pkdesk.cli import history
from pkdesk.cli.common import (
    add_format, add_lang, add_pdf_output, echo, language, open_db, print_json, terminal_text,
)
from pkdesk.cli.plan_source import PLAN_HELP, add_pack_option, load_plan_arg, whatif_pack
from pkdesk.core.compare import Comparison, compare_plans, comparison_to_dict
from pkdesk.core.comparison_report import cell_text
from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.plan.diff import show_value
from pkdesk.core.report_labels import label, principle_label, severity_counts, verdict_label
from pkdesk.core.stress import StressReport, StressRow, stress_test, stress_to_dict

PLANS_HELP = "2 to 4 plans: plan files or ids of stored plans"
VALUE_CHARS = 70


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add this module's subcommands to the pkdesk parser."""
    p = sub.add_parser("compare", help="compare 2 to 4 scenarios principle by principle")
    p.add_argument("plans", metavar="PLAN", nargs="+", help=PLANS_HELP)
    add_format(p)
    add_lang(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("export-compare", help="write a comparison of 2 to 4 scenarios as a PDF")
    p.add_argument("plans", metavar="PLAN", nargs="+", help=PLANS_HELP)
    add_pdf_output(p)
    p.set_defaults(func=cmd_export_compare)

    p = sub.add_parser("stress", help="run every what-if on a plan: what breaks, what answers it")
    p.add_argument("plan", metavar="PLAN", help=PLAN_HELP)
    add_pack_option(p)
    add_format(p)
    add_lang(p)
    p.set_defaults(func=cmd_stress)

    p = sub.add_parser("export-stress", help="write a plan's stress test as a PDF")
    p.add_argument("plan", metavar="PLAN", help=PLAN_HELP)
    add_pack_option(p)
    add_pdf_output(p)
    p.set_defaults(func=cmd_export_stress)

    history.register(sub)


def _comparison(args: argparse.Namespace) -> Comparison:
    if not 2 <= len(args.plans) <= 4:
        from pkdesk.core.errors import InputError

        raise InputError(f"{args.command}: expected 2 to 4 plans (got {len(args.plans)})")
    named = []
    for value in args.plans:
        plan, source = load_plan_arg(args, value)
        named.append((source, plan))
    return compare_plans(named, lang=language(args))


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]


def format_comparison(c: Comparison, lang: str = DEFAULT_LANGUAGE) -> str:
    t = translator(lang)
    lines = [t("cli.scenarios")]
    for s in c.scenarios:
        lines.append(f"  {s.label}  {terminal_text(s.plan.title)}  ({terminal_text(s.source)})")
        lineage = s.plan.lineage
        lines.append("     " + t("cli.verdict", verdict=verdict_label(s.result.verdict,
                                                                     lang).lower())
                     + ("; " + t("cmp.branched_from",
                                 parent=terminal_text(lineage.parent_title or lineage.parent))
                        if lineage else ""))
    lines += ["", t("plan.findings_by_principle")]
    rows = [["", *(s.label for s in c.scenarios)]]
    rows += [[principle_label(p, lang),
              *(cell_text(cell, lang) if cell.total else "-" for cell in row)]
             for p, row in zip(c.principles, c.matrix)]
    lines += ["  " + line for line in _table(rows)]
    lines += ["", t("cli.fields_differ") if c.differences else t("cli.no_field_differs")]
    for d in c.differences:
        lines.append(f"  {terminal_text(d.path)}")
        lines += [f"    {s.label}: {terminal_text(show_value(_shown(v, lang), VALUE_CHARS))}"
                  for s, v in zip(c.scenarios, d.values)]
    return "\n".join(lines)


def _shown(value: Any, lang: str = DEFAULT_LANGUAGE) -> Any:
    return label(value, lang) if isinstance(value, str) and value.islower() \
        and " " not in value else value


def cmd_compare(args: argparse.Namespace) -> int:
    comparison = _comparison(args)
    if args.format == "json":
        print_json(comparison_to_dict(comparison))
    else:
        echo(format_comparison(comparison, language(args)))
    return 0


def cmd_export_compare(args: argparse.Namespace) -> int:
    comparison = _comparison(args)
    from pkdesk.store.output_guard import check_output_path

    check_output_path(args.output, what="PDF file")   # before any work (or Qt) starts
    from pkdesk.export import comparison_document, write_pdf
    from pkdesk.store.reference_repo import ReferenceRepository

    report = comparison_document(comparison, ReferenceRepository(open_db(args)),
                                 lang=language(args))
    pages = write_pdf(report, args.output, args.page_size, args.pdfa)
    echo(f"wrote {terminal_text(args.output)} ({pages} pages)")
    return 0


def _breaks(row: StressRow, lang: str) -> str:
    parts = []
    for principle, counts in row.breaks.items():
        detail = severity_counts(counts, lang=lang)
        parts.append(f"{principle_label(principle, lang)} ({detail})")
    return "; ".join(parts) or translator(lang)("cli.breaks_nothing")


def _answers(row: StressRow, lang: str) -> str:
    t = translator(lang)
    if row.answering:
        return ", ".join(f"#{n} {label(s.kind, lang)}" for n, s in row.answering)
    kinds = ", ".join(label(k, lang) for k in row.whatif.answered_by)
    return t("cli.answers_missing", kinds=kinds) if kinds else t("cli.answers_none")


def format_stress(report: StressReport) -> str:
    """The stress table in the report's language; what-ifs by id (what ``--what-if`` takes)."""
    lang = report.lang
    t = translator(lang)
    rows = [[t("cli.col_whatif"), t("cli.col_verdict_after"), t("cli.col_breaks"),
             t("cli.col_answered_by")]]
    rows += [[row.whatif.id, verdict_label(row.result.verdict, lang).lower(),
              _breaks(row, lang), _answers(row, lang)] for row in report.rows]
    header = t("cli.stress_header", title=terminal_text(report.plan_title),
               verdict=verdict_label(report.baseline.verdict, lang).lower())
    legend = [f"  {row.whatif.id}: {row.whatif.title_in(lang)}" for row in report.rows]
    return "\n".join([header, ""] + _table(rows) + ["", t("cli.whatifs")] + legend)


def cmd_stress(args: argparse.Namespace) -> int:
    plan, _source = load_plan_arg(args, args.plan)
    report = stress_test(plan, whatif_pack(args), lang=language(args))
    if args.format == "json":
        print_json(stress_to_dict(report))
    else:
        echo(format_stress(report))
    return 0


def cmd_export_stress(args: argparse.Namespace) -> int:
    plan, _source = load_plan_arg(args, args.plan)
    report = stress_test(plan, whatif_pack(args), lang=language(args))
    from pkdesk.store.output_guard import check_output_path

    check_output_path(args.output, what="PDF file")   # before any work (or Qt) starts
    from pkdesk.export import stress_document, write_pdf
    from pkdesk.store.reference_repo import ReferenceRepository

    pages = write_pdf(stress_document(report, ReferenceRepository(open_db(args))), args.output,
                      args.page_size, args.pdfa)
    echo(f"wrote {terminal_text(args.output)} ({pages} pages)")
    return 0
