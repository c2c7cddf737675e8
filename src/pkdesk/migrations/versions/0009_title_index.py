"""Search: a full-text index of the titles alone (SQLite only).

A query matching more nodes than a search ranks (``store.queries.RANK_MAX``) answers with the
nodes whose title matches, ranked. Ranked over the whole index (``title : (...)`` in
``ref_fts``), that walked every row's postings of each word (a two-letter last word, "th" or
"co", matches nearly every node) and read each row's size for bm25: 5-10 ms of CPU at
100,000 nodes for "dialogue" or "security co". This index holds only the titles (rowids as
in ``ref_fts``, so a library's rows keep their rowid range): the same title matches, ranked
by bm25 over the titles (a short title that is the word ranks first), in 1-2 ms. It is kept
with ``ref_fts`` by ``store.fts`` (every write of ``ref_fts`` goes through it).

A team database (PostgreSQL) ranks titles with its own tsvector weights: nothing changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE ref_title_fts USING fts5(title, "
               "tokenize = 'unicode61 remove_diacritics 2', "
               "prefix = '1 2 3 4 5 6 7 8 9 10 11 12')")
    op.execute("INSERT INTO ref_title_fts (rowid, title) SELECT rowid, title FROM ref_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE ref_title_fts")
