"""PySide6's `Qt` namespace, made when first used, for the code of the window's first paint.

PySide6 (6.8+) creates its types lazily, and the `Qt` namespace type with all its 93 enum
classes (1,195 members, each class made by Python's `enum` module) at once, on the first
`from PySide6.QtCore import Qt` or `QtCore.Qt`: ~17 ms of CPU on this machine
(`benchmarks/bench_qt_namespace.py`), which a bare QMainWindow never pays. Widgets are built
and painted without it; only Python naming a `Qt.*` value needs it. So the modules the first
paint imports use:

- `Qt` from here: the real namespace for mypy; at run time a stand-in that makes the real one
  on its first attribute (and keeps each attribute it handed out, so later uses cost a plain
  attribute read);
- the item data roles as ints (`DISPLAY_ROLE`...): `Qt.ItemDataRole` is an IntEnum equal to
  them, and Qt's models take and give roles as ints;
- `set_enum(obj, "alignment", "AlignCenter")` for a setter that takes a `Qt` enum: PySide
  rejects ints there (`setAlignment(0x84)` is a TypeError), but Qt's meta-object writes the
  property from the enumerator's own key names.

Also making the namespace, found by measuring (so avoided before the first paint): a Python
model's `flags()` or `headerData()` (Qt hands them Qt enums), a getter returning a Qt enum,
`QAction.setShortcut(...)` (its overloads are checked against `Qt.Key`; `setShortcuts([...])`
is not), `QPainter.setPen`/`setBrush` (overloads; `fillPath(path, brush)` is not).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtCore import Qt as Qt
else:
    class _Qt:
        """Stands for `PySide6.QtCore.Qt` until an attribute is read."""

        def __getattr__(self, name: str) -> Any:
            from PySide6.QtCore import Qt as real

            value = getattr(real, name)
            setattr(self, name, value)      # the next read does not come here
            return value

        def __repr__(self) -> str:
            return "<PySide6.QtCore.Qt, made on first use>"

    Qt = _Qt()

# Qt::ItemDataRole, as ints (equal to the IntEnum's members).
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
EDIT_ROLE = 2
TOOLTIP_ROLE = 3
STATUS_TIP_ROLE = 4
WHATS_THIS_ROLE = 5
FONT_ROLE = 6
TEXT_ALIGNMENT_ROLE = 7
BACKGROUND_ROLE = 8
FOREGROUND_ROLE = 9
CHECK_STATE_ROLE = 10
ACCESSIBLE_TEXT_ROLE = 11
ACCESSIBLE_DESCRIPTION_ROLE = 12
SIZE_HINT_ROLE = 13
USER_ROLE = 0x0100


def set_enum(obj: QObject, prop: str, keys: str) -> None:
    """Set `obj`'s enum or flags property `prop` by its Qt key names, as Qt spells them
    (`"AlignCenter"`, `"TextBrowserInteraction|TextSelectableByKeyboard"`), without making
    PySide's `Qt` namespace. ValueError when `prop` is not such a property of `obj` or a key
    is not one of its enumerator's."""
    meta = obj.metaObject()
    index = meta.indexOfProperty(prop)
    if index < 0 or not meta.property(index).isEnumType():
        raise ValueError(f"{meta.className()} has no enum property {prop!r}")
    enumerator = meta.property(index).enumerator()
    # PySide 6.11 takes a str here; its stub says bytes (and rejects bytes at run time).
    value, ok = enumerator.keysToValue(keys)  # type: ignore[arg-type]
    if not ok:
        raise ValueError(f"{keys!r} is not a value of {meta.className()}.{prop}")
    if not obj.setProperty(prop, value):
        raise ValueError(f"{meta.className()}.{prop} could not be set to {keys!r}")
