"""Time to export the 20+-page plan to PDF, as `pkdesk export` does it (layout, paint, write).

The plan is tests/export/samples.big_plan(): 60 parties (some named in Arabic), 40 strategies
with long French/English notes, the real checker's findings plus one cited finding per party.

Run: .venv/bin/python benchmarks/bench_export.py [RUNS]          target: < 1 s per export
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pkdesk.core.plan.report import PlanMeta, plan_report  # noqa: E402
from pkdesk.export import write_pdf  # noqa: E402
from pkdesk.export.qtapp import ensure_gui_app  # noqa: E402
from tests.export.samples import big_plan, big_result, nodes_for  # noqa: E402


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    ensure_gui_app()
    plan = big_plan()
    result = big_result(plan)
    report = plan_report(plan, result, nodes_for(result), PlanMeta("7", "2025-03-14", "bench"))
    times, pages = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "big.pdf"
        write_pdf(report, out)                      # first run loads fonts: reported apart
        for _ in range(runs):
            start = time.perf_counter()
            pages = write_pdf(report, out)
            times.append(time.perf_counter() - start)
        size = out.stat().st_size
    print(f"plan: {len(plan.parties)} parties, {len(plan.strategies)} strategies, "
          f"{len(result.findings)} findings")
    print(f"pages: {pages}   size: {size / 1024:.0f} KiB")
    print(f"export time over {runs} runs: median {statistics.median(times):.3f} s, "
          f"max {max(times):.3f} s (target < 1 s)")


if __name__ == "__main__":
    main()
