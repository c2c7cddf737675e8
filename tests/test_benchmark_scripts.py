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
