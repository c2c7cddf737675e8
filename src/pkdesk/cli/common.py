"""Helpers every subcommand shares: opening the database and printing results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pkdesk.core.errors import InputError
from pkdesk.paths import DB_ENV, resolve_db_path

if TYPE_CHECKING:  # imported when used: SQLAlchemy would slow the GUI's first paint
    from pkdesk.store.db import Database


# Databases the running command opened; main() closes them when the command ends, so no
# subcommand has to (an unclosed SQLite connection is a ResourceWarning from Python 3.13).
_opened: list[Database] = []


def open_db(args: argparse.Namespace) -> Database:
    # Only the default per-user folder is created on demand; an explicit path must exist.
    from pkdesk.store.db import Database

    default = not args.db and not os.environ.get(DB_ENV)
    db = Database.open(resolve_db_path(args.db), create_parent=default)
    _opened.append(db)
    return db


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


def add_lang(parser: argparse.ArgumentParser, default: Any = argparse.SUPPRESS) -> None:
    """``--lang en|fr``: globally (``pkdesk --lang fr check ...``) or after a command that
    prints findings or documents (``pkdesk export ... --lang fr``); the latter wins."""
    from pkdesk.core.i18n import LANGUAGES

    parser.add_argument("--lang", choices=LANGUAGES, default=default,
                        help="language of findings and documents (default: $PKDESK_LANG, "
                             "else your locale, else en)")


def language(args: argparse.Namespace) -> str:
    """The language this command speaks: --lang > $PKDESK_LANG > the locale > en."""
    from pkdesk.core.i18n import resolve_language

    return resolve_language(getattr(args, "lang", None))


def add_format(parser: argparse.ArgumentParser, default: str = "text") -> None:
    parser.add_argument("--format", choices=("json", "text"), default=default,
                        help=f"output format (default: {default})")


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
