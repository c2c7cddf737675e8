"""Search index: add a one-letter prefix index.

As-you-type search issues one-letter queries ("i", "a") first; they match nearly every node,
and without a one-letter prefix index FTS5 has to scan every term starting with that letter.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _recreate(prefix: str) -> None:
    op.execute("DROP TABLE ref_fts")
    op.execute(
        "CREATE VIRTUAL TABLE ref_fts USING fts5("
        "node_id UNINDEXED, title, body, "
        f"tokenize = 'unicode61 remove_diacritics 2', prefix = '{prefix}')"
    )
    op.execute("INSERT INTO ref_fts (node_id, title, body) SELECT id, title, body FROM ref_node")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":   # FTS5; PostgreSQL's index comes in 0004
        _recreate("1 2 3 4")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate("2 3 4")
