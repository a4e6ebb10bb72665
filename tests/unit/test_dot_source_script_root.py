"""Regression: dot-sourcing a script from another folder leaves the caller's $PSScriptRoot and $PSCommandPath
as they were (pwsh), so `. $PSScriptRoot/lib/a.ps1; . $PSScriptRoot/lib/b.ps1` finds both files; found by the
Pester runner, where test files dot-source the code under test in BeforeAll."""
from __future__ import annotations

from tests.conftest import run_pslark


def test_dot_sourced_script_does_not_change_the_callers_script_root(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.ps1").write_text("function Get-A { 'a' }\n$inner = $PSScriptRoot\n")
    (lib / "b.ps1").write_text("function Get-B { 'b' }\n")
    main = tmp_path / "main.ps1"
    main.write_text(". $PSScriptRoot/lib/a.ps1\n. $PSScriptRoot/lib/b.ps1\nGet-A\nGet-B\n"
                    "$PSScriptRoot -eq (Split-Path $PSCommandPath)\n$PSCommandPath -like '*main.ps1'\n"
                    "$inner -like '*lib'\n")
    result = run_pslark([str(main)])
    assert result.stderr == ""
    assert result.stdout.split() == ["a", "b", "True", "True", "True"]
