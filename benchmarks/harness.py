"""Benchmark harness: whole-process timings, median of several alternating runs, ratios printed.

Each benchmark compares a pslark command against a baseline measured in the same run on the same machine
with the same Python interpreter, so the ratios mean something on any box. These are not tests: they print.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from typing import Sequence

PYTHON = sys.executable
PSLARK = [PYTHON, "-m", "pslark.interpreter"]


def run_once(cmd: Sequence[str], env: dict | None = None) -> tuple[float, int]:
    """Wall time (seconds) of one command (and 0: the RSS slot is filled by peak_rss_kib)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {cmd}\n{err.decode(errors='replace')}")
    return elapsed, 0


def peak_rss_kib(cmd: Sequence[str]) -> int:
    """Peak resident set size (KiB) of the largest process of a command, measured in a fresh parent so that
    earlier benchmark runs do not count."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PYTHON, "-c", probe] + list(cmd), capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def compare(name: str, subject: Sequence[str], baseline: Sequence[str], runs: int = 5, target: float | None = None,
            subject_repeat: int = 1, baseline_repeat: int = 1) -> float:
    """Alternate subject and baseline `runs` times; print medians and the ratio subject/baseline."""
    env = dict(os.environ)
    subject_times, baseline_times = [], []
    run_once(subject, env)            # warm the page cache and byte-code
    run_once(baseline, env)
    for _ in range(runs):
        subject_times.append(sum(run_once(subject, env)[0] for _ in range(subject_repeat)))
        baseline_times.append(sum(run_once(baseline, env)[0] for _ in range(baseline_repeat)))
    s = statistics.median(subject_times)
    b = statistics.median(baseline_times)
    ratio = s / b if b else float("inf")
    verdict = "" if target is None else ("  (target <= %.2fx: %s)" % (target, "met" if ratio <= target else "NOT met"))
    print(f"{name}: pslark {s * 1000:.0f} ms, baseline {b * 1000:.0f} ms, ratio {ratio:.2f}x{verdict}")
    return ratio


def pslark(script: str) -> list[str]:
    return PSLARK + ["-NoProfile", "-NonInteractive", "-Command", script]
