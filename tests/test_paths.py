"""pkdesk.paths: shipped data is found inside the package (or a PyInstaller bundle's copy of
it), never through a source checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import pkdesk
from pkdesk.paths import migrations_dir, package_dir, resources_dir


def test_the_data_is_inside_the_imported_package() -> None:
    here = Path(pkdesk.__file__).resolve().parent
    assert package_dir().resolve() == here
    assert (resources_dir() / "rules" / "default.json").is_file()
    assert (resources_dir() / "reference" / "peacekeeping-and-diplomacy.json").is_file()
    assert (migrations_dir() / "env.py").is_file()
    assert sorted(p.name for p in (migrations_dir() / "versions").glob("0*.py"))[0] == \
        "0001_reference.py"


def test_a_pyinstaller_bundle_reads_its_own_copy(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "pkdesk" / "resources"
    assert migrations_dir() == tmp_path / "pkdesk" / "migrations"
