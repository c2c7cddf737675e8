"""Sync by file: revision identity, this store's id, exchanges and conflicts.

- ``plan_revision.rev_id``: the revision's identity in every store, a SHA-256 over its
  parents' ids and its canonical document (``pkdesk.core.sync.identity``);
  ``plan_revision.parents``: the parents' ids, space-separated (none for a plan's first
  revision, two for a merge). Existing revisions are backfilled as a chain in number order.
- ``app_meta.store_id``: a random id naming this store in the bundles it writes.
- ``sync_exchange``: every bundle exported or imported, with the revisions the other side
  is then known to have (``known``, JSON list of ids): what ``sync export --since`` skips.
- ``sync_conflict``: a plan whose incoming revision changed fields the local plan changed
  differently; the local plan stays as it was until the user resolves it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import os

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from pkdesk.core.sync.identity import revision_id

    op.add_column("plan_revision", sa.Column("rev_id", sa.String, nullable=False,
                                             server_default=""))
    op.add_column("plan_revision", sa.Column("parents", sa.Text, nullable=False,
                                             server_default=""))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, plan_id, document FROM plan_revision "
                                "ORDER BY plan_id, number")).all()
    last: dict[int, str] = {}
    for row_id, plan_id, document in rows:
        parents = [last[plan_id]] if plan_id in last else []
        try:
            rid = revision_id(document, parents)
        except ValueError:      # a damaged document (doctor names it): still an identity
            import hashlib
            rid = hashlib.sha256(f"damaged {row_id} {document!r}".encode()).hexdigest()
        conn.execute(sa.text("UPDATE plan_revision SET rev_id = :rid, parents = :p "
                             "WHERE id = :id"), {"rid": rid, "p": " ".join(parents), "id": row_id})
        last[plan_id] = rid
    # Not unique: ids are unique by construction (a plan's uid is in its document), and a
    # row written without one (by hand, or a test's fixture) must not stop every other.
    op.create_index("ix_plan_revision_rev_id", "plan_revision", ["rev_id"])
    conn.execute(sa.text("INSERT INTO app_meta (key, value) VALUES ('store_id', :v)"),
                 {"v": os.urandom(16).hex()})
    op.create_table(
        "sync_exchange",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bundle_id", sa.String, nullable=False),
        sa.Column("direction", sa.String, nullable=False),     # export | import
        sa.Column("peer_store", sa.String, nullable=False, server_default=""),
        sa.Column("file", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("known", sa.Text, nullable=False, server_default="[]"),
        sa.UniqueConstraint("bundle_id", "direction"),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plan.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("theirs_rev", sa.String, nullable=False),
        sa.Column("bundle_id", sa.String, nullable=False, server_default=""),
        sa.Column("fields", sa.Text, nullable=False, server_default="[]"),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    if conn.dialect.name == "postgresql":
        # A team database (0005): everyone reads the exchanges and conflicts (default
        # privileges give SELECT); an author, who may write plans, may import bundles.
        op.execute("GRANT INSERT, UPDATE, DELETE ON sync_exchange, sync_conflict "
                   "TO pkdesk_author")
        op.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO pkdesk_author")


def downgrade() -> None:
    op.drop_table("sync_conflict")
    op.drop_table("sync_exchange")
    op.execute("DELETE FROM app_meta WHERE key = 'store_id'")
    op.drop_index("ix_plan_revision_rev_id", "plan_revision")
    with op.batch_alter_table("plan_revision") as batch:
        batch.drop_column("parents")
        batch.drop_column("rev_id")
