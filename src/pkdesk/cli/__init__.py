"""pkdesk's command line: one front door for scripts, offline hand-over and the GUI.

Every subcommand calls the core, store and export layers; none imports Qt except the GUI
launcher and the PDF commands. Errors the user can fix print one line and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pkdesk import __version__
from pkdesk.cli.common import add_lang, close_databases
from pkdesk.core.errors import PkdeskError

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line, no usage dump: the user sees exactly what is wrong."""
        print(f"pkdesk: {message} (see 'pkdesk --help')", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    # Imported here, not at the top: `pkdesk` alone starts the GUI without loading them.
    from pkdesk.cli import export, plans, reference, safety, scenarios

    parser = _Parser(prog="pkdesk", description="Offline reference and scenario planner for "
                     "peacekeeping and diplomacy. With no command, starts the app.")
    parser.add_argument("--version", action="version", version=f"pkdesk {__version__}")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $PKDESK_DB, "
                        "else pkdesk.sqlite3 in your user data folder)")
    add_lang(parser, default=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (reference, plans, scenarios, export, safety):
        module.register(sub)
    return parser


def gui_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of `pkdesk` or `pkdesk --db PATH` (start the GUI), read without building
    the whole parser; None for anything else, which the full parser handles."""
    argv = list(argv)
    if not argv:
        return argparse.Namespace(db=None, command=None)
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return argparse.Namespace(db=argv[1], command=None)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    args = gui_args(sys.argv[1:] if argv is None else argv) or build_parser().parse_args(argv)
    try:
        from pkdesk.paths import resolve_db_path
        from pkdesk.store.output_guard import protect_database

        protect_database(resolve_db_path(args.db))   # no -o may name it, its side files or backups
        if args.command is None:
            from pkdesk.ui.app import run_gui

            return run_gui(args)
        result: int = args.func(args)
        return result
    except PkdeskError as exc:
        print(f"pkdesk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        close_databases()
