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
from importlib import resources
from pathlib import Path

DB_ENV = "PKDESK_DB"


def package_dir() -> Path:
    """The installed ``pkdesk`` package folder, which holds the shipped data."""
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle: data collected as pkdesk/...
    if frozen:
        return Path(frozen) / "pkdesk"
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


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    """--db wins, then $PKDESK_DB, then the per-user data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()
