"""Where pkdesk finds its shipped resources and keeps the user's database.

The resources (reference corpus, rule and what-if packs, message catalogs, fonts) and the
Alembic migrations are package data: they live inside the installed ``pkdesk`` package
(``pkdesk/resources``, ``pkdesk/migrations``), so a wheel, an editable install and a
PyInstaller bundle all find them the same way, never through a source checkout.

Resolved in one place, lazily: importing this module creates no folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV = "PKDESK_DB"


def package_dir() -> Path:
    """The installed ``pkdesk`` package folder, which holds the shipped data."""
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle: data collected as pkdesk/...
    if frozen:
        return Path(frozen) / "pkdesk"
    here = Path(__file__).resolve().parent
    if (here / "__init__.py").is_file():
        return here   # what importlib.resources answers for a package on disk, ~10 ms sooner
    from importlib import resources

    root = resources.files("pkdesk")
    if not isinstance(root, Path):
        # Alembic and Qt's font loader need real files; a zipped package cannot give them.
        raise RuntimeError(f"pkdesk must be installed as files on disk, not inside {root}")
    return root


def resources_dir() -> Path:
    return package_dir() / "resources"


def migrations_dir() -> Path:
    return package_dir() / "migrations"


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as _user_data_dir

    return Path(_user_data_dir("pkdesk", appauthor=False))


def default_db_path() -> Path:
    return user_data_dir() / "pkdesk.sqlite3"


def is_server_url(value: str | os.PathLike[str] | None) -> bool:
    """A ``--db``/``$PKDESK_DB`` value naming a team database on a PostgreSQL server
    (``postgresql://`` or ``postgresql+psycopg://``); anything else is a file path."""
    return isinstance(value, str) and value.startswith("postgresql")


def server_url(cli_value: str | os.PathLike[str] | None) -> str | None:
    """The server URL --db or $PKDESK_DB names (--db wins), or None for a database file."""
    value = cli_value if cli_value else os.environ.get(DB_ENV)
    return value if isinstance(value, str) and is_server_url(value) else None


def server_state_dir(url: str) -> Path:
    """This computer's own folder for one team database (its pending-edit journal, its
    single-instance lock): under the user data folder, named by user, host, port and
    database, never by the password."""
    import hashlib
    import re

    from pkdesk.store.server_url import describe

    shown = describe(url)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", shown)[:60]
    digest = hashlib.sha256(shown.encode()).hexdigest()[:10]
    return user_data_dir() / "team" / f"{slug}-{digest}"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    """--db wins, then $PKDESK_DB, then the per-user data folder. For a team database
    (``server_url``) this is a path in its local state folder where no database file is
    ever made: the window's single-instance lock and crash reports key on it."""
    url = server_url(cli_value)
    if url is not None:
        return server_state_dir(url) / "team-database"
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()
