"""Runs tests/pester/*.Tests.ps1 (Pester tests of pslark's own behaviour, written from a PowerShell user's
side) through `pslark -Command Invoke-Pester`, one pytest case per file: every Pester test must pass."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_pslark

SUITE = Path(__file__).parent / "pester"
FILES = sorted(SUITE.glob("*.Tests.ps1"))


@pytest.mark.parametrize("test_file", FILES, ids=[f.name for f in FILES])
def test_pester_file(test_file: Path, tmp_path: Path):
    command = f"Invoke-Pester -Path '{test_file}' -Output Detailed -CI"
    result = run_pslark(["-Command", command], cwd=str(tmp_path), timeout=300)
    report = f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Tests Passed:" in result.stdout, report
    assert result.returncode == 0, report
    assert ", Failed: 0," in result.stdout, report
