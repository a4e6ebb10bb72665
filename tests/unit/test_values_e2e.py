"""End to end through pslark: member access, methods, indexing, type literals and casts (outputs as pwsh 7.4 prints
them, en-US culture). Sources: about_Member-Access_Enumeration, about_Intrinsic_Members, about_Hash_Tables,
about_Arrays, TypeAccelerator.Tests.ps1, HashtableToPSCustomObjectConversion.Tests.ps1, Array.Tests.ps1."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _en_us(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def run(script: str) -> tuple[str, str]:
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.host import CollectingHost
    eng = get_engine()
    host = CollectingHost(width=80)
    ctx = eng.new_runspace(host)
    eng.run_text(ctx, script)
    return host.stdout_text, host.stderr_text


def out(script: str) -> list[str]:
    o, e = run(script)
    assert e == "", e
    return o.splitlines()


def err(script: str) -> str:
    o, e = run(script)
    assert e, "expected an error"
    return e


@pytest.mark.parametrize("script, expected", [
    # strings
    ('"abc".ToUpper()', ["ABC"]),
    ("'a,b,c'.Split(',')", ["a", "b", "c"]),
    ("'a,b,c'.Split(',', 2)", ["a", "b,c"]),
    ("'abc'.Substring(1)", ["bc"]),
    ("'aAa'.Replace('a','b')", ["bAb"]),
    ("'abc'.Contains('B')", ["False"]),
    ("'abc'.StartsWith('A', 'OrdinalIgnoreCase')", ["True"]),
    ("'5'.PadLeft(3, '0')", ["005"]),
    ("'xxhixx'.Trim('x')", ["hi"]),
    ("'abc'.ToCharArray().Count", ["3"]),
    ("'hello'.IndexOf('l')", ["2"]),
    ("'hello'.Length", ["5"]),
    ("'hello'[0]; 'hello'[-1]", ["h", "o"]),
    ("('hello'[1..3]) -join ''", ["ell"]),
    ("'a-b'.Split('-').GetType().FullName", ["System.String[]"]),
    # numbers
    ("(1234.5).ToString('N2')", ["1,234.50"]),
    ("(255).ToString('X2')", ["FF"]),
    ("(0.1 + 0.2).ToString()", ["0.30000000000000004"]),
    ("(3).CompareTo(5)", ["-1"]),
    ("[int]::MaxValue; [long]::MinValue", ["2147483647", "-9223372036854775808"]),
    ("[byte]::MaxValue + 1", ["256"]),
    ("[math]::Round(2.5); [math]::Round(3.5); [math]::Round(-2.5)", ["2", "4", "-2"]),
    ("[math]::Round(2.5, [MidpointRounding]::AwayFromZero)", ["3"]),
    ("[math]::Round(1.2345, 2)", ["1.23"]),
    ("[math]::Floor(-1.5); [math]::Ceiling(1.1); [math]::Abs(-3)", ["-2", "2", "3"]),
    ("[math]::Pow(2, 8); [math]::Sqrt(81)", ["256", "9"]),
    ("[math]::Max(3, 7); [math]::Min(3, 7)", ["7", "3"]),
    ("[math]::Truncate(-7.9); [math]::Sign(-4)", ["-7", "-1"]),
    ("[double]::IsNaN([double]::NaN)", ["True"]),
    ("\"$([double]::PositiveInfinity)\"", ["Infinity"]),
    # datetime / timespan
    ("[datetime]::new(2024, 1, 15).ToString('yyyy-MM-dd')", ["2024-01-15"]),
    ("([datetime]'2024-01-31').AddMonths(1).ToString('yyyy-MM-dd')", ["2024-02-29"]),
    ("([datetime]'2024-03-10').DayOfWeek", ["Sunday"]),
    ("([datetime]'2024-03-10').DayOfYear", ["70"]),
    ("[datetime]::DaysInMonth(2023, 2); [datetime]::IsLeapYear(2024)", ["28", "True"]),
    # .NET 8 with ICU 72+: a narrow no-break space before AM/PM in en-US
    ("[datetime]::new(2024,1,15,10,30,0).ToString()", ["1/15/2024 10:30:00\u202fAM"]),
    ("\"$([datetime]::new(2024,1,15,10,30,0))\"", ["01/15/2024 10:30:00"]),
    ("([datetime]'2024-01-02') - ([datetime]'2024-01-01') | ForEach-Object TotalHours", ["24"]),
    ("[timespan]::FromMinutes(90).ToString()", ["01:30:00"]),
    ("[timespan]::FromHours(1.5).TotalMinutes", ["90"]),
    ("[timespan]::new(1, 2, 3).TotalSeconds", ["3723"]),
    ("([timespan]'1.02:03:04').Days", ["1"]),
    ("[datetime]::ParseExact('15/01/2024', 'dd/MM/yyyy', $null).Month", ["1"]),
    # guid
    ("[guid]::Empty.ToString()", ["00000000-0000-0000-0000-000000000000"]),
    ("([guid]'D1A5B6E2-0C3F-4A8B-9E7D-1234567890AB').ToString('N')", ["d1a5b6e20c3f4a8b9e7d1234567890ab"]),
    ("[guid]::NewGuid() -is [guid]", ["True"]),
    # arrays and member-access enumeration
    ("(1..3).GetType().FullName", ["System.Object[]"]),
    ("$a = 1,2,3; $a.Count; $a.Length", ["3", "3"]),
    ("$a = 10,20,30; $a[0,2]; $a[-1]", ["10", "30", "30"]),
    ("$a = 10,20,30; $a[1..2]", ["20", "30"]),
    ("$a = 10,20,30; $a[5] -eq $null", ["True"]),
    ("('a','b').ToUpper()", ["A", "B"]),
    ("@([pscustomobject]@{n=1}, [pscustomobject]@{n=2}).n", ["1", "2"]),
    ("$x = 5; $x[0]; $x.Count", ["5", "1"]),
    ("(1,2,3).Contains(2)", ["True"]),
    ("[int[]]$x = 1,2; $x.GetType().Name; $x -is [int[]]", ["Int32[]", "True"]),
    ("@([int[]](1,2,3)).GetType().FullName", ["System.Object[]"]),  # Array.Tests.ps1
    # intrinsic Where / ForEach
    ("(1..10).Where({ $_ % 3 -eq 0 })", ["3", "6", "9"]),
    ("(1..10).Where({ $_ -gt 5 }, 'First')", ["6"]),
    ("(1..10).Where({ $_ -gt 5 }, 'Last', 2)", ["9", "10"]),
    ("(1..6).Where({ $_ -gt 3 }, 'SkipUntil')", ["4", "5", "6"]),
    ("(1..6).Where({ $_ -gt 3 }, 'Until')", ["1", "2", "3"]),
    ("$a, $b = (1..6).Where({ $_ % 2 }, 'Split'); $a -join ','; $b -join ','", ["1,3,5", "2,4,6"]),
    ("(1..3).ForEach({ $_ * 2 })", ["2", "4", "6"]),
    ("('a','bb').ForEach('Length')", ["1", "2"]),
    ("('ab','cd').ForEach('Substring', 1)", ["b", "d"]),
    ("(1,'2').ForEach([int]) | ForEach-Object { $_.GetType().Name }", ["Int32", "Int32"]),
    ("$i = 0; (1..3).ForEach({ $i++ }); $i", ["3"]),
    # hashtables
    ("$h = @{a=1}; $h.a; $h['A']; $h.Count", ["1", "1", "1"]),
    ("$h = @{}; $h.k = 5; $h['k'] += 1; $h.k", ["6"]),
    ("$h = @{Count='key'}; $h.Count; $h.psbase.Count", ["key", "1"]),
    ("$h = @{a=1; b=2}; ($h.Keys | Sort-Object) -join ','", ["a,b"]),
    ("$h = @{a=1}; $h.ContainsKey('A'); $h.ContainsValue(1)", ["True", "True"]),
    ("$h = @{a=1}; $h.Remove('a'); $h.Count", ["0"]),
    ("$o = [ordered]@{z=1; a=2}; $o.Keys -join ','; $o[0]", ["z,a", "1"]),
    ("$h = @{a=1}; $h.GetEnumerator() | ForEach-Object { $_.Key + '=' + $_.Value }", ["a=1"]),
    # PSCustomObject
    ("$o = [pscustomobject]@{Name='x'}; $o.name; $o.Name = 'y'; $o.NAME", ["x", "y"]),
    ("$ht = @{one=1}; $x = [pscustomobject]$ht; $x.one; $x.GetType().FullName",
     ["1", "System.Management.Automation.PSCustomObject"]),
    ("$o = [pscustomobject]@{a=1;b=2}; $o.psobject.Properties.Name -join ','", ["a,b"]),
    ("$o = [pscustomobject]@{a=1}; $o.psobject.Properties['a'].Value", ["1"]),
    ("$o = [pscustomobject]@{a=1}; $o.psobject.Properties.Add([psnoteproperty]::new('b', 2)); $o.b", ["2"]),
    ("$o = [pscustomobject]@{a=1}; $o.pstypenames.Insert(0, 'My.Type'); $o.pstypenames[0]", ["My.Type"]),
    ("$o = [pscustomobject]@{a=1}; $o.psobject.TypeNames -join ','",
     ["System.Management.Automation.PSCustomObject,System.Object"]),
    ("([pscustomobject]@{a=1}).Count", ["1"]),
    ("\"$([pscustomobject]@{a=1; b='x'})\"", ["@{a=1; b=x}"]),
    ("([pscustomobject]@{a=1}).ToString()", ["@{a=1}"]),
    # types
    ("[int].FullName; [int].Name; [string].BaseType.FullName", ["System.Int32", "Int32", "System.Object"]),
    ("'x'.GetType().FullName; (1).GetType().Name; (2L).GetType().Name; (1.5).GetType().Name",
     ["System.String", "Int32", "Int64", "Double"]),
    ("[System.Collections.Generic.List[int]].ToString()", ["System.Collections.Generic.List`1[System.Int32]"]),
    ("$t = [int]; $t::MaxValue", ["2147483647"]),
    ("5 -is [int]; 5 -is [long]; 'a' -is [string]; @() -is [array]; $null -is [object]",
     ["True", "False", "True", "True", "False"]),
    ("[int]'42' + 1; [int]2.5; [int]3.5; [long]'9'", ["43", "2", "4", "9"]),
    ("[char]65; [int][char]'a'", ["A", "97"]),
    ("[bool]'false'; [bool]''; [bool]0; [bool]'0'", ["True", "False", "False", "True"]),
    ("[string]$null -eq ''", ["True"]),
    ("'5' -as [int]; 'x' -as [int] -eq $null", ["5", "True"]),
    ("[version]'1.10' -gt [version]'1.9'; ([version]'1.2.3').Build", ["True", "3"]),
    ("[ConsoleColor]::Red; [ConsoleColor]::Red -eq 'red'; [int][ConsoleColor]::Red", ["Red", "True", "12"]),
    ("[System.IO.FileAttributes]::ReadOnly -bor [System.IO.FileAttributes]::Hidden", ["ReadOnly, Hidden"]),
    ("[ConsoleColor]'Blue' -is [ConsoleColor]", ["True"]),
    ("[System.DayOfWeek]::Monday.value__", ["1"]),
    ("[regex]::Escape('a.b')", ["a\\.b"]),
    ("[regex]::Replace('a1b2', '\\d', '#')", ["a#b#"]),
    ("([regex]'(\\d+)').Match('ab12').Groups[1].Value", ["12"]),
    ("$m = [regex]::Match('2024-05', '(?<y>\\d+)-(?<m>\\d+)'); $m.Groups['y'].Value; $m.Success; $m.Index",
     ["2024", "True", "0"]),
    ("[regex]::Matches('a1b22c333', '\\d+').Count", ["3"]),
    ("([regex]'\\d').Replace('a1b2', { param($m) [int]$m.Value * 2 })", ["a2b4"]),
    ("[string]::Join(',', 1, 2, 3)", ["1,2,3"]),
    ("[string]::Join('-', @('a','b'))", ["a-b"]),
    ("[string]::IsNullOrEmpty(''); [string]::IsNullOrWhiteSpace(' ')", ["True", "True"]),
    ("[string]::new('=', 4)", ["===="]),
    ("[string]::Format('{0}+{1}', 1, 2)", ["1+2"]),
    ("[char]::IsDigit('7'); [char]::IsUpper('a'); [char]::ToUpper('q')", ["True", "False", "Q"]),
    ("[Convert]::ToString(10, 2); [Convert]::ToInt32('1010', 2); [Convert]::ToInt32('ff', 16)", ["1010", "10", "255"]),
    ("[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('hi'))", ["aGk="]),
    ("[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('aGk='))", ["hi"]),
    ("[IO.Path]::Combine('a', 'b', 'c.txt')", ["a/b/c.txt"]),
    ("[IO.Path]::GetFileNameWithoutExtension('/x/report.csv'); [IO.Path]::GetExtension('a.tar.gz')",
     ["report", ".gz"]),
    ("[IO.Path]::DirectorySeparatorChar", ["/"]),
    ("[Environment]::NewLine -eq \"`n\"", ["True"]),
    ("[System.Text.StringBuilder]::new().Append('a').Append(1).ToString()", ["a1"]),
    ("$sb = [Text.StringBuilder]::new(); [void]$sb.AppendLine('x'); $sb.Length", ["2"]),
    # generic collections
    ("$l = [System.Collections.Generic.List[int]]::new(); $l.Add(3); $l.Add('1'); $l.Sort(); $l -join ','",
     ["1,3"]),
    ("$l = [System.Collections.ArrayList]::new(); $l.Add('a'); $l.Add('b')", ["0", "1"]),
    ("$l = [System.Collections.Generic.List[int]]@(1,2,3,4); $l.RemoveAll({ $args[0] -gt 2 }); $l.Count",
     ["2", "2"]),
    ("$l = [System.Collections.Generic.List[string]]@('a','b'); $l.Length", ["1", "1"]),
    ("$l = [System.Collections.Generic.List[string]]@('a','b'); $l.IsReadOnly; $l.Count", ["False", "2"]),
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d['A'] = 2; $d.Count",
     ["2"]),
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d.a = 5; $d.a; $d['a']", ["5", "5"]),
    ("$q = [System.Collections.Generic.Queue[string]]::new(); $q.Enqueue('a'); $q.Enqueue('b'); $q.Dequeue(); "
     "$q.Count", ["a", "1"]),
    ("$s = [System.Collections.Generic.Stack[int]]::new(); $s.Push(1); $s.Push(2); $s.Pop(); $s.Peek()",
     ["2", "1"]),
    ("$h = [System.Collections.Generic.HashSet[int]]::new(); $h.Add(1); $h.Add(1); $h.Count; $h.Contains(1)",
     ["True", "False", "1", "True"]),
    ("$h = [System.Collections.Generic.HashSet[string]]@('a','b'); $h -contains 'b'", ["True"]),
    ("$c = [System.Collections.Concurrent.ConcurrentDictionary[string,int]]::new(); $c.TryAdd('k', 1); "
     "$c.TryAdd('k', 2); $c.GetOrAdd('k', 9); $c.AddOrUpdate('k', 0, { param($k, $v) $v + 1 })",
     ["True", "False", "1", "2"]),
    ("$b = [System.Collections.Concurrent.ConcurrentBag[int]]::new(); $b.Add(5); $b.Count", ["1"]),
    # xml
    ("$x = [xml]'<r><i id=\"1\">a</i><i id=\"2\">b</i></r>'; $x.r.i.Count; $x.r.i[1].id; $x.r.i[0].'#text'",
     ["2", "2", "a"]),
    ("$x = [xml]'<r><n>v</n></r>'; $x.r.n; $x.SelectSingleNode('/r/n').InnerText", ["v", "v"]),
    # exceptions and error records
    ("try { throw [System.IO.FileNotFoundException]::new('nf') } catch [System.IO.IOException] { "
     "$_.Exception.GetType().FullName }", ["System.IO.FileNotFoundException"]),
    ("$e = [ArgumentException]::new('bad', 'p'); $e.Message; $e.ParamName",
     ["bad (Parameter 'p')", "p"]),
    ("try { [int]::Parse('x') } catch { $_.Exception.GetType().Name; $_.Exception.InnerException.GetType().Name; "
     "$_.FullyQualifiedErrorId }", ["MethodInvocationException", "FormatException", "FormatException"]),
    ("try { 'x'.Nope() } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category }",
     ["MethodNotFound", "InvalidOperation"]),
    ("$r = [System.Management.Automation.ErrorRecord]::new([Exception]::new('m'), 'Id', 'NotSpecified', 5); "
     "$r.FullyQualifiedErrorId; $r.TargetObject; $r.Exception.Message", ["Id", "5", "m"]),
    # scriptblocks
    ("$sb = [scriptblock]::Create('1 + 1'); & $sb; $sb.Invoke()", ["2", "2"]),
    ("{ 'x' }.GetType().FullName", ["System.Management.Automation.ScriptBlock"]),
])
def test_script(script, expected):
    assert out(script) == expected


@pytest.mark.parametrize("script, message", [
    ("'abc'.Substring(5)", 'Exception calling "Substring" with "1" argument(s): "startIndex cannot be larger than '
                           'length of string. (Parameter \'startIndex\')"'),
    ("'abc'.Substring(1, 2, 3)", 'Cannot find an overload for "Substring" and the argument count: "3".'),
    ("'abc'.Foo()", "Method invocation failed because [System.String] does not contain a method named"),
    ("[int]'abc'", 'Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a '
                   'correct format."'),
    ("$o = [pscustomobject]@{a=1}; $o.b = 2", "The property 'b' cannot be found on this object. Verify that the "
                                              "property exists and can be set."),
    ("'abc'.Length = 1", "'Length' is a ReadOnly property."),
    ("$a = 1,2,3; $a[3] = 0", "Index was outside the bounds of the array."),
    ("(1,2).Add(3)", 'Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."'),
    ("[ConsoleColor]'Purple'", "Unable to match the identifier name Purple to a valid enumerator name."),
    ("[nosuchtype]::x", "Unable to find type [nosuchtype]."),
    ("[System.Collections.Generic.Dictionary[string,int]]::new().Add('a', 'x')",
     'Cannot convert argument'),
])
def test_errors(script, message):
    assert message in " ".join(err(script).split()).replace("| ", "")


def test_method_without_parentheses_gives_overloads():
    o = out("('abc'.ToUpper).OverloadDefinitions")
    assert o == ["string ToUpper()", "string ToUpper(cultureinfo culture)"]


def test_get_member_of_a_string():
    o = out("'abc' | Get-Member -Name ToUpper | ForEach-Object { $_.MemberType.ToString() + ' ' + $_.Definition }")
    assert o == ["Method string ToUpper(), string ToUpper(cultureinfo culture)"]
    o = out("'abc' | Get-Member -Name Length | ForEach-Object { $_.MemberType.ToString() + ' ' + $_.Definition }")
    assert o == ["Property int Length {get;}"]


def test_try_parse_with_ref_variable():
    assert out("$n = 0; [int]::TryParse('42', [ref]$n); $n") == ["True", "42"]


def test_count_of_null_is_zero():
    assert out("$null.Count") == ["0"]


def test_ref_value_property():
    assert out("$r = [ref]5; $r.Value; $r.Value = 6; $r.Value") == ["5", "6"]


def test_interlocked_through_ref_object():
    assert out("$r = [ref]0; 1..5 | ForEach-Object { [void][System.Threading.Interlocked]::Increment($r) }; "
               "$r.Value") == ["5"]


def test_stopwatch_and_environment():
    assert out("$sw = [Diagnostics.Stopwatch]::StartNew(); $sw.IsRunning; $sw.Stop(); $sw.IsRunning; "
               "$sw.Elapsed -is [timespan]") == ["True", "False", "True"]
    assert out("[Environment]::ProcessorCount -ge 1; [Environment]::MachineName.Length -gt 0") == ["True", "True"]


def test_file_io_roundtrip(tmp_path):
    p = str(tmp_path / "x.txt")
    assert out(f"[IO.File]::WriteAllLines('{p}', [string[]]@('a','b')); [IO.File]::ReadAllLines('{p}'); "
               f"[IO.File]::Exists('{p}')") == ["a", "b", "True"]


def test_array_statics_and_delegates():
    assert out("$a = 3,1,2; [array]::Sort($a); $a -join ','; [array]::IndexOf($a, 3)") == ["1,2,3", "2"]
    assert out("[array]::Exists(@(1,2), [Predicate[object]]{ $args[0] -eq 2 })") == ["True"]
    assert out("$f = [Func[int,int]]{ param($x) $x * 2 }; $f.Invoke(4)") == ["8"]
    assert out("$l = [Collections.Generic.List[int]]@(3,1,2); $l.Sort([Comparison[int]]{ param($a,$b) $b - $a }); "
               "$l -join ','") == ["3,2,1"]
