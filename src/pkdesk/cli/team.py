"""`pkdesk team`: people and roles on a team database (PostgreSQL), and its audit trail.

    pkdesk --db URL team grant USER --role author|reviewer|reader
    pkdesk --db URL team revoke USER
    pkdesk --db URL team list
    pkdesk --db URL team audit [--plan ID] [--since DATE]
    pkdesk team login URL [--keyring]

grant, revoke and list need an administrator's connection (a user with CREATEROLE that owns
the database); the server itself refuses anyone else. On an SQLite file they say, in one line,
that roles need a team database.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from typing import Any

from pkdesk.cli.common import add_format, echo, open_db, positive_id, print_json, terminal_text
from pkdesk.core.errors import InputError, StoreError
from pkdesk.paths import DB_ENV


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    p = sub.add_parser("team", help="people and roles on a team database (PostgreSQL)")
    group = p.add_subparsers(dest="team_command", metavar="TEAM_COMMAND",
                             parser_class=type(p), required=True)

    g = group.add_parser("grant", help="give a person a role (creates their account if needed)")
    g.add_argument("user", metavar="USER")
    g.add_argument("--role", choices=("author", "reviewer", "reader"), required=True)
    g.add_argument("--password-stdin", action="store_true",
                   help="read a new account's initial password from standard input "
                        "(default: generate one and print it once)")
    g.set_defaults(func=cmd_grant)

    r = group.add_parser("revoke", help="take a person's role away (the account stays)")
    r.add_argument("user", metavar="USER")
    r.set_defaults(func=cmd_revoke)

    ls = group.add_parser("list", help="people and their roles")
    add_format(ls)
    ls.set_defaults(func=cmd_list)

    a = group.add_parser("audit", help="who changed what, when (written by the server)")
    a.add_argument("--plan", metavar="ID", type=positive_id, help="one plan's entries only")
    a.add_argument("--since", metavar="DATE", type=_date_arg,
                   help="entries from this date or time on (2026-11-30 or 2026-11-30T08:00)")
    add_format(a)
    a.set_defaults(func=cmd_audit)

    lo = group.add_parser("login", help="keep your password for a team database where libpq "
                                        "finds it (~/.pgpass, mode 0600) or in the OS keyring")
    lo.add_argument("url", metavar="URL", help="postgresql://USER@HOST[:PORT]/DBNAME")
    lo.add_argument("--keyring", action="store_true",
                    help="store it in the OS keyring (needs the optional keyring package)")
    lo.add_argument("--password-stdin", action="store_true",
                    help="read the password from standard input instead of asking")
    lo.set_defaults(func=cmd_login)


def _date_arg(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        shown = text if len(text) <= 30 else text[:29] + "…"
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-30 (got {shown!r})")
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _team_db(args: argparse.Namespace) -> Any:
    from pkdesk.store.credentials import is_server_url
    from pkdesk.store.team import NOT_A_TEAM_DATABASE

    given = args.db or os.environ.get(DB_ENV) or ""
    if not is_server_url(str(given)):
        raise InputError(NOT_A_TEAM_DATABASE)
    return open_db(args)


def _admin(conn: Any, what: str) -> None:
    """Grants need CREATEROLE: say so plainly rather than relay the server's words."""
    from sqlalchemy import text

    from pkdesk.store.team import access

    row = conn.execute(text("SELECT rolcreaterole OR rolsuper FROM pg_roles "
                            "WHERE rolname = session_user")).scalar()
    if not row:
        who = access(conn)
        raise InputError(f"{what} needs an administrator's connection (a user with "
                         f"CREATEROLE); you are connected as {who.user}")


def _read_secret(prompt: str, from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        line = getpass.getpass(prompt)
    if not line:
        raise InputError("no password given")
    if any(ord(c) < 32 for c in line):
        raise InputError("a password is one line without control characters")
    return line


def _login_url(db_url: str, user: str) -> str:
    from pkdesk.store.credentials import parse

    target = parse(db_url)
    host = f"[{target.host}]" if ":" in target.host else target.host
    return f"postgresql://{user}@{host}:{target.port}/{target.dbname}"


def cmd_grant(args: argparse.Namespace) -> int:
    from pkdesk.store.team import check_user_name, generate_password, grant

    check_user_name(args.user)
    db = _team_db(args)
    with db.engine.begin() as conn:
        _admin(conn, "team grant")
        from pkdesk.store.team import _role_exists

        password: str | None = None
        generated = False
        if not _role_exists(conn, args.user):
            if args.password_stdin:
                password = _read_secret("", True)
            else:
                password, generated = generate_password(), True
        created = grant(conn, args.user, args.role, password)
    user = terminal_text(args.user)
    echo(f"{user} is now {args.role} on this team database.")
    if created:
        url = terminal_text(_login_url(str(args.db or os.environ.get(DB_ENV)), args.user))
        if generated:
            echo(f"Initial password for {user} (shown this once, stored nowhere): {password}")
        echo(f"Hand it over in person or by another channel than this one's; {user} then "
             f"runs `pkdesk team login {url}` to keep it in their password file, and may "
             "change it with ALTER ROLE ... PASSWORD from psql.")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from pkdesk.store.team import check_user_name, revoke

    check_user_name(args.user)
    db = _team_db(args)
    with db.engine.begin() as conn:
        _admin(conn, "team revoke")
        had = revoke(conn, args.user)
    user = terminal_text(args.user)
    if had is None:
        echo(f"{user} had no role on this team database; nothing changed.")
    else:
        echo(f"{user} is no longer {had}: they can no longer open this team database "
             "(their account stays).")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from pkdesk.store.team import members

    db = _team_db(args)
    with db.engine.connect() as conn:
        people = members(conn)
    if args.format == "json":
        print_json([{"user": m.user, "role": m.role, "can_login": m.can_login} for m in people])
        return 0
    if not people:
        echo("No one has a role yet: pkdesk team grant USER --role author|reviewer|reader")
    for m in people:
        echo(f"{terminal_text(m.user):<24} {m.role:<9}" + ("" if m.can_login
                                                          else " (cannot log in)"))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from pkdesk.store.team import audit

    db = _team_db(args)
    with db.engine.connect() as conn:
        entries = audit(conn, args.plan, args.since)
    if args.format == "json":
        print_json([{"at": e.at.isoformat(), "actor": e.actor, "action": e.action,
                     "plan": e.plan_id, "plan_uid": e.plan_uid, "revision": e.revision,
                     "detail": e.detail} for e in entries])
        return 0
    for e in entries:
        where = f" plan {e.plan_id}" if e.plan_id is not None else ""
        where += f" rev {e.revision}" if e.revision is not None else ""
        at = e.at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        echo(f"{at}  {terminal_text(e.actor)}  {e.action}{where}"
             + (f"  {terminal_text(e.detail)}" if e.detail else ""))
    if not entries:
        echo("No audit entries" + (" for that plan" if args.plan else "")
             + (" since then" if args.since else "") + ".")
    return 0


def cmd_login(args: argparse.Namespace) -> int:
    from pkdesk.store.credentials import (check_pgpass, parse, redacted, store_in_keyring,
                                          store_in_pgpass)

    target = parse(args.url)
    if target.password is not None:
        raise InputError("give the URL without its password "
                         f"({redacted(args.url)}); pkdesk asks for it")
    if args.keyring:
        from pkdesk.store.credentials import keyring_available

        if not keyring_available():
            raise InputError("the OS keyring needs the optional 'keyring' package "
                             "(pip install keyring); without --keyring, pkdesk keeps the "
                             "password in libpq's password file")
    else:
        check_pgpass()    # a file others can read is refused before anything is asked
    password = _read_secret(f"Password for {target.user}: ", args.password_stdin)
    _try_login(target, password)
    if args.keyring:
        store_in_keyring(target, password)
        echo(f"Password for {terminal_text(target.key)} kept in the OS keyring.")
    else:
        path = store_in_pgpass(target, password)
        echo(f"Password for {terminal_text(target.key)} kept in {terminal_text(path)} "
             "(yours alone, mode 0600).")
    return 0


def _try_login(target: Any, password: str) -> None:
    """Connect once with ``password``: a wrong one is said now, and nothing is stored."""
    import psycopg

    try:
        psycopg.connect(host=target.host, port=target.port, dbname=target.dbname,
                        user=target.user, password=password, connect_timeout=10,
                        passfile=os.devnull).close()
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no answer"
        if "password authentication failed" in str(exc):
            raise InputError(f"the server refused the password for {target.user}; "
                             "nothing was stored") from None
        raise StoreError(f"cannot reach the team database {target.key}: {first}; "
                         "nothing was stored") from None
