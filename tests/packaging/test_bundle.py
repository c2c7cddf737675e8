"""Smoke test of the PyInstaller bundle (packaging/build_bundle.py), run as a user would:
copied out of the checkout, from an unrelated folder, with a fresh database.

The bundle is $PKDESK_BUNDLE (CI builds it first and sets it: then it must exist), else
dist/pkdesk of this checkout if built; without either, these tests are skipped.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk import __version__
from tests.checkout import REPO_ROOT

pytestmark = pytest.mark.slow

EXAMPLE = REPO_ROOT / "examples" / "rwanda-1993.pkplan.json"
SECOND = REPO_ROOT / "examples" / "no-consent.pkplan.json"
EXE = "pkdesk.exe" if sys.platform == "win32" else "pkdesk"


def _built_bundle() -> Path:
    wanted = os.environ.get("PKDESK_BUNDLE")
    if wanted:
        folder = Path(wanted).resolve()
        if not (folder / EXE).is_file():
            pytest.fail(f"PKDESK_BUNDLE={wanted} has no {EXE}: build it first "
                        "(python packaging/build_bundle.py)")
        return folder
    folder = REPO_ROOT / "dist" / "pkdesk"
    if not (folder / EXE).is_file():
        pytest.skip("the bundle is not built (python packaging/build_bundle.py; CI builds it)")
    return folder


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the bundle in a temporary folder: nothing may come from the checkout."""
    copy = tmp_path_factory.mktemp("installed") / "pkdesk"
    shutil.copytree(_built_bundle(), copy, symlinks=True)
    yield copy / EXE


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """A user's environment: no checkout on any path, the default database in their own
    (temporary) data folder, created on first use."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PKDESK_"))}
    env.update(PKDESK_LANG="en", HOME=str(tmp_path / "home"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_RUNTIME_DIR="", QT_QPA_PLATFORM="offscreen")
    return env


def _run(bundle: Path, env: dict[str, str], cwd: Path, *args: str,
         timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def _plans(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return [r[0] for r in conn.execute("SELECT title FROM plan WHERE deleted_at IS NULL ORDER BY id")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []               # not created yet, or being migrated


def test_version_check_and_export_from_outside_the_checkout(
        bundle: Path, user_env: dict[str, str], tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    plan = shutil.copy(EXAMPLE, work / "plan.pkplan.json")
    out = _run(bundle, user_env, work, "--version")
    assert (out.returncode, out.stdout.strip()) == (0, f"pkdesk {__version__}"), out.stderr
    out = _run(bundle, user_env, work, "check", str(plan), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert '"verdict": "needs_attention"' in out.stdout
    out = _run(bundle, user_env, work, "search", "consent", "--limit", "1")
    assert out.returncode == 0 and "principles.consent" in out.stdout, out.stderr
    out = _run(bundle, user_env, work, "export", str(plan), "-o", "plan.pdf", "--lang", "fr")
    assert out.returncode == 0, out.stderr
    text = " ".join(PdfReader(work / "plan.pdf").pages[0].extract_text().split())
    assert "Page 1 sur" in text and "UNAMIR" in text
    out = _run(bundle, user_env, work, "check", "missing.pkplan.json")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_the_window_opens_a_plan_and_takes_a_second_launchs_file(
        bundle: Path, user_env: dict[str, str], tmp_path: Path) -> None:
    """`pkdesk FILE` (the desktop's Open with) starts the window and imports FILE; a second
    `pkdesk FILE2` hands FILE2 to it over the local socket and exits."""
    db = Path(user_env["XDG_DATA_HOME"]) / "pkdesk" / "pkdesk.sqlite3"   # the default
    window = subprocess.Popen([str(bundle), str(EXAMPLE)], env=user_env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while len(_plans(db)) < 1 and window.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert window.poll() is None, window.communicate()[1]
        assert len(_plans(db)) == 1
        second = _run(bundle, user_env, tmp_path, str(SECOND), timeout=60)
        assert second.returncode == 0 and second.stderr == "", second.stderr
        deadline = time.monotonic() + 20
        while len(_plans(db)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(_plans(db)) == 2
        assert window.poll() is None      # still the one window
    finally:
        window.terminate()
        _, err = window.communicate(timeout=30)
    assert "Traceback" not in err, err


def test_the_bundle_uses_a_team_database(bundle: Path, user_env: dict[str, str],
                                         tmp_path: Path, pg_url: str) -> None:
    """psycopg is in the bundle: `pkdesk --db postgresql+psycopg://...` works there."""
    out = _run(bundle, user_env, tmp_path, "--db", pg_url, "plan", "import", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    out = _run(bundle, user_env, tmp_path, "--db", pg_url, "search", "consent", "--limit", "1")
    assert out.returncode == 0 and "principles.consent" in out.stdout, out.stderr


def test_the_window_starts_and_quits_when_told(
        bundle: Path, user_env: dict[str, str], tmp_path: Path) -> None:
    env = dict(user_env, PKDESK_QUIT_AFTER_MS="100")
    out = _run(bundle, env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "window shown" in out.stdout and "Traceback" not in out.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktop integration")
def test_install_desktop_registers_the_bundle_for_the_user(
        bundle: Path, user_env: dict[str, str], tmp_path: Path) -> None:
    script = bundle.parent / "share" / "install-desktop.sh"
    out = subprocess.run([str(script)], env=user_env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    data = Path(user_env["XDG_DATA_HOME"])
    entry = (data / "applications" / "pkdesk.desktop").read_text()
    assert f"Exec={bundle} %F" in entry.splitlines()
    for size in (16, 48, 512):
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "pkdesk.png").is_file()
    assert (data / "mime" / "packages" / "pkdesk-mime.xml").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(data / "applications" /
                                                              "pkdesk.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0 and check.stdout == "", check.stdout
    if shutil.which("update-mime-database"):
        assert "application/x-pkdesk-plan+json:*.pkplan.json" in (data / "mime" / "globs2") \
            .read_text()
    out = subprocess.run([str(script), "--remove"], env=user_env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and not (data / "applications" / "pkdesk.desktop").exists()
