"""The plan list's own index: plans not deleted, in list order, with what the list shows.

The Planner lists plans most recently changed first (``store.queries``), a page of 200 at a
time. Without an index every page sorted every plan row, and each row's ``updated_at`` is
stored after its document (several kB, on overflow pages): at 10,000 plans the first page
read ~50 MB. With this partial index (``deleted_at IS NULL``) a page is read from the index
alone, in order, and stops after its rows. On SQLite it also carries the listed columns
(uid, title, revision, parent_uid: a covering index); on PostgreSQL it is the order only
(titles in a b-tree index have a size limit there).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NAME = "ix_plan_listed"


def upgrade() -> None:
    listed = sa.text("deleted_at IS NULL")
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(NAME, "plan", ["updated_at", "id", "uid", "title", "revision",
                                       "parent_uid"], sqlite_where=listed)
    else:
        op.create_index(NAME, "plan", ["updated_at", "id"], postgresql_where=listed)


def downgrade() -> None:
    op.drop_index(NAME, "plan")
