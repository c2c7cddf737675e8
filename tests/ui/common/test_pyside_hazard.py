"""The known PySide6 hazard: 6.12.0 on Python 3.11 kills the interpreter ("Fatal Python error:
none_dealloc") after about a thousand QStandardItemModel.appendRow calls; 6.11.3 does not.

The crash takes the whole process with it, so it is provoked in a child process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import version

from packaging.requirements import Requirement
from packaging.version import Version

from tests.checkout import REPO_ROOT

BROKEN = Version("6.12.0")

CHILD = textwrap.dedent("""
    from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel

    app = QGuiApplication([])
    model = QStandardItemModel()
    for i in range(3000):
        model.appendRow([QStandardItem(f"node {i}"), QStandardItem(str(i))])
    assert model.rowCount() == 3000, model.rowCount()
    print("rows", model.rowCount())
""")


def test_many_standard_item_appends_do_not_crash_the_interpreter() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout.split() == ["rows", "3000"]
    assert "Fatal Python error" not in result.stderr


def test_installed_pyside6_is_not_the_broken_release() -> None:
    assert Version(version("PySide6")) != BROKEN


def test_dependency_spec_excludes_the_broken_release() -> None:
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [Requirement(r) for r in pyproject["project"]["dependencies"]]
    pyside = [r for r in requirements if r.name.lower() == "pyside6"]
    assert len(pyside) == 1
    assert not pyside[0].specifier.contains(BROKEN)
    assert pyside[0].specifier.contains(Version("6.11.3"))
    # The lower bound is the first release with QPdfWriter.setAuthor (export needs it).
    assert not pyside[0].specifier.contains(Version("6.8.3"))
    assert pyside[0].specifier.contains(Version("6.9.0"))


def test_constraints_pin_a_pyside6_the_dependency_spec_allows() -> None:
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    spec = next(Requirement(r) for r in pyproject["project"]["dependencies"]
                if r.lower().startswith("pyside6"))
    pins = dict(line.split("==", 1) for line in
                (REPO_ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#"))
    assert spec.specifier.contains(Version(pins["PySide6"]))
    assert pins["PySide6"] == pins["PySide6_Essentials"] == pins["shiboken6"]
