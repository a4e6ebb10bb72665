"""ConvertTo-Json / ConvertFrom-Json and the CSV cmdlets, end to end in-process.

Cases marked "Pester:" come from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Utility/
<File>.Tests.ps1 (the It-block name is quoted).
"""
from __future__ import annotations

import pytest

from pslark.interpreter.engine import get_engine
from pslark.runtime.host import CollectingHost


@pytest.fixture(autouse=True)
def en_us(monkeypatch):
    # as tests/conftest.py's run_pslark: pwsh's culture comes from LANG; the expectations are en-US ones
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def run(script: str) -> tuple[str, str]:
    eng = get_engine()
    host = CollectingHost()
    ctx = eng.new_runspace(host)
    eng.run_text(ctx, script)
    return host.stdout_text, host.stderr_text


def out(script: str) -> str:
    o, e = run(script)
    assert e == "", e
    return o


def lines(script: str) -> list[str]:
    return out(script).splitlines()


# ------------------------------------------------------------------------------------------------
# ConvertTo-Json

def test_json_layout_indented():
    assert out("[pscustomobject]@{ a = 1; b = @(1, 2); c = @{}; d = @() } | ConvertTo-Json") == (
        '{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ],\n  "c": {},\n  "d": []\n}\n')


def test_json_depth_zero_and_as_array():
    # Pester: "Should accept minimum depth as 0." / "The result string is packed in an array symbols ..."
    assert out("1 | ConvertTo-Json -Depth 0") == "1\n"
    assert out("1 | ConvertTo-Json -AsArray") == "[\n  1\n]\n"
    assert out("1, 2 | ConvertTo-Json -AsArray -Compress") == "[1,2]\n"
    assert out("1 | ConvertTo-Json") == "1\n"


@pytest.mark.parametrize("params,expected", [
    ("", "{\n  \"abc\": \"'def'\"\n}\n"),
    ("-EscapeHandling Default", "{\n  \"abc\": \"'def'\"\n}\n"),
    ("-EscapeHandling EscapeHtml", "{\n  \"abc\": \"\\u0027def\\u0027\"\n}\n"),
])
def test_json_escape_handling(params, expected):
    # Pester: "The result string should <Name>."
    assert out(f"@{{ 'abc' = \"'def'\" }} | ConvertTo-Json {params}") == expected


def test_json_nulls():
    # Pester: "Should handle null"
    assert out("[pscustomobject] @{ prop=$null } | ConvertTo-Json -Compress") == '{"prop":null}\n'
    assert out("$null | ConvertTo-Json -Compress") == "null\n"
    assert out("ConvertTo-Json -Compress $null") == "null\n"
    assert out("1, $null, 2 | ConvertTo-Json -Compress") == "[1,null,2]\n"


def test_json_depth_truncation_warning():
    o, e = run("@{ a = @{ b = @{ c = @{ d = 1 } } } } | ConvertTo-Json -Compress")
    assert o == ('WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.\n'
                 '{"a":{"b":{"c":"System.Collections.Hashtable"}}}\n')
    assert out("@{ a = @{ b = @{ c = @{ d = 1 } } } } | ConvertTo-Json -Compress -Depth 5") == \
        '{"a":{"b":{"c":{"d":1}}}}\n'
    assert out("[pscustomobject]@{a=[pscustomobject]@{b=[pscustomobject]@{c=[pscustomobject]@{d=1}}}} | "
               "ConvertTo-Json -Compress -WarningAction SilentlyContinue") == '{"a":{"b":{"c":"@{d=1}"}}}\n'


def test_json_numbers_strings_dates():
    assert out("[double]3 | ConvertTo-Json") == "3.0\n"
    assert out("1.5, 1e20, 0.1 | ConvertTo-Json -Compress") == "[1.5,1E+20,0.1]\n"
    assert out('"a`"b`n\\c" | ConvertTo-Json') == '"a\\"b\\n\\\\c"\n'
    assert out("$true, $false | ConvertTo-Json -Compress") == "[true,false]\n"
    assert out("[datetime]::new(2024, 1, 2, 3, 4, 5, [DateTimeKind]::Utc) | ConvertTo-Json") == \
        '"2024-01-02T03:04:05Z"\n'


def test_json_non_string_key_error():
    o, e = run("@{ 1 = 'a' } | ConvertTo-Json")
    assert "Keys must be strings." in e


# ------------------------------------------------------------------------------------------------
# ConvertFrom-Json

@pytest.mark.parametrize("switch", ["$true", "$false"])
def test_json_from_single_and_multi_line(switch):
    # Pester: "Can convert a single-line object ..." / "one string-per-object" / "multi-line object"
    assert lines(f"('{{\"a\" : \"1\"}}' | ConvertFrom-Json -AsHashtable:{switch}).a") == ["1"]
    assert lines(f"$j = @('{{\"a\" : \"1\"}}', '{{\"a\" : \"x\"}}') | ConvertFrom-Json -AsHashtable:{switch}\n"
                 "$j.Count\n$j[1].a") == ["2", "x"]
    assert lines(f"(@('{{\"a\" :', '\"x\"}}') | ConvertFrom-Json -AsHashtable:{switch}).a") == ["x"]


def test_json_from_types():
    out_ = lines("$o = '{\"i\":1,\"d\":1.5,\"s\":\"x\",\"b\":true,\"n\":null,\"l\":[1,2],\"o\":{\"k\":\"v\"},"
                 "\"t\":\"2024-01-02T03:04:05\"}' | ConvertFrom-Json\n"
                 "$o.i; $o.d; $o.s; $o.b; $null -eq $o.n; $o.l.Count; $o.o.k; $o.t.Year")
    assert out_ == ["1", "1.5", "x", "True", "True", "2", "v", "2024"]


def test_json_from_array_enumerates_unless_no_enumerate():
    assert lines("('[1,2,3]' | ConvertFrom-Json | Measure-Object).Count") == ["3"]
    assert lines("('[1,2,3]' | ConvertFrom-Json -NoEnumerate | Measure-Object).Count") == ["1"]


def test_json_from_lenient_syntax():
    assert lines("$j = \"{ /* c */ a: 1, 'b': 'x' // tail`n}\"\n($j | ConvertFrom-Json).b") == ["x"]


def test_json_from_errors():
    o, e = run("'{\"a\":' | ConvertFrom-Json")
    assert "Conversion from JSON failed with error:" in e
    o, e = run("'{\"a\":1,\"A\":2}' | ConvertFrom-Json")
    assert "Cannot convert the JSON string because it contains keys with different casing." in e
    o, e = run("'{\"\":1}' | ConvertFrom-Json")
    assert "property whose name is an empty string" in e
    o, e = run("'[[[1]]]' | ConvertFrom-Json -Depth 2")
    assert "MaxDepth of 2 has been exceeded" in e


def test_json_round_trip():
    assert lines("$j = [pscustomobject]@{ name = 'x'; items = 1, 2 } | ConvertTo-Json\n"
                 "$o = $j | ConvertFrom-Json\n$o.name; $o.items -join ','") == ["x", "1,2"]


# ------------------------------------------------------------------------------------------------
# CSV

EMP = "$e = [pscustomobject]@{ Name = 'a'; N = 1 }, [pscustomobject]@{ Name = 'b, c'; N = 2 }\n"


def test_convertto_csv_default_quoting_and_nulls():
    # Pester: ConvertTo-Csv "Should output an array of objects" / "UseQuotes" cases
    assert lines(EMP + "$e | ConvertTo-Csv") == ['"Name","N"', '"a","1"', '"b, c","2"']
    assert lines(EMP + "$e | ConvertTo-Csv -UseQuotes AsNeeded") == ['Name,N', 'a,1', '"b, c",2']
    assert lines(EMP + "$e | ConvertTo-Csv -UseQuotes Never") == ['Name,N', 'a,1', 'b, c,2']
    assert lines(EMP + "$e | ConvertTo-Csv -QuoteFields N") == ['Name,"N"', 'a,"1"', 'b, c,"2"']
    assert lines("[pscustomobject]@{ a = $null; b = '' } | ConvertTo-Csv") == ['"a","b"', ',""']


def test_convertto_csv_type_information_and_no_header():
    assert lines("[pscustomobject]@{ a = 1 } | ConvertTo-Csv -IncludeTypeInformation") == \
        ["#TYPE System.Management.Automation.PSCustomObject", '"a"', '"1"']
    assert lines("[pscustomobject]@{ a = 1 } | ConvertTo-Csv -NoTypeInformation -NoHeader") == ['"1"']
    assert lines("'ab' | ConvertTo-Csv") == ['"Length"', '"2"']


def test_convertto_csv_hashtable_and_delimiter():
    assert lines("[ordered]@{ x = 1; y = 2 } | ConvertTo-Csv -Delimiter ';'") == ['"x";"y"', '"1";"2"']


def test_convertto_csv_rejects_format_objects():
    o, e = run("[pscustomobject]@{ a = 1 } | Format-Table | ConvertTo-Csv")
    assert "is not valid or not in the correct sequence" in e


def test_convertfrom_csv():
    # Pester: ConvertFrom-Csv "Should have the same output ..." / "-Header"
    assert lines("$r = 'a,b', '1,2', '3' | ConvertFrom-Csv\n$r.Count\n$r[0].b\n$null -eq $r[1].b") == \
        ["2", "2", "True"]
    assert lines("$s = '\"x \"\"q\"\"\",\"line1' + \"`n\" + 'line2\"'\n$r = $s | ConvertFrom-Csv -Header A, B\n"
                 "$r.A\n$r.B") == \
        ['x "q"', "line1", "line2"]
    assert lines("($r = 'a;b', '1;2' | ConvertFrom-Csv -Delimiter ';').b") == ["2"]


def test_convertfrom_csv_type_line_and_missing_headers():
    # Pester: ConvertFrom-Csv "Should Contain the Imported Type data"
    assert lines("('#TYPE My.Type', 'a', '1' | ConvertFrom-Csv).PSObject.TypeNames") == ["My.Type", "CSV:My.Type"]
    o, e = run("$r = 'a,,c', '1,2,3' | ConvertFrom-Csv\n$r.H1")
    assert o == 'WARNING: One or more headers were not specified. Default names starting with "H" have been used ' \
                'in place of any missing headers.\n2\n'


def test_export_import_csv_round_trip(tmp_path):
    p = tmp_path / "data.csv"
    assert lines(EMP + f"$e | Export-Csv -Path '{p}'\n$b = Import-Csv -Path '{p}'\n$b.Count\n$b[1].Name") == \
        ["2", "b, c"]
    assert p.read_text() == '"Name","N"\n"a","1"\n"b, c","2"\n'


def test_export_csv_append_and_mismatch(tmp_path):
    # Pester: Export-Csv "Should append to a file" / "Should throw when appending mismatched properties"
    p = tmp_path / "append.csv"
    out(f"[pscustomobject]@{{ a = 1; b = 2 }} | Export-Csv '{p}'\n"
        f"[pscustomobject]@{{ a = 3; b = 4 }} | Export-Csv '{p}' -Append")
    assert p.read_text() == '"a","b"\n"1","2"\n"3","4"\n'
    o, e = run(f"[pscustomobject]@{{ a = 5 }} | Export-Csv '{p}' -Append")
    assert "The appended object does not have a property that corresponds to the following column: b." in e
    out(f"[pscustomobject]@{{ b = 6; z = 7 }} | Export-Csv '{p}' -Append -Force")
    assert p.read_text().splitlines()[-1] == ',"6"'


def test_export_csv_no_clobber(tmp_path):
    p = tmp_path / "nc.csv"
    p.write_text("x\n")
    o, e = run(f"[pscustomobject]@{{ a = 1 }} | Export-Csv '{p}' -NoClobber")
    assert "already exists." in e
    assert p.read_text() == "x\n"


def test_import_csv_missing_file(tmp_path):
    o, e = run(f"Import-Csv '{tmp_path}/nope.csv'")
    assert "Could not find file" in e


def test_convertto_json_dbnull_and_ets_properties():
    # Pester: ConvertTo-Json "Should handle 'AutomationNull.Value' and 'NullString.Value' correctly" /
    # "Should handle the ETS properties added to 'DBNull.Value' ..."
    assert out("[ordered]@{ a = $null; c = [System.DBNull]::Value } | ConvertTo-Json -Compress") == \
        '{"a":null,"c":null}\n'
    assert out("Add-Member -InputObject ([System.DBNull]::Value) -MemberType NoteProperty -Name dbnull -Value 'dbnull' "
               "-PassThru | ConvertTo-Json -Compress") == '{"value":null,"dbnull":"dbnull"}\n'


def test_convertfrom_json_date_kind():
    # Pester: ConvertFrom-Json "Parses DateKind String strings" / "Parses DateKind Utc strings" (pwsh 7.5)
    assert out("'\"1970-01-01T00:00:00.0000000+10:00\"' | ConvertFrom-Json -DateKind String") == \
        "1970-01-01T00:00:00.0000000+10:00\n"
    assert out("$d = '\"1970-01-01T00:00:00.0000000+10:00\"' | ConvertFrom-Json -DateKind Utc; "
               "$d.Kind; $d.ToString('o')") == "Utc\n1969-12-31T14:00:00.0000000Z\n"
    assert out("$d = '\"1970-01-01T00:00:00\"' | ConvertFrom-Json -DateKind Offset; $d.GetType().Name") == \
        "DateTimeOffset\n"


def test_convertfrom_json_depth_counts_containers():
    # Pester: ConvertFrom-Json "Can convert an object with depth equal to Depth param" / "Fails to convert an object
    # with greater depth than Depth param"
    assert out("('{\"1\":{\"2\":true}}' | ConvertFrom-Json -Depth 2).'1'.'2'") == "True\n"
    o, e = run("'{\"1\":{\"2\":{\"3\":true}}}' | ConvertFrom-Json -Depth 2")
    assert "MaxDepth of 2 has been exceeded" in e


def test_convertfrom_json_ashashtable_is_a_hashtable():
    # Pester: ConvertFrom-Json "Can convert one string-per-object with AsHashtable switch" (Should -BeOfType Hashtable)
    assert out("$h = '{\"b\":1,\"a\":2}' | ConvertFrom-Json -AsHashtable; $h -is [hashtable]; $h.GetType().FullName; "
               "$h.Keys -join ','") == "True\nSystem.Management.Automation.OrderedHashtable\nb,a\n"


def test_csv_exclusive_parameters():
    # Pester: ConvertTo-Csv "Does not support -UseQuotes and -QuoteFields at the same time" / "... -IncludeTypeInformation
    # and -NoTypeInformation at the same time"; texts from CsvCommandStrings.resx
    o, e = run("[pscustomobject]@{a=1} | ConvertTo-Csv -UseQuotes Always -QuoteFields a")
    assert e == "ConvertTo-Csv: You must specify either the -UseQuotes or -QuoteFields parameters, but not both.\n"
    o, e = run("try { [pscustomobject]@{a=1} | ConvertTo-Csv -IncludeTypeInformation -NoTypeInformation } "
               "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert o == ("CannotSpecifyIncludeTypeInformationAndNoTypeInformation,Microsoft.PowerShell.Commands."
                 "ConvertToCsvCommand\nYou must specify either the -IncludeTypeInformation or -NoTypeInformation "
                 "parameters, but not both.\n")


def test_export_csv_round_trip_into_same_file(tmp_path):
    # Pester: Export-Csv "Does not include headers when imported with headers and exported using -NoHeader"
    f = tmp_path / "o.csv"
    o, e = run(f"[pscustomobject]@{{P1 = 'first'}} | Export-Csv -Path '{f}'\n"
               f"(Import-Csv -Path '{f}') | Export-Csv -Path '{f}' -NoHeader\nGet-Content '{f}'")
    assert e == "" and o == '"first"\n'
