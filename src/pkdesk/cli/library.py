"""CLI commands over the user's documents in the reference: the `library` group.

    pkdesk library add FILE [--title T] [--edition E] [--lang en|fr] [--preview]
    pkdesk library list
    pkdesk library remove ID
    pkdesk library replace ID FILE [--title T] [--edition E] [--lang en|fr]
    pkdesk library orphans
    pkdesk library attach OLD_NODE_ID NODE_ID
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pkdesk.cli.common import (
    add_format, echo, one_line_arg, open_db, positive_id, print_json, terminal_text,
)

LANGS = ("en", "fr")


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    parser = sub.add_parser("library", help="your documents in the reference: add, list, "
                            "remove, replace, orphans")
    group = parser.add_subparsers(dest="library_command", metavar="LIBRARY_COMMAND",
                                  parser_class=type(parser), required=True)

    def document_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--title", type=one_line_arg("--title"), metavar="T")
        p.add_argument("--edition", type=one_line_arg("--edition"), metavar="E")
        p.add_argument("--lang", dest="doc_lang", choices=LANGS, metavar="en|fr",
                       help="the document's language (default: guessed from its words)")
        add_format(p)

    p = group.add_parser("add", help="import a text, Markdown, HTML, PDF, DOCX or ODT file")
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--preview", action="store_true",
                   help="print the tree pkdesk found and add nothing")
    document_options(p)
    p.set_defaults(func=cmd_add)

    p = group.add_parser("list", help="the libraries in the reference")
    add_format(p)
    p.set_defaults(func=cmd_list)

    p = group.add_parser("remove", help="remove a library (its notes stay, as orphans)")
    p.add_argument("library_id", metavar="ID", type=positive_id)
    p.set_defaults(func=cmd_remove)

    p = group.add_parser("replace", help="replace a library by a new edition; notes and "
                         "bookmarks move to the same text")
    p.add_argument("library_id", metavar="ID", type=positive_id)
    p.add_argument("file", metavar="FILE", type=Path)
    document_options(p)
    p.set_defaults(func=cmd_replace)

    p = group.add_parser("orphans", help="notes and bookmarks whose passage is gone")
    add_format(p)
    p.set_defaults(func=cmd_orphans)

    p = group.add_parser("attach", help="re-attach an orphaned note or bookmark to a node")
    p.add_argument("old", metavar="OLD_NODE_ID", type=one_line_arg("OLD_NODE_ID"))
    p.add_argument("new", metavar="NODE_ID", type=one_line_arg("NODE_ID"))
    p.set_defaults(func=cmd_attach)
    register_pack(sub)


def _read(args: argparse.Namespace) -> Any:
    from pkdesk.core.docimport import read_document

    return read_document(args.file, title=args.title, language=args.doc_lang)


def _show_library(info: Any, verb: str) -> None:
    echo(f"{verb} library {info.id}: {terminal_text(info.cited_as())} ({info.nodes} nodes, "
         f"{info.language}, from {terminal_text(info.file)})")


def cmd_add(args: argparse.Namespace) -> int:
    from pkdesk.store.library_repo import LibraryRepository

    doc = _read(args)
    if args.preview:
        if args.format == "json":
            print_json({"title": doc.title, "language": doc.language, "kind": doc.kind,
                        "nodes": [{"label": n.label, "title": n.title, "parent": n.parent,
                                   "text": n.text} for n in doc.nodes]})
        else:
            for line in doc.outline():
                echo(terminal_text(line))
        return 0
    info = LibraryRepository(open_db(args)).add(doc, args.edition or "")
    if args.format == "json":
        print_json(info.as_json())
    else:
        _show_library(info, "added")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from pkdesk.store.library_repo import LibraryRepository

    libs = LibraryRepository(open_db(args)).libraries()
    if args.format == "json":
        print_json([lib.as_json() for lib in libs])
    else:
        for lib in libs:
            echo(f"{lib.id:4d}  {terminal_text(lib.cited_as())}  [{lib.language}, "
                 f"{lib.nodes} nodes, {terminal_text(lib.file or 'shipped')}]")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from pkdesk.store.library_repo import LibraryRepository

    repo = LibraryRepository(open_db(args))
    info = repo.remove(args.library_id)
    _show_library(info, "removed")
    left = [o for o in repo.orphans() if o.library_id == info.id]
    if left:
        echo(f"{len(left)} note(s) and bookmark(s) kept: see 'pkdesk library orphans'")
    return 0


def cmd_replace(args: argparse.Namespace) -> int:
    from pkdesk.store.library_repo import LibraryRepository

    doc = _read(args)
    result = LibraryRepository(open_db(args)).replace(args.library_id, doc, args.edition,
                                                      args.title)
    if args.format == "json":
        print_json({"library": result.library.as_json(),
                    "moved": [{"from": a, "to": b} for a, b in result.moved],
                    "unplaced": result.unplaced})
        return 0
    _show_library(result.library, "replaced")
    for old, new in result.moved:
        echo(f"moved  {terminal_text(old)} -> {terminal_text(new)}")
    for old in result.unplaced:
        echo(f"not placed  {terminal_text(old)} (see 'pkdesk library orphans')")
    return 0


def cmd_orphans(args: argparse.Namespace) -> int:
    from pkdesk.store.library_repo import LibraryRepository

    orphans = LibraryRepository(open_db(args)).orphans()
    if args.format == "json":
        print_json([o.as_json() for o in orphans])
        return 0
    if not orphans:
        echo("no notes or bookmarks without a place")
    for o in orphans:
        echo(f"{o.what:8s}  {terminal_text(o.node_id)}  {terminal_text(o.title)}")
        if o.note:
            echo(f"          note: {terminal_text(o.note[:200])}")
        if o.body:
            echo(f"          was: {terminal_text(o.body[:200])}")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from pkdesk.store.library_repo import LibraryRepository

    LibraryRepository(open_db(args)).attach(args.old, args.new)
    echo(f"attached to {terminal_text(args.new)}")
    return 0


def register_pack(sub: "argparse._SubParsersAction[Any]") -> None:
    parser = sub.add_parser("pack", help="doctrine packs (.pkpack): libraries and the rule "
                            "packs citing them")
    group = parser.add_subparsers(dest="pack_command", metavar="PACK_COMMAND",
                                  parser_class=type(parser), required=True)
    p = group.add_parser("import", help="show what a .pkpack adds, and add it")
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--dry-run", action="store_true", help="show what it adds; add nothing")
    add_format(p)
    p.set_defaults(func=cmd_pack_import)


def cmd_pack_import(args: argparse.Namespace) -> int:
    """Every document read and every rule pack checked first; then the libraries added in
    one transaction and the rule packs written to ``rule-packs/`` beside the database."""
    import os

    from pkdesk.core.docimport.bounds import MAX_FILE_BYTES
    from pkdesk.core.doctrine_pack import read_pack
    from pkdesk.core.errors import InputError
    from pkdesk.store.library_repo import LibraryRepository, library_lookup

    try:
        with args.file.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {args.file.name}: {exc.strerror or exc}") from None
    db = open_db(args)
    pack = read_pack(raw, args.file.name, library_lookup(db))
    written: list[str] = []
    added: list[Any] = []
    if not args.dry_run:
        folder = db.path.parent / "rule-packs"
        targets = [folder / Path(file).name for file, _raw, _pack in pack.rules]
        clash = next((t for t in targets if t.exists()), None)
        if clash is not None:
            raise InputError(f"{clash.name} is already in {folder}; rename or remove it first")
        added = LibraryRepository(db).add_many([(lib.document, lib.edition)
                                                for lib in pack.libraries])
        folder.mkdir(parents=db.is_server, exist_ok=True)   # a team database: its local folder
        for target, (_file, data, _pack) in zip(targets, pack.rules):
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            written.append(str(target))
    if args.format == "json":
        print_json({"name": pack.name,
                    "libraries": [lib.as_json() for lib in added] if added else
                    [{"title": lib.document.title, "edition": lib.edition,
                      "nodes": len(lib.document.nodes)} for lib in pack.libraries],
                    "rules": [{"file": f, "name": p.name, "rules": len(p.rules)}
                              for f, _r, p in pack.rules],
                    "written": written, "added": not args.dry_run})
        return 0
    for line in pack.summary():
        echo(terminal_text(line))
    if args.dry_run:
        echo("nothing added (--dry-run)")
    for info in added:
        _show_library(info, "added")
    for path in written:
        echo(f"rule pack written: {terminal_text(path)} (use it with check --rules)")
    return 0
