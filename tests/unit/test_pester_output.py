"""Golden tests of Invoke-Pester's own console output (Pester 5's Normal, Detailed and Minimal views) for passing,
failing, skipped and erroring tests.

Each tests/pester_output/NAME.ps1 runs through the real CLI in a copy of that folder (its fixtures are in
fixtures/); stdout must equal NAME.out once durations (`12ms`, `1.5s`) are replaced by `<t>` and the folder
by `{DIR}`. A first line `#! exit: N` gives the expected exit code. PSLARK_REGEN=1 rewrites the .out files.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_pslark

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "pester_output"
CASES = sorted(GOLDEN_DIR.glob("*.ps1"))
_DURATION = re.compile(r"\b\d+(?:\.\d+)?(?:ms|s)\b")


def normalise(text: str, folder: Path) -> str:
    text = text.replace(str(folder), "{DIR}")
    return _DURATION.sub("<t>", text)


def _exit_code(script: Path) -> int:
    for line in script.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#!"):
            break
        key, _, value = line[2:].partition(":")
        if key.strip().casefold() == "exit":
            return int(value.strip())
    return 0


@pytest.mark.parametrize("script", CASES, ids=[c.stem for c in CASES])
def test_pester_output(script: Path, tmp_path: Path):
    work = tmp_path / "run"
    shutil.copytree(GOLDEN_DIR, work, ignore=shutil.ignore_patterns("*.out"))
    result = run_pslark([str(work / script.name)], cwd=str(work), env={"NO_COLOR": "1"})
    out = normalise(result.stdout, work)
    golden = script.with_suffix(".out")
    if os.environ.get("PSLARK_REGEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), f"stderr was:\n{result.stderr}"
    assert result.stderr == ""
    assert result.returncode == _exit_code(script)


def test_ci_writes_nunit_results(tmp_path: Path):
    shutil.copytree(GOLDEN_DIR / "fixtures", tmp_path / "fixtures")
    result = run_pslark(["-Command", "Invoke-Pester -Path ./fixtures/Passing.Tests.ps1 -CI -Output None"],
                        cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    xml = (tmp_path / "testResults.xml").read_text(encoding="utf-8")
    assert xml.startswith('<?xml version="1.0" encoding="utf-8" standalone="no"?>')
    assert 'name="Pester" total="4" errors="0" failures="0"' in xml
    assert 'name="Calculator.adds two numbers"' in xml


def test_invoke_pester_finds_test_files_recursively(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "One.Tests.ps1").write_text("Describe 'one' { It 'works' { 1 | Should -Be 1 } }\n")
    (tmp_path / "a" / "b" / "Two.Tests.ps1").write_text("Describe 'two' { It 'works' { 2 | Should -Be 2 } }\n")
    (tmp_path / "a" / "b" / "helper.ps1").write_text("throw 'not a test file'\n")
    result = run_pslark(["-Command", "Invoke-Pester"], cwd=str(tmp_path))
    assert "Starting discovery in 2 files." in result.stdout
    assert "Tests Passed: 2, Failed: 0, Skipped: 0, Inconclusive: 0, NotRun: 0" in result.stdout
    assert result.returncode == 0


def test_running_a_test_file_directly(tmp_path: Path):
    f = tmp_path / "Direct.Tests.ps1"
    f.write_text("Describe 'direct' {\n    It 'fails' { 1 | Should -Be 2 }\n    It 'passes' { }\n}\n'after'\n")
    result = run_pslark([str(f)], cwd=str(tmp_path))
    out = normalise(result.stdout, tmp_path)
    assert out == ("\nStarting discovery in 1 files.\nDiscovery found 2 tests in <t>.\nRunning tests.\n"
                   "[-] direct.fails <t> (<t>|<t>)\n Expected 2, but got 1.\n"
                   " at It 'fails' { 1 | Should -Be 2 }, {DIR}/Direct.Tests.ps1:2\n"
                   " at <ScriptBlock>, {DIR}/Direct.Tests.ps1:2\n"
                   "Tests completed in <t>\nTests Passed: 1, Failed: 1, Skipped: 0, Inconclusive: 0, NotRun: 0\n")
    assert result.returncode == 1
