"""Qt values for the code the first paint runs, without PySide6's `Qt` namespace (issue 17).

On PySide6 6.11 the first use of `PySide6.QtCore.Qt` (importing the name, or any `Qt.*` enum,
even one Qt returns) makes all ~90 of its enum classes at once: ~18 ms of CPU, ~15 % of a
bare window's start. The window's first paint does without it: item roles are the plain ints
Qt passes to `data()`; a `Qt.*` enum property is set by its key's name through Qt's property
system (`set_enum`), which converts the name in C++; a shortcut is set by `set_shortcut`,
because `QAction.setShortcut(...)`'s overloads name `Qt.Key`. Code run
only after the first paint uses `Qt` as usual. `tests/ui/window/test_startup_modules.py`
checks that a real start shows its window before the namespace is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QAction

# Qt::ItemDataRole, as `QAbstractItemModel.data(index, role)` receives it.
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 256


def set_enum(obj: QObject, prop: str, key: str) -> None:
    """Set the `Qt.*` enum (or flags, keys joined by "|") property `prop` of `obj` to the
    value named `key`, e.g. ``set_enum(label, "alignment", "AlignCenter")``; a property or key
    Qt does not know is a bug and raises."""
    if not obj.setProperty(prop, key):
        raise ValueError(f"{type(obj).__name__}.{prop}: Qt refused {key!r}")


def set_shortcut(action: QAction, key: QKeySequence | QKeySequence.StandardKey | str) -> None:
    """`action.setShortcut(key)`, as Qt does it: the key sequence (a standard key's first
    binding on this platform), or none when it is empty (a standard key the platform does
    not bind)."""
    sequence = QKeySequence(key)
    action.setShortcuts([] if sequence.isEmpty() else [sequence])
