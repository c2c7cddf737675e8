"""Test-wide setup: offscreen Qt, and a private database and settings for every test.

No test ever reads or writes the developer's real database or QSettings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists

from pkdesk.store.db import Database  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402


@pytest.fixture(autouse=True)
def _private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKDESK_DB", str(tmp_path / "env-default.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PKDESK_LANG", "en")     # not the machine's locale (a French LANG)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pkdesk.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_library(db_path)
    yield database
    database.close()
