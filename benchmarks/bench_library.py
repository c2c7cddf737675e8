"""The user's documents in the reference (issue 15): import and refusal times, and search over
the handbook plus 20 imported documents.

1. A 300-page PDF (text layer, ~40 lines a page, numbered sections and paragraphs, the
   corpus's vocabulary) read with pypdf and added to a database: target < 10 s.
2. Hostile documents refused: 10,000-page PDF, 1 GiB zip bomb DOCX, HTML nested 100,000
   deep, Latin-1 text: target < 1 s each.
3. Search over the handbook plus 20 imported Markdown documents of ~2,500 nodes each (about
   50,000 nodes), the queries of bench_search.py typed letter by letter, scope "all" (with
   20 notes) and one library, limit 50: target p95 <= 20 ms.

Run: .venv/bin/python benchmarks/bench_library.py [DOCS]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))    # tests.library.makedocs: the tests' own documents

from bench_search import PHRASES, typed  # noqa: E402
from synthetic import _sentence, vocabulary  # noqa: E402
from timing import percentile  # noqa: E402

from pkdesk.core.docimport import parse_document  # noqa: E402
from pkdesk.core.errors import InputError  # noqa: E402
from pkdesk.store.library_repo import LibraryRepository  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402
from pkdesk.store.reference_repo import ReferenceRepository  # noqa: E402
from tests.library.makedocs import pdf_doc, zip_bomb_docx  # noqa: E402


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def pdf_300(words: list[str]) -> bytes:
    rng = random.Random(1)
    pages = []
    for p in range(300):
        lines = [_latin1(f"{p + 1}.1 {rng.choice(words).capitalize()}"), ""]
        for para in range(1, 5):
            lines.append(f"{p + 1}.1.{para} " + _latin1(_sentence(rng, words))[:80])
            lines += [_latin1(_sentence(rng, words))[:90] for _ in range(8)]
            lines.append("")
        pages.append(lines)
    return pdf_doc(pages)


def markdown_doc(words: list[str], seed: int, nodes: int) -> bytes:
    rng = random.Random(seed)
    out = [f"# Document {seed}", ""]
    n = 0
    chapter = 0
    while n < nodes:
        chapter += 1
        out += [f"## {chapter} " + " ".join(rng.choice(words) for _ in range(3)), ""]
        n += 1
        for section in range(1, 6):
            out += [f"{chapter}.{section} " + rng.choice(words).capitalize(), ""]
            n += 1
            for para in range(1, 10):
                out += [f"{chapter}.{section}.{para} " + " ".join(
                    _sentence(rng, words) for _ in range(rng.randint(1, 3))), ""]
                n += 1
    return "\n".join(out).encode("utf-8")


def main() -> None:
    docs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    words = vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        raw = pdf_300(words)
        db = open_library(Path(tmp) / "pdf.sqlite3")
        start = time.perf_counter()
        doc = parse_document(raw, "300.pdf", "pdf")
        read = time.perf_counter() - start
        LibraryRepository(db).add(doc)
        total = time.perf_counter() - start
        db.close()
        print(f"300-page PDF ({len(raw) / 2**20:.1f} MiB, {len(doc.nodes)} nodes): read "
              f"{read:.2f} s, read and added {total:.2f} s  (target < 10 s)")

        hostile = {"10,000-page PDF": (pdf_doc([[] for _ in range(10_000)]), "pdf"),
                   "1 GiB zip bomb DOCX": (zip_bomb_docx(1024), "docx"),
                   "HTML nested 100,000 deep": (b"<div>" * 100_000, "html"),
                   "Latin-1 text": ("Sécurité\n".encode("latin-1") * 1000, "text")}
        for name, (data, kind) in hostile.items():
            start = time.perf_counter()
            try:
                parse_document(data, name, kind)
                print(f"{name}: NOT refused")
            except InputError:
                print(f"{name}: refused in {(time.perf_counter() - start) * 1000:.0f} ms")

        db = open_library(Path(tmp) / "search.sqlite3")
        libs = LibraryRepository(db)
        start = time.perf_counter()
        for i in range(docs):
            libs.add(parse_document(markdown_doc(words, i, 2_500), f"doc{i}.md", "markdown"))
        built = time.perf_counter() - start
        ref = ReferenceRepository(db)
        total_nodes = sum(lib.nodes for lib in libs.libraries())
        for i in range(20):
            ref.set_note(f"lib{2 + i}:1.1.{1 + i % 9}", _sentence(random.Random(i), words))
        queries = [q for phrase in PHRASES for q in typed(phrase)]
        for scope in ("all", 5):
            for q in queries[:20]:
                ref.search(q, limit=50, scope=scope)
            times: list[tuple[float, str]] = []
            for _round in range(3):
                for q in queries:
                    t0 = time.perf_counter()
                    ref.search(q, limit=50, scope=scope)
                    times.append(((time.perf_counter() - t0) * 1000, q))
            ms = [t for t, _ in times]
            worst = sorted(times, reverse=True)[:3]
            print(f"search, {total_nodes} nodes ({docs} documents added in {built:.0f} s), "
                  f"scope {scope}: median {statistics.median(ms):.2f} ms, p95 "
                  f"{percentile(ms, 0.95):.2f} ms, max {max(ms):.2f} ms  (target p95 <= 20 ms); "
                  "slowest " + ", ".join(f"{q!r} {t:.0f} ms" for t, q in worst))
        db.close()


if __name__ == "__main__":
    main()
