"""What the French window costs: the main window built on a database with the example plans,
in English and in French (offscreen), and the catalogs, now holding the window's strings too,
read and validated in a fresh interpreter.

Run: .venv/bin/python benchmarks/bench_gui_i18n.py    target: French within 10% of English
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.timing import cold_catalogs_ms  # noqa: E402
from pkdesk.core.plan.file import read_plan_file  # noqa: E402
from pkdesk.store.db import Database  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.plan_repo import PlanRepository  # noqa: E402
from pkdesk.ui.common.i18n import use_language  # noqa: E402
from pkdesk.ui.window.main_window import MainWindow  # noqa: E402

RUNS = 15
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def window_ms(db: Database, folder: Path, lang: str) -> list[float]:
    use_language(lang)
    out = []
    for i in range(RUNS + 1):
        settings = QSettings(str(folder / f"{lang}-{i}.ini"), QSettings.Format.IniFormat)
        start = time.perf_counter()
        window = MainWindow.for_database(db, settings)
        window.pages.setCurrentWidget(window.planner)
        QApplication.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        window.planner.flush()
        window.deleteLater()
        QApplication.processEvents()
        if i:                   # the first run of each language warms caches up
            out.append(elapsed)
    return out


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = open_library(folder / "bench.sqlite3")
        repo = PlanRepository(db)
        for path in sorted(EXAMPLES.glob("*.pkplan.json")):
            repo.import_plan(read_plan_file(path))
        results = {}
        for lang in ("en", "fr", "en", "fr"):       # interleaved: the machine's load is shared
            results.setdefault(lang, []).extend(window_ms(db, folder, lang))
        use_language("en")
        db.close()
    for lang, values in results.items():
        print(f"main window built, {lang}: median {statistics.median(values):.1f} ms, "
              f"max {max(values):.1f} ms ({len(values)} runs)")
    print(f"both catalogs read and validated, fresh interpreter: {cold_catalogs_ms():.1f} ms")
    del app


if __name__ == "__main__":
    main()
