"""The section 18.2 samples: against the test sshd's Server01 alias, and against localhost (no server)."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, pslark_env, run_pslark

SAMPLES = ROOT / "samples"


def _services_exist() -> bool:
    r = run_pslark(["-NoProfile", "-Command", "@(Get-Service -ErrorAction SilentlyContinue).Count"])
    return r.stdout.strip() not in ("", "0")


def _check(result, computer: str) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    job_rows = [ln for ln in lines if ln.startswith("1      Job1")]
    assert len(job_rows) == 2                       # the job Invoke-Command returned, then Get-Job
    assert all(row.split()[2] == "RemoteJob" and row.split()[-1] == computer for row in job_rows)
    if _services_exist():
        assert f"PSComputerName      : {computer}" in result.stdout
        assert "ServiceName" in result.stdout


def test_sample_18_2_against_server01(sshd):
    env = pslark_env(sshd.env)
    result = subprocess.run([sys.executable, "-m", "pslark.interpreter", str(SAMPLES / "18-2-remoting-jobs.ps1")],
                            capture_output=True, text=True, env=env, cwd=str(sshd.base), timeout=120)
    _check(result, "Server01")


def test_sample_18_2_against_localhost():
    result = run_pslark([str(SAMPLES / "18-2-remoting-localhost.ps1")], timeout=120)
    _check(result, "localhost")
