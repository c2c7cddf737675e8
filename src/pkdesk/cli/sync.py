"""`pkdesk sync`: exchange plans with another store by file (README "Sync by file").

`sync export` writes a bundle of what changed since the last exchange, `sync import` merges
one in (fast-forward, three-way merge, or a conflict kept for the user), `sync conflicts`
lists what waits for a choice and `sync resolve` makes it. Exit codes: 0 done, 1 an import
left conflicts to resolve, 2 bad input (nothing imported, nothing written).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from pkdesk.cli.common import (add_format, echo, open_db, output_path, plan_id_arg, print_json,
                               terminal_text)
from pkdesk.core.errors import InputError

EXIT_CONFLICTS = 1
_BUNDLE_ID = re.compile(r"[0-9a-f]{32}")


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    parser = sub.add_parser("sync", help="exchange plans with another store by file")
    group = parser.add_subparsers(dest="sync_command", metavar="SYNC_COMMAND",
                                  parser_class=type(parser), required=True)

    p = group.add_parser("export", help="write a bundle of the plans changed since the last "
                         "exchange")
    since = p.add_mutually_exclusive_group()
    since.add_argument("--since", metavar="BUNDLE", default="LAST",
                       help="what the other side has: a bundle file or id this store "
                       "exported or imported, or LAST (default: the latest exchange)")
    since.add_argument("--all", action="store_true", help="every plan and revision")
    p.add_argument("-o", "--output", metavar="FILE", type=output_path, required=True)
    p.add_argument("--passphrase-file", metavar="FILE", type=Path,
                   help="encrypt the bundle with the passphrase on this file's first line")
    add_format(p)
    p.set_defaults(func=cmd_export)

    p = group.add_parser("import", help="merge a bundle into this store")
    p.add_argument("bundle", metavar="BUNDLE", type=Path)
    p.add_argument("--passphrase-file", metavar="FILE", type=Path,
                   help="the passphrase the bundle was encrypted with, on the first line")
    add_format(p)
    p.set_defaults(func=cmd_import)

    p = group.add_parser("conflicts", help="list the plans whose fields changed on both sides")
    add_format(p)
    p.set_defaults(func=cmd_conflicts)

    p = group.add_parser("resolve", help="settle a plan's conflict, field by field")
    p.add_argument("plan", metavar="PLAN", help="the plan's id (see 'pkdesk sync conflicts')")
    p.add_argument("--take", metavar="mine|theirs|FIELD=mine|theirs", action="append",
                   required=True, help="which side to keep: for every conflicting field, or "
                   "for one (repeat for several)")
    add_format(p)
    p.set_defaults(func=cmd_resolve)


def _passphrase(path: Path | None) -> bytes | None:
    from pkdesk.core.sync.bundle import read_passphrase_file
    from pkdesk.store.output_guard import protect_input

    if path is None:
        return None
    protect_input(path)
    return read_passphrase_file(path)


def _since(args: argparse.Namespace) -> str:
    from pkdesk.core.sync.bundle import bundle_id_of, read_bundle_file
    from pkdesk.store.output_guard import protect_input
    from pkdesk.store.sync_repo import ALL, LAST

    if args.all:
        return ALL
    text = str(args.since)
    if text.upper() == "LAST":
        return LAST
    path = Path(text)
    if path.exists():
        protect_input(path)
        return bundle_id_of(read_bundle_file(path), path.name)
    if _BUNDLE_ID.fullmatch(text):
        return text
    raise InputError(f"--since: {terminal_text(text[:60])!s} is neither a bundle file, a bundle "
                     "id nor LAST")


def cmd_export(args: argparse.Namespace) -> int:
    from pkdesk.core.atomic_file import write_atomically
    from pkdesk.core.sync.bundle import encode_bundle
    from pkdesk.store.output_guard import check_output_path, shown
    from pkdesk.store.sync_repo import SyncRepository

    passphrase = _passphrase(args.passphrase_file)
    since = _since(args)
    target = check_output_path(args.output, what="sync bundle")
    repo = SyncRepository(open_db(args))
    export = repo.prepare_export(since)
    write_atomically(target, encode_bundle(export.bundle, passphrase), shown(target))
    repo.record_export(export, str(target))
    plans = len(export.bundle.plans)
    if args.format == "json":
        print_json({"bundle": export.bundle.id, "file": str(target), "plans": plans,
                    "revisions": export.revisions, "since": export.bundle.since,
                    "encrypted": passphrase is not None})
    else:
        echo(f"wrote {terminal_text(args.output)}: {plans} plan{'s' if plans != 1 else ''}, "
             f"{export.revisions} revision{'s' if export.revisions != 1 else ''}"
             f"{', encrypted' if passphrase is not None else ''} (bundle {export.bundle.id})")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pkdesk.core.sync.bundle import decode_bundle, read_bundle_file
    from pkdesk.store.sync_repo import SyncRepository

    passphrase = _passphrase(args.passphrase_file)
    path: Path = args.bundle
    bundle = decode_bundle(read_bundle_file(path), path.name, passphrase)
    repo = SyncRepository(open_db(args))
    outcome = repo.import_bundle(bundle, str(path))
    if args.format == "json":
        print_json({"bundle": outcome.bundle_id, "source_store": outcome.source_store,
                    "replayed": outcome.replayed, "added": outcome.added,
                    "fast_forwarded": outcome.fast_forwarded, "merged": outcome.merged,
                    "conflicts": outcome.conflicts, "unchanged": outcome.unchanged,
                    "deleted": outcome.deleted, "restored": outcome.restored,
                    "kept": outcome.kept, "revisions": outcome.revisions})
    else:
        echo(f"imported {terminal_text(path)}: {outcome.summary()}")
        for title in outcome.conflicts:
            echo(f"  conflict: {terminal_text(title)}")
        if outcome.conflicts:
            echo("see 'pkdesk sync conflicts', then 'pkdesk sync resolve PLAN --take ...'")
    return EXIT_CONFLICTS if outcome.conflicts else 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from pkdesk.core.plan.diff import show_value
    from pkdesk.core.sync.identity import short
    from pkdesk.store.sync_repo import SyncRepository

    infos = SyncRepository(open_db(args)).conflicts()
    if args.format == "json":
        print_json([{"plan": i.plan_id, "uid": i.uid, "title": i.title,
                     "theirs": i.theirs_rev, "fields": [c.to_dict() for c in i.fields]}
                    for i in infos])
        return 0
    if not infos:
        echo("no sync conflicts")
        return 0
    for i in infos:
        echo(f"plan {i.plan_id}  {terminal_text(i.title)}  (incoming revision "
             f"{short(i.theirs_rev)}, {len(i.fields)} field{'s' if len(i.fields) != 1 else ''})")
        for c in i.fields:
            echo(f"  {terminal_text(c.path)}")
            for side, value, present in (("ancestor", c.base, c.present[0]),
                                         ("mine", c.mine, c.present[1]),
                                         ("theirs", c.theirs, c.present[2])):
                shown = show_value(value, 70) if present else "(absent)"
                echo(f"    {side + ':':<10}{terminal_text(shown)}")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from pkdesk.core.sync.merge import parse_choices
    from pkdesk.store.sync_repo import SyncRepository

    plan_id = plan_id_arg(args.plan)
    repo = SyncRepository(open_db(args))
    info = repo.conflict(plan_id)
    choices = parse_choices(args.take, info.fields)
    number = repo.resolve(plan_id, choices, expected=[c.path for c in info.fields])
    if args.format == "json":
        print_json({"plan": plan_id, "revision": number, "choices": choices})
    else:
        echo(f"resolved plan {plan_id} ({terminal_text(info.title)}) as revision {number}")
    return 0
