"""Helpers every subcommand shares: opening the database and printing results."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from pkdesk.cli.output import echo as echo
from pkdesk.cli.output import print_json as print_json
from pkdesk.cli.output import robust_streams as robust_streams
from pkdesk.cli.output import terminal_text as terminal_text
from pkdesk.core.errors import InputError
from pkdesk.paths import DB_ENV, resolve_db_path

TYPE_CHECKING = False   # (not typing's: importing typing costs the read-only commands)
if TYPE_CHECKING:  # imported when used: SQLAlchemy would slow the GUI's first paint
    from collections.abc import Callable
    from typing import Any, TypeVar

    from pkdesk.store.db import Database
    from pkdesk.store.queries import Fetch

    T = TypeVar("T")


# Databases the running command opened; main() closes them when the command ends, so no
# subcommand has to (an unclosed SQLite connection is a ResourceWarning from Python 3.13).
_opened: list[Database] = []


def open_db(args: argparse.Namespace) -> Database:
    # Only the default per-user folder is created on demand; an explicit path must exist.
    from pkdesk.paths import server_url
    from pkdesk.store.library import open_library

    url = server_url(args.db)
    if url is not None:      # a team database on a PostgreSQL server
        db = open_library(url)
        _opened.append(db)
        return db
    default = not args.db and not os.environ.get(DB_ENV)
    db = open_library(server_url(args.db) or resolve_db_path(args.db), create_parent=default)
    _opened.append(db)
    return db


def read_db(args: argparse.Namespace, fast: Callable[[Fetch], T],
            full: Callable[[Database], T], *, corpus: bool = False) -> T:
    """What a read-only command reads: ``fast`` through a plain read-only ``sqlite3``
    connection when the file is current (``store.readonly``: no SQLAlchemy, no Alembic),
    else ``full`` through ``open_db``, which creates, upgrades, loads the corpus or says
    what is wrong. A team database (a ``postgresql`` URL) is always read the full way. A read the fast way cannot finish (a damaged value, a busy or unreadable
    file) is done again the full way, whose checks name the problem."""
    import sqlite3

    from pkdesk.paths import server_url
    from pkdesk.store.readonly import open_current

    if server_url(args.db) is not None:
        return full(open_db(args))   # a team database: through SQLAlchemy, on the server

    conn = open_current(resolve_db_path(args.db), corpus=corpus)
    if conn is not None:
        try:
            return fast(lambda sql, params: conn.execute(sql, params).fetchall())
        except (sqlite3.Error, ValueError, TypeError):
            pass
        finally:
            conn.close()
    return full(open_db(args))


_GROUP_ATTR = "_pkdesk_plan_commands"


def plan_group(sub: "argparse._SubParsersAction[Any]") -> "argparse._SubParsersAction[Any]":
    """The `plan` group's subcommands, created on first use; add `plan <verb>` parsers here."""
    parser = sub.choices.get("plan")
    if parser is None:
        parser = sub.add_parser("plan", help="stored plans: import, export, list")
        group = parser.add_subparsers(dest="plan_command", metavar="PLAN_COMMAND",
                                      parser_class=type(parser), required=True)
        setattr(parser, _GROUP_ATTR, group)
    group_action: argparse._SubParsersAction[Any] = getattr(parser, _GROUP_ATTR)
    return group_action


def close_databases() -> None:
    """Close every database open_db opened (closing twice is harmless)."""
    while _opened:
        _opened.pop().close()


# Ids, revision numbers and limits are SQLite integers: anything above a signed 64-bit
# value cannot even be bound to a query (Python raises OverflowError), so it is refused here.
MAX_ID = 2**63 - 1
_ID_RANGE = f"a whole number from 1 to {MAX_ID}"


def _whole_number(text: str) -> int | None:
    """``text`` as a non-negative whole number written in ASCII digits, else None (so "²",
    "1_000" or "٣" are not numbers here, although Python's int() or isdigit() take some)."""
    stripped = text.strip()
    if not stripped or not stripped.isascii() or not stripped.isdigit():
        return None
    if len(stripped.lstrip("0")) > len(str(MAX_ID)):
        return MAX_ID + 1   # out of range, said so; int() refuses 4,300+ digits with advice
    return int(stripped)


def positive_id(text: str) -> int:
    """argparse ``type=`` for ids, revision numbers and limits: 1 to 2**63-1.
    argparse turns the error into one line and exit 2."""
    value = _whole_number(text)
    if value is None or not 1 <= value <= MAX_ID:
        shown = text if len(text) <= 30 else text[:29] + "…"
        raise argparse.ArgumentTypeError(f"expected {_ID_RANGE} (got {shown!r})")
    return value


def output_path(text: str) -> Path:
    """argparse ``type=`` for ``-o FILE``: an empty name is refused (``Path("")`` would be the
    current folder), and so is a name that only spaces make."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a file name (got an empty one)")
    return Path(text)


def looks_like_id(text: str) -> bool:
    """Whether a PLAN argument is written as a stored plan's id (ASCII digits only)."""
    return _whole_number(text) is not None


def plan_id_arg(text: str, what: str = "PLAN") -> int:
    """A PLAN argument written as digits, as a stored plan's id; out of range is bad input."""
    value = _whole_number(text)
    if value is None or not 1 <= value <= MAX_ID:
        shown = text if len(text) <= 30 else text[:29] + "…"
        raise InputError(f"{what}: no plan file {shown} and not a stored plan id "
                         f"({_ID_RANGE})")
    return value


def add_lang(parser: argparse.ArgumentParser, default: Any = argparse.SUPPRESS, *,
             lazy: bool = False) -> None:
    """``--lang en|fr``: globally (``pkdesk --lang fr check ...``) or after a command that
    prints findings or documents (``pkdesk export ... --lang fr``); the latter wins.
    ``lazy``: the language catalog module is imported only if ``--lang`` is given (the
    read-only commands' parser, built to answer at once)."""
    if lazy:
        parser.add_argument("--lang", type=_language_arg, default=default, metavar=LANG_METAVAR,
                            help="language of findings and documents")
        return
    from pkdesk.core.i18n import LANGUAGES

    parser.add_argument("--lang", choices=LANGUAGES, default=default,
                        help="language of findings and documents (default: $PKDESK_LANG, "
                             "else your locale, else en)")


# What argparse shows for choices=LANGUAGES (tests/cli/test_read_fast.py keeps it in step).
LANG_METAVAR = "{en,fr}"


def _language_arg(text: str) -> str:
    from pkdesk.core.i18n import LANGUAGES

    if text not in LANGUAGES:   # argparse's own words for a wrong choice
        choices = ", ".join(repr(lang) for lang in LANGUAGES)
        raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose from {choices})")
    return text


def language(args: argparse.Namespace) -> str:
    """The language this command speaks: --lang > $PKDESK_LANG > the locale > en."""
    from pkdesk.core.i18n import resolve_language

    return resolve_language(getattr(args, "lang", None))


PAGE_SIZE_CHOICES = ("A4", "Letter")


def add_pdf_output(parser: argparse.ArgumentParser) -> None:
    """What every command writing a PDF takes: ``-o OUT.pdf``, ``--page-size``, ``--pdfa``
    and ``--lang``."""
    parser.add_argument("-o", "--output", metavar="OUT.pdf", type=output_path, required=True)
    parser.add_argument("--page-size", choices=PAGE_SIZE_CHOICES, default="A4",
                        help="paper size (default: A4)")
    parser.add_argument("--pdfa", action="store_true", help="write PDF/A-1b, for archiving")
    add_lang(parser)


def add_format(parser: argparse.ArgumentParser, default: str = "text") -> None:
    parser.add_argument("--format", choices=("json", "text"), default=default,
                        help=f"output format (default: {default})")


# The characters output.terminal_text shows escaped: refused in a one-line argument.
_UNSAFE_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def not_utf8(value: str) -> bool:
    """Whether ``value`` came from bytes that were not UTF-8 (Python keeps them as lone
    surrogates, which can be neither stored nor printed)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def shown_bytes(text: str) -> str:
    """An argument as the bytes it was given as, quoted, ASCII only (``'\\xff'``)."""
    raw = text.encode("utf-8", "surrogateescape") if not_utf8(text) else text.encode("utf-8")
    shown = repr(raw)[1:]
    return shown if len(shown) <= 60 else shown[:56] + "...'"


def one_line_arg(what: str) -> Any:
    """argparse ``type=`` for a one-line text option (``--author``, ``--title``): control
    and bidi characters and bytes that are not UTF-8 are refused (exit 2, one line)."""
    def parse(text: str) -> str:
        if not_utf8(text):
            raise argparse.ArgumentTypeError(f"not valid UTF-8 text: {shown_bytes(text)}")
        found = _UNSAFE_ONE_LINE.search(text)
        if found is not None:
            raise argparse.ArgumentTypeError(
                f"{_char_name(found.group())} at character {found.start() + 1}; "
                f"{what} is one line of plain text")
        return text
    return parse


def _char_name(ch: str) -> str:
    kind = "bidi control character" if ord(ch) >= 0x2000 else "control character"
    return f"{kind} U+{ord(ch):04X}"
