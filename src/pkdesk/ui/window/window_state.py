"""Where the user is, kept in QSettings as it changes, and the window's first-start size.

State written only at close is lost to a power cut, so the page, reference topic and plan
are written (and synced to disk) the moment they change. `LiveState` remembers what it
wrote, so the many calls made while the user types cost a comparison, not a disk write.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize

DEFAULT_FRACTION = 0.85
MAX_DEFAULT_SIZE = QSize(1600, 1000)   # beyond this, a bigger window only adds white space


class LiveState:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self._written: dict[str, object] = {}

    def put(self, key: str, value: object) -> None:
        """Write `value` under `key` and sync, unless that is what is already stored."""
        if value is None or self._written.get(key) == value:
            return
        self._written[key] = value
        if self.settings.value(key) == value:
            return
        self.settings.setValue(key, value)
        self.settings.sync()


def default_geometry(available: QRect) -> QRect:
    """~85% of the screen's available area (capped), centred in it."""
    size = QSize(int(available.width() * DEFAULT_FRACTION),
                 int(available.height() * DEFAULT_FRACTION)).boundedTo(MAX_DEFAULT_SIZE)
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    return rect
