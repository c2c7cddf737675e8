"""What a real start loads (issue 17): the first paint needs the Reference page and nothing of
the database layer, the Planner, its Performance tab, File › Sync, team databases or the
exports; once the database is attached, SQLAlchemy, the Planner, readers, importers and PDF
libraries still wait for the action that needs them. A fresh `python` runs `start_window` as
`pkdesk --db` does, offscreen, and reports `sys.modules` when the window is exposed and again
once attached, with `QT_NAMESPACE` among them once PySide6 has made its `Qt` namespace (~18 ms of
enum classes, which the first paint does without: `ui.common.qt_values`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pkdesk.store.db import Database

CHILD = """
import json, sys
from pkdesk.cli import gui_args
from pkdesk.ui.app import create_application, start_window
args = gui_args(["--db", sys.argv[1]])
app = create_application()      # imports PySide6 first, as `pkdesk` does
from PySide6 import QtCore
from PySide6.QtCore import QTimer
window = start_window(args)
shown = []
def loaded():
    import linecache, os, pkdesk
    made = ["%s"] if "Qt" in QtCore.__dict__ else []
    ours = os.path.dirname(os.path.abspath(pkdesk.__file__)) + os.sep   # not a checkout named pkdesk
    if any(name.startswith(ours) for name in linecache.cache):
        made.append("%s")
    from PySide6 import QtGui
    if any(name.endswith("Event") and isinstance(value, type)
           for name, value in QtGui.__dict__.items()):
        made.append("%s")
    return json.dumps(sorted(sys.modules) + made)
def report():
    if not shown and window.windowHandle().isExposed():
        print(loaded(), flush=True)
        shown.append(True)
    if shown and window.db is not None:
        print(loaded(), flush=True)
        window.close()
        app.quit()
        return
    QTimer.singleShot(1, report)
QTimer.singleShot(0, report)
app.exec()
"""

QT_NAMESPACE = "<PySide6.QtCore.Qt made>"
# PySide reads the source of each module imported after it, unless `create_application` has
# put `qt_import_hook.skip_source_scan` in place (~8 ms before the first paint).
SOURCE_READ = "<a pkdesk module's source read>"
# The first event a Python hook (event filter, `changeEvent`...) receives makes PySide set up
# its ~50 event classes (~4 ms): the first paint's hooks come with `MainWindow.finish_start`.
EVENT_CLASSES = "<PySide6's event classes made>"
CHILD %= (QT_NAMESPACE, SOURCE_READ, EVENT_CLASSES)

# Not needed to paint the window (each is loaded from the event loop or on first use).
NOT_AT_FIRST_PAINT = (
    "sqlalchemy", "alembic", "pypdf", "psycopg", "cryptography",
    "PySide6.QtPrintSupport", "PySide6.QtSvg", "PySide6.QtNetwork",
    "pkdesk.store.db", "pkdesk.store.models", "pkdesk.store.team", "pkdesk.store.server",
    "pkdesk.ui.planner", "pkdesk.ui.scenarios", "pkdesk.ui.sync", "pkdesk.ui.output",
    "pkdesk.ui.backup", "pkdesk.core.checker", "pkdesk.core.performance", "pkdesk.core.sync",
    "pkdesk.core.docimport", "pkdesk.core.dataimport", "pkdesk.core.report",
    "pkdesk.ui.reference.notes_export_action", "pkdesk.ui.reference.library_actions",
    # Put in place right after the first paint (`MainWindow.finish_start`): Python hooks Qt
    # calls for every event or drawing, View › Language (the other catalogues), the find
    # bar (hidden), the search results list (another tab), the help dialogs.
    "pkdesk.ui.common.legible_style", "pkdesk.ui.common.wheel_guard",
    "pkdesk.ui.window.link_guard", "pkdesk.ui.window.language_menu",
    "pkdesk.ui.window.help_dialogs", "pkdesk.ui.reference.find_bar",
    "pkdesk.ui.reference.search_results", "pkdesk.core.notes_export", "pkdesk.store.integrity",
    "hashlib", QT_NAMESPACE, SOURCE_READ, EVENT_CLASSES,
    "html",     # its entities table: the first topic is escaped by `plain_tip.escape`
)

# Not needed even once a current database is attached: each waits for its action (SQLAlchemy
# for the first write or the Planner shown) (importing a document or field data, writing a PDF, a sync bundle, a team database).
NOT_AFTER_ATTACH = (
    "sqlalchemy", "pkdesk.store.models", "pkdesk.store.reference_repo",
    "pkdesk.store.plan_repo", "pkdesk.ui.planner.planner_page", "pkdesk.ui.planner.session", "pkdesk.ui.scenarios",
    "pkdesk.ui.sync",
    "alembic", "pypdf", "psycopg", "cryptography", "PySide6.QtPrintSupport", "PySide6.QtSvg",
    "xml.etree", "pkdesk.core.docimport", "pkdesk.core.dataimport",
    "pkdesk.ui.planner.performance.import_dialog", "pkdesk.core.sync.bundle",
    "pkdesk.store.team", "pkdesk.store.server",
)


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_a_real_start_loads_only_what_the_first_paint_needs(
        db: Database, db_path: Path, tmp_path: Path) -> None:
    db.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("PKDESK_DB", None)
    out = subprocess.run([sys.executable, "-c", CHILD, str(db_path)], capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    at_paint, attached = (json.loads(line) for line in out.stdout.splitlines())
    assert "pkdesk.ui.reference.reference_page" in at_paint      # the probe saw a real start
    assert "pkdesk.ui.backup.backup_actions" in attached     # the attach ran
    assert QT_NAMESPACE in attached          # the probe sees the namespace once it is made
    assert EVENT_CLASSES in attached         # and the event classes
    assert "pkdesk.ui.planner.planner_page" not in attached   # built when first shown
    assert loaded(at_paint, NOT_AT_FIRST_PAINT) == []
    assert loaded(attached, NOT_AFTER_ATTACH) == []
