"""The rule for PostgreSQL tests: without a server they skip naming the package to install,
unless PKDESK_REQUIRE_PG=1 (set by .ci/run), when they fail. Checked by running pytest on
one PostgreSQL test with the server binaries pointed at an empty folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.checkout import REPO_ROOT


def _run(tmp_path: Path, require: bool) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PKDESK_PG_BINDIR=str(tmp_path / "no-bin"))
    env.pop("PKDESK_REQUIRE_PG", None)
    if require:
        env["PKDESK_REQUIRE_PG"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/pg/test_pgserver.py::test_login_needs_the_password"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_without_a_server_the_tests_skip_naming_the_package(tmp_path: Path) -> None:
    done = _run(tmp_path, require=False)
    assert done.returncode == 0, done.stdout
    assert "1 skipped" in done.stdout
    assert "install the 'postgresql' package" in done.stdout


def test_with_pkdesk_require_pg_a_missing_server_fails(tmp_path: Path) -> None:
    done = _run(tmp_path, require=True)
    assert done.returncode != 0
    assert "PKDESK_REQUIRE_PG=1 but no PostgreSQL test server" in done.stdout
