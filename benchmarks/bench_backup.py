"""Backup, change check, restore, doctor and open-time checks on a database with 1,000 plans.

    .venv/bin/python benchmarks/bench_backup.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pkdesk.store.backup import _snapshot, auto_backup, backup_now, fingerprint  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.dbfile import identify  # noqa: E402
from pkdesk.store.doctor import diagnose  # noqa: E402
from pkdesk.store.integrity import quick_check_or_raise  # noqa: E402
from pkdesk.store.restore import restore  # noqa: E402
from tests.store.safety_support import add_plan  # noqa: E402

PLANS = 1000


def timed(label: str, fn, repeat: int = 5) -> None:  # type: ignore[no-untyped-def]
    best = min(_once(fn) for _ in range(repeat))
    print(f"{label:<44} {best * 1000:8.1f} ms")


def _once(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pkdesk.sqlite3"
        db = open_library(path)
        for i in range(PLANS):
            add_plan(db, f"plan {i}", body="Consent of the parties. " * 150)  # ~3.6 kB each
        db.close()
        print(f"database: {PLANS} plans, {path.stat().st_size / 1e6:.1f} MB")

        def fp() -> None:
            with _snapshot(path) as conn:
                fingerprint(conn)

        timed("change fingerprint (read every row)", fp)
        timed("quick_check at open", lambda: quick_check_or_raise(path))
        timed("schema + plan rows at open (identify)", lambda: identify(path))
        timed("doctor (integrity, every row, every document)", lambda: diagnose(path), repeat=3)
        timed("backup_now (backup API + quick_check)", lambda: backup_now(path))
        timed("auto_backup when nothing changed", lambda: auto_backup(path))
        spare = backup_now(path, Path(tmp) / "spare.sqlite3")
        timed("restore (verify, migrate, swap)", lambda: restore(path, spare), repeat=3)


if __name__ == "__main__":
    main()
