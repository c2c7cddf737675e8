"""CLI commands over a stored plan's revisions and variants:
`plan history`, `plan diff`, `plan restore`, `plan branch`."""

from __future__ import annotations

import argparse
from typing import Any

from pkdesk.cli.common import (
    add_format, echo, one_line_arg, open_db, positive_id, print_json, terminal_text,
)
from pkdesk.cli.plans import plan_group
from pkdesk.core.plan.diff import describe


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    group = plan_group(sub)
    p = group.add_parser("history", help="a stored plan's revisions: who, when, what changed")
    p.add_argument("plan_id", metavar="ID", type=positive_id)
    add_format(p)
    p.set_defaults(func=cmd_history)

    p = group.add_parser("diff", help="what changed between two revisions of a stored plan")
    p.add_argument("plan_id", metavar="ID", type=positive_id)
    p.add_argument("old", metavar="REV1", type=positive_id)
    p.add_argument("new", metavar="REV2", type=positive_id)
    add_format(p)
    p.set_defaults(func=cmd_diff)

    p = group.add_parser("restore", help="make an old revision current again (as a new revision)")
    p.add_argument("plan_id", metavar="ID", type=positive_id)
    p.add_argument("number", metavar="REV", type=positive_id)
    p.add_argument("--author", default="", type=one_line_arg("--author"),
                   help="who restores it (recorded in the history)")
    p.set_defaults(func=cmd_restore)

    p = group.add_parser("branch", help="a variant of a stored plan, keeping its lineage")
    p.add_argument("plan_id", metavar="ID", type=positive_id)
    p.add_argument("--title", type=one_line_arg("--title"), help="the variant's title (default: the plan's + \" (variant)\")")
    p.add_argument("--changes", default="", metavar="TEXT",
                   help="what the variant changes, in your words (kept in its lineage)")
    p.add_argument("--author", default="", type=one_line_arg("--author"))
    add_format(p)
    p.set_defaults(func=cmd_branch)


def _repo(args: argparse.Namespace) -> Any:
    from pkdesk.store.plan_repo import PlanRepository

    return PlanRepository(open_db(args))


def cmd_history(args: argparse.Namespace) -> int:
    revisions = _repo(args).revisions(args.plan_id)
    if args.format == "json":
        print_json([{"number": r.number, "author": r.author,
                     "created_at": r.created_at.isoformat(timespec="seconds"),
                     "summary": r.summary} for r in revisions])
    else:
        for r in revisions:
            who = f"  {terminal_text(r.author)}" if r.author else ""
            echo(f"r{r.number:<4} {r.created_at:%Y-%m-%d %H:%M}{who}  {terminal_text(r.summary)}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    changes = _repo(args).diff_revisions(args.plan_id, args.old, args.new)
    if args.format == "json":
        print_json({"plan": args.plan_id, "from": args.old, "to": args.new,
                    "changes": [c.to_dict() for c in changes]})
    elif not changes:
        echo(f"revisions {args.old} and {args.new} are the same")
    else:
        for c in changes:
            echo(terminal_text(describe(c)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    number = _repo(args).restore(args.plan_id, args.number, author=args.author)
    echo(f"restored revision {args.number} of plan {args.plan_id} as revision {number}")
    return 0


def cmd_branch(args: argparse.Namespace) -> int:
    repo = _repo(args)
    new_id = repo.branch(args.plan_id, title=args.title, changes=args.changes, author=args.author)
    plan = repo.get(new_id)
    if args.format == "json":
        print_json({"id": new_id, "uid": plan.uid, "title": plan.title,
                    "parent_uid": plan.lineage.parent if plan.lineage else None})
    else:
        echo(f"branched plan {args.plan_id} as plan {new_id}: {terminal_text(plan.title)}")
    return 0
