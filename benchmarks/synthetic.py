"""A synthetic reference corpus of any size, for benchmarks (search latency, window start-up).

Words are drawn from the shipped corpus's own text with its word frequencies, so FTS5 sees a
realistic vocabulary and realistic posting-list lengths; nodes sit up to four levels deep
with bodies about as long as the real ones (~500 characters).

    from synthetic import build_database           # from benchmarks/, or
    from benchmarks.synthetic import build_database # from the repository root

    db = build_database(tmp_path / "bench.sqlite3", nodes=10_000)
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

from pkdesk.core.reference import Corpus, RefNode, Source
from pkdesk.core.reference import shipped_corpora
from pkdesk.store.corpus import load_into
from pkdesk.store.db import Database
from pkdesk.store.library import open_library

SOURCE_ID = "synthetic"
MAX_DEPTH = 4
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


def vocabulary() -> list[str]:
    """Every word of the shipped corpus, repeats kept (so sampling follows real frequency)."""
    words: list[str] = []
    for corpus in shipped_corpora():
        for node in corpus.nodes:
            words += _WORD.findall(node.title + " " + node.text)
    return words


def _sentence(rng: random.Random, words: list[str]) -> str:
    picked = [rng.choice(words) for _ in range(rng.randint(8, 20))]
    return " ".join(picked).capitalize() + "."


def synthetic_corpus(nodes: int, *, seed: int = 0) -> Corpus:
    """`nodes` nodes, parents before children, deterministic for a given seed."""
    rng = random.Random(seed)
    words = vocabulary()
    roots = max(1, min(12, nodes // 50 or 1))
    depth: dict[str, int] = {}
    open_parents: list[str] = []  # nodes that may still take children (depth < MAX_DEPTH)
    out: list[RefNode] = []
    for i in range(nodes):
        node_id = f"syn.{i}"
        parent = None if i < roots else rng.choice(open_parents)
        depth[node_id] = 1 if parent is None else depth[parent] + 1
        if depth[node_id] < MAX_DEPTH:
            open_parents.append(node_id)
        title = " ".join(w.capitalize() for w in (rng.choice(words) for _ in range(rng.randint(2, 5))))
        paragraphs = tuple(" ".join(_sentence(rng, words) for _ in range(rng.randint(1, 3)))
                           for _ in range(rng.randint(1, 3)))
        out.append(RefNode(id=node_id, title=title, kind="section", parent=parent,
                           paragraphs=paragraphs, source=SOURCE_ID))
    checksum = hashlib.sha256(f"synthetic:{nodes}:{seed}".encode()).hexdigest()
    return Corpus(Source(SOURCE_ID, f"Synthetic corpus ({nodes} nodes)"), tuple(out), checksum)


def build_database(path: Path, nodes: int = 10_000, *, seed: int = 0,
                   with_shipped: bool = False) -> Database:
    """A new database at `path` holding the synthetic corpus (and the shipped one if asked)."""
    db = open_library(path) if with_shipped else Database.open(path)
    with db.session() as s:
        load_into(s, synthetic_corpus(nodes, seed=seed))
    return db


if __name__ == "__main__":
    import sys
    import tempfile
    import time

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        database = build_database(Path(tmp) / "bench.sqlite3", n)
        print(f"built {n} synthetic nodes in {(time.perf_counter() - t0) * 1000:.0f} ms")
        database.close()
