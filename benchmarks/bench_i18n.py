"""What speaking French costs: check() in English and in French on the 50-party/200-strategy
plan of bench_check (same findings, French messages and labels), and reading the catalogs.

Run: .venv/bin/python benchmarks/bench_i18n.py    target: French within 10% of English
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

# Run as a script (the documented command), `benchmarks` is not importable without this.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_check import big_plan  # noqa: E402
from benchmarks.timing import cold_catalogs_ms, percentile  # noqa: E402
from pkdesk.core.checker import check  # noqa: E402
from pkdesk.core.rules import default_rule_pack  # noqa: E402

RUNS = 300


def times(lang: str) -> list[float]:
    plan, pack = big_plan(50, 200), default_rule_pack()
    check(plan, pack, lang)     # warm-up: catalogs read, caches filled
    out = []
    for _ in range(RUNS):
        start = time.perf_counter()
        check(plan, pack, lang)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    findings = len(check(big_plan(50, 200), lang="fr").findings)
    print(f"check() of 50 parties / 200 strategies ({findings} findings), {RUNS} runs")
    for lang in ("en", "fr", "en", "fr"):      # interleaved: the machine's load hits both
        t = times(lang)
        print(f"  {lang}: median {statistics.median(t):.2f} ms  p95 {percentile(t, 0.95):.2f} ms"
              f"  max {max(t):.2f} ms")
    print(f"catalogs en+fr, read and validated (cold): {cold_catalogs_ms():.2f} ms")


if __name__ == "__main__":
    main()
