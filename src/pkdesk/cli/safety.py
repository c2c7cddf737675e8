"""CLI commands that keep the user's data safe: `backup`, `restore` and `doctor`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pkdesk.cli.common import add_format, echo, open_db, output_path, print_json, terminal_text
from pkdesk.paths import resolve_db_path, server_url

EXIT_PROBLEMS = 1

SERVER_BACKUP = ("backups of a team database are made on the server, with PostgreSQL's "
                 "pg_dump and pg_restore, by whoever runs it (README \"Team database "
                 "(PostgreSQL)\")")


def _refuse_on_server(args: argparse.Namespace, command: str) -> None:
    """``backup`` and ``restore`` work on a database file; on a team database, say so."""
    if server_url(args.db) is not None:
        from pkdesk.core.errors import InputError

        raise InputError(f"{command} works on a database file; {SERVER_BACKUP}")


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add this module's subcommands to the pkdesk parser."""
    p = sub.add_parser("backup", help="back up the database now (into backups/ beside it), "
                       "or list the backups")
    p.add_argument("-o", "--output", metavar="FILE", type=output_path, help="write the backup to FILE instead "
                   "(it must not exist yet)")
    p.add_argument("--list", action="store_true", help="list the backups with their dates "
                   "and plan counts, newest first")
    add_format(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup file (the current "
                       "database is kept as a backup first)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("doctor", help="check the database fully and report (exit 0 healthy, "
                       "1 problems)")
    add_format(p)
    p.set_defaults(func=cmd_doctor)


def cmd_backup(args: argparse.Namespace) -> int:
    from pkdesk.store.backup import backup_now, list_backups

    _refuse_on_server(args, "backup")
    if args.list:
        if args.output is not None:
            from pkdesk.core.errors import InputError

            raise InputError("--list and --output cannot be used together")
        backups = list_backups(resolve_db_path(args.db))
        if args.format == "json":
            print_json([{"path": str(b.path), "created": b.created.isoformat(), "plans": b.plans,
                         "size": b.size, "problem": b.problem} for b in backups])
        elif not backups:
            echo("no backups yet")
        for b in backups if args.format == "text" else []:
            plans = f"{b.plans} plan(s)" if b.plans is not None else "unreadable"
            when = b.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            echo(f"{when}  {plans:>12}  {b.size / 1e6:6.1f} MB  {terminal_text(b.path)}")
        return 0
    db = open_db(args)  # refuses a damaged or foreign file, with the way out
    try:
        path = backup_now(db.path, args.output)
    finally:
        db.close()
    if args.format == "json":
        print_json({"path": str(path)})
    else:
        echo(terminal_text(path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pkdesk.store.restore import restore

    _refuse_on_server(args, "restore")
    # Not open_db: the database being replaced may be the damaged file we are rescuing.
    result = restore(resolve_db_path(args.db), Path(args.file))
    echo(f"restored {terminal_text(result.restored_from)} into {terminal_text(result.database)}")
    if result.previous is not None:
        what = "damaged file moved aside to" if result.previous_was_damaged else "previous data kept in backup"
        echo(f"{what} {terminal_text(result.previous)}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from pkdesk.store.doctor import diagnose

    if server_url(args.db) is not None:
        return _doctor_server(args)
    report = diagnose(resolve_db_path(args.db))
    if args.format == "json":
        print_json({"database": str(report.path), "healthy": report.healthy,
                    "checks": [{"status": c.status, "item": c.item, "detail": c.detail}
                               for c in report.checks]})
    else:
        echo(f"database: {terminal_text(report.path)}")
        for c in report.checks:
            echo(f"{c.status:<5} {c.item:<13} {terminal_text(c.detail)}")
        echo("healthy" if report.healthy else "problems found; see the FAIL lines above")
    return 0 if report.healthy else EXIT_PROBLEMS


def _doctor_server(args: argparse.Namespace) -> int:
    """``doctor`` on a team database: the server keeps types and integrity itself; what is
    checked here is that it is reachable, pkdesk's, of a known schema with every table and
    column (``Database.open``), and what it holds. A problem is one line and exit 2."""
    from pkdesk.store.plan_repo import PlanRepository
    from pkdesk.store.schema import SCHEMA_HEAD

    db = open_db(args)
    plans = PlanRepository(db).count()
    checks = [("ok", "server", db.where), ("ok", "schema", f"revision {SCHEMA_HEAD}, every "
                                                           "table and column present"),
              ("ok", "plans", f"{plans} plan(s)"),
              ("note", "backups", SERVER_BACKUP)]
    if args.format == "json":
        print_json({"database": db.where, "healthy": True,
                    "checks": [{"status": st, "item": it, "detail": d} for st, it, d in checks]})
    else:
        echo(f"database: {terminal_text(db.where)}")
        for st, it, d in checks:
            echo(f"{st:<5} {it:<13} {terminal_text(d)}")
        echo("healthy")
    return 0
