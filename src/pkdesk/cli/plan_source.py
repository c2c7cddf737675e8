"""PLAN arguments that name either a plan file or a stored plan's id; what-if options.

A PLAN that is an existing file is read as a file; otherwise a whole number is a stored
plan's id; anything else is read as a file (so a missing file gets the file reader's message).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pkdesk.cli.common import looks_like_id, open_db, plan_id_arg
from pkdesk.core.checker import check
from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.file import read_plan_file
from pkdesk.core.rules import RulePack
from pkdesk.core.stress import cleared_findings, new_findings
from pkdesk.core.whatif import WhatIfPack, apply_whatifs, default_whatif_pack, load_whatif_pack

PLAN_HELP = "a plan file, or the id of a plan stored in the database"


def load_plan_arg(args: argparse.Namespace, value: str) -> tuple[Plan, str]:
    """The plan ``value`` names, and how to call it in output ("plan 3", "x.pkplan.json")."""
    path = Path(value)
    if _is_file(path) or not looks_like_id(value):
        plan = read_plan_file(path)
        protect_read_file(args, path)
        return plan, path.name
    from pkdesk.store.plan_repo import PlanRepository

    plan_id = plan_id_arg(value)
    return PlanRepository(open_db(args)).get(plan_id), f"plan {plan_id}"


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:     # a name too long to be a file (5,000 digits) is not one
        return False


def protect_read_file(args: argparse.Namespace, path: Path) -> None:
    """When this command also writes a file (-o), that output must not overwrite ``path``,
    a file it read. (Imported only then: `pkdesk check FILE` loads nothing of pkdesk.store.)"""
    if getattr(args, "output", None) is not None:
        from pkdesk.store.output_guard import protect_input

        protect_input(path)


def add_whatif_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--what-if", dest="whatifs", metavar="NAME", action="append", default=[],
                   help="apply a named what-if in memory first (repeatable; the stored plan "
                        "is never changed)")
    p.add_argument("--set", dest="overrides", metavar="FIELD=VALUE", action="append",
                   default=[], help="override one field in memory, e.g. host_consent=withdrawn "
                                    "(repeatable)")
    add_pack_option(p)


def add_pack_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--whatifs", dest="whatif_pack", metavar="FILE", type=Path,
                   help="a what-if pack (default: the shipped one)")


def whatif_pack(args: argparse.Namespace) -> WhatIfPack:
    if not args.whatif_pack:
        return default_whatif_pack()
    protect_read_file(args, args.whatif_pack)
    return load_whatif_pack(args.whatif_pack)


def apply_cli_whatifs(args: argparse.Namespace, plan: Plan,
                      rules: RulePack) -> tuple[Plan, dict[str, Any] | None]:
    """The plan to check, and (when anything was applied) what the what-ifs did to it."""
    if not args.whatifs and not args.overrides:
        return plan, None
    perturbed = apply_whatifs(plan, args.whatifs, args.overrides, whatif_pack(args))
    baseline, after = check(plan, rules), check(perturbed, rules)
    return perturbed, {
        "applied": list(args.whatifs) + [f"set {o}" for o in args.overrides],
        "baseline_verdict": baseline.verdict,
        "new_findings": [f.rule for f in new_findings(baseline, after)],
        "cleared_findings": [f.rule for f in cleared_findings(baseline, after)],
    }


def whatif_header(info: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    from pkdesk.core.report_labels import verdict_label

    t = translator(lang)
    new, cleared = info["new_findings"], info["cleared_findings"]
    return (t("cli.whatif_applied", applied=", ".join(info["applied"])) + "\n  "
            + t("cli.whatif_against", verdict=verdict_label(info["baseline_verdict"],
                                                             lang).lower())
            + " " + t.plural("cli.whatif_new", len(new))
            + (f" ({', '.join(new)})" if new else "")
            + ", " + t.plural("cli.whatif_cleared", len(cleared))
            + (f" ({', '.join(cleared)})" if cleared else "") + "\n")
