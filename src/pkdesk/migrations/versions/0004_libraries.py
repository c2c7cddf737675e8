"""The user's documents as libraries beside the handbook; stems in the search index; where
notes and bookmarks that lost their node stood.

- ``library``: one row per document in the reference. Library 1 is the shipped handbook
  (its nodes are unchanged); an imported document's nodes belong to the reference source
  ``library.source_id`` (``~lib0002``), its root node is ``lib2`` and its other nodes
  ``lib2:<label>`` ("lib2:OP 3", "lib2:4.2.1").
- ``mark_origin``: the title and text of a node a note or bookmark was on, kept when a new
  edition or a removal left the note without a place, so it can be listed and re-attached.
- ``ref_fts`` gains ``library_id`` (unindexed, for the search scope) and ``stems`` (each
  word folded and stemmed by the node's language, ``pkdesk.core.textfold``); library N's
  rows have rowids from N << 24, so a search scoped to one library is a rowid range.
  Prefix indexes for 5, 6 and 8 letters too: over 50,000 nodes, "peace"* had to merge every
  term starting with "peace" (8-25 ms to count the matches; ~1 ms with the index).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

HANDBOOK_SOURCE = "peacekeeping-and-diplomacy"


def upgrade() -> None:
    from datetime import datetime, timezone

    from pkdesk.core.textfold import stems

    op.create_table(
        "library",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.String, nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("edition", sa.Text, nullable=False, server_default=""),
        sa.Column("language", sa.String, nullable=False, server_default="en"),
        sa.Column("file", sa.Text, nullable=False, server_default=""),
        sa.Column("kind", sa.String, nullable=False, server_default=""),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    conn = op.get_bind()
    title = conn.execute(sa.text("SELECT title FROM ref_source WHERE id = :sid"),
                         {"sid": HANDBOOK_SOURCE}).scalar() or "Peacekeeping and Diplomacy"
    conn.execute(sa.text(
        "INSERT INTO library (id, source_id, title, edition, language, file, kind, added_at) "
        "VALUES (1, :sid, :title, '', 'en', 'peacekeeping-and-diplomacy.txt', 'corpus', :now)"),
        {"sid": HANDBOOK_SOURCE, "title": title,
         "now": datetime.now(timezone.utc).replace(tzinfo=None).isoformat(" ")})
    op.create_table(
        "mark_origin",
        sa.Column("node_id", sa.String, primary_key=True),
        sa.Column("library_id", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("lost_at", sa.DateTime, nullable=False),
    )
    if conn.dialect.name != "sqlite":
        _upgrade_server(conn)
        return
    op.execute("DROP TABLE ref_fts")
    op.execute(
        "CREATE VIRTUAL TABLE ref_fts USING fts5("
        "node_id UNINDEXED, library_id UNINDEXED, title, body, stems, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 8')"
    )
    rows = conn.execute(sa.text("SELECT id, title, body FROM ref_node")).all()
    if rows:
        # Library 1's rowids: 1 << 24 onwards (store/fts.py, ROWID_SPAN).
        conn.execute(sa.text("INSERT INTO ref_fts (rowid, node_id, library_id, title, body, "
                             "stems) VALUES (:rowid, :id, 1, :title, :body, :stems)"),
                     [{"rowid": (1 << 24) + n, "id": r[0], "title": r[1], "body": r[2],
                       "stems": stems(f"{r[1]} {r[2]}", "en")} for n, r in enumerate(rows)])


def _upgrade_server(conn: sa.Connection) -> None:
    """A team database (PostgreSQL): library 1's id taken by hand moves the id sequence on,
    and the search index is a table with a tsvector under a GIN index (store.pg_search)."""
    from sqlalchemy.dialects.postgresql import TSVECTOR

    from pkdesk.core.textfold import stems
    from pkdesk.store.pg_search import tsvector_literal

    conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('library', 'id'), "
                         "(SELECT max(id) FROM library))"))
    op.create_table(
        "ref_fts",
        sa.Column("rowid", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("node_id", sa.String, nullable=False, index=True),
        sa.Column("library_id", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("stems", sa.Text, nullable=False),
        sa.Column("tsv", TSVECTOR, nullable=False),
    )
    op.execute("CREATE INDEX ref_fts_tsv ON ref_fts USING gin (tsv)")
    rows = conn.execute(sa.text("SELECT id, title, body FROM ref_node")).all()
    if rows:
        values = []
        for n, r in enumerate(rows):
            st = stems(f"{r[1]} {r[2]}", "en")
            values.append({"rowid": (1 << 24) + n, "id": r[0], "title": r[1], "body": r[2],
                           "stems": st, "tsv": tsvector_literal(r[1], r[2], st)})
        conn.execute(sa.text("INSERT INTO ref_fts (rowid, node_id, library_id, title, body, "
                             "stems, tsv) VALUES (:rowid, :id, 1, :title, :body, :stems, "
                             "CAST(:tsv AS tsvector))"), values)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_table("ref_fts")
        op.drop_table("mark_origin")
        op.drop_table("library")
        return
    op.execute("DROP TABLE ref_fts")
    op.execute(
        "CREATE VIRTUAL TABLE ref_fts USING fts5("
        "node_id UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4')"
    )
    op.execute("INSERT INTO ref_fts (node_id, title, body) SELECT id, title, body FROM ref_node")
    op.drop_table("mark_origin")
    op.drop_table("library")
