"""Reference library: sources, nodes, full-text index, bookmarks and notes.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.execute("INSERT INTO app_meta (key, value) VALUES ('application', 'pkdesk')")
    op.create_table(
        "ref_source",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("file", sa.Text, nullable=False, server_default=""),
        sa.Column("checksum", sa.String, nullable=False),
        sa.Column("loaded_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "ref_node",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("source_id", sa.String, sa.ForeignKey("ref_source.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("parent_id", sa.String, sa.ForeignKey("ref_node.id"), index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("facts", sa.Text),
        sa.Column("see_also", sa.Text),
    )
    # Standalone FTS5 index, rebuilt whenever a corpus is (re)loaded. unicode61 with
    # remove_diacritics lets "cote" find "Côte"; prefix indexes keep as-you-type queries fast.
    # SQLite only: on PostgreSQL the index is a table with a tsvector column (0004).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE ref_fts USING fts5("
            "node_id UNINDEXED, title, body, "
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
        )
    op.create_table(
        "bookmark",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("node_id", sa.String, nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "note",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("node_id", sa.String, nullable=False, unique=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("note", "bookmark", "ref_fts", "ref_node", "ref_source", "app_meta"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
