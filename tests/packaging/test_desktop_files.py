"""Desktop integration files: the .desktop entry, AppStream metadata, the MIME type and the
icon, checked by the freedesktop.org tools themselves and against each other."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from pkdesk.paths import resources_dir
from pkdesk.ui.app import ICON_SIZES, app_icon
from tests.checkout import REPO_ROOT

PACKAGING = REPO_ROOT / "packaging"
DESKTOP = PACKAGING / "pkdesk.desktop"
METAINFO = PACKAGING / "org.pkdesk.Pkdesk.metainfo.xml"
MIME = PACKAGING / "pkdesk-mime.xml"
MIME_TYPE = "application/x-pkdesk-plan+json"
ICONS = resources_dir() / "icons"


def _on_debian() -> bool:
    return Path("/etc/debian_version").exists()


def _tool(name: str, package: str) -> str:
    """The tool's path; on Debian/Ubuntu (where CI installs it, .ci/run) it must be there."""
    path = shutil.which(name)
    if path is None:
        if _on_debian():
            pytest.fail(f"{name} is missing: apt-get install {package} (.ci/run does)")
        pytest.skip(f"{name} not installed and this is not Debian/Ubuntu ({package})")
    return path


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validate_is_clean() -> None:
    out = subprocess.run([_tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout + out.stderr


def test_appstreamcli_validate_passes_without_warnings() -> None:
    out = subprocess.run([_tool("appstreamcli", "appstream"), "validate", "--no-net",
                          str(METAINFO)], capture_output=True, text=True)
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    problems = [line for line in report.splitlines() if line.startswith(("E:", "W:"))]
    assert problems == [], report


def test_the_files_agree_on_name_icon_and_mime_type() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "pkdesk %F"
    assert entry["MimeType"].rstrip(";").split(";") == [MIME_TYPE]
    assert entry["Icon"] == "pkdesk"
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("launchable") == DESKTOP.name
    assert meta.findtext("icon") == entry["Icon"]
    assert meta.findtext("provides/mediatype") == MIME_TYPE
    assert meta.find("releases/release").get("version") == __import__("pkdesk").__version__
    # What software centres show, which appstreamcli 0.16 does not insist on:
    assert meta.findtext("url[@type='homepage']", "").startswith("https://")
    assert meta.findtext("developer/name")
    assert meta.find("content_rating").get("type") == "oars-1.1"
    assert len(meta.findall("screenshots/screenshot/image")) >= 1
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    types = ET.parse(MIME).getroot().findall("m:mime-type", ns)
    assert [t.get("type") for t in types] == [MIME_TYPE]
    assert [g.get("pattern") for g in types[0].findall("m:glob", ns)] == ["*.pkplan.json"]
    for image in meta.iter("image"):     # the screenshots are the README's images
        assert (REPO_ROOT / "docs" / "images" / Path(image.text or "").name).is_file()


def test_shared_mime_info_maps_plan_files_to_the_type(tmp_path: Path) -> None:
    tool = _tool("update-mime-database", "shared-mime-info")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / MIME.name)
    out = subprocess.run([tool, str(tmp_path / "mime")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    globs = (tmp_path / "mime" / "globs2").read_text().splitlines()
    assert f"60:{MIME_TYPE}:*.pkplan.json" in globs


def test_the_icon_exists_in_every_size_and_packs_for_other_platforms(qapp: object) -> None:
    from PySide6.QtGui import QImage

    assert (ICONS / "pkdesk.svg").is_file()
    for size in ICON_SIZES:
        image = QImage(str(ICONS / f"pkdesk-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel() and image.pixelColor(0, 0).alpha() == 0  # shaped
    assert (PACKAGING / "icons" / "pkdesk.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (PACKAGING / "icons" / "pkdesk.icns").read_bytes()[:4] == b"icns"
    icon = app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == list(ICON_SIZES)
    assert not icon.pixmap(QSize(16, 16)).isNull()


def test_the_application_window_icon_is_pkdesks() -> None:
    code = ("from pkdesk.ui.app import create_application;"
            "app = create_application();"
            "print(sorted(s.width() for s in app.windowIcon().availableSizes()))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True)
    assert out.stdout.strip() == str(list(ICON_SIZES))
