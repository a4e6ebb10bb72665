"""Every sample in samples/ runs, and prints what the chapter says it shows."""
from __future__ import annotations

import time
from pathlib import Path

from tests.conftest import run_pslark

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def run(name: str):
    result = run_pslark([str(SAMPLES / name)], timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return result.stdout


def test_18_1_background_job_runs_get_process_and_is_removed():
    out = run("18-1-hintergrundjobs.ps1")
    lines = out.splitlines()
    assert lines[1].startswith("Id     Name            PSJobTypeName   State")
    assert lines[3].startswith("1      Job1            BackgroundJob")
    # one Out-Default for the whole script (as pwsh -File): after the job table, the deserialized processes
    # do not fit the Job view and print as lists
    assert "ProcessName                : " in out
    assert "Deserialized" not in out


def test_18_3_thread_job_returns_two_dates_three_seconds_apart():
    out = run("18-3-threadjobs.ps1")
    assert "ThreadJob" in out
    assert out.count("2026") + out.count("2027") + out.count("2025") >= 2 or out.count(":") >= 4


def test_18_4_parallel_as_written_takes_about_two_seconds():
    start = time.monotonic()
    out = run("18-4-foreach-parallel.ps1")
    lines = out.splitlines()
    assert sorted(lines[:5]) == [f"Task {i} gestartet" for i in range(1, 6)]
    assert sorted(lines[5:]) == [f"Task {i} fertig" for i in range(1, 6)]
    assert time.monotonic() - start < 6


def test_18_5_best_practices_cleans_up():
    out = run("18-5-best-practices.ps1")
    assert out.splitlines()[-1] == "Alle Jobs aufgeräumt."
    assert "kurz" in out and "komplex" in out


def test_jobs_failure_using_keep():
    assert run("jobs-failure-using-keep.ps1").splitlines() == [
        "Hallo aus dem Job", "HasMoreData nach -Keep: True", "Hallo aus dem Job", "HasMoreData danach: False",
        "Status: Failed", "Grund: Datei nicht gefunden"]


def test_parallel_throttle_queue_runs_three_at_a_time():
    out = run("parallel-throttle-queue.ps1")
    assert out.splitlines()[-1] == "Started in the first 0.4 s: 3"
