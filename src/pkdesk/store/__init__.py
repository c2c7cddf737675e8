"""pkdesk's store: SQLite through SQLAlchemy 2.0, schema owned by the Alembic migrations
(pkdesk/migrations)."""
