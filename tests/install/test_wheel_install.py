"""pkdesk installed as a user would: the sdist and wheel built from the checkout, the wheel
installed (not editable) with its dependencies into a fresh virtual environment, and the
installed `pkdesk` run from a folder outside the checkout.

Slow (a venv and PySide6's wheels, from pip's cache when warm), but CI runs it: `dev.py test`
runs the whole of tests/ and nothing deselects the slow marker. Dependencies are installed at
the versions in constraints.txt, the ones the rest of the suite tested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.checkout import REPO_ROOT

pytestmark = pytest.mark.slow

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]
EXAMPLE = REPO_ROOT / "examples" / "rwanda-1993.pkplan.json"

# What pkdesk reads at run time; each must be in the wheel and the sdist.
PACKAGE_DATA = [
    "pkdesk/resources/reference/peacekeeping-and-diplomacy.json",
    "pkdesk/resources/rules/default.json",
    "pkdesk/resources/whatifs/default.json",
    "pkdesk/resources/i18n/en.json",
    "pkdesk/resources/i18n/fr.json",
    "pkdesk/resources/fonts/DejaVuSans.ttf",
    "pkdesk/resources/fonts/DejaVuSans-Bold.ttf",
    "pkdesk/resources/fonts/LICENSE-DejaVu.txt",
    "pkdesk/migrations/env.py",
    "pkdesk/migrations/script.py.mako",
    "pkdesk/migrations/versions/0001_reference.py",
    "pkdesk/migrations/versions/0002_plans.py",
    "pkdesk/migrations/versions/0003_fts_one_letter_prefix.py",
]


@dataclass(frozen=True)
class Installed:
    sdist: Path
    wheel: Path
    bin: Path           # the fresh venv's scripts folder
    elsewhere: Path     # an unrelated folder to run from
    env: dict[str, str]

    def pkdesk(self, *args: str, extra_env: dict[str, str] | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess[str]:
        exe = self.bin / ("pkdesk.exe" if os.name == "nt" else "pkdesk")
        return subprocess.run([str(exe), *args], cwd=self.elsewhere, capture_output=True,
                              text=True, timeout=timeout, env={**self.env, **(extra_env or {})})


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 600) -> None:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                            env=env)
    assert result.returncode == 0, f"{cmd[:4]} exit {result.returncode}:\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("install")
    dist = base / "dist"
    clean = {k: v for k, v in os.environ.items()
             if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PKDESK_DB"}}
    # The sdist, then the wheel built from the unpacked sdist (python -m build's default), so
    # a file missing from the sdist fails here too. No build isolation: setuptools from the
    # dev venv (test extra), no download.
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(REPO_ROOT)],
         cwd=base, env=clean)
    sdist = next(dist.glob("pkdesk-*.tar.gz"))
    wheel = next(dist.glob("pkdesk-*.whl"))
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base, env=clean)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    # Not editable, with its dependencies, at the versions CI tests (pip's cache keeps it quick).
    _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
          "-c", str(REPO_ROOT / "constraints.txt"), str(wheel)], cwd=base, env=clean)
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(EXAMPLE, elsewhere / EXAMPLE.name)
    env = {**clean, "QT_QPA_PLATFORM": "offscreen", "PKDESK_LANG": "en",
           "HOME": str(base / "home"), "XDG_DATA_HOME": str(base / "xdg-data"),
           "XDG_CONFIG_HOME": str(base / "xdg-config")}
    yield Installed(sdist, wheel, bin_dir, elsewhere, env)


def test_the_installed_package_is_not_the_checkout(installed: Installed) -> None:
    python = installed.bin / ("python.exe" if os.name == "nt" else "python")
    result = subprocess.run([str(python), "-c",
                             "import pkdesk.paths as p; print(p.resources_dir())"],
                            cwd=installed.elsewhere, capture_output=True, text=True,
                            env=installed.env, timeout=60)
    assert result.returncode == 0, result.stderr
    resources = Path(result.stdout.strip())
    assert resources.is_dir() and "site-packages" in resources.parts
    assert not resources.is_relative_to(REPO_ROOT)


def test_version(installed: Installed) -> None:
    result = installed.pkdesk("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"pkdesk {VERSION}")


def test_reference_and_search_on_the_default_database(installed: Installed) -> None:
    # No --db, no $PKDESK_DB: the first command creates the database in the user data folder
    # (migrations shipped in the package) and loads the shipped corpus into it.
    reference = installed.pkdesk("reference")
    assert reference.returncode == 0, reference.stderr
    assert "principles  Principles Guiding Peacekeeping Operations" in reference.stdout
    assert (Path(installed.env["XDG_DATA_HOME"]) / "pkdesk" / "pkdesk.sqlite3").is_file()
    search = installed.pkdesk("search", "consent")
    assert search.returncode == 0, search.stderr
    assert "principles.consent  Consent of the Parties" in search.stdout


def test_check_an_example_plan(installed: Installed, tmp_path: Path) -> None:
    result = installed.pkdesk("--db", str(tmp_path / "db.sqlite3"), "check", EXAMPLE.name)
    assert result.returncode == 0, result.stderr
    assert "MANDATE-002  warning  mandate" in result.stdout     # the shipped rule pack ran
    french = installed.pkdesk("--db", str(tmp_path / "db.sqlite3"), "--lang", "fr", "check",
                              EXAMPLE.name)
    assert french.returncode == 0 and "avertissement" in french.stdout  # the French catalog


def test_export_a_pdf(installed: Installed, tmp_path: Path) -> None:
    out = tmp_path / "rwanda.pdf"
    result = installed.pkdesk("--db", str(tmp_path / "db.sqlite3"), "export", EXAMPLE.name,
                              "-o", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) >= 2
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    assert "Rwanda" in text
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("DejaVu" in name for name in fonts), fonts    # the shipped font was embedded


def test_the_window_starts_and_quits(installed: Installed, tmp_path: Path) -> None:
    result = installed.pkdesk("--db", str(tmp_path / "gui.sqlite3"),
                              extra_env={"PKDESK_QUIT_AFTER_MS": "300"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "pkdesk: window shown" in result.stdout
    assert "Traceback" not in result.stderr
    assert (tmp_path / "gui.sqlite3").is_file()


def test_a_bad_plan_is_one_line_and_exit_2(installed: Installed, tmp_path: Path) -> None:
    bad = installed.elsewhere / "bad.pkplan.json"
    bad.write_text("{not json", encoding="utf-8")
    result = installed.pkdesk("--db", str(tmp_path / "db.sqlite3"), "check", bad.name)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_the_wheel_and_the_sdist_carry_the_package_data(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as whl:
        in_wheel = set(whl.namelist())
    assert [p for p in PACKAGE_DATA if p not in in_wheel] == []
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in in_wheel)
    with tarfile.open(installed.sdist) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert [p for p in PACKAGE_DATA if f"src/{p}" not in in_sdist] == []
    assert "LICENSE" in in_sdist
