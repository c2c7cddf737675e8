"""pkdesk never opens a network connection: a whole CLI session under a socket audit hook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_guarded(module: str, *args: str, log: Path) -> subprocess.CompletedProcess[str]:
    """Run `module` under tests/netguard.py; `log` collects any socket event."""
    log.write_text("")
    return subprocess.run([sys.executable, str(ROOT / "tests" / "netguard.py"), str(log), module, *args],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_the_guard_sees_a_socket(tmp_path: Path) -> None:
    # The guard itself must catch what it claims to: a module that only creates a socket.
    probe = tmp_path / "probe_socket.py"
    probe.write_text("import socket\nsocket.socket().close()\n")
    log = tmp_path / "net.log"
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "netguard.py"), str(log), "probe_socket"],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path,
                            env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "socket.__new__" in log.read_text()


def test_a_full_cli_session_opens_no_socket(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    log = tmp_path / "net.log"
    result = run_guarded("tests.cli_session", str(tmp_path / "pkdesk.sqlite3"), str(work), log=log)
    assert result.returncode == 0, result.stderr
    assert (work / "handover.sqlite3").is_file()       # the session really ran
    assert "healthy" in result.stdout
    assert log.read_text() == "", f"network activity: {log.read_text()[:500]}"
