"""Import-Module / Get-Module / Remove-Module / Export-ModuleMember with script and manifest modules.

"Pester:" cases come from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Core/
(Import-Module.Tests.ps1, Get-Module.Tests.ps1, Remove-Module.Tests.ps1) and
test/powershell/engine/Module/ (ModulePath.Tests.ps1, ModuleManifest.Tests.ps1, ExportModuleMember tests).
"""
from __future__ import annotations

import textwrap

import pytest

from pslark.runtime.cmdlets.modules import PSModuleInfo
from tests.unit.cmdlet_harness import new_context, run as run_cmdlet
from tests.unit.session_helpers import error_ids, run


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def script_module(tmp_path):
    return write(tmp_path / "mymod.psm1", """\
        $script:counter = 0
        $visible = 'module variable'
        function Get-Greeting { param([string]$Name = 'World') $script:counter++; "Hello, $Name! ($script:counter)" }
        function helper { 'private helper' }
        function Get-Helper { helper }
        Set-Alias gg Get-Greeting
        """)


@pytest.fixture
def module_path(tmp_path, monkeypatch):
    base = tmp_path / "Modules"
    write(base / "Greeter" / "Greeter.psd1", """\
        @{
            RootModule = 'Greeter.psm1'
            ModuleVersion = '1.2.0'
            FunctionsToExport = @('Get-Hi', 'Get-Nested')
            NestedModules = @('Nested.psm1')
            Description = 'Says hi'
            Author = 'me'
        }
        """)
    write(base / "Greeter" / "Greeter.psm1", "function Get-Hi { 'hi' }\nfunction Get-Secret { 'secret' }\n")
    write(base / "Greeter" / "Nested.psm1", "function Get-Nested { 'nested' }\nfunction Get-NestedHidden { 'x' }\n")
    write(base / "Plain" / "Plain.psm1", "function Get-Plain { 'plain' }\n")
    write(base / "Versioned" / "2.0.0" / "Versioned.psd1", "@{ ModuleVersion = '2.0.0'; RootModule = 'Versioned.psm1' }\n")
    write(base / "Versioned" / "2.0.0" / "Versioned.psm1", "function Get-V { 'v2' }\n")
    monkeypatch.setenv("PSModulePath", str(base))
    return base


def test_import_script_module_exports_all_functions(script_module, tmp_path):
    # Pester: Import-Module "Should import a psm1 module by path"
    r = run("Import-Module ./mymod.psm1; Get-Greeting; Get-Greeting -Name Bob; Get-Helper", str(tmp_path))
    assert r.lines == ["Hello, World! (1)", "Hello, Bob! (2)", "private helper"]


def test_module_scope_is_private(script_module, tmp_path):
    # variables and aliases are not exported by default; functions see the module scope, callers do not
    r = run("Import-Module ./mymod.psm1; \"[$visible]\"; \"[$counter]\"; Get-Alias gg -ErrorAction SilentlyContinue;"
            "Get-Greeting | Out-Null; Get-Greeting", str(tmp_path))
    assert r.lines == ["[]", "[]", "Hello, World! (2)"]


def test_module_functions_do_not_see_caller_variables(tmp_path):
    write(tmp_path / "m.psm1", "function Show-Leak { \"[$callerOnly]\" }\n")
    r = run("Import-Module ./m.psm1; function caller { $callerOnly = 'x'; Show-Leak }; caller", str(tmp_path))
    assert r.lines == ["[]"]


def test_export_module_member(tmp_path):
    # Pester: Export-ModuleMember "Should export only the named function", variables and aliases
    write(tmp_path / "m.psm1", """\
        $shared = 42
        function Public-One { 'one' }
        function Private-Two { 'two' }
        Set-Alias p1 Public-One
        Export-ModuleMember -Function Public-One -Variable shared -Alias p1
        """)
    r = run("Import-Module ./m.psm1; Public-One; $shared; p1; Private-Two", str(tmp_path))
    assert r.lines == ["one", "42", "one"]
    assert "The term 'Private-Two' is not recognized" in r.err


def test_export_module_member_outside_module(tmp_path):
    r = run("Export-ModuleMember -Function x; 'next'", str(tmp_path))
    assert "The Export-ModuleMember cmdlet can only be called from inside a module." in r.err
    assert error_ids(r.ctx) == [
        "Modules_CanOnlyExecuteExportModuleMemberInsideAModule,Microsoft.PowerShell.Commands.ExportModuleMemberCommand"]
    assert r.lines == ["next"]


def test_manifest_module(module_path, tmp_path):
    ctx = new_context(str(tmp_path))
    info = run_cmdlet(ctx, "Import-Module", "Greeter", PassThru=True).value
    assert isinstance(info, PSModuleInfo)
    assert info.name == "Greeter" and info.module_type == "Script" and str(info.version) == "1.2.0"
    assert info.ps_get("Description") == "Says hi" and info.ps_get("Author") == "me"
    assert list(info.ps_get("ExportedFunctions").keys()) == ["Get-Hi", "Get-Nested"]
    assert info.ps_get("ModuleBase") == str(module_path / "Greeter")
    r = run("Import-Module Greeter; Get-Hi; Get-Nested; Get-Secret", str(tmp_path))
    assert r.lines == ["hi", "nested"]
    assert "The term 'Get-Secret' is not recognized" in r.err


def test_import_by_name_and_versioned_folder(module_path, tmp_path):
    r = run("Import-Module Plain; Get-Plain; Import-Module Versioned; Get-V", str(tmp_path))
    assert r.lines == ["plain", "v2"]


def test_import_not_found(module_path, tmp_path):
    # Pester: Import-Module "Should throw ModuleNotFound"
    r = run("Import-Module NoSuchModule; Import-Module ./nope.psm1; 'next'", str(tmp_path))
    assert ("The specified module 'NoSuchModule' was not loaded because no valid module file was found in any "
            "module directory.") in r.err
    assert error_ids(r.ctx) == ["Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"] * 2
    assert r.lines == ["next"]


def test_import_twice_runs_once_unless_force(tmp_path):
    write(tmp_path / "c.psm1", "$global:loads++\nfunction Get-C { 'c' }\n")
    r = run("$global:loads = 0; Import-Module ./c.psm1; Import-Module ./c.psm1; $loads;"
            "Import-Module ./c.psm1 -Force; $loads", str(tmp_path))
    assert r.lines == ["1", "2"]


def test_import_prefix(script_module, tmp_path):
    # Pester: Import-Module "Should import with -Prefix"
    r = run("Import-Module ./mymod.psm1 -Prefix My; Get-MyGreeting; Get-MyHelper", str(tmp_path))
    assert r.lines == ["Hello, World! (1)", "private helper"]


def test_import_function_filter(script_module, tmp_path):
    r = run("Import-Module ./mymod.psm1 -Function Get-Helper; Get-Helper; Get-Greeting", str(tmp_path))
    assert r.lines == ["private helper"]
    assert "The term 'Get-Greeting' is not recognized" in r.err


def test_import_argument_list(tmp_path):
    write(tmp_path / "a.psm1", "param($first, $second)\nfunction Get-Args { \"$first-$second\" }\n")
    r = run("Import-Module ./a.psm1 -ArgumentList x, y; Get-Args", str(tmp_path))
    assert r.lines == ["x-y"]


def test_module_psscriptroot(tmp_path):
    write(tmp_path / "sub" / "r.psm1", "$root = $PSScriptRoot\nfunction Get-Root { $root }\n")
    r = run("Import-Module ./sub/r.psm1; Get-Root", str(tmp_path))
    assert r.lines == [str(tmp_path / "sub")]


def test_get_module_and_remove_module(script_module, tmp_path):
    # Pester: Remove-Module "Should remove a module" / Get-Module "Should list loaded modules"
    r = run("Import-Module ./mymod.psm1; Get-Module mymod; Remove-Module mymod; Get-Module mymod; 'after';"
            "Get-Greeting", str(tmp_path))
    assert r.lines[1].startswith("ModuleType Version    PreRelease Name")
    assert "Script     0.0                   mymod" in r.out
    assert "after" in r.lines
    assert "The term 'Get-Greeting' is not recognized" in r.err


def test_remove_module_not_loaded(tmp_path):
    r = run("Remove-Module nothere", str(tmp_path))
    assert ("No modules were removed. Verify that the specification of modules to remove is correct and those modules "
            "exist in the runspace.") in r.err
    assert error_ids(r.ctx) == ["Modules_NoModulesRemoved,Microsoft.PowerShell.Commands.RemoveModuleCommand"]


def test_get_module_list_available(module_path, tmp_path):
    ctx = new_context(str(tmp_path))
    out = run_cmdlet(ctx, "Get-Module", ListAvailable=True).output
    names = [o.base.name for o in out]
    assert names == ["Greeter", "Plain", "Versioned"]
    assert out[0].type_names[0] == "ModuleInfoGrouping"
    r = run("Get-Module -ListAvailable Gre*", str(tmp_path))
    assert r.lines[1].startswith("    Directory: /")
    assert any(line.startswith("ModuleType Version    PreRelease Name") for line in r.lines)


def test_get_command_module_filter(module_path, tmp_path):
    r = run("Import-Module Greeter; (Get-Command -Module Greeter).Name", str(tmp_path))
    assert r.lines == ["Get-Hi", "Get-Nested"]


def test_builtin_module_import_is_quiet(tmp_path):
    r = run("Import-Module Microsoft.PowerShell.Management; 'ok'", str(tmp_path))
    assert r.lines == ["ok"] and r.err == ""


def test_required_version(module_path, tmp_path):
    r = run("Import-Module Greeter -RequiredVersion 9.9; Get-Hi", str(tmp_path))
    assert error_ids(r.ctx)[0] == "Modules_ModuleWithVersionNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"


def test_module_strict_mode_is_module_scoped(tmp_path):
    write(tmp_path / "s.psm1", "Set-StrictMode -Version Latest\nfunction Get-Undef { $notSetAnywhere }\n")
    r = run("Import-Module ./s.psm1; Get-Undef; \"[$alsoNotSet]\"", str(tmp_path))
    assert "The variable '$notSetAnywhere' cannot be retrieved because it has not been set." in r.err
    assert r.lines == ["[]"]
