"""Where the time to the first paint goes: pkdesk's start (`ui.app.start_window`, as `pkdesk
--db PATH` runs it) cut into phases, each timed in a fresh interpreter, side by side with a
bare PySide6 QMainWindow cut the same way (bench_startup.py has the totals), and with the same
kinds of widgets built in plain PySide6 (no pkdesk code): the floor of this window's first paint.

Each phase is run in the order the start runs it, so that a phase pays only for itself:
the read-only glance (`store.snapshot` and sqlite3), the language (the catalogue),
the window's modules, the snapshot read, `MainWindow(...)`, `show()`, and the event loop up
to the window exposed (layout and first paint). Whichever phase first uses PySide6's `Qt`
namespace pays for its ~90 enum classes (~18 ms; the first paint does without it since
2026-11-30, `ui.common.qt_values`). Both CPU time (this process, all threads) and wall time
are shown: on a shared machine CPU time varies less.

Run: .venv/bin/python benchmarks/bench_startup_phases.py [ROUNDS] [--src DIR]
--src DIR runs the children on another checkout's code (PYTHONPATH=DIR, e.g. /work/main/src).
Uses $QT_QPA_PLATFORM if set, else xcb when $DISPLAY is set, else offscreen.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import child_env  # noqa: E402

from pkdesk.store.library import open_library  # noqa: E402

_CLOCK = """
import time, sys, json
marks = [("interpreter", time.process_time(), time.perf_counter())]
def mark(name):
    marks.append((name, time.process_time(), time.perf_counter()))
def done():
    print(json.dumps([(n, 1000 * (c - marks[i][1]), 1000 * (w - marks[i][2]))
                      for i, (n, c, w) in enumerate(marks[1:])]
                     + [("total", 1000 * marks[-1][1], None)]), flush=True)
"""

# Both children end the same way: the event loop runs until the window is exposed.
_UNTIL_EXPOSED = """
def report():
    if not window.windowHandle().isExposed():
        QTimer.singleShot(1, report)
        return
    mark("event loop to exposed")
    done()
    app.quit()
QTimer.singleShot(0, report)
app.exec()
"""

BARE = _CLOCK + """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
mark("PySide6 imports")
app = QApplication(sys.argv[:1])
mark("QApplication")
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
mark("window built")
window.show()
mark("show()")
""" + _UNTIL_EXPOSED

# The floor for pkdesk's first paint: the same kinds of widgets (menu bar with its menus and
# shortcuts, toolbar with arrows and the search field, page tabs, side tabs with a tree on a
# Python item model, the topic as HTML, the note box with its style sheet, the status bar)
# built in plain PySide6, no pkdesk code, the `Qt` namespace avoided as pkdesk's first paint
# does. What pkdesk costs above it is its own Python: modules, the snapshot, the catalogue.
WIDGETS = _CLOCK + """
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QListView, QMainWindow,
    QPlainTextEdit, QSizePolicy, QSplitter, QTabWidget, QTextBrowser, QToolBar, QTreeView,
    QVBoxLayout, QWidget)
mark("PySide6 imports")
app = QApplication(sys.argv[:1])
mark("QApplication")
class Rows(QAbstractItemModel):
    def index(self, row, column, parent=QModelIndex()):
        if parent.isValid() or column or not 0 <= row < 16:
            return QModelIndex()
        return self.createIndex(row, 0, row)
    def parent(self, child=QModelIndex()):
        return QModelIndex()
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 16
    def columnCount(self, parent=QModelIndex()):
        return 1
    def data(self, index, role=0):
        return f"Chapter {index.row() + 1} of the handbook on peacekeeping" if role == 0 else None
window = QMainWindow()
window.setWindowTitle("Introduction")
for title in ("&File", "&Edit", "&View", "&Go", "&Help"):
    menu = window.menuBar().addMenu(title)
    for name in ("First", "Second", "Third"):
        action = QAction(name, window)
        action.setShortcuts([QKeySequence("Ctrl+Shift+" + name[0])])
        menu.addAction(action)
bar = QToolBar("Reference")
bar.setMovable(False)
bar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
for name in ("Back", "Forward", "Bookmark"):
    bar.addAction(QAction(name, window))
spacer = QWidget()
spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
bar.addWidget(spacer)
field = QLineEdit()
field.setPlaceholderText("Search the reference (Ctrl+F)")
field.setClearButtonEnabled(True)
field.setMaximumWidth(360)
bar.addWidget(field)
window.addToolBar(bar)
pages = QTabWidget()
pages.setDocumentMode(True)
side = QTabWidget()
side.setDocumentMode(True)
tree = QTreeView()
tree.setHeaderHidden(True)
tree.setUniformRowHeights(True)
tree.setModel(Rows(tree))
side.addTab(tree, "Contents")
for name in ("Search", "Bookmarks", "Notes"):
    side.addTab(QListView(), name)
reading = QTextBrowser()
reading.setHtml("<h2>Introduction</h2><p><i>Source: the handbook</i></p>"
                + "<p>" + "The relationship between peacekeeping and diplomacy. " * 8 + "</p>" * 2)
notes = QWidget()
layout = QVBoxLayout(notes)
layout.addWidget(QLabel("My &note"))
edit = QPlainTextEdit()
edit.setPlaceholderText("Your own note on this topic. Saved as you type.")
edit.setStyleSheet("QPlainTextEdit { border: 1px solid palette(mid); }")
layout.addWidget(edit)
right = QSplitter()
right.setProperty("orientation", "Vertical")
right.addWidget(reading)
right.addWidget(notes)
split = QSplitter()
split.addWidget(side)
split.addWidget(right)
pages.addTab(split, "Reference")
pages.addTab(QLabel("Opening the plans"), "Planner")
window.setCentralWidget(pages)
window.statusBar().addPermanentWidget(QLabel("Introduction"))
window.resize(1100, 720)
mark("window built")
window.show()
mark("show()")
""" + _UNTIL_EXPOSED

PKDESK = _CLOCK + """
import gc
from pkdesk.cli import gui_args
from pkdesk.ui.app import create_application, start_window
mark("pkdesk.cli, ui.app")
try:        # as create_application does first (not on code from before it: --src)
    from pkdesk.ui.common.qt_import_hook import skip_source_scan
    skip_source_scan()
except ImportError:
    pass
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
mark("PySide6 imports")
args = gui_args(["--db", sys.argv[1]])
app = create_application()
mark("QApplication")
gc.disable()        # as start_window does
from PySide6.QtCore import QSettings
from pkdesk.paths import resolve_db_path
from pkdesk.store.snapshot import read_snapshot
mark("import store.snapshot")
from pkdesk.ui.common.i18n import chosen_language, use_language
settings = QSettings()
use_language(chosen_language(settings))
mark("language (catalogue)")
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.reference.reference_page import last_node
mark("import the window's modules")
snapshot = read_snapshot(resolve_db_path(args.db), last_node(settings))
assert snapshot is not None
mark("read the snapshot")
window = MainWindow(settings, snapshot.roots, snapshot.entries, snapshot.first)
mark("MainWindow(...)")
window.show()
mark("show()")
""" + _UNTIL_EXPOSED



def run(code: str, args: list[str], env: dict[str, str]) -> list[tuple[str, float, float | None]]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, timeout=120)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"child failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return [tuple(p) for p in json.loads(proc.stdout.strip().splitlines()[-1])]


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    rounds = int(numbers[0]) if numbers else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = child_env(folder, sys.argv)
        shipped = folder / "shipped.sqlite3"
        open_library(shipped).close()
        runs: dict[str, list[list[tuple[str, float, float | None]]]] = {
            "bare": [], "same widgets, plain PySide6": [], "pkdesk": []}
        for round_no in range(rounds + 1):       # round 0 warms the caches
            for name, code, args in (("bare", BARE, []), ("same widgets, plain PySide6", WIDGETS, []),
                                     ("pkdesk", PKDESK, [str(shipped)])):
                phases = run(code, args, env)
                if round_no:
                    runs[name].append(phases)
    print(f"platform {env['QT_QPA_PLATFORM']}, Python {sys.version.split()[0]}, {rounds} runs "
          f"each, load average {os.getloadavg()[0]:.1f}; median ms per phase")
    for name, rows in runs.items():
        print(f"  {name}: {'CPU':>8} {'wall':>8}")
        for i, (phase, _, _) in enumerate(rows[0]):
            cpu = statistics.median(r[i][1] for r in rows)
            walls = [r[i][2] for r in rows if r[i][2] is not None]
            wall = f"{statistics.median(walls):8.1f}" if walls else f"{'':8}"
            label = "total CPU (from process start)" if phase == "total" else phase
            print(f"    {label:32} {cpu:8.1f} {wall}")


if __name__ == "__main__":
    main()
