"""Search latency over a synthetic 10,000-node corpus, as the search box sees it.

Every query goes through ReferenceRepository.search (query building, FTS5 match, bm25 rank,
snippet, row conversion), with the limit the GUI uses. The queries are what a user types:
each realistic word or phrase letter by letter ("m", "me", "med", ...), so the 1-3-letter
prefixes that match thousands of rows are counted as often as they are really issued.

Side by side, interleaved query by query: the naive floor, one raw FTS5 query ranking every
match by bm25 (with snippets) through the standard library's sqlite3.

Run: .venv/bin/python benchmarks/bench_search.py [NODES] [LIMIT] [--db PATH]   target: p95 <= 20 ms
--db PATH keeps the database there (made if missing; 100,000 nodes take minutes to build),
so that runs before and after a change (`PYTHONPATH=OTHER/src` for another checkout's
pkdesk) time the same file.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_database  # noqa: E402
from timing import percentile  # noqa: E402

from pkdesk.core.search import fts_query  # noqa: E402
from pkdesk.store.reference_repo import ReferenceRepository  # noqa: E402

FLOOR = ("SELECT node_id, title, snippet(ref_fts, 3, '[', ']', '…', 16), "
         "bm25(ref_fts, 0.0, 0.0, 8.0, 1.0, 0.1) AS r FROM ref_fts WHERE ref_fts MATCH ? "
         "ORDER BY r LIMIT ?")

PHRASES = [
    "mediation", "impartiality", "consent of the parties", "peacekeeping", "ceasefire",
    "shuttle diplomacy", "regional cooperation", "non-state actors", "climate change",
    "local engagement", "cote d'ivoire", "rwanda genocide", "multi-track", "logistics",
    "sovereignty", "technology", "dialogue channels", "third party", "united nations",
    "security council", "humanitarian aid", "inclusive dialogue", "use of force", "advocacy",
    "the", "a", "p", "s", "co", "de", "un",
]


def typed(phrase: str) -> list[str]:
    """What the search box holds after each keystroke (spaces are typed too)."""
    return [phrase[:i] for i in range(1, len(phrase) + 1) if not phrase[:i].endswith(" ")]


def main() -> None:
    argv = sys.argv[1:]
    kept = None
    if "--db" in argv:
        at = argv.index("--db")
        kept = Path(argv[at + 1])
        del argv[at:at + 2]
    nodes = int(argv[0]) if argv else 10_000
    limit = int(argv[1]) if len(argv) > 1 else 50
    queries = [q for phrase in PHRASES for q in typed(phrase)]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        if kept is not None and kept.exists():
            from pkdesk.store.library import open_library

            db = open_library(kept)
        else:
            db = build_database(kept or Path(tmp) / "bench.sqlite3", nodes)
        built = time.perf_counter() - t0
        repo = ReferenceRepository(db)
        for q in queries[:20]:  # warm the page cache and the connection pool
            repo.search(q, limit=limit)
        import sqlite3

        raw = sqlite3.connect(db.path)
        times: list[tuple[float, str]] = []
        floor: list[float] = []
        for _round in range(3):
            for q in queries:
                start = time.perf_counter()
                repo.search(q, limit=limit)
                times.append(((time.perf_counter() - start) * 1000, q))
                start = time.perf_counter()
                raw.execute(FLOOR, (fts_query(q), limit)).fetchall()
                floor.append((time.perf_counter() - start) * 1000)
        raw.close()
        db.close()
    ms = [t for t, _ in times]
    worst = sorted(times, reverse=True)[:5]
    print(f"corpus: {nodes} synthetic nodes (built in {built:.1f} s); "
          f"{len(queries)} queries x 3 rounds, limit {limit}")
    print(f"search latency: median {statistics.median(ms):.2f} ms, p95 {percentile(ms, 0.95):.2f} ms, "
          f"max {max(ms):.2f} ms  (target p95 <= 20 ms)")
    print(f"floor (raw FTS5 bm25 over every match): median {statistics.median(floor):.2f} ms, "
          f"p95 {percentile(floor, 0.95):.2f} ms, max {max(floor):.2f} ms")
    print("slowest: " + ", ".join(f"{q!r} {t:.1f} ms" for t, q in worst))


if __name__ == "__main__":
    main()
