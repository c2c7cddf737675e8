"""ORM models. The schema itself is created and upgraded only by pkdesk/migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AppMeta(Base):
    """Key/value facts about the file itself; ``application = pkdesk`` marks it as ours."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RefSource(Base):
    __tablename__ = "ref_source"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    file: Mapped[str] = mapped_column(Text, default="")
    checksum: Mapped[str] = mapped_column(String)
    loaded_at: Mapped[datetime]


class Library(Base):
    """A document in the reference: the shipped handbook (id 1) or one the user imported."""

    __tablename__ = "library"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(String, unique=True)
    title: Mapped[str] = mapped_column(Text)
    edition: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String, default="en")
    file: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String, default="")
    added_at: Mapped[datetime]


class MarkOrigin(Base):
    """The node a note or bookmark stood on before a new edition or a removal took it away."""

    __tablename__ = "mark_origin"
    node_id: Mapped[str] = mapped_column(String, primary_key=True)
    library_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    lost_at: Mapped[datetime]


class RefNodeRow(Base):
    __tablename__ = "ref_node"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("ref_source.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("ref_node.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    facts: Mapped[str | None] = mapped_column(Text)      # JSON object
    see_also: Mapped[str | None] = mapped_column(Text)   # JSON list of node ids


class Bookmark(Base):
    """Keyed by node id, not a foreign key: a corpus refresh must never delete user data."""

    __tablename__ = "bookmark"
    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[str] = mapped_column(String, unique=True)
    created_at: Mapped[datetime]


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[str] = mapped_column(String, unique=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class PlanRow(Base):
    """One plan or scenario. ``document`` is the plan as its exchange-format JSON object."""

    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String, unique=True)
    title: Mapped[str] = mapped_column(Text)
    parent_uid: Mapped[str | None] = mapped_column(String, index=True)
    document: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class PlanRevisionRow(Base):
    """Every saved change to a plan, numbered from 1; restoring is a new revision."""

    __tablename__ = "plan_revision"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    summary: Mapped[str] = mapped_column(Text, default="")
    document: Mapped[str] = mapped_column(Text)
    # The same in every store (core.sync.identity); parents space-separated (migration 0005).
    rev_id: Mapped[str] = mapped_column(String, index=True)
    parents: Mapped[str] = mapped_column(Text, default="")


class SyncExchange(Base):
    """A bundle this store exported or imported, and the revisions the other side then has."""

    __tablename__ = "sync_exchange"
    __table_args__ = (UniqueConstraint("bundle_id", "direction"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String)
    direction: Mapped[str] = mapped_column(String)
    peer_store: Mapped[str] = mapped_column(String, default="")
    file: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    known: Mapped[str] = mapped_column(Text, default="[]")


class SyncConflict(Base):
    """A plan whose incoming revision ``theirs_rev`` is kept but not applied: fields both
    sides changed differently (``fields``, JSON) wait for the user's choice."""

    __tablename__ = "sync_conflict"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), unique=True)
    theirs_rev: Mapped[str] = mapped_column(String)
    bundle_id: Mapped[str] = mapped_column(String, default="")
    fields: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime]


class SyncDeletion(Base):
    """How many deletions and undeletions of the plan this store knows of (``seq``): sync
    bundles carry it, and the higher count wins (``store.sync_repo``)."""

    __tablename__ = "sync_deletion"
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"),
                                         primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
