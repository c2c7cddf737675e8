"""The fonts every exported document uses, shipped with pkdesk so output never depends on the machine."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from pkdesk.paths import resources_dir

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_family: str | None = None


def document_family() -> str:
    """Register the shipped fonts once (needs a QGuiApplication) and return their family name."""
    global _family
    if _family is None:
        families: list[str] = []
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
            if font_id < 0:
                raise RuntimeError(f"cannot load the shipped font pkdesk/resources/fonts/{name}")
            families += QFontDatabase.applicationFontFamilies(font_id)
        _family = families[0]
    return _family
