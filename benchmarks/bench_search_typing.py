"""Search as the user types, as the GUI thread sees it (issue 17): the search panel over a
database attached as the window attaches it (`Database.open_current`, `reference_store`),
each phrase of `bench_search.PHRASES` typed letter by letter, one keystroke every INTERVAL ms
(default 160: just past the 120 ms debounce, so that every prefix is searched and a slow
query meets the next keystroke).

Figures (median / p95 / max, ms):
- the longest the GUI thread is blocked per keystroke: the longest gap between the ticks of
  a 2 ms timer between one keystroke and the next (a search on the GUI thread, the hits laid
  out), in wall time and in the GUI thread's own CPU time (`thread_time`: under load the
  wall time is mostly the machine's other processes);
- per phrase, from its last keystroke to its hits shown (`query_changed`): the debounce
  (120 ms) plus the search and, when a query runs past the next keystroke, the wait for it.

`--no-ticks`: no 2 ms timer (its Python handler runs ~500 times a second and contends with the
search thread for the GIL): the last-keystroke figure alone, as the user meets it.

Before and after: `--src OTHER_CHECKOUT/src` runs the same in fresh processes, interleaved,
with that checkout's pkdesk (e.g. /work/main/src) on the same file.

Run: .venv/bin/python benchmarks/bench_search_typing.py [PAIRS] [--db PATH] [--nodes N]
         [--interval MS] [--phrases N] [--no-ticks] [--src OTHER/src]
--db defaults to /tmp/s3-search100k.sqlite3 when it exists; else a database of --nodes
synthetic nodes (default 100,000; minutes to build) is made at --db or in a temporary folder.
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DB = Path("/tmp/s3-search100k.sqlite3")
TICK_MS = 2
PAUSE_MS = 400       # between phrases: the field cleared, the user reads


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _child(src: str, db_path: str, interval_ms: int, phrases: int, ticks: bool) -> None:
    """One fresh process: type the phrases into a real search panel; JSON on stdout."""
    sys.path.insert(0, src)
    sys.path.insert(1, str(HERE))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_search import PHRASES, typed
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    import pkdesk
    from pkdesk.store.db import Database
    from pkdesk.store.window_repo import reference_store
    from pkdesk.ui.reference.search_panel import SearchPanel

    assert str(Path(pkdesk.__file__).resolve()).startswith(str(Path(src).resolve())), src
    db = Database.open_current(Path(db_path))
    how = "attached without SQLAlchemy"
    if db is None:      # e.g. a synthetic file without every shipped corpus: the full open
        from pkdesk.store.library import open_library

        db, how = open_library(Path(db_path)), "opened the full way"
    print(f"{src}: {how}", file=sys.stderr)
    panel = SearchPanel(reference_store(db))
    panel.resize(420, 760)
    panel.show()

    plan: list[list[str]] = [typed(p) for p in (["security council"] + PHRASES[:phrases])]
    blocks: list[float] = []          # per keystroke, ms
    cpu_blocks: list[float] = []      # the same in the GUI thread's CPU time, ms
    latencies: list[float] = []       # per phrase: last keystroke to its hits shown, ms
    state = {"last_tick": time.perf_counter(), "last_cpu": time.thread_time(), "key": -1, "phrase": 0, "letter": 0,
             "last_key_at": 0.0, "warm": True}
    tick = QTimer()
    tick.setTimerType(Qt.TimerType.PreciseTimer)
    tick.setInterval(TICK_MS)

    def on_tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap, cpu_gap = (now - state["last_tick"]) * 1000, (cpu - state["last_cpu"]) * 1000
        state["last_tick"], state["last_cpu"] = now, cpu
        if blocks and not state["warm"]:
            blocks[-1] = max(blocks[-1], gap)
            cpu_blocks[-1] = max(cpu_blocks[-1], cpu_gap)

    tick.timeout.connect(on_tick)

    def next_key() -> None:
        prefixes = plan[state["phrase"]]
        text = prefixes[state["letter"]]
        on_tick()                          # the gap up to this keystroke is the last one's
        if not state["warm"]:
            blocks.append(0.0)
            cpu_blocks.append(0.0)
        state["key"] += 1
        state["last_key_at"] = time.perf_counter()
        panel.field.setText(text)
        state["letter"] += 1
        if state["letter"] < len(prefixes):
            QTimer.singleShot(interval_ms, next_key)

    def shown(query: str) -> None:
        if state["phrase"] == len(plan):
            return
        prefixes = plan[state["phrase"]]
        if state["letter"] != len(prefixes) or query != prefixes[-1]:
            return
        if not state["warm"]:
            latencies.append((time.perf_counter() - state["last_key_at"]) * 1000)
        state["warm"] = False
        state["phrase"] += 1
        state["letter"] = 0
        panel.field.setText("")
        if state["phrase"] == len(plan):
            QTimer.singleShot(PAUSE_MS, app.quit)
        else:
            QTimer.singleShot(PAUSE_MS, next_key)

    panel.query_changed.connect(shown)
    if ticks:
        tick.start()
    QTimer.singleShot(PAUSE_MS, next_key)
    cpu = time.process_time()
    app.exec()
    cpu = time.process_time() - cpu
    stop = getattr(panel, "stop", None)
    if stop is not None:
        stop()
    db.close()
    if not ticks:          # no timer: the gaps between keystrokes are no measure
        blocks, cpu_blocks = [], []
    print(json.dumps({"blocks": blocks, "cpu_blocks": cpu_blocks, "latencies": latencies,
                      "cpu_s": cpu}))


def _spawn(src: str, db_path: str, interval_ms: int, phrases: int,
           ticks: bool) -> dict[str, list[float]]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, __file__, "--child", src, db_path, str(interval_ms),
                           str(phrases), "1" if ticks else "0"], capture_output=True, text=True, env=env, timeout=1800)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _stats(values: list[float]) -> str:
    return (f"{statistics.median(values):5.1f} / {_percentile(values, 0.95):5.1f} / "
            f"{max(values):5.1f}")


def _line(name: str, runs: list[dict[str, list[float]]]) -> str:
    """Median / p95 / max, in ms."""
    blocks = [b for r in runs for b in r["blocks"]]
    cpu = [b for r in runs for b in r["cpu_blocks"]]
    lat = [x for r in runs for x in r["latencies"]]
    if not blocks:
        return f"{name:<7} last keystroke to its hits {_stats(lat)} ({len(lat)} phrases)"
    return (f"{name:<7} longest GUI block per keystroke {_stats(blocks)} (its CPU time "
            f"{_stats(cpu)}; {len(blocks)} keystrokes); last keystroke to its hits "
            f"{_stats(lat)} ({len(lat)} phrases)")


def _option(argv: list[str], name: str, default: str | None) -> str | None:
    if name in argv:
        at = argv.index(name)
        value = argv[at + 1]
        del argv[at:at + 2]
        return value
    return default


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] == ["--child"]:
        _child(argv[1], argv[2], int(argv[3]), int(argv[4]), argv[5] == "1")
        return
    before = _option(argv, "--src", None)
    db_arg = _option(argv, "--db", None)
    nodes = int(_option(argv, "--nodes", "100000") or 100_000)
    interval = int(_option(argv, "--interval", "160") or 160)
    phrases = int(_option(argv, "--phrases", "31") or 31)
    ticks = "--no-ticks" not in argv
    if not ticks:
        argv.remove("--no-ticks")
    pairs = int(argv[0]) if argv else 1
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(db_arg) if db_arg else DEFAULT_DB if DEFAULT_DB.exists() else \
            Path(tmp) / "typing.sqlite3"
        if not db_path.exists():
            sys.path.insert(0, str(HERE))
            from synthetic import build_database

            print(f"building {nodes} synthetic nodes at {db_path} ...", flush=True)
            build_database(db_path, nodes).close()
        here = str(ROOT / "src")
        print(f"{db_path} ({db_path.stat().st_size / 2**20:.0f} MiB); a keystroke every "
              f"{interval} ms, {phrases} phrases; {pairs} pair(s) of fresh processes"
              + (f", this tree against {before}, interleaved" if before else ""))
        mine: list[dict[str, list[float]]] = []
        theirs: list[dict[str, list[float]]] = []
        for n in range(pairs):
            order = [("after", here), ("before", before)] if before else [("after", here)]
            if n % 2:
                order.reverse()
            for name, src in order:
                assert src is not None
                load = os.getloadavg()[0]
                run = _spawn(src, str(db_path), interval, phrases, ticks)
                (mine if name == "after" else theirs).append(run)
                print(f"  pair {n + 1} {name}: load {load:.1f}, CPU {run['cpu_s']:.1f} s; "
                      + _line("", [run]).strip(), flush=True)
        print(f"load average now {os.getloadavg()[0]:.1f} (2 cores)")
        print(_line("after" if before else "pkdesk", mine))
        if theirs:
            print(_line("before", theirs))


if __name__ == "__main__":
    main()
