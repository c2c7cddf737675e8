"""`plan list` and `plan history`: read-only commands that answer at once on a large database.

They read through ``common.read_db`` (a plain read-only ``sqlite3`` connection when the file is
current, the full open otherwise) and import nothing else of pkdesk's: ``pkdesk plan list``
builds only these parsers (``cli.build_parser``) and loads neither SQLAlchemy nor the checker.
"""

from __future__ import annotations

import argparse
from typing import Any

from pkdesk.cli.common import add_format, echo, positive_id, print_json, read_db, terminal_text

# `plan VERB` commands this module registers: the parser for them is built from it alone.
PLAN_VERBS = frozenset({"list", "history"})


def register(group: "argparse._SubParsersAction[Any]") -> None:
    """Add `plan list` and `plan history` to the `plan` group."""
    p = group.add_parser("list", help="list the stored plans")
    add_format(p)
    p.set_defaults(func=cmd_list)

    p = group.add_parser("history", help="a stored plan's revisions: who, when, what changed")
    p.add_argument("plan_id", metavar="ID", type=positive_id)
    add_format(p)
    p.set_defaults(func=cmd_history)


def cmd_list(args: argparse.Namespace) -> int:
    from pkdesk.store import queries

    def full(db: Any) -> list[queries.PlanSummary]:
        from pkdesk.store.plan_repo import PlanRepository

        result: list[queries.PlanSummary] = PlanRepository(db).list()
        return result

    plans = read_db(args, queries.plan_list, full)
    if args.format == "json":
        print_json([{"id": p.id, "uid": p.uid, "title": p.title, "revision": p.revision,
                     "updated_at": p.updated_at.isoformat(timespec="seconds"),
                     "parent_uid": p.parent_uid} for p in plans])
    elif not plans:
        echo("no plans")
    else:
        echo("\n".join(f"{p.id:>4}  r{p.revision:<3} {p.updated_at:%Y-%m-%d %H:%M}  "
                       f"{terminal_text(p.title)}" for p in plans))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from pkdesk.store import queries

    def full(db: Any) -> list[queries.RevisionInfo]:
        from pkdesk.store.plan_repo import PlanRepository

        result: list[queries.RevisionInfo] = PlanRepository(db).revisions(args.plan_id)
        return result

    revisions = read_db(args, lambda fetch: queries.plan_revisions(fetch, args.plan_id), full)
    if args.format == "json":
        print_json([{"number": r.number, "author": r.author,
                     "created_at": r.created_at.isoformat(timespec="seconds"),
                     "summary": r.summary} for r in revisions])
    else:
        for r in revisions:
            who = f"  {terminal_text(r.author)}" if r.author else ""
            echo(f"r{r.number:<4} {r.created_at:%Y-%m-%d %H:%M}{who}  {terminal_text(r.summary)}")
    return 0
