"""Time to export the plan to PDF, as `pkdesk export` does it (layout, paint, write), side by
side with a floor: the same QTextDocument printed bare by Qt (built the same way, then
``QTextDocument.print_`` to a ``QPdfWriter``: Qt's own layout and painting, without the
running header and footer, the headings kept with what follows or the finding cards kept
whole). Interleaved run by run; pages per second compared (issue 17: ours >= 50% of the
floor's, and flat from 60 to 240 parties).

The plan is tests/export/samples.big_plan(N): N parties (some named in Arabic), 8N/60 x 5
strategies with long French/English notes, the real checker's findings plus one cited finding
per party.

Run: .venv/bin/python benchmarks/bench_export.py [RUNS] [PARTIES ...]   (default: 5 60 240)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QBuffer, QIODevice, QSizeF  # noqa: E402
from PySide6.QtGui import QPdfWriter  # noqa: E402

from pkdesk.core.plan.report import PlanMeta, plan_report  # noqa: E402
from pkdesk.export import write_pdf  # noqa: E402
from pkdesk.export.document import DocumentBuilder  # noqa: E402
from pkdesk.export.fonts import document_family  # noqa: E402
from pkdesk.export.pdf import configure_writer  # noqa: E402
from pkdesk.export.qtapp import ensure_gui_app  # noqa: E402
from tests.export.samples import big_plan, big_result, nodes_for  # noqa: E402


def floor(report: object) -> int:
    """The same document, built the same way, printed bare by Qt; its page count."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    configure_writer(writer, report, "A4")   # type: ignore[arg-type]
    body = QSizeF(writer.width(), writer.height())
    doc = DocumentBuilder(writer, document_family(), body).build(report)  # type: ignore[arg-type]
    doc.print_(writer)
    return doc.pageCount()


def measure(parties: int, runs: int, tmp: Path) -> None:
    plan = big_plan(parties)
    result = big_result(plan)
    report = plan_report(plan, result, nodes_for(result), PlanMeta("7", "2025-03-14", "bench"))
    out = tmp / "big.pdf"
    pages = write_pdf(report, out)                  # first runs load fonts: not counted
    floor_pages = floor(report)
    ours, base = [], []
    for _ in range(runs):
        start = time.perf_counter()
        write_pdf(report, out)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        floor(report)
        base.append(time.perf_counter() - start)
    a, b = statistics.median(ours), statistics.median(base)
    print(f"{parties:>4} parties, {len(plan.strategies)} strategies, {len(result.findings)} "
          f"findings: {pages} pages ({out.stat().st_size / 1024:.0f} KiB)")
    print(f"     pkdesk {a:6.3f} s ({pages / a:5.0f} pages/s)   bare Qt floor {b:6.3f} s "
          f"({floor_pages} pages, {floor_pages / b:5.0f} pages/s)   "
          f"ours at {100 * (pages / a) / (floor_pages / b):3.0f}% of the floor's pages/s")


def main() -> None:
    args = [int(a) for a in sys.argv[1:]]
    runs = args[0] if args else 5
    sizes = args[1:] or [60, 240]
    ensure_gui_app()
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores); medians of {runs}, interleaved")
    with tempfile.TemporaryDirectory() as tmp:
        for parties in sizes:
            measure(parties, runs, Path(tmp))


if __name__ == "__main__":
    main()
