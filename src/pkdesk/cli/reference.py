"""CLI commands over the reference library: `reference`, `search` and `notes export`."""

from __future__ import annotations

import argparse
from typing import Any

from pkdesk.cli.common import (
    add_format, add_lang, echo, language, open_db, output_path, positive_id, print_json,
    read_db, terminal_text,
)
from pkdesk.cli.output import show_hits, show_tree


def register(sub: "argparse._SubParsersAction[Any]", *, with_notes: bool = True) -> None:
    """Add `reference`, `search` and (unless ``with_notes`` is False: the parser built for
    `reference` or `search` alone, which need not load the language catalog) `notes`."""
    p = sub.add_parser("reference", help="print the reference tree, or one node")
    p.add_argument("node_id", nargs="?", metavar="NODE_ID")
    add_format(p)
    p.set_defaults(func=cmd_reference)

    p = sub.add_parser("search", help="full-text search of the reference library")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=positive_id, default=10, metavar="N", help="at most N hits (default 10)")
    p.add_argument("--scope", default="all", metavar="SCOPE",
                   help="all (default: every library and your notes), handbook, notes, or a "
                        "library id")
    add_format(p)
    p.set_defaults(func=cmd_search)
    if not with_notes:
        return

    p = sub.add_parser("notes", help="your own notes on the reference")
    notes = p.add_subparsers(dest="notes_command", metavar="ACTION", required=True,
                             parser_class=type(p))
    e = notes.add_parser("export", help="write every note, under its topic, to one file")
    e.add_argument("-o", "--output", metavar="OUT.md", type=output_path, required=True)
    e.add_argument("--format", choices=("md",), default="md",
                   help="md: Markdown (the default and, for now, the only one)")
    add_lang(e)
    e.set_defaults(func=cmd_notes_export)


def _repo(db: Any) -> Any:
    from pkdesk.store.reference_repo import ReferenceRepository

    return ReferenceRepository(db)


def cmd_reference(args: argparse.Namespace) -> int:
    """Read through ``read_db``: no SQLAlchemy when the database is current."""
    from pkdesk.store import queries

    if args.node_id is None:
        roots, entries = read_db(args, queries.ref_tree, lambda db: _repo(db).tree(), corpus=True)
        show_tree(roots, entries, args.format)
        return 0
    detail = read_db(args, lambda fetch: queries.ref_node(fetch, args.node_id),
                     lambda db: _repo(db).node(args.node_id), corpus=True)
    node = detail.node
    out: dict[str, Any] = {"id": node.id, "title": node.title, "text": node.text,
                           "parent": node.parent, "source": detail.source_title}
    if node.facts:
        out["facts"] = node.facts
    if args.format == "json":
        print_json(out)
    else:
        echo(terminal_text(node.title))
        echo(f"[{terminal_text(node.id)}] source: {terminal_text(detail.source_title)}")
        for key, value in node.facts.items():
            echo(f"{terminal_text(key)}: {terminal_text(value)}")
        echo()
        echo(terminal_text(node.text, multiline=True))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from pkdesk.store import queries

    from pkdesk.core.search import parse_scope

    # One search both ways (store.queries.search): the repository runs the same.
    scope = parse_scope(args.scope)
    hits = read_db(args, lambda fetch: queries.search(fetch, args.query, args.limit, scope),
                   lambda db: _repo(db).search(args.query, limit=args.limit, scope=scope),
                   corpus=True)
    show_hits(hits, args.query, args.format)
    return 0


def cmd_notes_export(args: argparse.Namespace) -> int:
    from pkdesk.core.notes_export import note_entries, notes_markdown
    from pkdesk.store.output_guard import write_private_file
    from pkdesk.store.reference_repo import ReferenceRepository

    repo = ReferenceRepository(open_db(args))
    entries = note_entries(*repo.tree(), repo.notes_dated())
    write_private_file(args.output, notes_markdown(entries, language(args)).encode("utf-8"),
                       what="notes file")
    echo(f"wrote {terminal_text(args.output)} ({len(entries)} notes)")
    return 0
