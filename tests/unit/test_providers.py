"""The session-state drives (runtime/providers.py) through the item cmdlets. "Pester:" cases follow
PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Management/ (Variable, Alias,
FunctionProvider .Tests.ps1)."""
from __future__ import annotations

from pslark.runtime.providers import PROVIDERS, provider_of
from tests.unit.session_helpers import error_ids, run


def test_drive_paths_name_their_provider_and_item():
    env = PROVIDERS["env"]
    assert provider_of("env:HOME") == (env, "HOME")
    assert provider_of("Env:\\HOME") == (env, "HOME")
    assert provider_of("env:/HOME") == (env, "HOME")
    assert provider_of("Env:") == (env, "")
    assert provider_of("Microsoft.PowerShell.Core\\Variable::x") == (PROVIDERS["variable"], "x")
    assert provider_of("/tmp/x") is None
    assert provider_of("temp:x") is None
    assert provider_of("FileSystem::/tmp") is None


def test_environment_names_are_case_sensitive_but_wildcards_are_not(monkeypatch):
    monkeypatch.setenv("PSLARK_PV_CASE", "v")
    r = run("Test-Path env:PSLARK_PV_CASE; Test-Path env:pslark_pv_case; (Get-Item env:pslark_pv_cas[e]).Name")
    assert r.lines == ["True", "False", "PSLARK_PV_CASE"]


def test_variable_copy_and_rename():
    # Pester: Variable "Verify Copy-Item", "Verify Rename-Item"
    r = run("$v = 1234; Copy-Item variable:v variable:v_copy; $v_copy; Rename-Item variable:v -NewName v_new;"
            "Test-Path variable:v; $v_new; Rename-Item variable:v_new v_copy")
    assert r.lines == ["1234", "False", "1234"]
    assert error_ids(r.ctx) == ["Argument,Microsoft.PowerShell.Commands.RenameItemCommand"]


def test_variable_new_item_and_existing_name():
    # Pester: Variable "Verify New-Item", "Verify Negative New-Item"
    r = run("(New-Item -Name MyTestVariable -Value 5 -Path Variable:).Value; New-Item -Name MyTestVariable -Value 6 "
            "-Path Variable:; New-Item variable:novalue")
    assert r.lines == ["5"]
    assert error_ids(r.ctx) == ["Argument,Microsoft.PowerShell.Commands.NewItemCommand",
                                "NewItemValueNotSpecified,Microsoft.PowerShell.Commands.NewItemCommand"]
    assert "The item at path 'MyTestVariable' already exists." in r.err
    assert "Value cannot be null. (Parameter 'value')" in r.err


def test_alias_new_item_and_read_only_alias_needs_force():
    # Pester: Alias "Test creating new alias"
    r = run("$a = New-Item -Path Alias:\\ -Name NewTestAlias -Value Get-Date; $a.CommandType; $a.Definition;"
            "Set-Alias ro Get-Date -Option ReadOnly; Remove-Item alias:ro; Test-Path alias:ro;"
            "Remove-Item alias:ro -Force; Test-Path alias:ro")
    assert r.lines == ["Alias", "Get-Date", "True", "False"]
    assert error_ids(r.ctx) == ["AliasNotRemovable,Microsoft.PowerShell.Commands.RemoveItemCommand"]


def test_function_set_item_values():
    # Pester: FunctionProvider "Sets a value of type String / FunctionInfo", "Throws PSArgumentException ..."
    r = run("Set-Item function:f1 -Value \"return 'one'\"; f1; Set-Item function:f2 -Value (Get-Item function:f1); f2;"
            "Set-Item function:f3 -Value 123 -ErrorVariable x -ErrorAction SilentlyContinue; $x[0].CategoryInfo.Reason;"
            "Set-Item function:f1; Test-Path function:f1")
    assert r.lines == ["one", "one", "PSArgumentException", "False"]


def test_get_child_item_lists_the_drive_sorted_and_by_name(monkeypatch):
    monkeypatch.setenv("PSLARK_PV_B", "2")
    monkeypatch.setenv("PSLARK_PV_a", "1")
    r = run("Get-ChildItem env:PSLARK_PV_* -Name; (Get-ChildItem env:PSLARK_PV_*).Value")
    assert r.lines == ["PSLARK_PV_a", "PSLARK_PV_B", "1", "2"]


def test_filesystem_has_no_item_values_and_drives_do_not_move(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    r = run("Set-Item f.txt 1; $v = 1; Move-Item variable:v variable:w; Clear-Content env:HOME", str(tmp_path))
    assert error_ids(r.ctx) == ["NotSupported,Microsoft.PowerShell.Commands.SetItemCommand",
                                "NotSupported,Microsoft.PowerShell.Commands.MoveItemCommand",
                                "NotSupported,Microsoft.PowerShell.Commands.ClearContentCommand"]


def test_set_content_on_a_drive_sets_the_value(monkeypatch):
    monkeypatch.delenv("PSLARK_PV_SC", raising=False)
    r = run("Set-Content env:PSLARK_PV_SC 'via content'; $env:PSLARK_PV_SC; Add-Content env:PSLARK_PV_SC more")
    assert r.lines == ["via content"]
    assert error_ids(r.ctx) == ["NotSupported,Microsoft.PowerShell.Commands.AddContentCommand"]


def test_test_path_null_and_empty_paths():
    # TestPathCommand: null / an empty collection is NullPathNotPermitted, '' and '  ' are False
    r = run("Test-Path $null; Test-Path ''; Test-Path '  '; Test-Path @(); Test-Path -LiteralPath $null")
    assert r.lines == ["False", "False"]
    assert error_ids(r.ctx) == ["NullPathNotPermitted,Microsoft.PowerShell.Commands.TestPathCommand"] * 3
    assert "Value cannot be null. (Parameter 'The provided Path argument was null or an empty collection.')" in r.err
