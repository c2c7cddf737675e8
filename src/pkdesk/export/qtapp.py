"""A QGuiApplication for rendering when pkdesk runs without its window (CLI, scripts)."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """The running application, or a new one on the offscreen platform when there is no display.

    Fonts and painting need a QGuiApplication; a CLI on a headless server has no display to
    connect to, so the offscreen platform is chosen before the application is created.
    """
    global _app
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication([sys.argv[0] if sys.argv else "pkdesk"])
    return _app
