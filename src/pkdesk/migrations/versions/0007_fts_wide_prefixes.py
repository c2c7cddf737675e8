"""Search index: a prefix index for every typed length from 1 to 12 letters (SQLite only).

FTS5 answers a prefix query from its prefix index only when the index has that exact length;
any other length ("diploma", "peacekeep") merges the postings of every term the prefix
starts, whole, before the first row comes out, and a search runs it up to four times (count,
title matches, first matches, snippets). At 100,000 nodes "peacekeep" took 46 ms that way
and 2.7 ms with its own prefix index; the index grows by a fifth (227 -> 273 MB of FTS5 data
at 100,000 nodes). Words of 13 letters and more typed whole still merge their (few) terms.

The rows are copied as they are (rowids, library ids, stems): nothing is re-tokenized in
Python. A team database (PostgreSQL) searches with its own tsvector index: nothing changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PREFIXES = "1 2 3 4 5 6 7 8 9 10 11 12"
PREVIOUS = "1 2 3 4 5 6 8"


def _rebuild(prefixes: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ALTER TABLE ref_fts RENAME TO ref_fts_old")
    op.execute(
        "CREATE VIRTUAL TABLE ref_fts USING fts5("
        "node_id UNINDEXED, library_id UNINDEXED, title, body, stems, "
        f"tokenize = 'unicode61 remove_diacritics 2', prefix = '{prefixes}')"
    )
    op.execute("INSERT INTO ref_fts (rowid, node_id, library_id, title, body, stems) "
               "SELECT rowid, node_id, library_id, title, body, stems FROM ref_fts_old")
    op.execute("DROP TABLE ref_fts_old")


def upgrade() -> None:
    _rebuild(PREFIXES)


def downgrade() -> None:
    _rebuild(PREVIOUS)
