"""File › Export PDF… and Print Preview… through the real window, offscreen: what the README's
"GUI export, preview and backups" table measures (it was timed by hand until 2026-11-30).

Two plans in a real SQLite file: `examples/no-consent.pkplan.json` (6 A4 pages) and
`tests/export/samples.big_plan()` with the real checker only (53 A4 pages). For each, the plan
is selected in the Planner of a shown MainWindow, then, after one warm-up each:
- export: `window.pdf.export_to(path)` (what the dialog's OK runs: build, lay out, write);
- preview opens: `window.pdf.show_preview()` (the same PDF written to a private folder and
  loaded into QtPdf) and the events it posts processed, then the dialog closed.
Median of RUNS; wall and CPU (this process) time.

Run: .venv/bin/python benchmarks/bench_gui_export.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pkdesk.core.plan.file import read_plan_file  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.plan_repo import PlanRepository  # noqa: E402
from pkdesk.ui.window.main_window import MainWindow  # noqa: E402
from tests.export.samples import big_plan  # noqa: E402


def timed(action: object, runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `action()` (plus the events it posted)."""
    walls: list[float] = []
    cpus: list[float] = []
    for i in range(runs + 1):
        wall, cpu = time.perf_counter(), time.process_time()
        action()  # type: ignore[operator]
        QApplication.processEvents()
        if i:                                   # the first is the warm-up
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    app = QApplication.instance() or QApplication([])
    # ignore_cleanup_errors: the window's backup on close may still be writing in the folder
    with tempfile.TemporaryDirectory(prefix="bench-gui-export-",
                                     ignore_cleanup_errors=True) as folder:
        tmp = Path(folder)
        db = open_library(tmp / "pkdesk.sqlite3")
        repo = PlanRepository(db)
        plans = {
            "no-consent (6 pages)": repo.import_plan(
                read_plan_file(ROOT / "examples" / "no-consent.pkplan.json")).id,
            "big_plan() (53 pages)": repo.import_plan(big_plan()).id,
        }
        window = MainWindow.for_database(db, QSettings(str(tmp / "settings.ini"),
                                                       QSettings.Format.IniFormat))
        window.show()
        window.pages.setCurrentWidget(window.planner)
        app.processEvents()
        print(f"{'':24} {'export wall / CPU':>20} {'preview wall / CPU':>20}  pages")
        for name, plan_id in plans.items():
            window.planner.select_plan(plan_id)
            app.processEvents()
            out = tmp / "out.pdf"
            pages: list[int | None] = []
            export = timed(lambda: pages.append(window.pdf.export_to(out)), runs)

            def preview() -> None:
                dialog = window.pdf.show_preview()
                assert dialog is not None
                app.processEvents()
                dialog.close()

            shown = timed(preview, runs)
            print(f"{name:24} {export[0]:8.0f} / {export[1]:4.0f} ms    "
                  f"{shown[0]:8.0f} / {shown[1]:4.0f} ms    {pages[-1]}")
        window.close()
        db.close()


if __name__ == "__main__":
    main()
