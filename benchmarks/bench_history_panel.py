"""Opening the history panel on a plan with 1,000 revisions, as the user sees it: a new panel
built, the revisions read from a real SQLite file into the model, the window shown and its
first frame painted. Also: listing again after a save, and the diff of two selected revisions.

The plan is the 50-party/200-strategy plan of bench_check, saved 1,000 times with a
different change each time (so every revision has its own summary).

Run: .venv/bin/python benchmarks/bench_history_panel.py      target: open < 200 ms
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from bench_check import big_plan  # noqa: E402
from timing import show, timed  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.plan_repo import PlanRepository  # noqa: E402
from pkdesk.ui.scenarios.history_panel import HistoryPanel  # noqa: E402

REVISIONS = 1000
RUNS = 30


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    plan = big_plan(50, 200)
    with tempfile.TemporaryDirectory() as folder:
        db = open_library(Path(folder) / "bench.sqlite3")
        try:
            repo = PlanRepository(db)
            plan_id = repo.create(plan, author="bench")
            start = time.perf_counter()
            for i in range(2, REVISIONS + 1):
                plan = replace(plan, notes=f"revision {i}",
                               resources=replace(plan.resources, personnel=i))
                repo.save(plan_id, plan, author="bench")
            print(f"{REVISIONS} revisions of a {len(plan.parties)}-party/"
                  f"{len(plan.strategies)}-strategy plan saved in "
                  f"{time.perf_counter() - start:.1f} s; platform {app.platformName()}")

            def open_panel() -> HistoryPanel:
                panel = HistoryPanel()
                panel.show_plan(repo, plan_id, plan.title)
                panel.show()
                app.processEvents()
                panel.grab()          # the first frame, painted
                return panel

            panels: list[HistoryPanel] = []
            open_panel().close()      # warm-up: fonts, styles
            show("open the panel (build, list, show, paint)",
                 timed(lambda: panels.append(open_panel()), RUNS))
            panel = panels[-1]
            assert panel.revisions.rowCount() == REVISIONS
            for p in panels[:-1]:
                p.close()
                p.deleteLater()
            app.processEvents()
            show("list again after a save (reload)", timed(panel.reload, RUNS))
            show(f"select 1 and {REVISIONS}: diff shown",
                 timed(lambda: panel.select_numbers([1, REVISIONS]), RUNS))
            assert panel.changes.rowCount() > 0
            panel.close()
        finally:
            db.close()


if __name__ == "__main__":
    main()
