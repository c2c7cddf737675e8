"""pkdesk.core never imports Qt: every core module imports with PySide6 made unimportable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import importlib, pkgutil, sys

    class BlockQt:
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
                raise ImportError(f"Qt is blocked in core: {name}")
            return None

    sys.meta_path.insert(0, BlockQt())
    try:
        import PySide6  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the blocker did not block PySide6")

    import pkdesk.core
    names = ["pkdesk.core"]
    for info in pkgutil.walk_packages(pkdesk.core.__path__, "pkdesk.core."):
        importlib.import_module(info.name)
        names.append(info.name)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    if leaked:
        raise SystemExit(f"Qt modules loaded: {leaked}")
    print("\\n".join(names))
""")


def test_every_core_module_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    imported = result.stdout.split()
    # Guards against a walk that silently finds nothing.
    assert {"pkdesk.core.reference", "pkdesk.core.search", "pkdesk.core.errors"} <= set(imported)
