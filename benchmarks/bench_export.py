"""Time to export the plan to PDF, as `pkdesk export` does it (layout, paint, write), side by
side with a floor: the same QTextDocument printed bare by Qt (built the same way, then
``QTextDocument.print_`` to a ``QPdfWriter``: Qt's own layout and painting, without the
running header and footer, the headings kept with what follows or the finding cards kept
whole). Interleaved run by run; pages per second compared (issue 17: ours >= 50% of the
floor's, and flat from 60 to 240 parties). Wall time and CPU time (the process's own: on a
shared machine the wall time mostly says how busy the other processes were).

The plan is tests/export/samples.big_plan(N): N parties (some named in Arabic), 8N/60 x 5
strategies with long French/English notes, the real checker's findings plus one cited finding
per party.

Run: .venv/bin/python benchmarks/bench_export.py [RUNS] [PARTIES ...] [--src DIR]
(default: 5 60 240). With --src (another checkout's src, e.g. /work/main/src, for the code
before a change) each run is a fresh process per side, this tree's and DIR's, interleaved;
both time the same floor.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup(src: str) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, src)          # pkdesk from there, the sample plans from this tree


def floor(report: object) -> int:
    """The same document, built the same way, printed bare by Qt; its page count."""
    from PySide6.QtCore import QBuffer, QIODevice, QSizeF
    from PySide6.QtGui import QPdfWriter

    from pkdesk.export.document import DocumentBuilder
    from pkdesk.export.fonts import document_family
    from pkdesk.export.pdf import configure_writer

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    configure_writer(writer, report, "A4")   # type: ignore[arg-type]
    body = QSizeF(writer.width(), writer.height())
    doc = DocumentBuilder(writer, document_family(), body).build(report)  # type: ignore[arg-type]
    doc.print_(writer)
    return doc.pageCount()


def _timed(fn: object) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()                                    # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu, int(result)


class Sample:
    def __init__(self, parties: int, out: Path) -> None:
        from pkdesk.core.plan.report import PlanMeta, plan_report
        from pkdesk.export.qtapp import ensure_gui_app
        from tests.export.samples import big_plan, big_result, nodes_for

        ensure_gui_app()
        self.plan = big_plan(parties)
        self.result = big_result(self.plan)
        self.report = plan_report(self.plan, self.result, nodes_for(self.result),
                                  PlanMeta("7", "2025-03-14", "bench"))
        self.out = out
        self.export()                                # first runs load fonts: not counted
        floor(self.report)

    def export(self) -> int:
        from pkdesk.export import write_pdf
        return write_pdf(self.report, self.out)

    def run(self) -> dict[str, float]:
        wall, cpu, pages = _timed(self.export)
        f_wall, f_cpu, f_pages = _timed(lambda: floor(self.report))
        return {"wall": wall, "cpu": cpu, "pages": pages, "floor_wall": f_wall,
                "floor_cpu": f_cpu, "floor_pages": f_pages}


def _line(name: str, runs: list[dict[str, float]]) -> str:
    pages, f_pages = runs[0]["pages"], runs[0]["floor_pages"]
    wall = statistics.median(r["wall"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    f_wall = statistics.median(r["floor_wall"] for r in runs)
    f_cpu = statistics.median(r["floor_cpu"] for r in runs)
    return (f"     {name:7} {wall:6.3f} s ({pages / wall:4.0f} pages/s; CPU {cpu:6.3f} s, "
            f"{pages / cpu:4.0f} pages/s)   floor {f_wall:6.3f} s ({f_pages:.0f} pages, "
            f"{f_pages / f_wall:4.0f} pages/s; CPU {f_pages / f_cpu:4.0f} pages/s)   ours at "
            f"{100 * (pages / wall) / (f_pages / f_wall):3.0f}% of the floor's pages/s "
            f"(CPU {100 * (pages / cpu) / (f_pages / f_cpu):3.0f}%)")


def _worker(src: str, parties: int) -> None:
    """One fresh process: one warm-up, then one timed export and one timed floor, as JSON."""
    _setup(src)
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(Sample(parties, Path(tmp) / "big.pdf").run()))


def _spawn(src: str, parties: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")    # nothing written into DIR
    done = subprocess.run([sys.executable, __file__, "--worker", src, str(parties)],
                          check=True, capture_output=True, text=True, env=env)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] == ["--worker"]:
        _worker(argv[1], int(argv[2]))
        return
    before = None
    if "--src" in argv:
        at = argv.index("--src")
        before = argv[at + 1]
        del argv[at:at + 2]
    args = [int(a) for a in argv]
    runs = args[0] if args else 5
    sizes = args[1:] or [60, 240]
    here = str(ROOT / "src")
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores); medians of {runs}, interleaved"
          + (f", fresh processes, this tree against {before}" if before else ""))
    if before is None:
        _setup(here)
        with tempfile.TemporaryDirectory() as tmp:
            for parties in sizes:
                sample = Sample(parties, Path(tmp) / "big.pdf")
                ours = [sample.run() for _ in range(runs)]
                print(f"{parties:>4} parties, {len(sample.plan.strategies)} strategies, "
                      f"{len(sample.result.findings)} findings: {ours[0]['pages']:.0f} pages "
                      f"({sample.out.stat().st_size / 1024:.0f} KiB)")
                print(_line("pkdesk", ours))
        return
    for parties in sizes:
        mine: list[dict[str, float]] = []
        theirs: list[dict[str, float]] = []
        for _ in range(runs):
            mine.append(_spawn(here, parties))
            theirs.append(_spawn(before, parties))
        print(f"{parties:>4} parties (load average {os.getloadavg()[0]:.1f})")
        print(_line("after", mine))
        print(_line("before", theirs))


if __name__ == "__main__":
    main()
