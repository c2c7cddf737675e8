"""Field data import at the size the issue names: 100,000 rows (20 indicators x 5,000 days).

    .venv/bin/python benchmarks/bench_data_import.py [RUNS]

Times each step, best of RUNS (default 3): reading the CSV (semicolons, day-first dates,
decimal commas, a note per row) and the XLSX (date cells, numbers, shared strings), every
row read as a data point (`import_points`), the same rows re-mapped as the mapping dialog
does on a change of combo (through a `ReadMemo`: no cell parsed again), the points added to the plan (`apply_import`),
and the plan stored as one new revision (`PlanRepository.save`, which proves the stored
document reads back).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pkdesk.core.dataimport import (  # noqa: E402
    ColumnMapping, ReadMemo, Table, apply_import, import_points, read_data_file,
)
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.plan_repo import PlanRepository  # noqa: E402
from tests.dataimport.samples import plan_with_indicators, write_xlsx  # noqa: E402

ROWS = 100_000
INDICATORS = 20


CPU: list[float] = []      # the CPU time of the best run of each step, in step order


def best(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    """The best wall-clock time of ``runs`` (its CPU time appended to CPU), and the result."""
    times, result = [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu_s = min(times)
    CPU.append(cpu_s)
    return wall, result


def write_files(folder: Path) -> tuple[Path, Path]:
    start = dt.date(2010, 1, 1)
    lines = ["Indicateur;Date;Valeur;Remarque"]
    rows: list[list[object]] = [["Indicator", "Date", "Value", "Note"]]
    for i in range(ROWS):
        day = start + dt.timedelta(days=i // INDICATORS)
        lines.append(f"ind-{i % INDICATORS};{day.day:02d}/{day.month:02d}/{day.year};"
                     f"{i % 997} {i % 1000:03d},5;relevé {i}")
        rows.append([f"ind-{i % INDICATORS}", day, (i % 997) * 1000.5, f"note {i}"])
    csv = folder / "field.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    xlsx = write_xlsx(folder / "field.xlsx", rows)
    return csv, xlsx


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    plan = plan_with_indicators(INDICATORS)
    mapping = ColumnMapping("Date", "Value", indicator="Indicator", note="Note")
    with tempfile.TemporaryDirectory() as tmp:
        csv, xlsx = write_files(Path(tmp))
        print(f"{ROWS:,} rows, {INDICATORS} indicators; CSV {csv.stat().st_size / 2**20:.1f} MiB,"
              f" XLSX {xlsx.stat().st_size / 2**20:.1f} MiB; best of {runs}")
        for label, path, columns in (("CSV", csv, ColumnMapping(
                "Date", "Valeur", indicator="Indicateur", note="Remarque")),
                ("XLSX", xlsx, mapping)):
            read_s, table = best(runs, lambda p=path: read_data_file(p))
            assert isinstance(table, Table) and len(table.rows) == ROWS
            map_s, result = best(runs, lambda t=table, c=columns: import_points(plan, t, c))
            assert len(result.points) == ROWS and not result.problems, result.problems[:3]
            apply_s, after = best(runs, lambda r=result: apply_import(plan, r))
            # The mapping dialog: one reading through a memo, then a change of combo (the
            # source column) re-maps the rows without parsing a cell again.
            memo = ReadMemo()
            import_points(plan, table, columns, memo=memo)
            remap_s, _ = best(runs, lambda t=table, c=columns, m=memo: import_points(
                plan, t, dataclasses.replace(c, source=c.note), memo=m))
            cpu = CPU[-4:-1]
            print(f"{label:<5} read {read_s * 1000:6.0f} ms (CPU {cpu[0] * 1000:6.0f})   rows as "
                  f"points {map_s * 1000:6.0f} ms (CPU {cpu[1] * 1000:6.0f})   added to the plan "
                  f"{apply_s * 1000:4.0f} ms (CPU {cpu[2] * 1000:4.0f})   total "
                  f"{(read_s + map_s + apply_s):5.2f} s (CPU {sum(cpu):5.2f} s)   re-mapped "
                  f"in the dialog {remap_s * 1000:6.0f} ms (CPU {CPU[-1] * 1000:6.0f})")
        db = open_library(Path(tmp) / "pkdesk.sqlite3")
        repo = PlanRepository(db)
        plan_id = repo.create(plan)
        save_s, _ = best(1, lambda: repo.save(plan_id, after, summary="imported"))
        print(f"stored as one revision (100,000 points) {save_s * 1000:7.0f} ms "
              f"(CPU {CPU[-1] * 1000:6.0f} ms)")
        db.close()
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
