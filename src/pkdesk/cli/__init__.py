"""pkdesk's command line: one front door for scripts, offline hand-over and the GUI.

Every subcommand calls the core, store and export layers; none imports Qt except the GUI
launcher and the PDF commands. Errors the user can fix print one line and exit 2.
"""

from __future__ import annotations

import os
import sys

from pkdesk import __version__

TYPE_CHECKING = False   # (typing.TYPE_CHECKING: importing typing costs a read-only command)
if TYPE_CHECKING:   # imported when used: `pkdesk --version` answers without them
    import argparse
    from collections.abc import Sequence

EXIT_BAD_INPUT = 2


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    from pkdesk.cli.common import echo, terminal_text

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            """One line, no usage dump: the user sees exactly what is wrong."""
            echo(f"pkdesk: {terminal_text(message)} (see 'pkdesk --help')", file=sys.stderr)
            raise SystemExit(EXIT_BAD_INPUT)

    return _Parser


def _command_of(argv: Sequence[str]) -> list[str]:
    """The command words of a command line (``["plan", "list"]``), skipping the global
    options; [] when they cannot be told apart cheaply (then every parser is built)."""
    words: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("--db", "--lang"):
            if not args:
                return []
            args.pop(0)
        elif arg.startswith(("--db=", "--lang=")):
            continue
        elif arg.startswith("-"):
            return words if words else []
        else:
            words.append(arg)
            if len(words) == 2 or words[0] != "plan":
                return words
    return words


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the command line, only what its command needs (`pkdesk plan
    list` builds the `plan list`/`plan history` parsers alone, importing nothing else)."""
    # Imported here, not at the top: `pkdesk` alone starts the GUI without loading them.
    from pkdesk.cli import reads, reference
    from pkdesk.cli.common import add_lang, plan_group

    _Parser = _parser_class()

    words = _command_of(argv) if argv is not None else []
    parser = _Parser(prog="pkdesk", description="Offline reference and scenario planner for "
                     "peacekeeping and diplomacy. With no command, starts the app.")
    parser.add_argument("--version", action="version", version=f"pkdesk {__version__}")
    parser.add_argument("--db", metavar="PATH", help="database file, or a team database's URL "
                        "postgresql+psycopg://user@host:port/dbname (default: $PKDESK_DB, "
                        "else pkdesk.sqlite3 in your user data folder)")
    fast = words[:1] in (["reference"], ["search"]) or (
        words[:1] == ["plan"] and words[1:] and words[1] in reads.PLAN_VERBS)
    add_lang(parser, default=None, lazy=bool(fast))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if words[:1] in (["reference"], ["search"]):
        reference.register(sub, with_notes=False)
        return parser
    if words[:1] == ["plan"] and words[1:] and words[1] in reads.PLAN_VERBS:
        reads.register(plan_group(sub))
        return parser
    from pkdesk.cli import (assess, data, export, library, plans, rules, safety, scenarios, sync,
                            team)

    for module in (reference, plans, rules, scenarios, export, safety, library, assess, data,
                   sync, team):
        module.register(sub)
    return parser


# The subcommands' names, known without importing them (tests/cli/test_open_files.py keeps this
# in step with build_parser): a first argument that is none of them but names a file, as the
# desktop's "Open with" passes it (`pkdesk %F`), opens that file in the window.
COMMANDS = frozenset({"assess", "backup", "check", "compare", "data", "doctor", "export",
                      "export-assessment", "export-compare", "export-reference", "export-stress",
                      "library", "notes", "pack", "plan", "reference", "restore", "rule", "rules",
                      "search", "stress", "sync", "team"})


def _is_plan_path(arg: str) -> bool:
    """An argument the window should open: an existing file, or a name that looks like a plan
    file (so a missing one gets the window's explanation rather than "invalid choice")."""
    if not arg or arg.startswith("-") or arg in COMMANDS:
        return False
    return arg.lower().endswith(".json") or os.path.isfile(arg)


def gui_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of `pkdesk [--db PATH] [FILE...]` (start the GUI, opening the plan files
    given), read without building the whole parser; None for anything else, which the full
    parser handles."""
    argv = list(argv)
    db = None
    if len(argv) >= 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        db, argv = argv[1], argv[2:]
    if argv and argv[0] == "--":
        argv = argv[1:]
        if not all(argv):
            return None
    elif not all(_is_plan_path(arg) for arg in argv):
        return None
    import argparse

    return argparse.Namespace(db=db, command=None, files=argv)


def _text_arguments(args: argparse.Namespace) -> list[str]:
    """Every argument given as text (paths are Path objects and may be any bytes)."""
    out: list[str] = []
    for value in vars(args).values():
        values = value if isinstance(value, list) else [value]
        out += [v for v in values if isinstance(v, str)]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    given_argv = sys.argv[1:] if argv is None else list(argv)
    if given_argv == ["--version"]:   # at once: nothing else to load
        sys.stdout.write(f"pkdesk {__version__}\n")
        return 0
    if given_argv[:1] in (["--db"], ["plan"], ["reference"], ["search"]) or given_argv[:1] \
            and given_argv[0].startswith("--db="):
        # The read-only commands on a current database: before argparse is loaded.
        from pkdesk.cli import fastread

        try:
            code = fastread.run(given_argv)
        except KeyboardInterrupt:
            return 130
        if code is not None:
            return code
    from pkdesk.cli.common import (close_databases, echo, not_utf8, robust_streams, shown_bytes,
                                   terminal_text)
    from pkdesk.core.errors import PkdeskError

    robust_streams()
    args = gui_args(given_argv) or build_parser(given_argv).parse_args(argv)
    bad = next((v for v in _text_arguments(args) if not_utf8(v)), None)
    if bad is not None:
        echo(f"pkdesk: argument {shown_bytes(bad)} is not valid UTF-8 text", file=sys.stderr)
        return EXIT_BAD_INPUT
    given = [v for value in vars(args).values()
             for v in (value if isinstance(value, list) else [value])]
    if any("\x00" in str(v) for v in given if isinstance(v, (str, os.PathLike))):
        # Only from main(argv) in-process (a real command line cannot hold one).
        echo("pkdesk: an argument contains a NUL character", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if getattr(args, "output", None) is not None:
            # A command that writes a file the user named: no -o may name the database, its
            # side files or backups, even when the command itself does not open it. (Only
            # then: `pkdesk check FILE` loads nothing of pkdesk.store.)
            from pkdesk.paths import resolve_db_path
            from pkdesk.store.output_guard import protect_database

            protect_database(resolve_db_path(args.db))
        if args.command is None:
            from pkdesk.ui.app import run_gui

            return run_gui(args)
        result: int = args.func(args)
        return result
    except PkdeskError as exc:
        echo(f"pkdesk: {terminal_text(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        close_databases()
