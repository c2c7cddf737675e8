"""Stores that sync: real databases (SQLite files, or a PostgreSQL database on the test
server), plans edited through the repository, bundles written and read as files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from pkdesk.core.plan.model import Party, Plan
from pkdesk.core.sync.bundle import decode_bundle, encode_bundle
from pkdesk.store.db import Database
from pkdesk.store.sync_repo import LAST, ImportOutcome, SyncRepository


def open_store(where: str | Path) -> Database:
    return Database.open(where if isinstance(where, str) and "://" in where else Path(where))


def sample_plan(title: str = "Sector East ceasefire") -> Plan:
    return Plan(title=title, host_country="Utopia", notes="first draft",
                parties=[Party("Government", consent="granted"),
                         Party("Forces Nouvelles", kind="non_state", consent="conditional")])


def exchange(src: Database, dst: Database, tmp: Path, name: str, *, since: str = LAST,
             passphrase: bytes | None = None) -> ImportOutcome:
    """Export from ``src`` to a bundle file, then import that file into ``dst``."""
    repo = SyncRepository(src)
    export = repo.prepare_export(since)
    path = tmp / f"{name}.pksync"
    path.write_bytes(encode_bundle(export.bundle, passphrase))
    repo.record_export(export, str(path))
    return SyncRepository(dst).import_bundle(
        decode_bundle(path.read_bytes(), path.name, passphrase), str(path))


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: the whole database, to compare."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        names = sorted(inspect(conn).get_table_names())
        for name in names:
            if name.startswith("ref_fts_"):     # FTS5's shadow tables: derived
                continue
            rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
            out[name] = sorted((tuple(r) for r in rows), key=lambda r: json.dumps(r, default=str))
    return out
