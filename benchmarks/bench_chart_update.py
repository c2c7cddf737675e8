"""Time from a data point added to an indicator until its trend chart has repainted: what the
planner waits for between pressing Enter in the data table and seeing the point.

The indicator has 500 weekly data points and four reviews; the chart is a 760×300 widget (the
Performance tab of a 1024×600 window), shown offscreen. Each run appends a point, calls
``show_indicator`` (as the tab does when its model changes) and repaints synchronously.

It also prints what QtCharts would have cost (importing it and building one chart with a
line series, in a fresh interpreter, best of 3): why the chart is painted with QPainter.

Run: .venv/bin/python benchmarks/bench_chart_update.py [RUNS]        target: < 50 ms per update
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.timing import show, timed  # noqa: E402
from pkdesk.core.performance.trend import plan_review_dates  # noqa: E402
from pkdesk.core.plan.model import DataPoint  # noqa: E402
from tests.performance_viz.samples import big_plan  # noqa: E402


QTCHARTS_COST = """
import time
from PySide6.QtWidgets import QApplication
app = QApplication([])
def rss():
    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20
r0, t0 = rss(), time.perf_counter()
from PySide6.QtCharts import QChart, QChartView, QLineSeries
chart = QChart(); series = QLineSeries(); series.append(0, 1); chart.addSeries(series)
view = QChartView(chart)
print((time.perf_counter() - t0) * 1000, rss() - r0)
"""


def qtcharts_cost() -> tuple[float, float] | None:
    """(ms, MiB) to import QtCharts and build one chart view; None where it cannot be told."""
    if not os.path.exists("/proc/self/statm"):
        return None
    out = []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", QTCHARTS_COST], capture_output=True,
                              text=True, timeout=120)
        if done.returncode != 0:
            return None
        ms, mib = done.stdout.split()
        out.append((float(ms), float(mib)))
    return min(out)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    app = QApplication.instance() or QApplication([])
    from pkdesk.ui.planner.performance.trend_chart import TrendChartView

    plan = big_plan(indicators=1, points=500)
    indicator = plan.performance.objectives[0].indicators[0]
    reviews = plan_review_dates(plan)
    view = TrendChartView()
    view.resize(760, 300)
    view.show()
    view.show_indicator(indicator, reviews)
    view.repaint()
    app.processEvents()
    day = date.fromisoformat(indicator.data[-1].date)

    def add_point() -> None:
        nonlocal day
        day += timedelta(days=7)
        indicator.data.append(DataPoint(40.0, day.isoformat(), "bench"))
        view.show_indicator(indicator, reviews)
        view.repaint()                  # paints now, as the next event loop turn would

    print(f"indicator: {len(indicator.data)} data points, {len(reviews)} reviews, "
          f"chart {view.width()}×{view.height()}")
    show("add a point until the chart has repainted", timed(add_point, runs))
    print("target: < 50 ms")
    view.close()
    cost = qtcharts_cost()
    if cost is not None:
        print(f"QtCharts instead: import and one chart {cost[0]:.0f} ms, +{cost[1]:.1f} MiB "
              "resident (not used: the chart is painted with QPainter)")


if __name__ == "__main__":
    main()
