"""`skip_source_scan`: once PySide6 is loaded, importing a module must not read its source file
(PySide's `__feature__` bookkeeping did, for every module imported after it: ~75 files before
the first paint). Each case is a fresh interpreter importing a real module from a real file;
`linecache.cache` holds a file exactly when something read it through `inspect`/`linecache`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, linecache, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore
hooked = None
if sys.argv[2] == "hook":
    from pkdesk.ui.common.qt_import_hook import skip_source_scan
    hooked = skip_source_scan()
import probe_module
from pkdesk.ui.common.i18n import tr
module = sys.modules["pkdesk.ui.common.i18n"]
from PySide6.support import feature
print(json.dumps({
    "hooked": hooked,
    "source_read": probe_module.__file__ in linecache.cache,
    "pkdesk_read": module.__file__ in linecache.cache,
    "probe": feature.pyside_feature_dict.get("probe_module"),
    "pkdesk": feature.pyside_feature_dict.get("pkdesk.ui.common.i18n"),
}))
"""


def _child(tmp_path: Path, mode: str) -> dict[str, object]:
    folder = tmp_path / "mods"
    folder.mkdir(exist_ok=True)
    (folder / "probe_module.py").write_text("import json\nVALUE = json.dumps([1])\n",
                                            encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", CHILD, str(folder), mode], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_without_the_hook_pyside_reads_every_imported_module(tmp_path: Path) -> None:
    # What the hook is for: on PySide6 6.11 the plain import reads the file.
    plain = _child(tmp_path, "plain")
    assert plain["source_read"] is True
    assert plain["pkdesk_read"] is True
    assert plain["probe"] == -1 and plain["pkdesk"] == 0


def test_with_the_hook_no_source_is_read_and_the_answers_stay(tmp_path: Path) -> None:
    hooked = _child(tmp_path, "hook")
    assert hooked["hooked"] is True           # the private PySide API is still there
    assert hooked["source_read"] is False
    assert hooked["pkdesk_read"] is False
    # Same answers as the source scan gave: a module without PySide is ignored by
    # `__feature__` switching, pkdesk's own count as PySide users.
    assert hooked["probe"] == -1 and hooked["pkdesk"] == 0
