"""Time to export the assessment report of a plan with 50 indicators × 500 data points, as
`pkdesk export-assessment` does it (assess, build, lay out, paint 50 trend charts as images,
write).

The plan is tests/performance_viz/samples.big_plan(): the UNOCI example with three worded
objectives, 50 weekly indicators of 500 points each under the first, four reviews.

Run: .venv/bin/python benchmarks/bench_assessment_export.py [RUNS]     target: < 2 s per export
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pkdesk.export import assessment_document, write_pdf  # noqa: E402
from pkdesk.export.qtapp import ensure_gui_app  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.reference_repo import ReferenceRepository  # noqa: E402
from tests.performance_viz.samples import big_plan  # noqa: E402


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    ensure_gui_app()
    plan = big_plan()
    indicators = sum(len(o.indicators) for o in plan.performance.objectives)
    points = sum(len(i.data) for o in plan.performance.objectives for i in o.indicators)
    times, cpu, pages = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        db = open_library(Path(tmp) / "bench.sqlite3")
        repo = ReferenceRepository(db)
        out = Path(tmp) / "assessment.pdf"

        def export() -> int:
            report = assessment_document(plan, repo, today=date(2025, 1, 10), author="bench")
            return write_pdf(report, out)

        export()                                    # first run loads fonts: not counted
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            pages = export()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        size = out.stat().st_size
        db.close()
    print(f"plan: {indicators} indicators, {points:,} data points, "
          f"{len(plan.performance.reviews)} reviews")
    print(f"pages: {pages}   size: {size / 1024:.0f} KiB")
    print(f"export time over {runs} runs: median {statistics.median(times):.3f} s, "
          f"max {max(times):.3f} s (target < 2 s); CPU median {statistics.median(cpu):.3f} s")


if __name__ == "__main__":
    main()
