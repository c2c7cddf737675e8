"""CLI commands: `export` (a plan as a PDF), `export-reference` (a reference booklet) and
`export-assessment` (a plan's assessment report: ratings, trend charts, decisions, findings)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any

from pkdesk.cli.common import (
    add_pdf_output, echo, language, looks_like_id, open_db, plan_id_arg, terminal_text,
)
from pkdesk.core.errors import InputError
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.report import PlanMeta

def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add this module's subcommands to the pkdesk parser."""
    p = sub.add_parser("export", help="write a plan, checked, as a PDF document")
    p.add_argument("plan", metavar="PLAN.json|PLAN_ID",
                   help="a plan file, or the id of a plan stored in the database")
    add_pdf_output(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("export-reference", help="write a reference section as a printable PDF")
    p.add_argument("node_id", metavar="NODE_ID")
    p.add_argument("--subtree", action="store_true", help="include every section below the node")
    add_pdf_output(p)
    p.set_defaults(func=cmd_export_reference)

    p = sub.add_parser("export-assessment",
                       help="write a plan's assessment report (ratings, trend charts, "
                            "decisions, findings) as a PDF")
    p.add_argument("plan", metavar="PLAN.json|PLAN_ID",
                   help="a plan file, or the id of a plan stored in the database")
    p.add_argument("--review", metavar="DATE", type=_review_date,
                   help="the review to report (YYYY-MM-DD; default: the latest held)")
    add_pdf_output(p)
    p.set_defaults(func=cmd_export_assessment)


def _review_date(value: str) -> str:
    from datetime import date

    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}")


def _load_plan(args: argparse.Namespace) -> tuple[Plan, PlanMeta]:
    from pkdesk.core.plan.file import read_plan_file
    from pkdesk.export import default_author
    from pkdesk.store.output_guard import protect_input

    given = Path(args.plan)
    if given.is_file() or not looks_like_id(args.plan):
        if not given.is_file():
            raise InputError(f"PLAN: no plan file {args.plan} (and not a stored plan id)")
        plan = read_plan_file(given)
        protect_input(given)
        date = datetime.fromtimestamp(given.stat().st_mtime).date().isoformat()
        return plan, PlanMeta(date=date, author=default_author(), origin=given.name)

    from pkdesk.store.plan_repo import PlanRepository

    repo = PlanRepository(open_db(args))
    plan_id = plan_id_arg(args.plan)
    plan = repo.get(plan_id)
    last = repo.revisions(plan_id)[-1]
    return plan, PlanMeta(revision=str(last.number), date=last.created_at.date().isoformat(),
                          author=last.author or default_author())


def _check_output(args: argparse.Namespace) -> None:
    """Refuse a forbidden -o before any work (or Qt) starts; write_pdf checks again."""
    from pkdesk.store.output_guard import check_output_path

    check_output_path(args.output, what="PDF file")


def cmd_export(args: argparse.Namespace) -> int:
    plan, meta = _load_plan(args)
    _check_output(args)
    from pkdesk.core.checker import check
    from pkdesk.export import export_plan_pdf
    from pkdesk.store.reference_repo import ReferenceRepository

    lang = language(args)
    pages = export_plan_pdf(plan, check(plan, lang=lang), ReferenceRepository(open_db(args)),
                            args.output, meta, page_size=args.page_size, pdfa=args.pdfa,
                            lang=lang)
    echo(f"wrote {terminal_text(args.output)} ({pages} pages)")
    return 0


def cmd_export_reference(args: argparse.Namespace) -> int:
    _check_output(args)
    from pkdesk.export import export_reference_pdf
    from pkdesk.store.reference_repo import ReferenceRepository

    pages = export_reference_pdf(ReferenceRepository(open_db(args)), args.node_id, args.output,
                                 with_subtree=args.subtree, page_size=args.page_size,
                                 pdfa=args.pdfa, lang=language(args))
    echo(f"wrote {terminal_text(args.output)} ({pages} pages)")
    return 0


def cmd_export_assessment(args: argparse.Namespace) -> int:
    from pkdesk.cli.plan_source import load_plan_arg
    from pkdesk.core.performance.assessment_report import chosen_review

    plan, _source = load_plan_arg(args, args.plan)
    chosen_review(plan, args.review)          # a --review that names no review: before Qt
    _check_output(args)
    from pkdesk.export import assessment_document, write_pdf
    from pkdesk.store.reference_repo import ReferenceRepository

    report = assessment_document(plan, ReferenceRepository(open_db(args)), args.review,
                                 lang=language(args))
    pages = write_pdf(report, args.output, args.page_size, args.pdfa)
    echo(f"wrote {terminal_text(args.output)} ({pages} pages)")
    return 0
