"""What the sync tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pkdesk.store.db import Database
from tests.sync.support import open_store


@pytest.fixture
def stores(any_db_url: str, tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    """Store A (SQLite, or the team database on PostgreSQL) and laptop B (SQLite)."""
    a = open_store(any_db_url)
    b = open_store(tmp_path / "laptop-b.sqlite3")
    yield a, b
    a.close()
    b.close()
