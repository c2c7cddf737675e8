"""The read-only commands `plan list`, `plan history ID`, `reference` (the tree) and `search
QUERY`, answered before argparse, pathlib or typing are imported (issue 17: a read-only
command within 3x a bare ``sqlite3`` run of its query).

Only a plain command line is taken here: ``[--db PATH | --db=PATH]``, the command words, its
positional arguments and options (``--format text|json``, search's ``--limit N`` and
``--scope S``; ``--opt VALUE`` or ``--opt=VALUE``, each once), every argument valid UTF-8 text.
Anything else (``--help``, ``--lang``, a node id, an abbreviation, a bad number, a value
starting with "-", a missing value, the per-user default database...) answers None and
``cli.main`` parses it with argparse as before, so help texts and error lines are argparse's
own. The database is read through ``store.readonly`` exactly as ``common.read_db`` reads it;
when that quick read cannot be used (no file yet, an older schema, damage, a value it cannot
convert), None again: the full path opens the file and says what is wrong.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

MAX_ID = 2**63 - 1     # common.MAX_ID (tests/cli/test_fastread.py keeps them equal)
EXIT_BAD_INPUT = 2


# The commands taken here: their command words, how many positional arguments, the options.
_COMMANDS = {
    ("plan", "list"): (0, frozenset({"format"})),
    ("plan", "history"): (1, frozenset({"format"})),
    ("reference",): (0, frozenset({"format"})),
    ("search",): (1, frozenset({"format", "limit", "scope"})),
}


class _Plain:
    """A plain read-only command line, parsed."""

    def __init__(self, db: str | None, command: tuple[str, ...], positional: list[str],
                 options: dict[str, str]) -> None:
        self.db = db
        self.command = command
        self.positional = positional
        self.output_format = options.get("format", "text")
        self.limit = _positive_id(options.get("limit", "10"))
        self.scope = options.get("scope", "all")


def _positive_id(text: str) -> int | None:
    """common.positive_id's numbers, written plainly; None for anything argparse should see."""
    if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID)) \
            and 1 <= int(text) <= MAX_ID:
        return int(text)
    return None


def _plain(argv: Sequence[str]) -> _Plain | None:
    """A plain `plan list`/`plan history ID`/`reference`/`search QUERY` line, else None."""
    args = list(argv)
    if any(not arg or "\x00" in arg or not _utf8(arg) for arg in args):
        return None
    db = None
    if len(args) >= 2 and args[0] == "--db" and not args[1].startswith("-"):
        db, args = args[1], args[2:]
    elif args and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        db, args = args[0][len("--db="):], args[1:]
    command = tuple(args[:2]) if args[:1] == ["plan"] else tuple(args[:1])
    if command not in _COMMANDS:
        return None
    wanted, allowed = _COMMANDS[command]
    rest = args[len(command):]
    positional: list[str] = []
    options: dict[str, str] = {}
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-"):
            positional.append(arg)
            continue
        name, eq, value = arg[2:].partition("=")
        if not arg.startswith("--") or name not in allowed or name in options:
            return None
        if not eq:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if not value or (name == "format" and value not in ("text", "json")):
            return None
        options[name] = value
    plain = _Plain(db, command, positional, options)
    if len(positional) != wanted or plain.limit is None:
        return None
    if command == ("plan", "history") and _positive_id(positional[0]) is None:
        return None
    return plain


def _utf8(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def run(argv: Sequence[str]) -> int | None:
    """The command's exit code, or None when it is not a plain read-only command line or the
    quick read cannot answer (the caller then runs it the full way)."""
    plain = _plain(argv)
    if plain is None:
        return None
    db = plain.db or os.environ.get("PKDESK_DB") or None      # paths.DB_ENV
    if db is None:
        return None                  # the per-user default: paths.py knows where it is
    import sqlite3

    from pkdesk.cli import output
    from pkdesk.core.errors import PkdeskError
    from pkdesk.store import queries
    from pkdesk.store.readonly import open_current

    output.robust_streams()
    command, words = plain.command, plain.positional
    try:
        scope: str | int = "all"
        if command == ("search",):
            from pkdesk.core.search import parse_scope

            scope = parse_scope(plain.scope)    # before the database, as cmd_search does
        conn = open_current(os.path.expanduser(db), corpus=command[0] != "plan")
        if conn is None:
            return None
        try:
            def fetch(sql: str, params: tuple[Any, ...]) -> list[Any]:
                rows: list[Any] = conn.execute(sql, params).fetchall()
                return rows

            if command == ("plan", "list"):
                result: Any = queries.plan_list(fetch)
            elif command == ("plan", "history"):
                result = queries.plan_revisions(fetch, int(words[0]))
            elif command == ("reference",):
                result = queries.ref_tree(fetch)
            else:
                assert plain.limit is not None
                result = queries.search(fetch, words[0], plain.limit, scope)
        except (sqlite3.Error, ValueError, TypeError):
            return None              # the full open names the problem
        finally:
            conn.close()
    except PkdeskError as exc:
        output.echo(f"pkdesk: {output.terminal_text(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if command == ("plan", "list"):
            output.show_plans(result, plain.output_format)
        elif command == ("plan", "history"):
            output.show_revisions(result, plain.output_format)
        elif command == ("reference",):
            roots, entries = result
            output.show_tree(roots, entries, plain.output_format)
        else:
            output.show_hits(result, words[0], plain.output_format)
    except BrokenPipeError:
        return 0
    return 0
