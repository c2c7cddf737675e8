"""Spare every import the source read PySide6 adds to it.

Once PySide6 is loaded it wraps `__import__` (for its `from __feature__ import ...`
switches), and after each import it asks, for every module it has not seen before, whether
that module uses PySide: `PySide6.support.feature._mod_uses_pyside` reads the module's whole
source file (`inspect.getsource`) and looks for the word "PySide6". At start-up that is every
module imported after PySide: ~75 files read before the first paint (pkdesk's own, sqlite3,
json, ...). The answer only tells PySide which modules `from __feature__ import snake_case`
or `true_property` may switch, and pkdesk selects no feature anywhere, so
`skip_source_scan()` answers it from the module's name instead of its file: pkdesk's and
PySide's own modules "use PySide", the others do not (the answer the source scan gives for
every third-party and standard-library module pkdesk loads).

Private PySide API: when a PySide release renames it, `skip_source_scan()` changes nothing
and returns False; `tests/ui/common/test_qt_import_hook.py` then fails, to be looked at.
"""

from __future__ import annotations

import sys
from types import ModuleType

_OURS = ("pkdesk", "PySide6", "shiboken6")


def _uses_pyside(module: ModuleType) -> bool:
    return str(getattr(module, "__name__", "")).startswith(_OURS)


def skip_source_scan() -> bool:
    """Answer PySide's per-import question without reading the module's file; True when
    done (PySide6.QtCore is imported first, if it was not)."""
    import PySide6.QtCore  # noqa: F401  (loads PySide's support package)

    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", _uses_pyside)
    return True
