"""Sync by file carries deletions: ``sync_deletion`` counts, per plan, the deletions and
undeletions this store knows of (``seq``, a counter every store raises past the highest it
has seen, never a clock). A plan never deleted nor undeleted has no row (``seq`` 0).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_deletion",
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plan.id", ondelete="CASCADE"),
                  primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        # A team database (0005): everyone reads it (default privileges give SELECT); an
        # author, who may delete plans and import bundles, writes it.
        op.execute("GRANT INSERT, UPDATE, DELETE ON sync_deletion TO pkdesk_author")


def downgrade() -> None:
    op.drop_table("sync_deletion")
