"""Planner latency per edit on a large plan (50 parties, 200 strategies), as the user feels
it: from a keystroke or table edit to the findings panel showing the new check, through the
real page (undo command, form refresh, check, findings model, summary badges) on the
offscreen platform. The autosave write is timed separately (it runs after a pause).

Run: .venv/bin/python benchmarks/bench_planner.py [PARTIES] [STRATEGIES] [--no-freeze]
target: < 50 ms per edit
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench_check import big_plan  # noqa: E402
from timing import percentile  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.plan_repo import PlanRepository  # noqa: E402
from pkdesk.ui.planner.form.party_table_model import CONSENT  # noqa: E402
from pkdesk.ui.planner.planner_page import PlannerPage  # noqa: E402

RUNS = 200


def settle(app: QApplication, page: PlannerPage) -> None:
    """Let the coalescing timer fire: the check has run and the panel shows it."""
    while page._check_timer.isActive():
        app.processEvents()


def measure(app: QApplication, page: PlannerPage, edit: Callable[[int], None],
            runs: int = RUNS) -> list[float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        edit(i)
        settle(app, page)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    print(f"{name:<34} median {statistics.median(times):6.2f} ms   "
          f"p95 {percentile(times, 0.95):6.2f} ms   max {max(times):6.2f} ms")


def main() -> None:
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    parties, strategies = (numbers + [50, 200][len(numbers):])[:2]
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = open_library(Path(folder) / "bench.sqlite3")
        repo = PlanRepository(db)
        repo.create(big_plan(parties, strategies))
        page = PlannerPage()
        page.resize(1280, 800)
        page.show()
        page.attach(repo)
        settle(app, page)
        if "--no-freeze" not in sys.argv:
            gc.freeze()     # as the app does after start-up (pkdesk.ui.app._freeze_heap)
        assert page.plan is not None
        print(f"{parties} parties, {strategies} strategies, "
              f"{len(page.result.findings)} findings; {RUNS} edits each")
        title = page.form.title
        title.setFocus()
        report("type a letter in the title",
               measure(app, page, lambda i: QTest.keyClick(title, Qt.Key.Key_A)))
        notes = page.form.notes
        report("type a letter in the notes",
               measure(app, page, lambda i: QTest.keyClick(notes, Qt.Key.Key_B)))
        model = page.form.parties
        consents = ("withheld", "granted", "unknown")
        report("change a party's consent",
               measure(app, page, lambda i: model.setData(model.index(i % parties, CONSENT),
                                                          consents[i % 3])))
        report("add then remove a strategy (x2)",
               measure(app, page, lambda i: (page.remove_strategy(0) if i % 2
                                             else page.add_strategy(0)), RUNS))
        page.undo_stack.setIndex(page.undo_stack.count() - 50)
        report("undo", measure(app, page, lambda i: page.undo_stack.undo(), 40))
        start = time.perf_counter()
        page.flush()
        elapsed = (time.perf_counter() - start) * 1000
        print(f"{'autosave flush (one revision)':<34} {elapsed:6.2f} ms")
        db.close()


if __name__ == "__main__":
    main()
