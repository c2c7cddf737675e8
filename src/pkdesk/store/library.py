"""The user's library: the database opened, with the shipped reference corpora in it.

``Database.open`` verifies and migrates the file; ``sync_shipped_corpora`` brings the
shipped corpora up to date. The CLI and the window (through ``cli.common.open_db``) and a
restore open a database with both, here; tests and tools that want an empty reference
open a ``Database`` alone.
"""

from __future__ import annotations

from pathlib import Path

from pkdesk.store.corpus import sync_shipped_corpora
from pkdesk.store.db import Database, opening


def open_library(path: Path | str, *, create_parent: bool = False) -> Database:
    """``Database.open``, then the shipped corpora loaded where they changed. Any failure is
    the same plain error ``Database.open`` gives, and leaves the database closed."""
    db = Database.open(path, create_parent=create_parent)
    try:
        with opening(db.path):
            sync_shipped_corpora(db)
    except BaseException:
        db.close()
        raise
    return db
