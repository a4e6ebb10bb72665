"""Run every benchmark in this folder and print its ratios (python benchmarks/run_all.py)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODULES = ["bench_startup", "bench_evaluator", "bench_jobs", "bench_parallel", "remoting_throttle"]

if __name__ == "__main__":
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            print(f"{name}: skipped ({exc})")
            continue
        module.main()
