"""Format-Table, Format-List, Format-Wide and Format-Custom as cmdlets, end to end in-process (80-column host).

Cases marked "Pester:" come from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Utility/
<File>.Tests.ps1 (the It-block name is quoted).
"""
from __future__ import annotations

import pytest

from pslark.interpreter.engine import get_engine
from pslark.runtime.host import CollectingHost

E = """$e = @(
    [pscustomobject]@{ Name = 'joseph'; Dept = 'dev'; Years = 15 }
    [pscustomobject]@{ Name = 'paul'; Dept = 'dev'; Years = 5 }
    [pscustomobject]@{ Name = 'mary'; Dept = 'ops'; Years = 9 }
)
"""


@pytest.fixture(autouse=True)
def en_us(monkeypatch):
    # as tests/conftest.py's run_pslark: pwsh's culture comes from LANG; the expectations are en-US ones
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def run(script: str) -> tuple[str, str]:
    eng = get_engine()
    host = CollectingHost(width=80)
    ctx = eng.new_runspace(host)
    eng.run_text(ctx, script)
    return host.stdout_text, host.stderr_text


def out(script: str) -> str:
    o, e = run(script)
    assert e == "", e
    return o


def test_format_table_default_and_properties():
    assert out(E + "$e | Format-Table") == (
        "\nName   Dept Years\n----   ---- -----\njoseph dev     15\npaul   dev      5\nmary   ops      9\n\n")
    assert out(E + "$e | Format-Table Name, Years") == (
        "\nName   Years\n----   -----\njoseph    15\npaul       5\nmary       9\n\n")


def test_format_table_calculated_properties():
    # Pester: Format-Table "Should be able to use calculated properties" style cases
    assert out(E + "$e | Format-Table Name, @{ Label = 'Y'; Expression = { $_.Years }; Alignment = 'Left' } -AutoSize") \
        == "\nName   Y\n----   -\njoseph 15\npaul   5\nmary   9\n\n"


def test_format_table_hide_headers_and_group_by():
    assert out(E + "$e | Format-Table -HideTableHeaders") == (
        "\njoseph dev     15\npaul   dev      5\nmary   ops      9\n\n")
    o = out(E + "$e | Format-Table -GroupBy Dept")
    assert o.startswith("\n   Dept: dev\n\nName   Dept Years\n")
    assert "\n   Dept: ops\n" in o


def test_format_table_invalid_keys():
    # Pester: Format-Table "Format-Table with invalid calculated property key should throw" (DictionaryKeyIllegal)
    o, e = run("1 | Format-Table @{ foo = 1 }")
    assert "The foo key is not valid." in e
    o, e = run("1 | Format-Table @{ e = 'x'; Width = 0 }")
    assert 'should be greater than 0.' in e
    o, e = run("1 | Format-Table @{ e = 'x'; Alignment = 'diagonal' }")
    assert 'valid values are Left, Center, Right.' in e
    o, e = run("1 | Format-Table @{ Name = 'x' }")
    assert "A mandatory entry for expression is missing." in e


def test_format_list():
    assert out(E + "$e | Select-Object -First 2 | Format-List Name, Years") == (
        "\nName  : joseph\nYears : 15\n\nName  : paul\nYears : 5\n\n")
    assert out("[pscustomobject]@{ a = 1; b = 'two' } | Format-List *") == "\na : 1\nb : two\n\n"


def test_format_list_calculated():
    assert out("[pscustomobject]@{ a = 2 } | Format-List @{ n = 'Double'; e = { $_.a * 2 } }") == "\nDouble : 4\n\n"


def test_format_wide():
    # Pester: Format-Wide "Should be able to specify the columns in output using the column switch"
    o = out("'alpha', 'beta', 'gamma', 'delta' | ForEach-Object { [pscustomobject]@{ Name = $_ } } | "
            "Format-Wide -Column 2")
    assert o == "\nalpha" + " " * 35 + "beta\ngamma" + " " * 35 + "delta\n\n"


def test_format_wide_autosize_and_column_conflict():
    # Pester: Format-Wide ... CannotSpecifyAutosizeAndColumns / "property switch and view switch are used together"
    o, e = run("'a' | Format-Wide -AutoSize -Column 2")
    assert "Cmdlet parameters AutoSize and Column are mutually exclusive." in e
    o, e = run("'a' | Format-Wide -Property Length -View aoeu")
    assert "Cmdlet parameters View and Property are mutually exclusive." in e


def test_format_wide_null_and_empty():
    # Pester: "Format-Wide with No Objects for End-To-End should work" / "Null Objects"
    assert out("$p = @{}; @($p | Format-Wide).Count") == "0\n"
    assert out("$p = $null; @($p | Format-Wide).Count") == "0\n"


def test_format_output_is_packets():
    o = out(E + "($e | Format-Table).Count -gt 0\n@($e | Format-List)[0].GetType().FullName -like '*Format*'")
    assert o.splitlines()[0] == "True"


def test_format_table_then_out_string():
    assert out("[pscustomobject]@{foo=1} | Format-Table | Out-String") == "\nfoo\n---\n  1\n\n\n"


def test_format_custom_scalars():
    assert out("'abc' | Format-Custom") == "abc\n"


def test_format_exclude_property():
    # Pester: Format-Wide "ExcludeProperty parameter" (Should exclude specified property and display first remaining)
    o, e = run("$o = [pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle' }\n"
               "$o | Format-Wide -ExcludeProperty Name | Out-String\n$o | Format-List -ExcludeProperty Age, C* | Out-String")
    assert e == ""
    assert "30" in o and "Test" in o.split("Name : ")[-1] and "Seattle" not in o and "Age" not in o


def test_format_view_not_found_is_pipeline_stopped():
    # Pester: Format-Table "Format-Table with not existing table with force should throw PipelineStoppedException"
    o, e = run("$obj = New-Object -TypeName PSObject\ntry { $obj | Format-Table -View bar -Force -ErrorAction Stop } "
               "catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Reason }")
    assert o.splitlines() == ["FormatViewNotFound,Microsoft.PowerShell.Commands.FormatTableCommand",
                              "PipelineStoppedException"]
