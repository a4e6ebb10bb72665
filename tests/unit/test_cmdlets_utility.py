"""Get-Date, New-TimeSpan, Start-Sleep, Measure-Command, Invoke-Expression, Read-Host, Get-Host, Get-Culture,
Get-Error and Select-String, end to end in-process.

Cases marked "Pester:" come from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Utility/
<File>.Tests.ps1 (the It-block name is quoted).
"""
from __future__ import annotations

import os
import threading
import time

import pytest

from pslark.interpreter.engine import get_engine
from pslark.runtime.host import CollectingHost


@pytest.fixture(autouse=True)
def en_us(monkeypatch):
    # as tests/conftest.py's run_pslark: pwsh's culture comes from LANG; the expectations are en-US ones
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def runspace(host=None):
    eng = get_engine()
    host = host or CollectingHost()
    return eng, host, eng.new_runspace(host)


def run(script: str) -> tuple[str, str]:
    eng, host, ctx = runspace()
    eng.run_text(ctx, script)
    return host.stdout_text, host.stderr_text


def lines(script: str) -> list[str]:
    o, e = run(script)
    assert e == "", e
    return o.splitlines()


def one(script: str) -> str:
    out = lines(script)
    assert len(out) == 1, out
    return out[0]


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    if hasattr(time, "tzset"):
        time.tzset()
    yield
    if hasattr(time, "tzset"):
        monkeypatch.undo()
        time.tzset()


# ------------------------------------------------------------------------------------------------
# Get-Date

def test_get_date_all_parameters():
    # Pester: Get-Date DRT "Get-Date with all parameters returns proper results"
    out = lines("$r = Get-Date -Date '2024-05-06 07:08:09' -Year 1973 -Month 2 -Day 22 -Hour 15 -Minute 40 "
                "-Second 10 -Millisecond 200\n$r.Year; $r.Month; $r.Day; $r.Hour; $r.Minute; $r.Second; $r.Millisecond")
    assert out == ["1973", "2", "22", "15", "40", "10", "200"]


def test_get_date_format_and_uformat():
    # Pester: "using -format produces the correct output" / "using -uformat produces the correct output"
    assert one('Get-date -Date:"Jan 1, 2020" -Format:"MMM-dd-yy"') == "Jan-01-20"
    assert one('Get-date -Date:"Jan 1, 2020" -UFormat:"%s"') == "1577836800"
    assert one("Get-date -Date 0030-01-01T00:00:00 -uformat %y/%m/%d-%H") == "30/01/01-00"
    assert one("Get-Date -Date '2024-03-05 14:07:09' -UFormat '%Y-%m-%d %T %j %u %V %%'") == "2024-03-05 14:07:09 065 2 10 %"


def test_get_date_file_formats():
    # Pester: "-Format FileDate works" / "FileDateTime" / "FileDateTimeUniversal" / "FileDateUniversal"
    assert one("Get-date -Date 0030-01-01T01:02:03.0004 -Format FileDate") == "00300101"
    assert one("Get-date -Date 0030-01-01T01:02:03.0004 -Format FileDateTime") == "00300101T0102030004"
    assert one("Get-date -Date 0030-01-01T01:02:03.0004Z -Format FileDateTimeUniversal") == "00300101T0102030004Z"
    assert one("Get-date -Date 0030-01-01T01:02:03.0004Z -Format FileDateUniversal") == "00300101Z"


def test_get_date_lowercase_z():
    # Pester: "-Format FileDateTimeUniversal works" (written with a lowercase z)
    assert one("Get-date -Date 0030-01-01T01:02:03.0004z -Format FileDateTimeUniversal") == "00300101T0102030004Z"


def test_get_date_display_hint():
    # Pester: "using -displayhint produces the correct output"
    o, e = run('(Get-date -Date:"Jan 1, 2020" -DisplayHint Date | Out-String).Trim()')
    assert o == "Wednesday, January 1, 2020\n"


def test_get_date_uformat_null_or_empty_is_validation_error():
    # Pester: "Passing '<name>' to -uformat produces a descriptive error"
    # (the pwsh 7.4 test file: ParameterArgumentValidationErrorNullNotAllowed / ...EmptyStringNotAllowed)
    out = lines('try { Get-date -Date 1/1/1970 -uformat "" -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }\n'
                'try { Get-date -Date 1/1/1970 -uformat $null -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }')
    assert out == ["ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.GetDateCommand",
                   "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.GetDateCommand"]


def test_get_date_uformat_week_numbers():
    # Pester: "using -uformat 'sStTuUVwWxXyYZ' produces the correct output", "using -uformat 'V'/'G'/'g'"
    assert one("Get-Date -Date 1/1/0030 -UFormat %S%T%u%U%w%W%x%X%y%Y%%") == "0000:00:00202001/01/3000:00:00300030%"
    assert one("Get-Date -Date 2030-04-05 -UFormat '%U %W %V'") == "13 13 14"
    assert one("Get-Date -Date 2005-01-01 -UFormat '%V %G %g'") == "53 2004 04"


def test_get_date_pipeline_input_by_property_name():
    # Pester: "Get-date works with pipeline input"
    assert one("$x = [pscustomobject]@{ Date = [datetime]'2020-01-01' }\n(@($x, $x) | Get-Date).Length") == "2"


def test_get_date_unix_time_and_as_utc():
    assert one("Get-Date -UnixTimeSeconds 0 -AsUTC -Format 'yyyy-MM-dd HH:mm:ss'") == "1970-01-01 00:00:00"
    assert one("(Get-Date -Date '2024-01-31' -Month 2).Day") == "29"


def test_get_date_now_is_close():
    assert one("$d = (Get-Date) - [datetime]::Now; [math]::Abs($d.TotalSeconds) -lt 5") == "True"


# ------------------------------------------------------------------------------------------------
# New-TimeSpan

def test_new_timespan_parameters():
    # Pester: New-TimeSpan "Should work with positional parameters" / "with named Days, Hours, Minutes..."
    assert lines("$t = New-TimeSpan -Days 1 -Hours 2 -Minutes 3 -Seconds 4 -Milliseconds 5\n"
                 "$t.Days; $t.Hours; $t.Minutes; $t.Seconds; $t.Milliseconds") == ["1", "2", "3", "4", "5"]
    assert one("(New-TimeSpan '2024-01-01' '2024-01-11').Days") == "10"
    assert one("(New-TimeSpan -Start '2024-01-02' -End '2024-01-01').TotalDays") == "-1"
    assert one("(New-TimeSpan -Minutes 90).ToString()") == "01:30:00"


# ------------------------------------------------------------------------------------------------
# Start-Sleep / Measure-Command

def test_start_sleep_parameters():
    # Pester: Start-Sleep "Should work properly when sleeping with Second/Milliseconds/Duration"
    t0 = time.monotonic()
    assert lines("Start-Sleep -Milliseconds 100\nStart-Sleep 0.1\nStart-Sleep -Duration 00:00:00.1") == []
    assert time.monotonic() - t0 >= 0.29


def test_start_sleep_is_interrupted_by_stop():
    eng, host, ctx = runspace()
    result = {}

    def target():
        t0 = time.monotonic()
        eng.run_text(ctx, "Start-Sleep -Seconds 30")
        result["elapsed"] = time.monotonic() - t0

    th = threading.Thread(target=target)
    th.start()
    time.sleep(0.3)
    ctx.stop_event.set()
    th.join(5)
    assert not th.is_alive()
    assert result["elapsed"] < 2


def test_measure_command():
    # Pester: Measure-Command "Should be able to measure a command" / "can execute input pipeline"
    assert lines("$t = Measure-Command { Start-Sleep -Milliseconds 150 }\n$t.TotalMilliseconds -ge 140\n"
                 "$t.GetType().FullName") == ["True", "System.TimeSpan"]
    assert one("$n = 0; $null = 1..3 | Measure-Command { $n += $_ }; $n") == "6"
    assert one("$null = Measure-Command { $inner = 'set' }; $inner") == "set"
    assert lines("Measure-Command { 'not output' } | Out-Null") == []


# ------------------------------------------------------------------------------------------------
# Invoke-Expression

def test_invoke_expression_runs_in_caller_scope():
    # Pester: Invoke-Expression "Should execute the command in the current scope"
    assert lines("Invoke-Expression '$x = 5'\n$x\nfunction f { Invoke-Expression '$y = 1'; $y }\nf\n$null -eq $y") == \
        ["5", "1", "True"]


def test_invoke_expression_output_and_pipeline():
    assert lines("Invoke-Expression '1 + 2'\n'3 * 4', '5' | Invoke-Expression\niex 'Write-Output a b'") == \
        ["3", "12", "5", "a", "b"]


def test_invoke_expression_parse_error():
    o, e = run("Invoke-Expression '1 +'")
    assert "You must provide a value expression following the '+' operator." in e
    assert one("try { Invoke-Expression '1 +' } catch { $_.FullyQualifiedErrorId }") == \
        "ExpectedValueExpression,Microsoft.PowerShell.Commands.InvokeExpressionCommand"


# ------------------------------------------------------------------------------------------------
# Read-Host / Get-Host / Get-Culture

def test_read_host_non_interactive_is_terminating():
    o, e = run("Read-Host 'Name'\n'after'")
    assert "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available." in e
    assert o == "after\n"


def test_read_host_reads_redirected_stdin_unless_noninteractive():
    # Pester: Read-Host "Read-Host doesn't enter command prompt mode" ("!1" | pwsh -c "Read-host -Prompt 'foo'")
    from tests.conftest import run_pslark
    r = run_pslark(["-NoProfile", "-c", "Read-host -Prompt 'foo'"], stdin="!1\n")
    assert r.stdout.splitlines() == ["foo: !1", "!1"]
    r = run_pslark(["-NonInteractive", "-c", "Read-host -Prompt 'foo'"], stdin="!1\n")
    assert "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available." in r.stderr
    r = run_pslark(["-c", "try { Read-Host -MaskInput -AsSecureString } catch { $_.FullyQualifiedErrorId }"], stdin="")
    assert r.stdout == "AmbiguousParameterSet,Microsoft.PowerShell.Commands.ReadHostCommand\n"


def test_read_host_reads_from_interactive_host():
    class Host(CollectingHost):
        def read_line(self, prompt=""):
            self.write_out(prompt)
            return "typed"

    eng, host, ctx = runspace(Host(interactive=True))
    eng.run_text(ctx, "$v = Read-Host 'Name'\n\"got $v\"")
    assert host.stdout_text == "Name: got typed\n"


def test_get_host_and_culture():
    assert lines("(Get-Host).Name") == ["ConsoleHost"]
    o = lines("(Get-Culture).Name")
    assert len(o) == 1


# ------------------------------------------------------------------------------------------------
# Get-Error

def test_get_error_newest_and_type_names():
    # Pester: Get-Error "Get-Error resolves $error[0] and includes InnerException" / "-Newest <count> works"
    out = lines("Get-Item /nonexistent/x -ErrorAction SilentlyContinue\nWrite-Error 'second' -ErrorAction SilentlyContinue\n"
                "$e = Get-Error\n$e.PSObject.TypeNames[0]\n(Get-Error -Newest 2).Count\n(Get-Error -Last 9999).Count")
    assert out == ["System.Management.Automation.ErrorRecord#PSExtendedError", "2", "2"]


def test_get_error_detailed_view_shows_message():
    o, e = run("Write-Error 'boom' -ErrorAction SilentlyContinue\nGet-Error | Out-String")
    assert "Message" in o and "boom" in o and "FullyQualifiedErrorId" in o


def test_get_error_sees_caught_errors():
    # Pester: Get-Error "Get-Error resolves $error[0] and includes InnerException"
    out = lines("try { 1/0 } catch { }\ntry { throw 'second' } catch { }\n(Get-Error -Newest 2).Count")
    assert out == ["2"]


def test_get_error_newest_validation():
    # Pester: "Get-Error -Newest with invalid value `<value>` should fail"
    assert one("try { Get-Error -Newest 0 } catch { $_.FullyQualifiedErrorId }") == \
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetErrorCommand"


# ------------------------------------------------------------------------------------------------
# Select-String

STRINGS = '$testinputone = "hello","Hello","goodbye"\n$testinputtwo = "hello","Hello"\n'


def test_select_string_case_and_quiet():
    # Pester: Select-String "String actions"
    assert lines(STRINGS + '$testinputtwo | Select-String -Pattern "hello" -CaseSensitive | ForEach-Object Line') == \
        ["hello"]
    assert one(STRINGS + '$testinputtwo | Select-String -Quiet "hello" -CaseSensitive') == "True"
    assert lines(STRINGS + '$testinputtwo | Select-String -Quiet "goodbye"') == []
    assert lines(STRINGS + '$testinputone | Select-String -Pattern "goodbye" -NotMatch | ForEach-Object Line') == \
        ["hello", "Hello"]
    assert lines(STRINGS + '$testinputtwo | Select-String -Pattern "hello" -ca | ForEach-Object Line') == ["hello"]


def test_select_string_out_string_layout():
    # Pester: "Should output a string without highlighting when NoEmphasis is used"
    o, e = run(STRINGS + '$testinputone | Select-String -Pattern "l" -NoEmphasis | Out-String')
    assert o == "\nhello\nHello\n\n\n"


def test_select_string_raw_and_raw_quiet_conflict():
    # Pester: "Should return a string type when -Raw is used" / "-Raw and -Quiet are used together"
    assert lines(STRINGS + '$testinputtwo | Select-String -Pattern "hello" -CaseSensitive -Raw') == ["hello"]
    o, e = run(STRINGS + '$testinputone | Select-String -Pattern "hello" -Raw -Quiet')
    assert "Parameter set cannot be resolved" in e


def test_select_string_input_object_collection():
    # Pester: "Should return null or empty when the input object switch is used on a collection ..."
    assert lines('Select-String -InputObject "some stuff", "other stuff" -Pattern "neither"') == []
    assert lines('(Select-String -InputObject "some stuff", "other stuff" -Pattern "other").Line') == \
        ["some stuff other stuff"]


def test_select_string_matches_and_properties():
    out = lines("$m = 'a1b22' | Select-String '\\d+' -AllMatches\n$m.Matches.Count\n$m.Matches[1].Value\n"
                "$m.LineNumber\n$m.Filename\n$m.Path\n$m.Pattern\n$m.IgnoreCase")
    assert out == ["2", "22", "1", "InputStream", "InputStream", "\\d+", "True"]


def test_select_string_files(tmp_path):
    # Pester: Select-String "Filesystem actions"
    f = tmp_path / "testfile1.txt"
    f.write_text("This is a text string, and another string\nThis is the second line\nThis is the third line\n"
                 "This is the fourth line\nNo matches")
    assert lines(f"Select-String '{f}' -Pattern 'string' | ForEach-Object {{ $_.ToString() }}") == \
        [f"{f}:1:This is a text string, and another string"]
    assert one(f"(Select-String in '{f}').Count") == "4"
    assert one(f"(Select-String is '{f}' -CaseSensitive).Count") == "4"
    assert lines(f"Select-String for '{f}'") == []
    assert one(f"(Select-String 'matc*' '{f}' -CaseSensitive).LineNumber") == "5"
    assert lines(f"Select-String second '{f}' -Raw -Context 2,2") == ["This is the second line"]
    ctx = lines(f"$m = Select-String third '{f}' -Context 1\n$m.Context.PreContext\n$m.Context.PostContext")
    assert ctx == ["This is the second line", "This is the fourth line"]
    assert one(f"(Select-String 'line' '{f}' -List).LineNumber") == "2"
    assert one(f"Select-String 'nomatchhere' '{f}' -Quiet") == "False"


def test_select_string_relative_display(tmp_path):
    f = tmp_path / "rel.txt"
    f.write_text("alpha\nbeta\n")
    o, e = run(f"Set-Location '{tmp_path}'\nSelect-String beta rel.txt")
    assert o == "\nrel.txt:2:beta\n\n"


def test_select_string_errors(tmp_path):
    o, e = run("'x' | Select-String -Pattern '['")
    assert "is not a valid regular expression" in e
    o, e = run(f"Select-String x '{tmp_path}/missing.txt'")
    assert "Cannot find path" in e
    assert one('try { "1" | Select-String -Pattern "hello" -Culture "ru-RU" } catch { $_.FullyQualifiedErrorId }') == \
        "CannotSpecifyCultureWithoutSimpleMatch,Microsoft.PowerShell.Commands.SelectStringCommand"


def test_select_string_simple_match():
    assert lines("'a.b', 'axb' | Select-String -SimpleMatch '.' | ForEach-Object Line") == ["a.b"]


def test_select_string_context_display():
    o, e = run("1..6 | ForEach-Object { \"line $_\" } | Select-String 'line [25]' -Context 1, 1")
    assert o == "\n  line 1\n> line 2\n  line 3\n  line 4\n> line 5\n  line 6\n\n"


@pytest.mark.skipif(os.name != "posix", reason="tty-free run")
def test_clear_host_writes_nothing_when_redirected():
    assert lines("Clear-Host") == []


def test_get_error_view_restores_type_names():
    # Pester: Get-Error "Get-Error will handle Exceptions" (the view gives the object its own type names back)
    out = lines("$error.Insert(0, [Exception]::new('myexception'))\n$err = Get-Error\n$err.PSObject.TypeNames[0]\n"
                "$s = $err | Out-String\n$s -like '*myexception*'\n$err.PSObject.TypeNames[0]")
    assert out == ["System.Exception#PSExtendedError", "True", "System.Exception"]


def test_get_culture_names():
    # Pester: Get-Culture "Should return specified cultures with '-Name' parameter", "Should accept values from a
    # pipeline for '-Name' parameter", "Should write an error on unsupported culture name"
    assert lines("$a = Get-Culture '', 'ru-RU'; $a.Count; $a[0].EnglishName; $a[1].Name; $a[1].EnglishName") == \
        ["2", "Invariant Language (Invariant Country)", "ru-RU", "Russian (Russia)"]
    assert lines("('', 'ru-RU' | Get-Culture).Count; (Get-Culture -Name ru-RU -NoUserOverrides).Name") == ["2", "ru-RU"]
    assert one("try { Get-Culture -Name 'abcdefghijkl' -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }") == \
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetCultureCommand"


def test_get_host_is_dollar_host():
    # Pester: Get-Host "Should works proper with get-host"
    assert lines("$r = Get-Host; $r -eq $Host; $r.PSObject.TypeNames[0]") == \
        ["True", "System.Management.Automation.Internal.Host.InternalHost"]


def test_new_guid():
    # Pester: New-Guid.Tests.ps1 "Returns a new guid", "Should be all zeros", "Should convert a string to a guid, value
    # from pipeline"
    assert lines("(New-Guid).GetType().FullName; (New-Guid -Empty).ToString(); "
                 "$g = '11c43ee8-b9d3-4e51-b73f-bd9dda66e29c','0f8fad5bd9cb469fa16570867728950e' | New-Guid; "
                 "$g[1].ToString(); (New-Guid).ToString() -ne (New-Guid).ToString()") == \
        ["System.Guid", "00000000-0000-0000-0000-000000000000", "0f8fad5b-d9cb-469f-a165-70867728950e", "True"]


def test_import_csv_binds_piped_objects_by_property_name(tmp_path):
    # Pester: Import-Csv "Should handle <name> and bind to LiteralPath from pipeline" / "... bind to Path from pipeline"
    f = tmp_path / "q.csv"
    f.write_text('a1"a2"a3\nv1"v2"v3\n')
    out = lines(f"$p = '{f}'\n"
                "([pscustomobject]@{ LiteralPath = $p } | Import-Csv -Delimiter '\"')[0].psobject.Properties.Name -join ','\n"
                "([pscustomobject]@{ Path = $p } | Import-Csv -Delimiter '\"').a2\n"
                "(Get-Item $p | Import-Csv -Delimiter '\"').a3")
    assert out == ["a1,a2,a3", "v2", "v3"]


def test_join_string():
    # Pester: Join-String.Tests.ps1 (custom separator, quotes, -FormatString, script block property, prefix/suffix)
    assert lines("1..3 | Join-String -Separator ', ' -OutputPrefix '[' -OutputSuffix ']'\n"
                 "'a','b' | Join-String -SingleQuote -Separator ','\n"
                 "'a','b' | Join-String -DoubleQuote -Separator '; '\n"
                 "1.2, 3.4, 5.6 | Join-String -Separator '; ' -Format '{0:N2}'\n"
                 "[pscustomobject]@{N='x'},[pscustomobject]@{N='y'} | Join-String N -Separator '-'\n"
                 "'ab','c' | Join-String -Property { $_.Length } -Separator '+'\n"
                 "$OFS = ','; 1..3 | Join-String -OutputPrefix 'A ' -OutputSuffix ' B'\n"
                 "'hello' | Join-String -Separator $null") == \
        ["[1, 2, 3]", "'a','b'", '"a"; "b"', "1.20; 3.40; 5.60", "x-y", "2+1", "A 1,2,3 B", "hello"]


def test_convertfrom_stringdata_and_secure_random():
    assert lines("$h = ConvertFrom-StringData \"a = 1`nb=two\\tx`n# comment`n\"; $h.Count; $h.a; $h.b") == \
        ["2", "1", "two\tx"]
    assert lines("(Get-SecureRandom -Maximum 10) -lt 10; (1..5 | Get-SecureRandom -Shuffle | Sort-Object) -join ','") \
        == ["True", "1,2,3,4,5"]


def test_get_file_hash(tmp_path):
    f = tmp_path / "h.txt"
    f.write_bytes(b"abc")
    assert lines(f"$r = Get-FileHash '{f}'; $r.Algorithm; $r.Hash; (Get-FileHash '{f}' -Algorithm MD5).Hash") == \
        ["SHA256", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
         "900150983CD24FB0D6963F7D28E17F72"]
