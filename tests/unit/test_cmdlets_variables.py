"""*-Variable, *-Alias, Get-Command and Set-StrictMode, end to end through pslark.

Cases marked "Pester:" are ported from PowerShell/PowerShell's test/powershell/Modules/Microsoft.PowerShell.Utility
(Get-Variable.Tests.ps1, New-Variable.Tests.ps1, Set-Variable.Tests.ps1, Remove-Variable.Tests.ps1,
Clear-Variable.Tests.ps1, Get-Alias.Tests.ps1, New-Alias.Tests.ps1, Set-Alias.Tests.ps1, Get-Command.Tests.ps1)
and test/powershell/Language/Scripting/StrictMode tests.
"""
from __future__ import annotations

import pytest

from tests.unit.cmdlet_harness import new_context, run as run_cmdlet
from tests.unit.session_helpers import error_ids, run


def var(r, name):
    v = r.ctx.session.get_variable(name)
    return v


# ---------------------------------------------------------------------------------------------
# Get-Variable

def test_get_variable_not_found_error_id():
    # Pester: Get-Variable DRT "Get-Variable of not existing variable Name should throw ItemNotFoundException"
    r = run("Get-Variable -Name nonexistingVariableName")
    assert "Cannot find a variable with the name 'nonexistingVariableName'." in r.err
    assert error_ids(r.ctx) == ["VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"]
    assert r.ctx.session.global_scope.variables["error"].value[0].category == "ObjectNotFound"


def test_get_variable_not_found_is_terminating_with_stop():
    r = run("try { Get-Variable nope -ErrorAction Stop } catch { 'caught' }; 'after'")
    assert r.lines == ["caught", "after"]


def test_get_variable_globbing_sorted_by_name():
    # Pester: "Get-Variable of existing variable Globbing Name should work"
    r = run("Set-Variable abcaVar testing; Set-Variable bcdaVar 'another test'; Set-Variable aVarfoo wow;"
            "Get-Variable -Name *aVar* -Scope local -ValueOnly")
    assert r.lines == ["testing", "wow", "another test"]


def test_get_variable_value_only_enumerates():
    # Pester: "Should enumerate its output in the same way that directly calling the value does"
    r = run("New-Variable -Name var1 -Value @(1, 2, 3); @(Get-Variable -Name var1 -ValueOnly).Count")
    assert r.lines == ["3"]


def test_get_variable_pipeline_name():
    # Pester: "Should pipe string to the name field without the Name field being specified"
    r = run("New-Variable -Name var1 -Value 3; 'var1' | Get-Variable -ValueOnly")
    assert r.lines == ["3"]


def test_get_variable_include_exclude():
    # Pester: "Should be able to include a set of variables to get" / "exclude"
    r = run("New-Variable var1 4; New-Variable var2 2; New-Variable var3 'test';"
            "Get-Variable -Include var1, var2 -ValueOnly; '--'; Get-Variable var* -Exclude var1,var2 -ValueOnly")
    assert r.lines == ["4", "2", "--", "test"]


def test_get_variable_filtered_name_is_not_an_error():
    r = run("$newVar = 'x'; Get-Variable -Name newVar -Include other; 'done'")
    assert r.lines == ["done"]
    assert r.err == ""


def test_get_variable_scopes():
    # Pester: Scope Tests
    r = run("New-Variable globalVar -Value 1 -Scope global -Force;"
            "& { Get-Variable -Name globalVar -Scope global -ValueOnly;"
            "    Get-Variable -Name globalVar -Scope local -ErrorAction SilentlyContinue; 'local-missing' }")
    assert r.lines == ["1", "local-missing"]


def test_get_variable_private_not_visible_in_child_scope():
    # Pester: "Get-Variable of existing private variable Name should throw ItemNotFoundException"
    r = run("Set-Variable newVar testing -Option Private; & { Get-Variable -Name newVar }; Get-Variable newVar -ValueOnly")
    assert "Cannot find a variable with the name 'newVar'." in r.err
    assert r.lines == ["testing"]


def test_get_variable_table_output():
    r = run("$zz = 'hello'; Get-Variable zz")
    assert r.out == "\nName                           Value\n----                           -----\nzz                             hello\n\n"


def test_get_variable_lists_automatic_variables():
    # Pester: "Should return environment variables when called with no parameters"
    ctx = new_context("/tmp")
    names = [v.name for v in run_cmdlet(ctx, "Get-Variable").output]
    for n in ("?", "HOME", "PWD", "PID", "true", "null"):
        assert n in names
    assert names == sorted(names, key=lambda n: (n.casefold(), n))


def test_get_variable_bad_scope_is_terminating():
    r = run("Get-Variable x -Scope 99; 'next'")
    assert "The scope number '99' exceeds the number of active scopes." in r.err
    assert r.lines == ["next"]


# ---------------------------------------------------------------------------------------------
# New-Variable

def test_new_variable_with_description_and_option():
    # Pester: New-Variable DRT "variable with description" / "with option"
    r = run("New-Variable foo bar -Description 'my description'; New-Variable foo2 bar -Option Constant")
    v = var(r, "foo")
    assert v.value == "bar" and v.description == "my description" and not v.options
    assert var(r, "foo2").options == frozenset({"Constant"})


def test_new_variable_twice_errors_then_force_replaces():
    # Pester: "New-Variable variable twice should throw Exception"
    r = run("New-Variable foo bogus; New-Variable foo bar; New-Variable foo bar -Force; $foo")
    assert "A variable with name 'foo' already exists." in r.err
    assert error_ids(r.ctx) == ["VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand"]
    assert r.lines == ["bar"]
    rec = r.ctx.session.global_scope.variables["error"].value[0]
    assert rec.category == "ResourceExists"
    assert "SessionStateException" in rec.category_info_text()


def test_new_variable_readonly_replaced_with_force():
    # Pester: "New-Variable ReadOnly variable twice should throw Exception"
    r = run("New-Variable foo bogus -Option ReadOnly; New-Variable foo bar -Force -PassThru | Out-Null; $foo")
    assert r.lines == ["bar"]
    assert not var(r, "foo").options


def test_new_variable_from_pipeline():
    # Pester: "Should be able to set the value of a variable by piped input"
    r = run("'value' | New-Variable -Name var1; $var1")
    assert r.lines == ["value"]


def test_new_variable_allscope_seen_in_child():
    # Pester: "Should be able to see variable created using the AllScope switch in a child scope"
    r = run("New-Variable -Name var1 -Value 1 -Option AllScope; & { $var1 = 2 }; $var1")
    assert r.lines == ["2"]


def test_new_variable_private_hidden_from_child():
    r = run("New-Variable -Name pv -Value 1 -Option Private; & { \"[$pv]\" }; $pv")
    assert r.lines == ["[]", "1"]


def test_new_variable_scopes():
    r = run("& { New-Variable -Scope global -Name gv1 -Value 1; New-Variable -Scope local -Name lv1 -Value 10 };"
            "$gv1; \"[$lv1]\"")
    assert r.lines == ["1", "[]"]


def test_new_variable_bad_option_is_binding_error():
    r = run("New-Variable v 1 -Option Bogus; 'next'")
    assert "Cannot bind parameter 'Option'" in r.err
    assert "Unable to match the identifier name Bogus to a valid enumerator name" in r.err
    assert r.lines == ["next"]


# ---------------------------------------------------------------------------------------------
# Set-Variable

def test_set_variable_passthru_and_description():
    # Pester: "Should be able to pipe object properties to output using the PassThru switch"
    ctx = new_context("/tmp")
    res = run_cmdlet(ctx, "Set-Variable", Name="testVar", Value="test", Description="test description", PassThru=True)
    assert res.value.description == "test description" and res.value.value == "test"


def test_set_variable_readonly_needs_force():
    # Pester: "Should not be able to change variable created using the ReadOnly option when the Force switch is not used"
    r = run("New-Variable -Name var1 -Value 1 -Option ReadOnly; Set-Variable -Name var1 -Value 2; $var1;"
            "Set-Variable -Name var1 -Value 3 -Force; $var1")
    assert "Cannot overwrite variable var1 because it is read-only or constant." in r.err
    assert error_ids(r.ctx) == ["VariableNotWritable,Microsoft.PowerShell.Commands.SetVariableCommand"]
    assert r.lines == ["1", "3"]
    assert var(r, "var1").options == frozenset({"ReadOnly"})


def test_set_variable_cannot_make_constant():
    # Pester: "Should not be able to change an existing variable to constant"
    r = run("New-Variable -Name var1 -Value 1; Set-Variable -Name var1 -Option Constant")
    assert "Existing variable var1 cannot be made constant. Variables can be made constant only at creation time." in r.err
    assert not var(r, "var1").options


def test_set_variable_constant_not_changeable():
    # Pester: "Should not be able to change a constant variable"
    r = run("New-Variable -Name var1 -Value 1 -Option Constant; Set-Variable var1 2 -Force; $var1")
    assert r.lines == ["1"]
    assert "read-only or constant" in r.err


def test_set_variable_pipeline_collects_values():
    r = run("1,2,3 | Set-Variable -Name xs; $xs.Count; $xs[2]")
    assert r.lines[-1] == "3"
    assert var(r, "xs").value == [1, 2, 3]


def test_set_variable_in_function_is_local():
    r = run("$a = 'outer'; function f { Set-Variable a 'inner'; $a }; f; $a")
    assert r.lines == ["inner", "outer"]


def test_set_variable_scope_global_from_function():
    r = run("function f { Set-Variable -Name g1 -Value 5 -Scope Global }; f; $g1")
    assert r.lines == ["5"]


def test_set_variable_respects_type_constraint():
    r = run("[int]$n = 1; Set-Variable n '42'; $n + 1")
    assert r.lines == ["43"]


# ---------------------------------------------------------------------------------------------
# Remove-Variable / Clear-Variable

def test_remove_variable():
    # Pester: Remove-Variable "Should be able to remove a variable"
    r = run("$var1 = 4; Remove-Variable var1; \"[$var1]\"; Remove-Variable var1")
    assert r.lines == ["[]"]
    assert error_ids(r.ctx) == ["VariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand"]


def test_remove_variable_constant_and_readonly():
    # Pester: "Should not be able to delete a constant variable"
    r = run("New-Variable c1 2 -Option Constant; Remove-Variable c1; New-Variable r1 3 -Option ReadOnly;"
            "Remove-Variable r1; Remove-Variable r1 -Force; $c1; \"[$r1]\"")
    assert r.lines == ["2", "[]"]
    assert r.err.count("Cannot remove variable") == 2
    assert "If the variable is read-only, try the operation again specifying the Force option." in r.err


def test_remove_variable_default_scope_is_local():
    r = run("$g = 1; function f { Remove-Variable g }; f; $g")
    assert r.lines == ["1"]
    assert "Cannot find a variable with the name 'g'." in r.err


def test_remove_variable_wildcard_no_match_is_silent():
    r = run("Remove-Variable zzz*; 'ok'")
    assert r.lines == ["ok"] and r.err == ""


def test_clear_variable():
    # Pester: Clear-Variable "Should be able to clear a variable"
    r = run("$var1 = 'x'; Clear-Variable var1; \"[$var1]\"; Clear-Variable nothere")
    assert r.lines == ["[]"]
    assert error_ids(r.ctx) == ["VariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand"]


def test_clear_variable_typed_becomes_default():
    r = run("[int]$n = 5; Clear-Variable n; $n")
    assert r.lines == ["0"]


def test_clear_variable_readonly():
    r = run("New-Variable ro 1 -Option ReadOnly; Clear-Variable ro; $ro; Clear-Variable ro -Force; \"[$ro]\"")
    assert r.lines == ["1", "[]"]
    assert var(r, "ro").options == frozenset({"ReadOnly"})


# ---------------------------------------------------------------------------------------------
# Aliases

def test_get_alias_by_name_and_definition():
    ctx = new_context("/tmp")
    res = run_cmdlet(ctx, "Get-Alias", "gci")
    assert res.value.name == "gci" and res.value.definition == "Get-ChildItem"
    res = run_cmdlet(ctx, "Get-Alias", Definition="Get-ChildItem")
    assert [a.name for a in res.output] == ["dir", "gci"]


def test_get_alias_not_found():
    # Linux pwsh has no `ls` alias (it would hide /bin/ls)
    r = run("Get-Alias ls")
    assert "This command cannot find a matching alias because an alias with the name 'ls' does not exist." in r.err
    assert error_ids(r.ctx) == ["ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand"]


def test_get_alias_definition_not_found():
    r = run("Get-Alias -Definition Out-Nothing")
    assert ("This command cannot find a matching alias because an alias with the definition 'Out-Nothing' "
            "does not exist.") in r.err


def test_get_alias_table_output():
    r = run("Get-Alias gci")
    assert r.lines[1].startswith("CommandType     Name")
    assert "Alias           gci -> Get-ChildItem" in r.out


def test_new_alias_and_use():
    # Pester: New-Alias "should be able to use the alias"
    r = run("New-Alias -Name ConvertFrom-Time -Value Get-Date; New-Alias greet Write-Output; greet hi")
    assert r.lines == ["hi"]


def test_new_alias_existing_errors():
    # Pester: New-Alias "should throw when alias already exists"
    r = run("New-Alias ab Write-Output; New-Alias ab Write-Host")
    assert "The alias is not allowed, because an alias with the name 'ab' already exists." in r.err
    assert error_ids(r.ctx) == ["AliasAlreadyExists,Microsoft.PowerShell.Commands.NewAliasCommand"]


def test_set_alias_readonly_builtin():
    r = run("Set-Alias gci Write-Output")
    assert "Alias was not written because alias gci is read-only or constant and cannot be written to." in r.err
    assert error_ids(r.ctx) == ["AliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand"]


def test_set_alias_overwrites_and_passthru():
    ctx = new_context("/tmp")
    run_cmdlet(ctx, "Set-Alias", "zz", "Write-Output")
    res = run_cmdlet(ctx, "Set-Alias", "zz", "Write-Host", PassThru=True, Description="d")
    assert res.value.definition == "Write-Host" and res.value.description == "d"
    assert ctx.session.lookup_alias("zz").definition == "Write-Host"


def test_alias_scoped_to_function():
    r = run("function f { Set-Alias hello Write-Output; hello inner }; f; Get-Alias hello -ErrorAction SilentlyContinue; 'x'")
    assert r.lines == ["inner", "x"]


def test_new_alias_readonly_option():
    r = run("New-Alias roa Write-Output -Option ReadOnly; Set-Alias roa Write-Host; Set-Alias roa Write-Host -Force")
    assert r.err.count("read-only or constant") == 1


# ---------------------------------------------------------------------------------------------
# Get-Command

def test_get_command_cmdlet_and_alias():
    ctx = new_context("/tmp")
    res = run_cmdlet(ctx, "Get-Command", "Get-Variable")
    assert res.value.name == "Get-Variable" and res.value.command_type == "Cmdlet"
    res = run_cmdlet(ctx, "Get-Command", "gcm")
    assert res.value.name == "gcm" and res.value.definition == "Get-Command"


def test_get_command_wildcard_sorted_by_type_then_name():
    r = run("function Get-Zeta {}; function get-alpha {}; Get-Command -Name Get-Var*, get-alpha, Get-Zeta -CommandType Function, Cmdlet")
    rows = [line[:30].rstrip() for line in r.lines if line[:8] in ("Function", "Cmdlet  ")]
    assert rows == ["Function        get-alpha", "Function        Get-Zeta", "Cmdlet          Get-Variable"]


def test_get_command_not_found():
    # Pester: Get-Command "Should throw when the command is not found"
    r = run("Get-Command -Name Not-ACommand")
    assert ("The term 'Not-ACommand' is not recognized as a name of a cmdlet, function, script file, or "
            "executable program.") in r.err
    assert error_ids(r.ctx) == ["CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand"]


def test_get_command_wildcard_no_match_is_silent():
    r = run("Get-Command Not-ACommand*; 'ok'")
    assert r.lines == ["ok"] and r.err == ""


def test_get_command_verb_noun_module():
    ctx = new_context("/tmp")
    names = [c.name for c in run_cmdlet(ctx, "Get-Command", Verb="Remove", Noun="Variable").output]
    assert names == ["Remove-Variable"]
    names = [c.name for c in run_cmdlet(ctx, "Get-Command", Noun="Location").output]
    assert names == ["Get-Location", "Pop-Location", "Push-Location", "Set-Location"]
    mods = {c.module for c in run_cmdlet(ctx, "Get-Command", Module="Microsoft.PowerShell.Management").output}
    assert mods == {"Microsoft.PowerShell.Management"}


def test_get_command_application():
    ctx = new_context("/tmp")
    res = run_cmdlet(ctx, "Get-Command", "sh")
    assert res.value.ps_get("CommandType") == "Application"
    assert res.value.path.endswith("/sh")


def test_get_command_syntax():
    r = run("Get-Command Get-Variable -Syntax")
    assert r.out == ("\nGet-Variable [[-Name] <string[]>] [-ValueOnly] [-Include <string[]>] [-Exclude <string[]>] "
                     "[-Scope <string>] [<CommonParameters>]\n\n")


def test_get_command_syntax_of_alias():
    r = run("Get-Command gv -Syntax")
    assert r.lines[0] == "gv (alias) -> Get-Variable"


def test_get_command_function():
    r = run("function Test-Thing { param($a) }; (Get-Command Test-Thing).CommandType")
    assert r.lines == ["Function"]


def test_get_command_total_count():
    ctx = new_context("/tmp")
    assert len(run_cmdlet(ctx, "Get-Command", "*", TotalCount=3).output) == 3


# ---------------------------------------------------------------------------------------------
# Set-StrictMode

def test_strict_mode_undefined_variable():
    r = run("Set-StrictMode -Version Latest; $nope; 'after'")
    assert "The variable '$nope' cannot be retrieved because it has not been set." in r.err
    assert r.lines == ["after"]


def test_strict_mode_off():
    r = run("Set-StrictMode -Version 1.0; Set-StrictMode -Off; \"[$nope]\"")
    assert r.lines == ["[]"] and r.err == ""


def test_strict_mode_levels():
    ctx = new_context("/tmp")
    for version, level in (("1.0", 1), ("2", 2), ("3.0", 3), ("Latest", 3), ("5.1", 3)):
        run_cmdlet(ctx, "Set-StrictMode", Version=version)
        assert ctx.strict_mode == level
    run_cmdlet(ctx, "Set-StrictMode", Off=True)
    assert ctx.strict_mode == 0


def test_strict_mode_invalid_version():
    r = run("Set-StrictMode -Version 9.0; 'next'")
    assert "Cannot validate argument on parameter 'Version'." in r.err
    assert r.lines == ["next"]


def test_strict_mode_follows_scope():
    # Set-StrictMode only affects the scope it runs in and its children
    r = run("function f { Set-StrictMode -Version Latest; $undefinedInF }; f; \"[$undefinedOutside]\"")
    assert "The variable '$undefinedInF' cannot be retrieved" in r.err
    assert r.lines == ["[]"]


def test_strict_mode_inherited_by_child_scope():
    r = run("Set-StrictMode -Version 1; function g { $undefinedInG }; g")
    assert "The variable '$undefinedInG' cannot be retrieved" in r.err


def test_strict_mode_hidden_from_get_variable():
    r = run("Set-StrictMode -Version 2; (Get-Variable | Where-Object { $_.Name -match 'strict' }).Count")
    assert "strictmode" not in r.out.casefold()


def test_variable_options_text_in_flag_order():
    r = run("New-Variable v 1 -Option ReadOnly, AllScope; (Get-Variable v).Options")
    assert r.lines == ["ReadOnly, AllScope"]
