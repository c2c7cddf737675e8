"""CLI commands over scenarios: `compare`, `export-compare`, `stress`, and (from
``cli.history``) `plan history|diff|restore|branch`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pkdesk.cli import history
from pkdesk.cli.common import add_format, open_db, print_json
from pkdesk.cli.plan_source import PLAN_HELP, add_pack_option, load_plan_arg, whatif_pack
from pkdesk.core.compare import Comparison, compare_plans, comparison_to_dict
from pkdesk.core.comparison_report import cell_text
from pkdesk.core.plandiff import show_value
from pkdesk.core.report_labels import label, principle_label
from pkdesk.core.stress import StressReport, StressRow, stress_test, stress_to_dict

PLANS_HELP = "2 to 4 plans: plan files or ids of stored plans"
VALUE_CHARS = 70


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add this module's subcommands to the pkdesk parser."""
    p = sub.add_parser("compare", help="compare 2 to 4 scenarios principle by principle")
    p.add_argument("plans", metavar="PLAN", nargs="+", help=PLANS_HELP)
    add_format(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("export-compare", help="write a comparison of 2 to 4 scenarios as a PDF")
    p.add_argument("plans", metavar="PLAN", nargs="+", help=PLANS_HELP)
    p.add_argument("-o", "--output", metavar="OUT.pdf", type=Path, required=True)
    p.add_argument("--page-size", choices=("A4", "Letter"), default="A4",
                   help="paper size (default: A4)")
    p.add_argument("--pdfa", action="store_true", help="write PDF/A-1b, for archiving")
    p.set_defaults(func=cmd_export_compare)

    p = sub.add_parser("stress", help="run every what-if on a plan: what breaks, what answers it")
    p.add_argument("plan", metavar="PLAN", help=PLAN_HELP)
    add_pack_option(p)
    add_format(p)
    p.set_defaults(func=cmd_stress)

    history.register(sub)


def _comparison(args: argparse.Namespace) -> Comparison:
    if not 2 <= len(args.plans) <= 4:
        from pkdesk.core.errors import InputError

        raise InputError(f"{args.command}: expected 2 to 4 plans (got {len(args.plans)})")
    named = []
    for value in args.plans:
        plan, source = load_plan_arg(args, value)
        named.append((source, plan))
    return compare_plans(named)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]


def format_comparison(c: Comparison) -> str:
    lines = ["Scenarios"]
    for s in c.scenarios:
        lines.append(f"  {s.label}  {s.plan.title}  ({s.source})")
        lines.append(f"     verdict: {s.result.verdict.replace('_', ' ')}"
                     + (f"; branched from {s.plan.lineage.parent_title or s.plan.lineage.parent}"
                        if s.plan.lineage else ""))
    lines += ["", "Findings by principle"]
    rows = [["", *(s.label for s in c.scenarios)]]
    rows += [[principle_label(p), *(cell_text(cell) if cell.total else "-" for cell in row)]
             for p, row in zip(c.principles, c.matrix)]
    lines += ["  " + line for line in _table(rows)]
    lines += ["", "Fields that differ" if c.differences else "No field differs"]
    for d in c.differences:
        lines.append(f"  {d.path}")
        lines += [f"    {s.label}: {show_value(_shown(v), VALUE_CHARS)}"
                  for s, v in zip(c.scenarios, d.values)]
    return "\n".join(lines)


def _shown(value: Any) -> Any:
    return label(value) if isinstance(value, str) and value.islower() and " " not in value \
        else value


def cmd_compare(args: argparse.Namespace) -> int:
    comparison = _comparison(args)
    if args.format == "json":
        print_json(comparison_to_dict(comparison))
    else:
        print(format_comparison(comparison))
    return 0


def cmd_export_compare(args: argparse.Namespace) -> int:
    comparison = _comparison(args)
    from pkdesk.export import comparison_document, write_pdf
    from pkdesk.store.reference_repo import ReferenceRepository

    report = comparison_document(comparison, ReferenceRepository(open_db(args)))
    pages = write_pdf(report, args.output, args.page_size, args.pdfa)
    print(f"wrote {args.output} ({pages} pages)")
    return 0


def _breaks(row: StressRow) -> str:
    parts = []
    for principle, counts in row.breaks.items():
        detail = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        parts.append(f"{principle_label(principle)} ({detail})")
    return "; ".join(parts) or "nothing"


def _answers(row: StressRow) -> str:
    if row.answering:
        return ", ".join(f"#{n} {label(s.kind)}" for n, s in row.answering)
    kinds = ", ".join(label(k) for k in row.whatif.answered_by)
    return f"none in the plan (would be: {kinds})" if kinds else "none (no strategy answers it)"


def format_stress(report: StressReport) -> str:
    rows = [["what-if", "verdict after", "breaks", "answered by"]]
    rows += [[row.whatif.id, row.result.verdict.replace("_", " "), _breaks(row), _answers(row)]
             for row in report.rows]
    header = (f"Stress test of {report.plan_title} (as it is: "
              f"{report.baseline.verdict.replace('_', ' ')})")
    return "\n".join([header, ""] + _table(rows))


def cmd_stress(args: argparse.Namespace) -> int:
    plan, _source = load_plan_arg(args, args.plan)
    report = stress_test(plan, whatif_pack(args))
    if args.format == "json":
        print_json(stress_to_dict(report))
    else:
        print(format_stress(report))
    return 0
