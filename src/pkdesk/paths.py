"""Where pkdesk finds its shipped resources and keeps the user's database.

Resolved in one place, lazily: importing this module creates no folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV = "PKDESK_DB"


def project_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return project_root() / "resources"


def migrations_dir() -> Path:
    return project_root() / "db"


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
