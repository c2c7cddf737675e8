"""The same app on a team database (PostgreSQL) beside a database file (SQLite): opening,
and search as the search box issues it, on the shipped corpus.

Starts a private PostgreSQL on 127.0.0.1 (tests/pgserver.py: Debian's package, a temporary
data folder, a random port; stopped at the end), so it measures loopback, not a network.
- open (new): Database.open + the shipped corpus loaded into an empty database
- open (current): opening it again, as every CLI command and the window do
- search: every query typed letter by letter over bench_search's phrases, 3 rounds, limit 50

Run: .venv/bin/python benchmarks/bench_team_db.py          (about half a minute)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # tests.pgserver

from bench_search import PHRASES, typed  # noqa: E402
from timing import show, timed  # noqa: E402

from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.reference_repo import ReferenceRepository  # noqa: E402


def measure(name: str, target: str, queries: list[str]) -> None:
    start = time.perf_counter()
    open_library(target).close()
    print(f"{name}: open (new, corpus loaded) {(time.perf_counter() - start) * 1000:.0f} ms")
    show(f"{name}: open (current)", timed(lambda: open_library(target).close(), 10))
    db = open_library(target)
    repo = ReferenceRepository(db)
    for q in queries[:20]:
        repo.search(q, limit=50)
    times: list[float] = []
    for _round in range(3):
        for q in queries:
            start = time.perf_counter()
            repo.search(q, limit=50)
            times.append((time.perf_counter() - start) * 1000)
    show(f"{name}: search ({len(queries)} queries x 3)", times)
    db.close()


def main() -> None:
    from tests.pgserver import PgServer, unavailable_reason

    reason = unavailable_reason()
    if reason is not None:
        raise SystemExit(f"bench_team_db: {reason}")
    queries = [q for phrase in PHRASES for q in typed(phrase)]
    server = PgServer.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            measure("SQLite file", str(Path(tmp) / "bench.sqlite3"), queries)
        measure("PostgreSQL (loopback)", server.url(server.create_database()), queries)
    finally:
        server.destroy()


if __name__ == "__main__":
    main()
