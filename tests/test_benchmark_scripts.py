"""Every benchmark script starts with its documented command (`python benchmarks/X.py`),
from any folder: its imports resolve without the repository on sys.path. The measuring itself
is not run here (benchmarks are not tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize("script", sorted(BENCHMARKS.glob("bench_*.py")), ids=lambda p: p.name)
def test_benchmark_script_imports_resolve(script: Path, tmp_path: Path) -> None:
    # run_path with another run_name executes the module's imports but not its main().
    code = f"import runpy; runpy.run_path({str(script)!r}, run_name='imported')"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_cpu_time_runs_a_script_with_its_clock_made_cpu_time(tmp_path: Path) -> None:
    """benchmarks/cpu_time.py: a script that sleeps 0.3 s measures ~0 with perf_counter (no
    CPU spent), and gets its own arguments and __main__ as when run directly."""
    script = tmp_path / "sleeper.py"
    script.write_text("import sys, time\n"
                      "s = time.perf_counter(); time.sleep(0.3)\n"
                      "print(__name__, sys.argv[1:], time.perf_counter() - s)\n",
                      encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    direct, wrapped = (subprocess.run([sys.executable, *wrapper, str(script), "a", "b"],
                                      cwd=tmp_path, env=env, capture_output=True, text=True,
                                      timeout=60, check=True).stdout.split()
                       for wrapper in ([], [str(BENCHMARKS / "cpu_time.py")]))
    assert direct[:3] == wrapped[:3] == ["__main__", "['a',", "'b']"]
    assert float(direct[3]) >= 0.3
    assert float(wrapped[3]) < 0.1
