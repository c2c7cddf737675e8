"""`plan list` and `plan history`: read-only commands that answer at once on a large database.

They read through ``common.read_db`` (a plain read-only ``sqlite3`` connection when the file is
current, the full open otherwise) and import nothing else of pkdesk's: ``pkdesk plan list``
builds only these parsers (``cli.build_parser``) and loads neither SQLAlchemy nor the checker.
A plain command line (``cli.fastread``) does not even reach argparse.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

from pkdesk.cli.common import add_format, positive_id, read_db
from pkdesk.cli.output import show_plans, show_revisions

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

    show_plans(read_db(args, queries.plan_list, full), args.format)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from pkdesk.store import queries

    def full(db: Any) -> list[queries.RevisionInfo]:
        from pkdesk.store.plan_repo import PlanRepository

        result: list[queries.RevisionInfo] = PlanRepository(db).revisions(args.plan_id)
        return result

    show_revisions(read_db(args, lambda fetch: queries.plan_revisions(fetch, args.plan_id), full),
                   args.format)
    return 0
