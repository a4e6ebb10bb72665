"""Select-Object, Sort-Object, Group-Object, Measure-Object, Compare-Object, Tee-Object, Get-Member, New-Object,
Get-Random and Get-Unique, run end to end in-process.

Cases marked "Pester:" are ported from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Utility/
<File>.Tests.ps1 (the It-block name is quoted).
"""
from __future__ import annotations

import pytest

from pslark.interpreter.engine import get_engine
from pslark.runtime.host import CollectingHost

EMPLOYEES = """
$employees = @(
    [pscustomobject]@{"FirstName"="joseph"; "LastName"="smith"; "YearsInMS"=15}
    [pscustomobject]@{"FirstName"="paul"; "LastName"="smith"; "YearsInMS"=15}
    [pscustomobject]@{"FirstName"="mary"; "LastName"="soe"; "YearsInMS"=5}
    [pscustomobject]@{"FirstName"="edmund"; "LastName"="bush"; "YearsInMS"=9}
)
"""

SORT_EMPLOYEES = """
$employee1 = [pscustomobject]@{"FirstName"="john"; "LastName"="smith"; "YearsInMS"=5}
$employee2 = [pscustomobject]@{"FirstName"="joesph"; "LastName"="smith"; "YearsInMS"=15}
$employee3 = [pscustomobject]@{"FirstName"="john"; "LastName"="smyth"; "YearsInMS"=12}
$employees = @($employee1,$employee2,$employee3)
"""


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


def lines(script: str) -> list[str]:
    out, err = run(script)
    assert err == "", err
    return out.splitlines()


def one(script: str) -> str:
    out = lines(script)
    assert len(out) == 1, out
    return out[0]


# ------------------------------------------------------------------------------------------------
# Select-Object

def test_select_first_last_skip():
    # Pester: Select-Object "Select-Object with Skip should work" / "SkipLast" / "Skip and SkipLast"
    assert one('("1","2","3" | Select-Object -Skip 1) -join ","') == "2,3"
    assert one('("1","2","3" | Select-Object -SkipLast 1) -join ","') == "1,2"
    assert one('("1","2","3" | Select-Object -Skip 1 -SkipLast 1) -join ","') == "2"
    assert one('@("1","2" | Select-Object -Skip 2 -SkipLast 1).Count') == "0"
    assert one('@("1","2" | Select-Object -Skip 1 -SkipLast 2).Count') == "0"


def test_select_property_first_last_overlap():
    # Pester: "Select-Object with Property First Last Overlap should work" / "Property First Last should work"
    assert one(EMPLOYEES + '@($employees | Select-Object -Property "YearsInMS", "L*" -First 2 -Last 3).Count') == "4"
    out = lines(EMPLOYEES + '$r = $employees | Select-Object -Property "YearsInMS", "L*" -First 2 -Last 1\n'
                            '$r.Count; $r[2].LastName; $r[2].YearsInMS')
    assert out == ["3", "bush", "9"]


def test_select_first_and_last_zero():
    # Pester: "Select-Object with Property First Zero should work" / "Last Zero"
    assert one(EMPLOYEES + '@($employees | Select-Object -Property YearsInMS -First 0).Count') == "0"
    assert one(EMPLOYEES + '@($employees | Select-Object -Property YearsInMS -Last 0).Count') == "0"


def test_select_unique_with_properties():
    # Pester: "Select-Object with Unique should work"
    out = lines(EMPLOYEES + '$r = $employees | Select-Object -Property "YearsInMS", "L*" -Unique:$true\n'
                            '$r.Count; $r[0].LastName; $r[1].LastName; $r[2].LastName')
    assert out == ["3", "smith", "soe", "bush"]


def test_select_unique_scalars_case_sensitive_by_default():
    # Pester: "Should work correctly with Unique parameter" / "... Unique and CaseInsensitive parameter"
    assert one('("a", "b", "c", "a", "a", "a" | Select-Object -Unique).Length') == "3"
    assert one('("abc", "Abc" | Select-Object -Unique) -join ","') == "abc,Abc"
    assert one('("abc", "Abc" | Select-Object -Unique -CaseInsensitive) -join ","') == "abc"


def test_select_string_property_and_no_input():
    # Pester: "Select-Object with string property should work" / "Select-Object with no input should work"
    assert one('("bar" | Select-Object -Prop foo | Measure-Object).Count') == "1"
    assert one('@($null | Select-Object -Property "FirstName", "YearsInMS", "FirstNa*").Count') == "0"


def test_select_index_and_skip_index():
    # Pester: "Select-Object with Index should work" / "SkipIndex should work" / "... index out of range"
    assert one('"1", "2", "3" | Select-Object -Index 2') == "3"
    assert one('("1", "2", "3" | Select-Object -SkipIndex 0, 2) -join ","') == "2"
    assert one('(0..10 | Select-Object -SkipIndex 5, 6, 7, 8, 11) -join ","') == "0,1,2,3,4,9,10"


def test_select_empty_script_block_property_is_terminating():
    # Pester: "Select-Object with empty script block property should throw"
    out = lines('try { "bar" | Select-Object -Prop {} -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; '
                '$_.CategoryInfo.Reason }')
    assert out[0] == "EmptyScriptBlockAndNoName,Microsoft.PowerShell.Commands.SelectObjectCommand"


def test_select_exclude_property_implies_star():
    # Pester: "Select-Object with implicit Property = '*' exclude single property" (issues #2351, #2420)
    out = lines('$r = [pscustomobject]@{Thing = "thing1"; Param2 = "param2"} | Select-Object -ExcludeProperty Param2\n'
                '$r.Thing; $r.PSObject.Properties.Name -join ","')
    assert out == ["thing1", "Thing"]


def test_select_selected_type_name_added_once():
    # Pester: "Select-Object add 'Selected.*' type only once"
    out = lines('$obj = [PSCustomObject]@{ Name = 1 }\n$obj = $obj | Select-Object\n$obj.psobject.TypeNames.Count\n'
                '$obj.psobject.TypeNames[0]')
    assert out == ["3", "Selected.System.Management.Automation.PSCustomObject"]


def test_select_hashtable_entries_and_members():
    # Pester: "Select-Object behaviour with hashtable entries and actual members"
    assert one('(@{ Entry = 100 } | Select-Object -Property Entry).Entry') == "100"
    assert one('@{ Entry = 100 } | Select-Object -ExpandProperty Entry') == "100"
    assert one('@{ Value = 10 } | Select-Object -ExpandProperty Keys') == "Value"
    assert one('@{ Keys = 10 } | Select-Object -ExpandProperty Keys') == "10"
    assert one('@{ a = 10; b = 20; c = 30 } | Select-Object -ExpandProperty Count') == "3"


def test_select_expand_property_not_found_error():
    # Pester: "works with ExpandProperty and error handling"
    out, err = run('[pscustomobject]@{a=1} | Select-Object -ExpandProperty nope')
    assert out == ""
    assert 'Property "nope" cannot be found.' in err
    fq = one('try { [pscustomobject]@{a=1} | Select-Object -ExpandProperty nope -ErrorAction Stop } '
             'catch { $_.FullyQualifiedErrorId }')
    assert fq == "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand"


def test_select_expand_with_property_adds_note_properties():
    out = lines('$r = [pscustomobject]@{ a = "x"; b = 1 } | Select-Object -ExpandProperty a -Property b\n$r\n$r.b')
    assert out == ["x", "1"]


def test_select_calculated_property_keys():
    out = lines(EMPLOYEES + '$r = $employees[0] | Select-Object @{n="F"; e={$_.FirstName.Length}}, '
                            '@{Label="L"; Expression="LastName"}\n$r.F; $r.L')
    assert out == ["6", "smith"]
    out, err = run('1 | Select-Object @{foo=1}')
    assert "The foo key is not valid." in err


def test_select_first_stops_upstream():
    # Pester: "Should not wait when used without -Wait option" / "Should wait when used with -Wait option"
    assert one('$n = 0; 1..100 | ForEach-Object { $n++; $_ } | Select-Object -First 3 | Out-Null; $n') == "3"
    assert one('$n = 0; 1..100 | ForEach-Object { $n++; $_ } | Select-Object -First 3 -Wait | Out-Null; $n') == "100"


def test_select_first_does_not_leak_stop_exception():
    # Pester: "Should not leak 'StopUpstreamCommandsException' internal exception for stopping upstream"
    out = lines('1, 2 | Select-Object -First 1 -ErrorVariable err\n$err.Count')
    assert out == ["1", "0"]


def test_select_renaming_multiple_results_error():
    out, err = run('[pscustomobject]@{ a1 = 1; a2 = 2 } | Select-Object @{ n = "x"; e = "a*" }')
    assert "Cannot rename multiple results." in err


# ------------------------------------------------------------------------------------------------
# Sort-Object

def test_sort_nulls_first_missing_last():
    # Pester: "Sort-Object with object array should work"
    out = lines("""
$employee1 = [pscustomobject]@{"FirstName"="Eight"; "LastName"="Eight"; "YearsInMS"=8}
$employee2 = [pscustomobject]@{"FirstName"="Eight"; "YearsInMS"=$null}
$employee3 = [pscustomobject]@{"FirstName"="Minus"; "LastName"="Two"; "YearsInMS"=-2}
$employee4 = [pscustomobject]@{"FirstName"="One"; "LastName"="One"; "YearsInMS"=1}
$results = @($employee1,$employee2,$employee3,$employee4) | Sort-Object -Property YearsInMS
$results.FirstName -join ","
""")
    assert out == ["Minus,Eight,One,Eight"]


def test_sort_missing_property_sorts_last():
    # Pester: "Sort-Object with Non Existing And Null Property should work"
    out = one('$a = [pscustomobject]@{T = "atype"}; $b = [pscustomobject]@{T = "btype"}; $n = [pscustomobject]@{T = $null}\n'
              '($n, "b", $b, $a | Sort-Object -Property T | ForEach-Object { if ($_.T) { $_.T } '
              'elseif ($_ -eq "b") { "b" } else { "null" } }) -join ","')
    assert out == "null,atype,btype,b"


def test_sort_order_entry_keys():
    # Pester: "Sort-Object with Non Conflicting / Conflicting / One Order Entry Keys should work"
    base = SORT_EMPLOYEES
    assert one(base + '($employees | Sort-Object -Property @{"e"="YearsInMS"; "descending"=$false; "ascending"=$true} '
                      '-Descending).YearsInMS -join ","') == "5,12,15"
    assert one(base + '($employees | Sort-Object -Property @{"e"="YearsInMS"; "descending"=$false; "ascending"=$false} '
                      '-Descending).YearsInMS -join ","') == "15,12,5"
    assert one(base + '($employees | Sort-Object -Property @{"e"="YearsInMS"; "descending"=$false} '
                      '-Descending).YearsInMS -join ","') == "5,12,15"


def test_sort_unique_follows_dotnet_sort_order():
    # Pester: "Sort-Object with Non Case-Sensitive Unique should work" (List<T>.Sort is not stable)
    out = lines(SORT_EMPLOYEES + '$r = $employees | Sort-Object -Property "LastName" -Descending -Unique\n'
                                 '$r.Count; $r[0].YearsInMS; $r[1].YearsInMS')
    assert out == ["2", "12", "15"]


def test_sort_case_sensitive_unique_and_two_keys():
    # Pester: "Sort-Object with Case-Sensitive Unique should work" / "Two Order Entry Keys should work"
    assert one(SORT_EMPLOYEES + '($employees | Sort-Object -Property "LastName","FirstName" -Descending -Unique '
                                '-CaseSensitive).YearsInMS -join ","') == "12,5,15"
    assert one(SORT_EMPLOYEES + '($employees | Sort-Object -Property @(@{"expression"="LastName"; "ascending"=$false}, '
                                '@{"expression"="FirstName"; "ascending"=$true}) -Descending).YearsInMS -join ","') \
        == "12,15,5"
    assert one(SORT_EMPLOYEES + '($employees | Sort-Object -Property @(@{"e"="FirstName"; "asc"=$true}, '
                                '@{"e"="LastName"}) -Descending).YearsInMS -join ","') == "15,12,5"
    assert one(SORT_EMPLOYEES + '($employees | Sort-Object -Property "LastName","FirstName" '
                                '-Descending:$false).YearsInMS -join ","') == "15,5,12"


def test_sort_stable_modulo():
    # Pester: "Sort-Object Stable Unit Tests" (Modulo stable sort)
    assert one('(1..20 | Sort-Object {$_ % 3} -Stable) -join ","') == \
        "3,6,9,12,15,18,1,4,7,10,13,16,19,2,5,8,11,14,17,20"
    assert one('(1..20 | Sort-Object {$_ % 3} -Stable -Descending) -join ","') == \
        "2,5,8,11,14,17,20,1,4,7,10,13,16,19,3,6,9,12,15,18"
    assert one('(1..20 | Sort-Object {$_ % 3} -Stable -Unique) -join ","') == "3,1,2"
    assert one('(1..20 | Sort-Object {$_ % 3} -Stable -Unique -Descending) -join ","') == "2,1,3"


def test_sort_top_bottom_match_full_sort():
    # Pester: "Sort-Object Top and Bottom Unit Tests" (Integer n-sort)
    data = "973474993,271612178,-1258909473,659770354,1829227828,-1709391247,-10835210,-1477737798,1125017828,813732193"
    full = one(f"({data} | Sort-Object) -join ','").split(",")
    assert one(f"({data} | Sort-Object -Top 9) -join ','").split(",") == full[:9]
    assert one(f"({data} | Sort-Object -Bottom 9) -join ','").split(",") == full[1:]
    fulld = one(f"({data} | Sort-Object -Descending) -join ','").split(",")
    assert one(f"({data} | Sort-Object -Descending -Top 3) -join ','").split(",") == fulld[:3]
    assert one(f"({data} | Sort-Object -Top 100) -join ','").split(",") == full


def test_sort_numbers_strings_and_case():
    assert one("(10, 9, 100, 1 | Sort-Object) -join ','") == "1,9,10,100"
    assert one("('10', '9', '100' | Sort-Object) -join ','") == "10,100,9"
    assert one("('b', 'a', 'B', 'A' | Sort-Object -CaseSensitive) -join ','") == "a,A,b,B"
    assert one("('b', 'A', 'c' | Sort-Object -Descending) -join ','") == "c,b,A"


def test_sort_top_requires_positive():
    out, err = run("1..3 | Sort-Object -Top 0")
    assert "ParameterArgumentValidationError" in one(
        "try { 1..3 | Sort-Object -Top 0 } catch { $_.FullyQualifiedErrorId }")


# ------------------------------------------------------------------------------------------------
# Group-Object

def test_group_case_sensitive():
    # Pester: Group-Object DRT "Test for CaseSensitive switch"
    out = lines("$r = 'aA', 'aA', 'AA', 'AA' | Group-Object -CaseSensitive\n$r.Count\n$r[0].Name; $r[1].Name\n"
                "$r[0].Group -join ','")
    assert out == ["2", "aA", "AA", "aA,aA"]


def test_group_as_hashtable_by_property():
    # Pester: "Should be able to retrieve objects by key when using -AsHashTable without -AsString"
    out = lines('$t = [pscustomobject] @{a="one"; b=2}, [pscustomobject] @{a="two"; b=10}\n'
                '$r = $t | Group-Object -AsHashtable -Property a\n$r.one.b\n$r["two"].b')
    assert out == ["2", "10"]


def test_group_as_hashtable_scriptblock_scenario():
    # Pester: "User's scenario should work (see issue #6933 ...)"
    out = lines("$r = 1..9 | ForEach-Object {[PSCustomObject]@{ErrorMessage = if ($_ % 2) {'SomeError'} else {''}}} | "
                "Group-Object -Property {if ($_.ErrorMessage) {'Failed'} else {'Successful'}} -AsHashTable\n"
                "$r['Failed'].Count\n$r['Successful'].Count")
    assert out == ["5", "4"]


def test_group_empty_note_property():
    # Pester: "Should understand empty NoteProperty"
    out = lines('$r = @("dummy" | Select-Object -Property @{Name = "X"; Expression = {}} | Group-Object X)\n'
                '$r.Count\n"[" + $r[0].Name + "]"\n"$($r[0].Group)"')
    assert out == ["1", "[]", "@{X=}"]


def test_group_as_string_requires_as_hashtable():
    # Pester: "Should throw when attempting to use AsString without AsHashTable"
    out, err = run("1, 2 | Group-Object -AsString")
    assert "The command cannot be run because the AsString parameter requires that you specify the AsHashtable" in err


def test_group_case_sensitive_hashtable_keys():
    # Pester: "should not throw a key duplication error with -CaseSensitive -AsHashtable"
    out = lines("$r = [PSCustomObject]@{ C = 'Bill' }, [PSCustomObject]@{ C = 'bill' } | "
                "Group-Object -Property C -AsHashTable -CaseSensitive\n($r.Keys | Sort-Object -CaseSensitive) -join ','")
    assert out == ["bill,Bill"]


def test_group_no_element_and_values():
    out = lines("$r = 1, 2, 2, 3 | Group-Object -NoElement\n($r | ForEach-Object Count) -join ','\n@($r[1].Group).Count\n"
                "$r[1].Values[0]")
    assert out == ["1,2,1", "0", "2"]


def test_group_sorted_output_and_mixed_types():
    assert one("('b', 'a', 'b' | Group-Object).Name -join ','") == "a,b"
    assert one("(3, 1, 3 | Group-Object).Name -join ','") == "1,3"


# ------------------------------------------------------------------------------------------------
# Measure-Object

def test_measure_basic_stats():
    # Pester: Measure-Object "Numeric tests"
    out = lines("$m = 1, 3, 4 | Measure-Object -Sum -Average -Minimum -Maximum\n$m.Count; $m.Sum; $m.Average; "
                "$m.Minimum; $m.Maximum")
    assert out == ["3", "8", "2.66666666666667", "1", "4"]


def test_measure_wildcard_properties():
    # Pester: "Should be able to use wildcards for the Property argument"
    out = lines("$data = [pscustomobject]@{ A1 = 1; A2 = 2; C3 = 3 }, [pscustomobject]@{ A1 = 1; A2 = 2; A3 = 3 }\n"
                "$a = $data | Measure-Object -Property A* -Sum\n$a.Count\n"
                "$a | ForEach-Object { $_.Property + '=' + $_.Sum + '/' + $_.Count }")
    assert out == ["3", "A1=2/2", "A2=4/2", "A3=3/1"]


def test_measure_text():
    # Pester: Measure-Object DRT "Measure-Object with multiple lines should work" / "Text combination"
    assert one('("123`n4" | Measure-Object -Line).Lines') == "2"
    out = lines(EMPLOYEES.replace('"edmund"', '"edmund`todd `n"').replace('"mary"', '"mary jo"') +
                "$r = $employees | Measure-Object -Character -Word -Line -Prop FirstName\n$r.Characters; $r.Words; "
                "$r.Lines\n($employees | Measure-Object -Character -IgnoreWhiteSpace -Prop FirstName).Characters")
    assert out == ["29", "6", "4", "25"]


def test_measure_non_numeric_error_and_count_without_input():
    out, err = run("'a', 1 | Measure-Object -Sum")
    assert 'Input object "a" is not numeric.' in err
    assert one("(Measure-Object).Count") == "0"


def test_measure_standard_deviation_is_sample():
    assert one("(1, 2, 3, 4 | Measure-Object -StandardDeviation).StandardDeviation") == "1.29099444873581"
    out = lines("$m = 1..10 | Measure-Object -AllStats\n$m.Sum; $m.Average; $m.Maximum")
    assert out == ["55", "5.5", "10"]


def test_measure_strings_min_max():
    out = lines("$m = 'pear', 'apple', 'fig' | Measure-Object -Minimum -Maximum\n$m.Minimum; $m.Maximum")
    assert out == ["apple", "pear"]


# ------------------------------------------------------------------------------------------------
# Compare-Object

def test_compare_basic_and_include_equal():
    # Pester: Compare-Object "Should be able to compare objects" (side indicators)
    out = lines("(Compare-Object 'a', 'b', 'c' 'b', 'c', 'd') | ForEach-Object { $_.InputObject + $_.SideIndicator }")
    assert out == ["d=>", "a<="]
    out = lines("Compare-Object 1, 2, 3 2, 3, 4 -IncludeEqual | ForEach-Object { \"$($_.InputObject)$($_.SideIndicator)\" }")
    assert out == ["2==", "3==", "4=>", "1<="]


def test_compare_exclude_different_and_passthru():
    out = lines("$r = Compare-Object 1, 2, 3 2, 3, 4 -ExcludeDifferent\n$r.Count\n$r[0].SideIndicator")
    assert out == ["2", "=="]
    out = lines("$r = Compare-Object 'a' 'b' -PassThru\n$r\n$r[0].SideIndicator")
    assert out == ["b", "a", "=>"]


def test_compare_sync_window_zero():
    out = lines("Compare-Object 1, 2 2, 1 -SyncWindow 0 | ForEach-Object { \"$($_.InputObject)$($_.SideIndicator)\" }")
    assert out == ["2=>", "1<=", "1=>", "2<="]


def test_compare_null_reference_error():
    out, err = run("Compare-Object $null 1")
    assert "because it is null" in err


def test_compare_property():
    out = lines("$a = [pscustomobject]@{ Name = 'x'; Size = 1 }, [pscustomobject]@{ Name = 'y'; Size = 2 }\n"
                "$b = [pscustomobject]@{ Name = 'x'; Size = 5 }, [pscustomobject]@{ Name = 'z'; Size = 2 }\n"
                "Compare-Object $a $b -Property Name | ForEach-Object { $_.Name + $_.SideIndicator }")
    assert out == ["z=>", "y<="]


# ------------------------------------------------------------------------------------------------
# Tee-Object

def test_tee_variable_and_file(tmp_path):
    p = tmp_path / "tee.txt"
    out = lines(f"1..3 | Tee-Object -Variable t | ForEach-Object {{ $_ * 10 }}\n$t -join ','\n"
                f"'a', 'b' | Tee-Object -FilePath '{p}' | Out-Null\n'c' | Tee-Object -FilePath '{p}' -Append | Out-Null")
    assert out == ["10", "20", "30", "1,2,3"]
    assert p.read_text() == "a\nb\nc\n"


# ------------------------------------------------------------------------------------------------
# Get-Member

def test_get_member_groups_by_type_and_errors_without_input():
    out = lines("$m = [pscustomobject]@{ Name = 'x'; Size = 3 } | Get-Member -MemberType NoteProperty\n"
                "$m.Name -join ','\n$m[0].TypeName\n$m[0].MemberType")
    assert out == ["Name,Size", "System.Management.Automation.PSCustomObject", "NoteProperty"]
    out, err = run("Get-Member")
    assert "You must specify an object for the Get-Member cmdlet." in err


def test_get_member_name_filter_and_one_group_per_type():
    assert one("(1, 2, 3 | Get-Member -Name CompareTo).Count") == "1"


# ------------------------------------------------------------------------------------------------
# New-Object

def test_new_object_psobject_and_arraylist():
    # Pester: New-Object "should create an object with 4 fields" style cases
    out = lines("$o = New-Object -TypeName PSObject -Property @{ Name = 'a'; Size = 2 }\n$o.Name; $o.Size\n"
                "$l = New-Object System.Collections.ArrayList\n$null = $l.Add(1)\n$l.Count")
    assert out == ["a", "2", "1"]


def test_new_object_type_not_found():
    # Pester: New-Object "New-Object with invalid type should throw Exception" (TypeNotFound)
    out = lines("try { New-Object -TypeName LiarType -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; "
                "$_.Exception.Message }")
    assert out[0] == "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand"
    assert out[1] == "Cannot find type [LiarType]: verify that the assembly containing this type is loaded."


# ------------------------------------------------------------------------------------------------
# Get-Random

def test_get_random_ranges():
    # Pester: Get-Random "Should return a number within the range ..." cases
    assert one("$v = Get-Random -Minimum 1 -Maximum 2; $v") == "1"
    assert one("$ok = $true; 1..50 | ForEach-Object { $r = Get-Random -Minimum -5 -Maximum 5; "
               "if ($r -lt -5 -or $r -ge 5) { $ok = $false } }; $ok") == "True"
    assert one("(Get-Random -Count 5 -Maximum 100 | Measure-Object).Count") == "5"


def test_get_random_min_not_less_than_max():
    # Pester: "Should throw an error because the hexadecimal number is to large" / MinGreaterThanOrEqualMax
    out = lines("try { Get-Random -Minimum 10 -Maximum 5 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out == ["MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand",
                   "The Minimum value (10) cannot be greater than or equal to the Maximum value (5)."]


def test_get_random_input_objects_seed_and_shuffle():
    # Pester: "Should return the same number for SetSeed" / "Should return all elements when -Shuffle"
    assert one("(Get-Random -SetSeed 42 -Maximum 1000) -eq (Get-Random -SetSeed 42 -Maximum 1000)") == "True"
    assert one("(1..10 | Get-Random -Count 3 | Measure-Object).Count") == "3"
    assert one("(1..10 | Get-Random -Count 30 | Measure-Object).Count") == "10"
    assert one("((1..5 | Get-Random -Shuffle) | Sort-Object) -join ','") == "1,2,3,4,5"
    assert one("(Get-Random -InputObject 'only') ") == "only"


# ------------------------------------------------------------------------------------------------
# Get-Unique

def test_get_unique():
    # Pester: Get-Unique "Should be able to use the Get-Unique cmdlet without error" / -AsString / -OnType
    assert one("(1, 1, 2, 2, 2, 3, 1 | Get-Unique) -join ','") == "1,2,3,1"
    assert one("('a', 'A', 'a' | Get-Unique) -join ','") == "a,A,a"
    assert one("('a', 'A', 'a' | Get-Unique -CaseInsensitive) -join ','") == "a"
    assert one("(1, 'x', 2, 'y' | Get-Unique -OnType) -join ','") == "1,x,2,y"
    assert one("(1, 2, 'x', 'y' | Get-Unique -OnType) -join ','") == "1,x"


@pytest.mark.parametrize("alias,cmd", [("select", "Select-Object"), ("group", "Group-Object"),
                                       ("measure", "Measure-Object"), ("gm", "Get-Member")])
def test_linux_aliases(alias, cmd):
    assert one(f"(Get-Alias {alias}).Definition") == cmd


# ------------------------------------------------------------------------------------------------
# Add-Member (Pester: Add-Member.Tests.ps1 "Add-Member DRT Unit Tests")

def fqid(script: str) -> str:
    return one("try { " + script + " } catch { $_.FullyQualifiedErrorId }")


@pytest.mark.parametrize("member_type", ["CodeMethod", "MemberSet", "PropertySet", "ScriptMethod", "NoteProperty"])
def test_add_member_should_not_have_value2(member_type):
    # Pester: "Should Not Have Value2"
    assert fqid(f"Add-Member -InputObject a -MemberType {member_type} -Name Name -Value something "
                "-SecondValue somethingElse") == "Value2ShouldNotBeSpecified,Microsoft.PowerShell.Commands.AddMemberCommand"


@pytest.mark.parametrize("member_type", ["Method", "Property", "ParameterizedProperty"])
def test_add_member_cannot_add_adapted_member_types(member_type):
    # Pester: "Cannot Add PS Property Or PS Method"
    assert fqid(f"Add-Member -InputObject a -MemberType {member_type} -Name Name") == \
        "CannotAddMemberType,Microsoft.PowerShell.Commands.AddMemberCommand"


def test_add_member_value_errors():
    # Pester: "Value1 And Value2 Should Not Both Null", "Fail to add unexisting type", "... Reference Wrong Type"
    ns = ",Microsoft.PowerShell.Commands.AddMemberCommand"
    assert fqid("Add-Member -InputObject a -MemberType AnythingElse -Name Name") == "CannotConvertArgumentNoMessage" + ns
    for mt in ("CodeProperty", "ScriptProperty"):
        assert fqid(f"Add-Member -memberType {mt} -Name P -Value $null -SecondValue $null -InputObject a") == \
            "Value1AndValue2AreNotBothNull" + ns
    assert fqid("Add-Member -InputObject a -MemberType AliasProperty -Name Name -Value something "
                "-SecondValue unexistingType") == "InvalidCastFromStringToType" + ns
    for mt in ("CodeProperty", "MemberSet", "ScriptMethod", "ScriptProperty"):
        assert fqid(f"Add-Member -InputObject a -MemberType {mt} -Name Name -Value something") == \
            "ConvertToFinalInvalidCastException" + ns
    assert fqid("Add-Member -InputObject a -MemberType NoteProperty, ScriptMethod -Name n -Value 1") == \
        "WrongMemberCount" + ns


def test_add_member_alias_script_and_type_names():
    # Pester: "Successful alias, no type" / "with type", "Add ScriptMethod Success", "Add TypeName ... Success",
    # "Add Single Note To Array"
    assert lines("$r = Add-Member -InputObject a -MemberType AliasProperty -Name Cnt -Value Length -PassThru\n"
                 "$r.Cnt; $r.Cnt.GetType().Name") == ["1", "Int32"]
    assert lines("$r = Add-Member -InputObject a -MemberType AliasProperty -Name Cnt -Value Length -SecondValue String "
                 "-PassThru\n$r.Cnt.GetType().Name") == ["String"]
    assert lines("$r = Add-Member -InputObject 'abc' -MemberType ScriptMethod -Name Name -Value {$this.length} -PassThru\n"
                 "$r -eq 'abc'; $r.Name()") == ["True", "3"]
    assert one("('string' | Add-Member -MemberType NoteProperty -Name T -Value Any -TypeName MyType -PassThru)"
               ".PSTypeNames[0]") == "MyType"
    assert one("('string' | Add-Member -TypeName System.Object -PassThru).PSTypeNames[0]") == "System.Object"
    assert one("$a = 1,2,3; $a = Add-Member -InputObject $a -MemberType NoteProperty -Name Name -Value Value "
               "-PassThru; $a.Name") == "Value"


def test_add_member_note_property_sets():
    # Pester: "Add Multiple Note Members", "Add Multiple Note With TypeName", "Add Multiple Members With Force",
    # "Simplified Add-Member should support using 'Property' as the NoteProperty member name"
    assert lines("$o = New-Object psobject\nAdd-Member -InputObject $o @{Name='Name'; TestInt=1}\n"
                 "$o.Name; $o.TestInt") == ["Name", "1"]
    assert one("$o = New-Object psobject; $o = Add-Member -InputObject $o @{a=1} -TypeName MyType -PassThru; "
               "$o.PSTypeNames[0]") == "MyType"
    assert one("$o = New-Object psobject; $o | Add-Member -MemberType NoteProperty -Name TestNote -Value 1\n"
               "$o | Add-Member @{TestNote='hello'} -Force; $o.TestNote") == "hello"
    assert lines("(Add-Member -InputObject a property Any -PassThru).property\n"
                 "(Add-Member -InputObject a Method Any -PassThru).Method\n"
                 "(Add-Member -InputObject a 23 Any -PassThru).23\n"
                 "(Add-Member -InputObject a 8 np Any -PassThru).np\n"
                 "(Add-Member -InputObject a 16 sp {1+1} -PassThru).sp") == ["Any", "Any", "Any", "Any", "2"]


def test_add_member_existing_member():
    # Pester: "Verify Add-Member error message is not empty"
    out, err = run("$object = @(1,2)\nAdd-Member -InputObject $object 'ABC' 'Value1'\n"
                   "Add-Member -InputObject $object 'ABC' 'Value2' -ErrorVariable ev -ErrorAction SilentlyContinue\n"
                   "$ev.Exception.GetType().FullName; $ev.FullyQualifiedErrorId")
    assert err == ""
    assert out.splitlines() == ["System.InvalidOperationException",
                                "MemberAlreadyExists,Microsoft.PowerShell.Commands.AddMemberCommand"]
    out, err = run("[pscustomobject]@{a=1} | Add-Member NoteProperty a 2")
    assert err == ('Add-Member: Cannot add a member with the name "a" because a member with that name already exists. '
                   'To overwrite the member anyway, add the Force parameter to your command.\n')


def test_add_member_script_property_and_passthru_table():
    out = lines("$o = [pscustomobject]@{a=1}\n"
                "$o | Add-Member -MemberType ScriptProperty -Name Double -Value { $this.a * 2 } "
                "-SecondValue { $this.a = $args[0] / 2 }\n"
                "$o.Double; $o.Double = 10; $o.a\n"
                "$o | Add-Member -NotePropertyName b -NotePropertyValue 3 -PassThru | Format-Table")
    assert out == ["2", "5", "", "a Double b", "- ------ -", "5     10 3", ""]


def test_new_object_value_type_defaults():
    # Pester: New-Object "New-Object with char should work" (Activator.CreateInstance of a struct)
    assert lines("$c = New-Object -TypeName char; $c.Count; [int]$c; (New-Object int) + 1; (New-Object datetime).Year; "
                 "(New-Object bool)") == ["1", "0", "1", "1", "False"]


def test_get_member_force_shows_accessors():
    # Pester: Get-Member "Get Set Property Accessors On PsBase"
    assert lines("(('abc').psbase | Get-Member -Force get_*).Name") == ["get_Chars", "get_Length"]
    assert lines("('abc' | Get-Member get_*).Count") == ["0"]


def test_add_member_on_non_psobject_seen_by_cmdlets():
    # Pester: Json.Tests.ps1 "AddMember on JsonObject" (members added to a Version object without -PassThru)
    out = lines("$v = New-Object System.Version 2, 3, 4, 14\n"
                "$v | Add-Member -MemberType NoteProperty -Name Note -Value 'a version object'\n"
                "$v | Add-Member -MemberType AliasProperty -Name Rev -Value Revision\n"
                "$v | Add-Member -MemberType ScriptProperty -Name IsOld -Value { ($this.Major -le 3) }\n"
                "$json = ConvertTo-Json $v | ConvertFrom-Json\n$json.Note; $json.Rev; $json.IsOld\n"
                "($v | Select-Object Note).Note\n($v | Get-Member -MemberType NoteProperty).Name")
    assert out == ["a version object", "14", "True", "a version object", "Note"]
