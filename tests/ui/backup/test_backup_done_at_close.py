"""Closing the window and waiting for it leaves no backup being written: the screenshot tool's
child removed its temporary folder while the backup made at close still wrote into it
("Directory not empty: 'backups'")."""

from __future__ import annotations

import importlib.util
import shutil
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pkdesk.store import backup

ROOT = Path(__file__).resolve().parents[3]


def _screenshots() -> object:
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshot_child_returns_with_its_backup_written(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = backup.auto_backup

    def slow_disk(path: Path) -> Path | None:     # the real backup, on a busy machine's disk
        time.sleep(0.4)
        return real(path)

    monkeypatch.setattr(backup, "auto_backup", slow_disk)
    tool = _screenshots()
    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir()
    out.mkdir()
    written = tool.take(1024, 600, "en", "light", out, work)  # type: ignore[attr-defined]
    assert len(written) == 6
    # Nothing writes into the folder any more: no backup thread alive, and it can go.
    assert [t.name for t in threading.enumerate() if t.name.startswith("pkdesk-backup")] == []
    backups = sorted(p.name for p in (work / "backups").iterdir())
    assert backups and all(name.endswith(".sqlite3") for name in backups), backups
    shutil.rmtree(work)
