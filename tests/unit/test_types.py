"""runtime/types.py: type resolution, -is, casts, static members (values as pwsh 7.4 on .NET 8 gives them)."""
from __future__ import annotations

import datetime
import decimal
import math
import uuid

import pytest

from pslark.runtime import types as T
from pslark.runtime.errors import (ArgumentException, MethodException, MethodInvocationException, PSException,
                                   PSInvalidCastException, RuntimeException)
from pslark.runtime.numbers import Byte, EnumValue, Int64, Single
from pslark.runtime.objects import Hashtable, OrderedDictionary, PSChar, PSList, PSObject


@pytest.fixture(autouse=True)
def _en_us(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def rt(name):
    t = T.resolve_type(name)
    assert t is not None, name
    return t


def static(type_name, member, *args):
    t = rt(type_name)
    if args or member.endswith("()"):
        return t.invoke_static(member.rstrip("()"), list(args))
    return t.get_static(member)


# ----------------------------------------------------------------------------------------------
# resolution (TypeAccelerator.Tests.ps1: accelerators map to their full names)

@pytest.mark.parametrize("name, full", [
    ("int", "System.Int32"), ("INT32", "System.Int32"), ("long", "System.Int64"), ("string", "System.String"),
    ("bool", "System.Boolean"), ("byte", "System.Byte"), ("char", "System.Char"), ("double", "System.Double"),
    ("float", "System.Single"), ("single", "System.Single"), ("decimal", "System.Decimal"),
    ("datetime", "System.DateTime"), ("timespan", "System.TimeSpan"), ("guid", "System.Guid"),
    ("hashtable", "System.Collections.Hashtable"), ("array", "System.Array"), ("regex",
                                                                              "System.Text.RegularExpressions.Regex"),
    ("ref", "System.Management.Automation.PSReference"), ("switch", "System.Management.Automation.SwitchParameter"),
    ("psobject", "System.Management.Automation.PSObject"), ("pscustomobject", "System.Management.Automation.PSObject"),
    ("scriptblock", "System.Management.Automation.ScriptBlock"), ("version", "System.Version"), ("uri", "System.Uri"),
    ("xml", "System.Xml.XmlDocument"), ("ipaddress", "System.Net.IPAddress"), ("bigint",
                                                                             "System.Numerics.BigInteger"),
    ("cultureinfo", "System.Globalization.CultureInfo"), ("pscredential",
                                                          "System.Management.Automation.PSCredential"),
    ("securestring", "System.Security.SecureString"), ("type", "System.Type"), ("void", "System.Void"),
    ("short", "System.Int16"), ("ushort", "System.UInt16"), ("uint", "System.UInt32"), ("ulong", "System.UInt64"),
    ("sbyte", "System.SByte"), ("semver", "System.Management.Automation.SemanticVersion"),
    ("math", "System.Math"), ("IO.Path", "System.IO.Path"), ("Text.StringBuilder", "System.Text.StringBuilder"),
    ("System.Environment", "System.Environment"), ("Console", "System.Console"),
])
def test_accelerators_and_short_names(name, full):
    assert rt(name).full_name == full


def test_unknown_type_is_none():
    assert T.resolve_type("NoSuchType") is None
    assert T.resolve_type("System.Collections.Generic.Nope[int]") is None


def test_generic_names():
    t = rt("System.Collections.Generic.List[int]")
    assert t.name == "List`1"
    assert str(t) == "System.Collections.Generic.List`1[System.Int32]"
    assert t.full_name.startswith("System.Collections.Generic.List`1[[System.Int32, System.Private.CoreLib")
    d = rt("System.Collections.Generic.Dictionary[string,int]")
    assert str(d) == "System.Collections.Generic.Dictionary`2[System.String,System.Int32]"
    assert rt(t.full_name) is t             # a GetType().FullName resolves back to the same type
    assert rt("Collections.Generic.List[string]").name == "List`1"


def test_array_types():
    t = rt("int[]")
    assert (t.full_name, t.name, t.is_array) == ("System.Int32[]", "Int32[]", True)
    assert t.base_type.full_name == "System.Array"
    assert rt("string[]").element_type.full_name == "System.String"


def test_resolve_with_using_namespace():
    assert T.resolve_type("List[int]") is None
    assert T.resolve_type("List[int]", namespaces=["System.Collections.Generic"]).name == "List`1"


def test_exception_types_resolve_with_hierarchy():
    t = rt("System.IO.FileNotFoundException")
    assert t.base_type.full_name == "System.IO.IOException"
    assert t.exception_class.__name__ == "FileNotFoundException"
    assert rt("ArgumentException").full_name == "System.ArgumentException"


def test_runtime_type_properties():
    t = rt("int")
    assert t.ps_get("Name") == "Int32" and t.ps_get("FullName") == "System.Int32"
    assert t.ps_get("BaseType").full_name == "System.ValueType"
    assert t.ps_get("IsValueType") is True and t.ps_get("IsPublic") is True
    assert rt("string").ps_get("IsValueType") is False
    assert t.type_names[0] == "System.RuntimeType"
    assert str(t) == "System.Int32"


# ----------------------------------------------------------------------------------------------
# -is

@pytest.mark.parametrize("value, type_name, expected", [
    (1, "int", True), (1, "long", False), (Int64(1), "long", True), (2**40, "long", True), (1.5, "double", True),
    (1, "double", False), ("a", "string", True), (PSChar("a"), "char", True), (PSChar("a"), "string", False),
    ([1, 2], "array", True), ([1, 2], "object[]", True), (PSList(), "array", False), (Hashtable(), "hashtable", True),
    (OrderedDictionary(), "hashtable", False), (OrderedDictionary(), "System.Collections.IDictionary", True),
    (1, "ValueType", True), ("a", "ValueType", False), (True, "bool", True), (True, "int", False),
    ("a", "System.Collections.IEnumerable", True), ([1], "System.Collections.IList", True), (1, "object", True),
    (PSObject([("a", 1)]), "pscustomobject", True), (1, "psobject", True), (decimal.Decimal(1), "decimal", True),
    (datetime.datetime(2024, 1, 1), "datetime", True), (datetime.timedelta(1), "timespan", True),
    (uuid.uuid4(), "guid", True), (1, "IComparable", True), (Byte(1), "byte", True), (Byte(1), "int", False),
])
def test_is_instance(value, type_name, expected):
    assert rt(type_name).is_instance(value) is expected


def test_is_exception_hierarchy():
    exc = T.new_exception(rt("System.IO.FileNotFoundException").exception_class, ["x"])
    assert rt("System.IO.IOException").is_instance(exc)
    assert rt("System.Exception").is_instance(exc)
    assert not rt("System.ArgumentException").is_instance(exc)


def test_typed_arrays_is():
    ints = rt("int[]").convert([1, "2"])
    assert ints == [1, 2] and rt("int[]").is_instance(ints)
    assert not rt("int[]").is_instance([1, 2])             # 1,2 is object[]
    assert not rt("object[]").is_instance(ints)            # value-type arrays are not object[]
    strs = rt("string[]").convert(["a"])
    assert rt("object[]").is_instance(strs)                # reference-type arrays are covariant


# ----------------------------------------------------------------------------------------------
# casts

@pytest.mark.parametrize("type_name, value, expected", [
    ("int", "42", 42), ("int", 2.5, 2), ("int", 3.5, 4), ("int", "0x1F", 31), ("int", None, 0), ("int", True, 1),
    ("long", 5, 5), ("double", "1.5", 1.5), ("double", None, 0.0), ("string", 5, "5"), ("string", None, ""),
    ("string", [1, 2], "1 2"), ("bool", "", False), ("bool", "False", True), ("bool", 0, False), ("char", 65, "A"),
    ("decimal", "1.50", decimal.Decimal("1.50")), ("byte", 255, 255),
])
def test_convert(type_name, value, expected):
    assert rt(type_name).convert(value) == expected


def test_convert_int_failure_message():
    with pytest.raises(PSInvalidCastException) as e:
        rt("int").convert("abc")
    assert e.value.message == ('Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' '
                               'was not in a correct format."')


def test_convert_byte_overflow():
    with pytest.raises(PSInvalidCastException) as e:
        rt("byte").convert(256)
    assert "Value was either too large or too small for an unsigned byte." in e.value.message


def test_convert_array_types():
    t = rt("int[]")
    v = t.convert("5")
    assert v == [5] and isinstance(v, T.TypedArray) and v.type_name == "System.Int32[]"
    assert t.convert(None) is None
    assert rt("char[]").convert("ab") == ["a", "b"]
    assert rt("object[]").convert(5) == [5]


def test_convert_generic_list():
    t = rt("System.Collections.Generic.List[int]")
    lst = t.convert([1, "2"])
    assert isinstance(lst, PSList) and lst == [1, 2] and lst.type_name == t.full_name
    assert t.convert(lst) is lst


def test_void_cast_is_no_output():
    from pslark.runtime.objects import AUTOMATION_NULL
    assert rt("void").convert(5) is AUTOMATION_NULL


def test_pscustomobject_from_hashtable():
    o = rt("pscustomobject").convert(OrderedDictionary([("a", 1), ("b", 2)]))
    assert isinstance(o, PSObject) and o.items() == [("a", 1), ("b", 2)]


def test_hashtable_cast_rejects_custom_object():
    with pytest.raises(PSInvalidCastException):
        rt("hashtable").convert(PSObject([("a", 1)]))


def test_version_cast_and_compare():
    v = rt("version").convert("1.2.3")
    assert (v.major, v.minor, v.build, v.revision) == (1, 2, 3, -1)
    assert str(v) == "1.2.3"
    assert v.ps_compare(rt("version").convert("1.10")) < 0
    with pytest.raises(PSInvalidCastException):
        rt("version").convert("1")


def test_switch_cast():
    s = rt("switch").convert(True)
    assert s.is_present and bool(s) and str(s) == "True"


def test_regex_cast():
    rx = rt("regex").convert(r"\d+")
    assert rx.pattern == r"\d+"


def test_xml_cast_and_navigation():
    x = rt("xml").convert("<root><item id='1'>a</item><item id='2'>b</item><name>n</name></root>")
    root = x.ps_get("root")
    assert root.ps_get("name") == "n"
    items = root.ps_get("item")
    assert [i.ps_get("id") for i in items] == ["1", "2"]
    assert items[0].ps_get("#text") == "a"


def test_xml_cast_error():
    with pytest.raises(PSInvalidCastException) as e:
        rt("xml").convert("<a>")
    assert 'to type "System.Xml.XmlDocument"' in e.value.message


# ----------------------------------------------------------------------------------------------
# enums

def test_enum_values_print_and_compare():
    red = static("ConsoleColor", "Red")
    assert isinstance(red, EnumValue) and str(red) == "Red" and int(red) == 12
    t = rt("System.ConsoleColor")
    assert t.convert("red") == red and t.convert(12) == red
    assert t.is_instance(red) and not t.is_instance(12)


def test_enum_flags():
    t = rt("System.IO.FileAttributes")
    v = t.convert("ReadOnly, Hidden")
    assert int(v) == 3 and str(v) == "ReadOnly, Hidden"
    assert str(t.value_of(0)) == "0"


def test_enum_unknown_name_message():
    with pytest.raises(PSInvalidCastException) as e:
        rt("ConsoleColor").convert("Purple")
    assert e.value.message.startswith('Cannot convert value "Purple" to type "System.ConsoleColor". Error: "Unable '
                                      'to match the identifier name Purple to a valid enumerator name. Specify one of '
                                      'the following enumerator names and try again:\nBlack, DarkBlue')


def test_enum_static_methods():
    assert static("ConsoleColor", "GetNames()")[:3] == ["Black", "DarkBlue", "DarkGreen"]
    assert str(static("System.DayOfWeek", "Parse()", "friday")) == "Friday"


# ----------------------------------------------------------------------------------------------
# numeric statics

def test_numeric_limits():
    assert static("int", "MaxValue") == 2147483647 and static("int", "MinValue") == -2147483648
    assert static("long", "MaxValue") == 9223372036854775807
    assert isinstance(static("long", "MaxValue"), Int64)
    assert static("byte", "MaxValue") == 255
    assert static("double", "Epsilon") == 5e-324
    assert math.isnan(static("double", "NaN")) and static("double", "PositiveInfinity") == math.inf
    assert static("decimal", "MaxValue") == decimal.Decimal("79228162514264337593543950335")


def test_parse_and_errors():
    assert static("int", "Parse()", " 42 ") == 42
    assert static("int", "Parse()", "FF", "HexNumber") == 255
    assert static("double", "Parse()", "1,234.5") == 1234.5
    with pytest.raises(MethodInvocationException) as e:
        static("int", "Parse()", "12.5")
    assert e.value.message == ('Exception calling "Parse" with "1" argument(s): "The input string \'12.5\' was not in '
                               'a correct format."')
    assert e.value.error_id == "FormatException"
    with pytest.raises(MethodInvocationException) as e:
        static("int", "Parse()", "99999999999")
    assert "Value was either too large or too small for an Int32." in e.value.message


def test_try_parse_with_ref():
    ref = T.PSReference(0)
    assert static("int", "TryParse()", "17", ref) is True and ref.Value == 17
    assert static("int", "TryParse()", "x", ref) is False and ref.Value == 0
    dref = T.PSReference(None)
    assert static("double", "TryParse()", "2.5", dref) is True and dref.Value == 2.5


def test_ref_to_variable_converts_to_the_variable_type():
    class Var:
        value = None
        type_constraint = rt("int")
    r = T.PSReference(variable=Var)
    r.Value = "5"
    assert Var.value == 5


def test_double_is_nan():
    assert static("double", "IsNaN()", math.nan) is True
    assert static("double", "IsInfinity()", -math.inf) is True


# ----------------------------------------------------------------------------------------------
# [math]

@pytest.mark.parametrize("args, expected", [
    ((2.5,), 2.0), ((3.5,), 4.0), ((-2.5,), -2.0), ((2.675, 2), 2.68), ((1.005, 2), 1.0),
    ((2.5, "AwayFromZero"), 3.0), ((-2.5, "AwayFromZero"), -3.0), ((1.25, 1, "AwayFromZero"), 1.3),
    ((decimal.Decimal("2.5"),), decimal.Decimal("2")), ((decimal.Decimal("1.005"), 2), decimal.Decimal("1.00")),
    ((2.5, "ToZero"), 2.0),
])
def test_math_round(args, expected):
    assert static("math", "Round()", *args) == expected


def test_math_round_digits_range():
    with pytest.raises(MethodInvocationException) as e:
        static("math", "Round()", 1.5, 16)
    assert "Rounding digits must be between 0 and 15, inclusive. (Parameter 'digits')" in e.value.message


def test_math_misc():
    assert static("math", "Floor()", -1.5) == -2.0 and static("math", "Ceiling()", 1.2) == 2.0
    assert static("math", "Abs()", -5) == 5 and static("math", "Abs()", -2.5) == 2.5
    assert static("math", "Max()", 3, 7) == 7 and type(static("math", "Max()", 3, 7)) is int
    assert static("math", "Max()", 3, 7.5) == 7.5
    assert static("math", "Min()", 3, 7) == 3
    assert static("math", "Pow()", 2, 10) == 1024.0
    assert static("math", "Sqrt()", 16) == 4.0 and math.isnan(static("math", "Sqrt()", -1))
    assert static("math", "Truncate()", -2.7) == -2.0
    assert static("math", "Sign()", -3) == -1
    assert static("math", "Log10()", 1000) == 3.0 and static("math", "Log2()", 8) == 3.0
    assert static("math", "Log()", 8, 2) == 3.0
    assert static("math", "Clamp()", 15, 0, 10) == 10
    assert static("math", "PI") == math.pi and static("math", "E") == math.e
    assert static("math", "Atan2()", 1, 1) == math.atan2(1, 1)
    assert static("math", "Log()", 0) == -math.inf


def test_math_divrem_with_ref():
    ref = T.PSReference(None)
    assert static("math", "DivRem()", 7, 2, ref) == 3 and ref.Value == 1
    t = static("math", "DivRem()", -7, 2)
    assert (t.ps_get("Item1"), t.ps_get("Item2")) == (-3, -1)


def test_math_abs_overflow():
    with pytest.raises(MethodInvocationException) as e:
        static("math", "Abs()", -2147483648)
    assert "Negating the minimum value of a twos complement number is invalid." in e.value.message


def test_unknown_static_method():
    with pytest.raises(MethodException) as e:
        static("math", "Foo()", 1)
    assert e.value.message == "Method invocation failed because [System.Math] does not contain a method named 'Foo'."
    assert e.value.error_id == "MethodNotFound"


def test_static_argument_count_error():
    with pytest.raises(MethodException) as e:
        static("math", "Sqrt()", 1, 2)
    assert e.value.message == 'Cannot find an overload for "Sqrt" and the argument count: "2".'
    assert e.value.error_id == "MethodCountCouldNotFindBest"


def test_static_argument_conversion_error():
    with pytest.raises(MethodException) as e:
        static("math", "Sqrt()", "abc")
    assert e.value.message.startswith('Cannot convert argument "d", with value: "abc", for "Sqrt" to type '
                                      '"System.Double": "Cannot convert value "abc" to type "System.Double".')


# ----------------------------------------------------------------------------------------------
# [string], [char], [Convert], [BitConverter]

def test_string_statics():
    assert static("string", "Join()", ",", [1, 2, 3]) == "1,2,3"
    assert static("string", "Join()", "-", "a", "b") == "a-b"
    # .NET 8 formats the exact binary value; exact ties go to even (Number.Dragon4.cs): 2.25 -> "2.2", 2.35 -> "2.4"
    assert static("string", "Format()", "{0}-{1:N1}", 1, 2.25) == "1-2.2"
    assert static("string", "Format()", "{0:N1}", 2.35) == "2.4"
    assert static("string", "IsNullOrEmpty()", "") is True and static("string", "IsNullOrEmpty()", None) is True
    assert static("string", "IsNullOrWhiteSpace()", " \t") is True
    assert static("string", "Concat()", "a", 1, None, "b") == "a1b"
    assert static("string", "Empty") == ""
    assert static("string", "Compare()", "a", "B") == -1
    assert static("string", "Compare()", "a", "A", True) == 0
    assert static("string", "Equals()", "a", "A") is False
    assert static("string", "Equals()", "a", "A", "OrdinalIgnoreCase") is True
    assert rt("string").new([PSChar("="), 3]) == "==="


def test_char_statics():
    assert static("char", "IsDigit()", "7") is True and static("char", "IsLetter()", "7") is False
    assert static("char", "IsUpper()", "A") is True and static("char", "IsWhiteSpace()", " ") is True
    assert static("char", "ToUpper()", "q") == "Q" and isinstance(static("char", "ToUpper()", "q"), PSChar)
    assert static("char", "ConvertFromUtf32()", 0x1F600) == "\U0001F600"
    assert static("char", "IsDigit()", "a1", 1) is True
    with pytest.raises(MethodException) as e:
        static("char", "IsDigit()", "ab")
    assert "String must be exactly one character long." in e.value.message


def test_convert_statics():
    assert static("Convert", "ToInt32()", "ff", 16) == 255
    assert static("Convert", "ToInt32()", "FFFFFFFF", 16) == -1
    assert static("Convert", "ToString()", 255, 16) == "ff"
    assert static("Convert", "ToString()", 5, 2) == "101"
    assert static("Convert", "ToInt32()", 2.5) == 2 and static("Convert", "ToInt32()", 3.5) == 4
    assert static("Convert", "ToBoolean()", "TRUE") is True
    assert static("Convert", "ToDouble()", "1.5") == 1.5
    b64 = static("Convert", "ToBase64String()", T.byte_array(b"hi!"))
    assert b64 == "aGkh"
    assert bytes(int(x) for x in static("Convert", "FromBase64String()", b64)) == b"hi!"
    with pytest.raises(MethodInvocationException) as e:
        static("Convert", "FromBase64String()", "@@@")
    assert "The input is not a valid Base-64 string" in e.value.message


def test_bitconverter():
    assert list(static("BitConverter", "GetBytes()", 1)) == [1, 0, 0, 0]
    assert static("BitConverter", "ToString()", T.byte_array(b"\x01\x0a\xff")) == "01-0A-FF"
    assert static("BitConverter", "ToInt32()", T.byte_array(b"\x01\x00\x00\x00"), 0) == 1


# ----------------------------------------------------------------------------------------------
# [datetime], [timespan], [guid]

def test_datetime_statics():
    assert static("datetime", "DaysInMonth()", 2024, 2) == 29
    assert static("datetime", "IsLeapYear()", 1900) is False
    assert static("datetime", "MinValue") == datetime.datetime(1, 1, 1)
    d = rt("datetime").new([2024, 1, 15, 10, 30, 0])
    assert d == datetime.datetime(2024, 1, 15, 10, 30)
    assert static("datetime", "ParseExact()", "15/01/2024", "dd/MM/yyyy", None) == datetime.datetime(2024, 1, 15)
    assert static("datetime", "ParseExact()", "2024-01-15 13:05", "yyyy-MM-dd HH:mm",
                  None) == datetime.datetime(2024, 1, 15, 13, 5)
    assert static("datetime", "Parse()", "2024-03-01") == datetime.datetime(2024, 3, 1)
    with pytest.raises(MethodInvocationException) as e:
        rt("datetime").new([2024, 2, 30])
    assert "Year, Month, and Day parameters describe an un-representable DateTime." in e.value.message
    utc = static("datetime", "SpecifyKind()", datetime.datetime(2024, 1, 1), "Utc")
    assert utc.tzinfo is datetime.timezone.utc


def test_timespan_statics():
    assert static("timespan", "FromMinutes()", 90) == datetime.timedelta(minutes=90)
    assert static("timespan", "FromSeconds()", 1.5) == datetime.timedelta(seconds=1.5)
    assert rt("timespan").new([1, 2, 3]) == datetime.timedelta(hours=1, minutes=2, seconds=3)
    assert rt("timespan").new([1, 2, 3, 4]) == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert static("timespan", "Parse()", "1.02:03:04") == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert static("timespan", "Zero") == datetime.timedelta(0)
    assert static("timespan", "FromTicks()", 10_000_000) == datetime.timedelta(seconds=1)


def test_guid_statics():
    g = static("guid", "NewGuid()")
    assert isinstance(g, uuid.UUID)
    assert str(static("guid", "Empty")) == "00000000-0000-0000-0000-000000000000"
    assert static("guid", "Parse()", "{D1A5B6E2-0C3F-4A8B-9E7D-1234567890AB}") == uuid.UUID(
        "d1a5b6e2-0c3f-4a8b-9e7d-1234567890ab")


def test_datetimeoffset_unix():
    d = static("DateTimeOffset", "FromUnixTimeSeconds()", 0)
    assert d.year == 1970
    from pslark.runtime.members import invoke_method
    assert invoke_method(d, "ToUnixTimeSeconds", []) == 0


# ----------------------------------------------------------------------------------------------
# [regex], paths, files, environment

def test_regex_statics_are_case_sensitive():
    m = static("regex", "Match()", "Hello World", "w(or)ld")
    assert m.Success is False
    m = static("regex", "Match()", "Hello World", "w(or)ld", "IgnoreCase")
    assert m.Success and m.Value == "World" and m.Index == 6
    assert static("regex", "Replace()", "a1b2", r"\d", "#") == "a#b#"
    assert list(static("regex", "Split()", "a1b22c", r"\d+")) == ["a", "b", "c"]
    assert static("regex", "Escape()", "a.b*c") == r"a\.b\*c"
    assert static("regex", "IsMatch()", "abc", "^a") is True
    assert len(static("regex", "Matches()", "a1b2c3", r"\d")) == 3


def test_path_statics():
    assert static("IO.Path", "Combine()", "/a", "b", "c.txt") == "/a/b/c.txt"
    assert static("IO.Path", "Combine()", "a", "/b") == "/b"
    assert static("IO.Path", "Join()", "a", "/b") == "a/b"
    assert static("IO.Path", "GetFileName()", "/x/y.txt") == "y.txt"
    assert static("IO.Path", "GetExtension()", "a.tar.gz") == ".gz"
    assert static("IO.Path", "GetExtension()", "noext") == ""
    assert static("IO.Path", "GetFileNameWithoutExtension()", "/x/a.b.c") == "a.b"
    assert static("IO.Path", "GetDirectoryName()", "/x/y.txt") == "/x"
    assert static("IO.Path", "GetDirectoryName()", "/") is None
    assert static("IO.Path", "GetDirectoryName()", "y.txt") == ""
    assert static("IO.Path", "ChangeExtension()", "a/b.txt", "md") == "a/b.md"
    assert static("IO.Path", "IsPathRooted()", "/a") is True
    assert static("IO.Path", "DirectorySeparatorChar") == "/"
    assert static("IO.Path", "PathSeparator") == ":"
    assert static("IO.Path", "HasExtension()", "a.b") is True
    assert static("IO.Path", "GetTempPath()").endswith("/")
    name = static("IO.Path", "GetRandomFileName()")
    assert len(name) == 12 and name[8] == "."


def test_file_and_directory_roundtrip(tmp_path):
    p = str(tmp_path / "f.txt")
    static("IO.File", "WriteAllText()", p, "one\ntwo\n")
    assert static("IO.File", "Exists()", p) is True
    assert static("IO.File", "ReadAllText()", p) == "one\ntwo\n"
    assert list(static("IO.File", "ReadAllLines()", p)) == ["one", "two"]
    static("IO.File", "AppendAllText()", p, "three")
    assert static("IO.File", "ReadAllText()", p).endswith("three")
    assert static("IO.Directory", "Exists()", str(tmp_path)) is True
    files = static("IO.Directory", "GetFiles()", str(tmp_path), "*.txt")
    assert list(files) == [p]
    static("IO.File", "Delete()", p)
    assert static("IO.File", "Exists()", p) is False
    with pytest.raises(MethodInvocationException) as e:
        static("IO.File", "ReadAllText()", p)
    assert e.value.message == f'Exception calling "ReadAllText" with "1" argument(s): "Could not find file \'{p}\'."'
    assert e.value.error_id == "FileNotFoundException"


def test_environment_variables(monkeypatch):
    static("Environment", "SetEnvironmentVariable()", "PSLARK_T1", "v")
    assert static("Environment", "GetEnvironmentVariable()", "PSLARK_T1") == "v"
    static("Environment", "SetEnvironmentVariable()", "PSLARK_T1", "")
    assert static("Environment", "GetEnvironmentVariable()", "PSLARK_T1") is None
    assert static("Environment", "NewLine") == "\n"
    assert static("Environment", "ProcessorCount") >= 1
    assert str(static("Environment", "OSVersion").ps_get("Platform")) == "Unix"


# ----------------------------------------------------------------------------------------------
# constructors

def test_exception_constructors():
    e = rt("System.ArgumentNullException").new(["p"])
    assert e.message == "Value cannot be null. (Parameter 'p')"
    e = rt("System.ArgumentOutOfRangeException").new(["p", 5, "too big"])
    assert e.message == "too big (Parameter 'p')\nActual value was 5."
    e = rt("System.Exception").new([])
    assert e.message == "Exception of type 'System.Exception' was thrown."
    inner = rt("System.Exception").new(["in"])
    e = rt("System.InvalidOperationException").new(["out", inner])
    assert e.inner is inner
    assert rt("System.Exception").convert("text").message == "text"


def test_error_record_constructor():
    exc = rt("System.Exception").new(["boom"])
    cat = static("System.Management.Automation.ErrorCategory", "InvalidData")
    rec = rt("System.Management.Automation.ErrorRecord").new([exc, "Some.Id", cat, "tgt"])
    assert (rec.fully_qualified_error_id, rec.category, rec.target_object) == ("Some.Id", "InvalidData", "tgt")


def test_stringbuilder():
    sb = rt("System.Text.StringBuilder").new([])
    from pslark.runtime.members import get_member, invoke_method
    assert invoke_method(sb, "Append", ["ab"]) is sb
    invoke_method(sb, "AppendLine", ["c"])
    invoke_method(sb, "AppendFormat", ["{0}-{1}", 1, 2])
    assert str(sb) == "abc\n1-2"
    assert get_member(sb, "Length") == 7 and get_member(sb, "Capacity") == 16
    invoke_method(sb, "Append", ["x" * 20])
    assert get_member(sb, "Capacity") == 32
    invoke_method(sb, "Insert", [0, ">"])
    invoke_method(sb, "Replace", ["x", "y"])
    invoke_method(sb, "Remove", [0, 1])
    assert invoke_method(sb, "ToString", []).startswith("abc\n1-2yyy")
    invoke_method(sb, "Clear", [])
    assert get_member(sb, "Length") == 0


def test_stopwatch():
    sw = static("System.Diagnostics.Stopwatch", "StartNew()")
    from pslark.runtime.members import get_member, invoke_method
    assert get_member(sw, "IsRunning") is True
    invoke_method(sw, "Stop", [])
    assert get_member(sw, "IsRunning") is False
    assert isinstance(get_member(sw, "Elapsed"), datetime.timedelta)
    assert isinstance(get_member(sw, "ElapsedMilliseconds"), Int64)


def test_uri():
    u = rt("uri").convert("https://example.com:8443/a/b.html?x=1#frag")
    from pslark.runtime.members import get_member
    assert get_member(u, "Scheme") == "https" and get_member(u, "Host") == "example.com"
    assert get_member(u, "Port") == 8443 and get_member(u, "AbsolutePath") == "/a/b.html"
    assert get_member(u, "Query") == "?x=1" and get_member(u, "Fragment") == "#frag"
    assert get_member(u, "Segments") == ["/", "a/", "b.html"]
    assert get_member(u, "IsAbsoluteUri") is True
    assert get_member(rt("uri").convert("http://x.org"), "Port") == 80


def test_ipaddress_and_credential():
    ip = static("ipaddress", "Parse()", "192.168.1.10")
    assert str(ip) == "192.168.1.10"
    with pytest.raises(MethodInvocationException):
        static("ipaddress", "Parse()", "999.1.1.1")
    ss = T.SecureString("pw")
    cred = rt("pscredential").new(["user", ss])
    from pslark.runtime.members import get_member, invoke_method
    assert get_member(cred, "UserName") == "user"
    assert get_member(invoke_method(cred, "GetNetworkCredential", []), "Password") == "pw"


def test_encoding():
    utf8 = static("Text.Encoding", "UTF8")
    from pslark.runtime.members import invoke_method
    data = invoke_method(utf8, "GetBytes", ["é"])
    assert list(data) == [0xC3, 0xA9] and data.type_name == "System.Byte[]"
    assert invoke_method(utf8, "GetString", [data]) == "é"
    assert list(invoke_method(static("Text.Encoding", "ASCII"), "GetBytes", ["é"])) == [63]
    assert list(invoke_method(static("Text.Encoding", "Unicode"), "GetBytes", ["A"])) == [65, 0]


def test_scriptblock_create_parse_error():
    # pwsh: MethodInvocationException 'Exception calling "Create" with "1" argument(s): "At line:1 char:5 ...'
    from pslark.runtime.errors import ParseException
    sb = static("scriptblock", "Create()", "1 + 2")
    assert sb.text.strip() == "1 + 2"
    with pytest.raises(MethodInvocationException) as e:
        static("scriptblock", "Create()", "if (")
    assert isinstance(e.value.inner, ParseException)
    assert e.value.message.startswith('Exception calling "Create" with "1" argument(s): "At line:1 char:5')


def test_type_of():
    assert T.type_of(1).full_name == "System.Int32"
    assert T.type_of(2**40).full_name == "System.Int64"
    assert T.type_of([1]).full_name == "System.Object[]"
    assert T.type_of(PSObject()).full_name == "System.Management.Automation.PSCustomObject"
    assert T.type_of(rt("int")).full_name == "System.RuntimeType"
    assert T.type_of(static("ConsoleColor", "Red")).full_name == "System.ConsoleColor"
    lst = rt("System.Collections.Generic.List[string]").new([])
    assert T.type_of(lst) is rt("System.Collections.Generic.List[string]")


def test_interlocked_and_mutex():
    ref = T.PSReference(5)
    assert static("System.Threading.Interlocked", "Increment()", ref) == 6 and ref.Value == 6
    m = rt("System.Threading.Mutex").new([False, "pslark-test-mutex"])
    from pslark.runtime.members import invoke_method
    assert invoke_method(m, "WaitOne", []) is True
    invoke_method(m, "ReleaseMutex", [])
    with pytest.raises(MethodInvocationException) as e:
        invoke_method(m, "ReleaseMutex", [])
    assert "Object synchronization method was called from an unsynchronized block of code." in e.value.message


def test_concurrent_dictionary_threads():
    import threading
    from pslark.runtime.members import invoke_method
    d = rt("System.Collections.Concurrent.ConcurrentDictionary[string,int]").new([])

    def work():
        for _ in range(200):
            invoke_method(d, "AddOrUpdate", ["k", 1, lambda k, v: v + 1])
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert d["k"] == 800


def test_no_python_exception_escapes_for_odd_input():
    for name in ("math", "string", "datetime", "IO.Path", "Convert", "char"):
        t = rt(name)
        for m in t.static_methods():
            for args in ([], [None], [object()], ["x", None, 3], [[1, 2]]):
                try:
                    t.invoke_static(m.name, list(args))
                except PSException:
                    pass


def test_array_statics():
    arr = [3, 1, 2]
    static("array", "Sort()", arr)
    assert arr == [1, 2, 3]
    static("array", "Reverse()", arr)
    assert arr == [3, 2, 1]
    assert static("array", "IndexOf()", arr, 2) == 1
    dst = rt("int[]").new([3])
    static("array", "Copy()", [7, 8], dst, 2)
    assert list(dst) == [7, 8, 0]
    ref = T.PSReference([1, 2])
    static("array", "Resize()", ref, 4)
    assert ref.Value == [1, 2, None, None]
    assert static("array", "Exists()", [1, 2], lambda x: x == 2) is True
    made = static("array", "CreateInstance()", rt("string"), 2)
    assert made == [None, None] and made.type_name == "System.String[]"


def test_delegate_types_keep_the_script_block():
    t = rt("System.Func[int,int]")
    assert t.name == "Func`2" and str(t) == "System.Func`2[System.Int32,System.Int32]"
    sb = static("scriptblock", "Create()", "param($x) $x")
    assert t.convert(sb) is sb and rt("System.Predicate[object]").is_instance(sb)
    with pytest.raises(PSInvalidCastException):
        t.convert(5)
