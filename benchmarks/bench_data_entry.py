"""Entering a data point in the Performance tab until its trend chart has repainted: what a
team site waits for between pressing Enter on the value and seeing the point.

Through the real page, offscreen, 1024×600: the table's model takes the typed value (as the
cell editor commits it), the queued edit becomes an undo step (`session.edit`), the page
applies it (plan form, Performance tab, lists, data table), the plan is checked again (with
the loop's rules), and the chart repaints. The plan is the example `sector-east-2024` with
its first indicator grown to POINTS weekly data points. The autosave write comes after a
pause, off this path (see bench_planner.py for its cost).

Run: .venv/bin/python benchmarks/bench_data_entry.py [POINTS] [RUNS]
target: < 50 ms per point
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from timing import show  # noqa: E402
from pkdesk.core.plan.file import read_plan_file  # noqa: E402
from pkdesk.core.plan.model import DataPoint, Plan  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.plan_repo import PlanRepository  # noqa: E402
from pkdesk.ui.planner.performance.data_point_model import VALUE  # noqa: E402
from pkdesk.ui.planner.planner_page import PlannerPage  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sector-east-2024.pkplan.json"


def grown(plan: Plan, points: int) -> Plan:
    """The example with its first indicator measured weekly, ``points`` times."""
    objective = plan.performance.objectives[0]
    indicator = objective.indicators[0]
    start = date(2016, 1, 3)
    data = [DataPoint(40.0 + (k % 9), (start + timedelta(weeks=k)).isoformat(), "bench")
            for k in range(points)]
    indicator = dataclasses.replace(indicator, data=data)
    objective = dataclasses.replace(objective, indicators=[indicator, *objective.indicators[1:]])
    performance = dataclasses.replace(plan.performance,
                                      objectives=[objective, *plan.performance.objectives[1:]])
    return dataclasses.replace(plan, performance=performance)


def main() -> None:
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    points, runs = (numbers + [500, 100][len(numbers):])[:2]
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = open_library(Path(folder) / "bench.sqlite3")
        repo = PlanRepository(db)
        repo.create(grown(read_plan_file(EXAMPLE), points))
        page = PlannerPage()
        page.resize(1024, 600)
        page.show()
        page.attach(repo)
        page.plan_tabs.setCurrentWidget(page.performance)
        tab = page.performance
        tab.select_objective(tab.objectives.data(tab.objectives.index(1), 257))
        app.processEvents()
        indicator = tab.current_indicator()
        assert indicator is not None and len(indicator.data) == points
        gc.freeze()     # as the app does after start-up (pkdesk.ui.app._freeze_heap)
        day = date.fromisoformat(indicator.data[-1].date)
        model = tab.points

        def enter_point() -> None:
            nonlocal day
            day += timedelta(days=7)
            model.draft.date = day.isoformat()
            count = len(page.plan.performance.objectives[0].indicators[0].data)  # type: ignore[union-attr]
            model.setData(model.index(model.rowCount() - 1, VALUE), "42")
            while len(page.plan.performance.objectives[0].indicators[0].data) == count \
                    or page._check_timer.isActive():  # type: ignore[union-attr]
                app.processEvents()
            tab.chart.repaint()
            assert tab.chart.data is not None and tab.chart.data.latest is not None
            assert date.fromordinal(tab.chart.data.latest[0]) == day

        def undo() -> None:
            page.undo_action.trigger()
            while page._check_timer.isActive():
                app.processEvents()
            tab.chart.repaint()

        print(f"indicator: {points} data points; chart {tab.chart.width()}×"
              f"{tab.chart.height()}; page 1024×600; {runs} points")
        for name, step, count in (("enter a point until the chart has repainted",
                                   enter_point, runs),
                                  ("undo a point until the chart has repainted", undo,
                                   min(runs, 50))):
            wall, cpu = [], []
            for _ in range(count):
                start, start_cpu = time.perf_counter(), time.process_time()
                step()
                cpu.append((time.process_time() - start_cpu) * 1000)
                wall.append((time.perf_counter() - start) * 1000)
            show(name, wall)
            show("  the same, CPU time of this process", cpu)
        print("target: < 50 ms")
        page.flush()
        page.close()
        db.close()


if __name__ == "__main__":
    main()
