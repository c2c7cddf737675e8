"""Helpers every subcommand shares: opening the database and printing results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

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
