"""CLI commands over mission plans: `check`, and the `plan` group (import, export, list).

`plan` is a subcommand group: other modules add their own `plan <verb>` commands through
``common.plan_group(sub)``; `plan list` and `plan history` live in ``cli.reads``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pkdesk.cli import reads
from pkdesk.cli.common import (
    add_format, add_lang, echo, language, open_db, output_path, plan_group, positive_id,
    print_json,
    terminal_text,
)
from pkdesk.cli.plan_source import (
    PLAN_HELP, add_whatif_options, apply_cli_whatifs, load_plan_arg, whatif_header,
)
from pkdesk.core.checker import check
from pkdesk.core.findings import SEVERITIES, CheckResult, Finding
from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.report import stale_acknowledgement_text, subject_words
from pkdesk.core.plan.file import read_plan_file, write_plan_file
from pkdesk.core.report_labels import (
    principle_label, severity_counts, severity_label, verdict_label,
)
from pkdesk.core.rules import default_rule_pack, load_rule_pack

EXIT_BLOCKED = 1


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    p = sub.add_parser("check", help="check a plan against the principles, like a linter")
    p.add_argument("plan", metavar="PLAN", help=PLAN_HELP)
    p.add_argument("--rules", metavar="FILE", type=Path,
                   help="a rule pack to check against (default: the shipped rules)")
    add_whatif_options(p)
    add_format(p)
    add_lang(p)
    p.set_defaults(func=cmd_check)

    group = plan_group(sub)
    p = group.add_parser("import", help="add a plan file to the database")
    p.add_argument("file", metavar="FILE", type=Path)
    add_format(p)
    p.set_defaults(func=cmd_import)

    p = group.add_parser("export", help="write a stored plan to a file")
    p.add_argument("plan_id", metavar="ID", type=positive_id)
    p.add_argument("-o", "--output", metavar="FILE", type=output_path, required=True)
    p.set_defaults(func=cmd_export)

    reads.register(group)   # `plan list`, `plan history`: the fast read-only commands


def subject_text(subject: str | None, plan: Plan | None, lang: str) -> str | None:
    """A subject as the text output names it: a worded objective or an indicator by its words
    (``objective “…”``), any other as written; None for the whole plan."""
    return None if subject is None else subject_words(subject, plan, translator(lang))


def finding_to_dict(f: Finding, plan: Plan | None = None,
                    lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    return {"rule": f.rule, "subject": f.subject,
            "subject_text": subject_text(f.subject, plan, lang), "principle": f.principle,
            "severity": f.severity, "message": f.message, "instead": f.instead,
            "cites": [{"node": c.node, "quote": c.quote} | ({"library": c.library}
                                                            if c.library else {})
                      for c in f.cites],
            "acknowledged": f.acknowledged}


def result_to_dict(result: CheckResult, plan: Plan | None = None,
                   lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """``check --format json``; ``plan`` (the plan checked) names worded objectives and
    indicators by their words in ``subject_text``, ``subject`` keeping the identifier."""
    return {"plan": result.plan_title, "verdict": result.verdict,
            "findings": [finding_to_dict(f, plan, lang) for f in result.findings],
            "stale_acknowledgements": [
                {"rule": a.rule, "subject": a.subject,
                 "subject_text": subject_text(a.subject, plan, lang), "reason": a.reason,
                 "by": a.by, "at": a.at,
                 "problem": "needs_subject" if a.subject is None else "plan_level"}
                for a in result.stale_acknowledgements]}


def _libraries(args: argparse.Namespace) -> Any:
    """Resolves a rule pack's library citations; opens the database only when one asks."""
    def lookup(title: str) -> Any:
        from pkdesk.store.library_repo import library_lookup

        return library_lookup(open_db(args))(title)
    return lookup


def cmd_check(args: argparse.Namespace) -> int:
    plan, _source = load_plan_arg(args, args.plan)
    pack = load_rule_pack(args.rules, _libraries(args)) if args.rules else default_rule_pack()
    lang = language(args)
    plan, whatif = apply_cli_whatifs(args, plan, pack)
    result = check(plan, pack, lang)
    if args.format == "json":
        print_json(result_to_dict(result, plan, lang) | ({"what_if": whatif} if whatif else {}))
    else:
        echo((whatif_header(whatif, lang) if whatif else "")
              + format_result(result, _node_titles(), lang, plan))
    return EXIT_BLOCKED if result.verdict == "blocked" else 0


def format_result(result: CheckResult, titles: dict[str, str],
                  lang: str = DEFAULT_LANGUAGE, plan: Plan | None = None) -> str:
    """Findings as a linter prints them (see ARCHITECTURE.md), then a one-line verdict.

    English prints the severity and principle ids scripts grep for (``blocker  consent``);
    other languages print their words for them. Quotes stay verbatim (English)."""
    t = translator(lang)
    lines = []
    for f in result.findings:
        severity, principle = (f.severity, f.principle) if lang == DEFAULT_LANGUAGE else \
            (severity_label(f.severity, lang).lower(), principle_label(f.principle, lang).lower())
        # Every field one line, whatever a pack or a plan holds: no forged finding lines.
        lines.append(f"{f.rule}  {severity}  {principle}")
        lines.append(f"  {terminal_text(f.message)}")
        lines.append("  " + t("cli.instead", text=terminal_text(f.instead)))
        for c in f.cites:
            lines.append("  " + t("cli.rests_on", title=terminal_text(titles.get(c.node, c.node)),
                                  quote=terminal_text(c.quote)))
        if f.acknowledged is not None:
            lines.append("  " + t("cli.acknowledged", reason=terminal_text(f.acknowledged)))
        lines.append("")
    for a in result.stale_acknowledgements:
        lines += [terminal_text(stale_acknowledgement_text(a, t, plan)), ""]
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in SEVERITIES}
    tally = severity_counts(counts, lang=lang)
    lines.append(f"{terminal_text(result.plan_title)}: {verdict_label(result.verdict, lang).lower()}"
                 + (f" ({tally})" if tally else ""))
    return "\n".join(lines)


def _node_titles() -> dict[str, str]:
    """Reference node titles for citations, from the shipped corpus (no database needed)."""
    from pkdesk.core.reference import shipped_nodes

    return {n.id: n.title for n in shipped_nodes()}


def cmd_import(args: argparse.Namespace) -> int:
    from pkdesk.store.plan_repo import PlanRepository

    plan = read_plan_file(args.file)  # fully validated before the database is touched
    result = PlanRepository(open_db(args)).import_plan(plan)
    if args.format == "json":
        print_json({"id": result.id, "uid": result.plan.uid, "title": result.plan.title,
                    "renamed_from": result.renamed_from})
    else:
        echo(f"imported plan {result.id}: {terminal_text(result.plan.title)}")
        if result.renamed_from:
            echo(f"note: a plan with uid {result.renamed_from} was already stored; "
                  f"the import was given the new uid {result.plan.uid}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pkdesk.store.output_guard import check_output_path
    from pkdesk.store.plan_repo import PlanRepository

    plan = PlanRepository(open_db(args)).get(args.plan_id)
    write_plan_file(plan, check_output_path(args.output, what="plan file"))
    echo(f"exported plan {args.plan_id} to {terminal_text(args.output)}")
    return 0
