"""Get/Set/Push/Pop-Location and $PWD, end to end.

"Pester:" cases come from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Management/
Set-Location.Tests.ps1, Push-Location.Tests.ps1, Pop-Location.Tests.ps1 and Get-Location.Tests.ps1.
"""
from __future__ import annotations

import os

from tests.unit.cmdlet_harness import new_context, run as run_cmdlet
from tests.unit.session_helpers import error_ids, run


def test_get_location_table(tmp_path):
    r = run("Get-Location", str(tmp_path))
    assert r.out == f"\nPath\n----\n{tmp_path}\n\n"


def test_get_location_is_pathinfo(tmp_path):
    ctx = new_context(str(tmp_path))
    res = run_cmdlet(ctx, "Get-Location")
    info = res.value
    assert info.type_names[0] == "System.Management.Automation.PathInfo"
    assert info.ps_get("Path") == str(tmp_path) and info.ps_get("ProviderPath") == str(tmp_path)
    assert str(info.ps_get("Drive")) == "/"
    assert str(info.ps_get("Provider")) == "Microsoft.PowerShell.Core\\FileSystem"


def test_set_location_relative_and_pwd(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    r = run("Set-Location a; \"$PWD\"; cd b; \"$PWD\"; cd ..; cd ..; \"$PWD\"", str(tmp_path))
    assert r.lines == [str(tmp_path / "a"), str(tmp_path / "a" / "b"), str(tmp_path)]
    assert r.ctx.session.location == str(tmp_path)


def test_set_location_never_changes_process_cwd(tmp_path):
    before = os.getcwd()
    run("Set-Location /", str(tmp_path))
    assert os.getcwd() == before


def test_set_location_passthru(tmp_path):
    # Pester: "Should generate a pathinfo object when using the Passthru switch"
    ctx = new_context(str(tmp_path))
    res = run_cmdlet(ctx, "Set-Location", "/", PassThru=True)
    assert res.value.type_names[0] == "System.Management.Automation.PathInfo" and res.value.path == "/"


def test_set_location_not_found(tmp_path):
    r = run("Set-Location nope; \"$PWD\"", str(tmp_path))
    assert f"Cannot find path '{tmp_path}/nope' because it does not exist." in r.err
    assert error_ids(r.ctx) == ["PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"]
    assert r.lines == [str(tmp_path)]


def test_set_location_to_file_fails(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    r = run("Set-Location f.txt", str(tmp_path))
    assert "PathNotFound" in error_ids(r.ctx)[0]


def test_set_location_home(tmp_path):
    # Pester: "Should go to $env:HOME when Set-Location run with no arguments"
    r = run("Set-Location; \"$PWD\"; cd /; cd ~; \"$PWD\"", str(tmp_path))
    home = r.ctx.session.home
    assert r.lines == [home, home]


def test_set_location_history_back_and_forth(tmp_path):
    # Pester: "Should go to last location back, forth and back again when specifying minus, plus and minus"
    (tmp_path / "t").mkdir()
    r = run("$i = \"$PWD\"; Set-Location t; $t = \"$PWD\"; Set-Location -; \"$PWD\"; Set-Location +; \"$PWD\";"
            "Set-Location -; \"$PWD\"", str(tmp_path))
    assert r.lines == [str(tmp_path), str(tmp_path / "t"), str(tmp_path)]


def test_set_location_history_exhausted(tmp_path):
    # Pester: "Location History is limited" (the empty-history error)
    r = run("Set-Location -; 'next'", str(tmp_path))
    assert "There is no location history left to navigate backwards." in r.err
    assert error_ids(r.ctx) == ["System.InvalidOperationException,Microsoft.PowerShell.Commands.SetLocationCommand"]
    assert r.lines == ["next"]
    r = run("Set-Location +", str(tmp_path))
    assert "There is no location history left to navigate forwards." in r.err


def test_set_location_history_limited_to_20(tmp_path):
    r = run("1..25 | ForEach-Object { Set-Location / }; $n = 0;"
            "try { while ($true) { Set-Location - -ErrorAction Stop; $n++ } } catch { $n }", str(tmp_path))
    assert r.lines == ["20"]


def test_set_location_literal_minus(tmp_path):
    # Pester: 'Should nativate to literal path "-"'
    (tmp_path / "-").mkdir()
    r = run("Set-Location -LiteralPath '-'; \"$PWD\"", str(tmp_path))
    assert r.lines == [str(tmp_path / "-")]


def test_set_location_wildcard(tmp_path):
    (tmp_path / "alpha").mkdir()
    r = run("Set-Location al*; \"$PWD\"", str(tmp_path))
    assert r.lines == [str(tmp_path / "alpha")]


def test_set_location_pipeline(tmp_path):
    (tmp_path / "p").mkdir()
    r = run("'p' | Set-Location; \"$PWD\"", str(tmp_path))
    assert r.lines == [str(tmp_path / "p")]


def test_push_pop_location(tmp_path):
    # Pester: Pop-Location "Should be able pop multiple times"
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    start = tmp_path / "a" / "b" / "c"
    r = run("Push-Location ..; Push-Location ..; Push-Location ..; \"$PWD\"; Pop-Location; Pop-Location; Pop-Location;"
            "\"$PWD\"", str(start))
    assert r.lines == [str(tmp_path), str(start)]


def test_push_location_passthru_and_pipeline(tmp_path):
    # Pester: "Should produce a pathinfo object when the passthru parameter is used" / "take a piped variable"
    (tmp_path / "d").mkdir()
    ctx = new_context(str(tmp_path / "d"))
    res = run_cmdlet(ctx, "Push-Location", "..", PassThru=True)
    assert res.value.path == str(tmp_path)
    res = run_cmdlet(ctx, "Push-Location", input=["/"])
    assert ctx.session.location == "/"


def test_pop_location_empty_is_silent(tmp_path):
    # Pester: Pop-Location "Should be able to be called without error"
    r = run("Pop-Location; 'ok'", str(tmp_path))
    assert r.lines == ["ok"] and r.err == ""


def test_pop_location_takes_no_positional(tmp_path):
    # Pester: "Should not take a parameter"
    r = run("Pop-Location ..", str(tmp_path))
    assert "A positional parameter cannot be found that accepts argument '..'." in r.err


def test_named_stacks(tmp_path):
    r = run("Push-Location / -StackName s1; Push-Location /tmp -StackName s1; (Get-Location -Stack -StackName s1).Count;"
            "Pop-Location -StackName s1 -PassThru", str(tmp_path))
    assert r.lines[0] == "2"
    assert "/" in r.lines


def test_get_location_stack_output(tmp_path):
    r = run("Push-Location /; Push-Location /tmp; Get-Location -Stack", str(tmp_path))
    assert r.out == f"\nPath\n----\n/\n{tmp_path}\n\n"


def test_pwd_variable_is_pathinfo(tmp_path):
    ctx = new_context(str(tmp_path))
    pwd = ctx.session.get_variable("PWD").value
    assert pwd.type_names[0] == "System.Management.Automation.PathInfo" and str(pwd) == str(tmp_path)
    run_cmdlet(ctx, "Set-Location", "/")
    assert str(ctx.session.get_variable("PWD").value) == "/"


def test_pwd_property_access(tmp_path):
    r = run("$PWD.Path; (Get-Location).Path", str(tmp_path))
    assert r.lines == [str(tmp_path), str(tmp_path)]


def test_location_used_by_native_commands(tmp_path):
    (tmp_path / "sub").mkdir()
    r = run("Set-Location sub; pwd | Out-Null; /bin/pwd", str(tmp_path))
    assert r.lines == [str(tmp_path / "sub")]
