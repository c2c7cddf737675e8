"""Sync by file between stores: revision identity, three-way merge of plan documents and
the bundle format. No Qt and no SQLAlchemy here; ``store.sync_repo`` applies bundles."""
