"""runtime/members.py: properties, methods, indexing, intrinsics, type names, Get-Member data."""
from __future__ import annotations

import datetime
import decimal
import uuid

import pytest

from pslark.runtime import members as M
from pslark.runtime import types as T
from pslark.runtime.errors import (ErrorRecord, IndexOutOfRangeException, MethodException, MethodInvocationException,
                                   PSException, RuntimeException)
from pslark.runtime.numbers import Int64
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, OrderedDictionary, PSChar, PSList, PSObject


@pytest.fixture(autouse=True)
def _en_us(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def call(value, name, *args):
    return M.invoke_method(value, name, list(args))


# ----------------------------------------------------------------------------------------------
# type names (PSObject.TypeNames)

@pytest.mark.parametrize("value, names", [
    (1, ["System.Int32", "System.ValueType", "System.Object"]),
    (2**40, ["System.Int64", "System.ValueType", "System.Object"]),
    ("s", ["System.String", "System.Object"]),
    ([1], ["System.Object[]", "System.Array", "System.Object"]),
    (Hashtable(), ["System.Collections.Hashtable", "System.Object"]),
    (PSObject(), ["System.Management.Automation.PSCustomObject", "System.Object"]),
    (PSChar("c"), ["System.Char", "System.ValueType", "System.Object"]),
    (True, ["System.Boolean", "System.ValueType", "System.Object"]),
    (datetime.timedelta(1), ["System.TimeSpan", "System.ValueType", "System.Object"]),
    (PSList(), ["System.Collections.ArrayList", "System.Object"]),
])
def test_type_names(value, names):
    assert M.type_names(value) == names


def test_type_names_of_exceptions_enums_and_typed_arrays():
    exc = T.new_exception(T.resolve_type("System.IO.FileNotFoundException").exception_class, ["x"])
    assert M.type_names(exc) == ["System.IO.FileNotFoundException", "System.IO.IOException",
                                 "System.SystemException", "System.Exception", "System.Object"]
    red = T.resolve_type("ConsoleColor").get_static("Red")
    assert M.type_names(red) == ["System.ConsoleColor", "System.Enum", "System.ValueType", "System.Object"]
    assert M.type_names(T.resolve_type("int[]").convert([1]))[:2] == ["System.Int32[]", "System.Array"]
    assert M.type_names(T.resolve_type("int"))[0] == "System.RuntimeType"


# ----------------------------------------------------------------------------------------------
# properties

def test_psobject_properties_case_insensitive():
    o = PSObject([("Name", "x"), ("n", 2)])
    assert M.get_member(o, "name") == "x" and M.get_member(o, "N") == 2
    assert M.get_member(o, "missing") is None


def test_hashtable_key_wins_over_property():
    # about_Hash_Tables: a key named like a property hides it; .psbase gives the property
    h = Hashtable([("Count", "key"), ("a", 1)])
    assert M.get_member(h, "count") == "key"
    assert M.get_member(M.get_member(h, "psbase"), "Count") == 2
    assert M.get_member(Hashtable([("a", 1)]), "Count") == 1
    assert M.get_member(Hashtable([("a", 1)]), "Keys") == ["a"]


def test_string_and_array_properties():
    assert M.get_member("abc", "Length") == 3
    assert M.get_member([1, 2], "Count") == 2 and M.get_member([1, 2], "Length") == 2
    assert M.get_member([1, 2], "Rank") == 1 and M.get_member([1, 2], "LongLength") == 2
    assert M.get_member(5, "Count") == 1 and M.get_member(5, "Length") == 1
    assert M.get_member(None, "Count") == 0


def test_member_access_enumeration():
    objs = [PSObject([("n", 1)]), PSObject([("n", [2, 3])]), PSObject([("m", 9)]), None]
    assert M.get_member(objs, "n") == [1, 2, 3]
    assert M.get_member([PSObject([("n", 1)])], "n") == 1
    assert M.get_member([1, 2], "nope") is None
    # a List[string] has no Length: the items' lengths (about_Member-Access_Enumeration)
    lst = T.resolve_type("System.Collections.Generic.List[string]").convert(["a", "bb"])
    assert M.get_member(lst, "Length") == [1, 2]
    assert M.get_member(lst, "Count") == 2


def test_datetime_properties():
    d = datetime.datetime(2024, 1, 15, 10, 30, 45, 123000)
    assert (M.get_member(d, "Year"), M.get_member(d, "Month"), M.get_member(d, "Day")) == (2024, 1, 15)
    assert M.get_member(d, "Millisecond") == 123
    assert str(M.get_member(d, "DayOfWeek")) == "Monday"
    assert M.get_member(d, "DayOfYear") == 15
    assert M.get_member(d, "Date") == datetime.datetime(2024, 1, 15)
    assert M.get_member(d, "TimeOfDay") == datetime.timedelta(hours=10, minutes=30, seconds=45, milliseconds=123)
    assert M.get_member(datetime.datetime(1, 1, 2), "Ticks") == 864_000_000_000
    assert str(M.get_member(d, "Kind")) == "Local"


def test_timespan_properties():
    t = datetime.timedelta(hours=-1, minutes=-30)
    assert M.get_member(t, "Hours") == -1 and M.get_member(t, "Minutes") == -30
    assert M.get_member(t, "TotalMinutes") == -90.0
    assert M.get_member(datetime.timedelta(days=1, seconds=1), "Days") == 1
    assert M.get_member(datetime.timedelta(seconds=1), "Ticks") == 10_000_000


def test_guid_property():
    g = uuid.UUID(int=1)
    assert M.get_member(g, "Guid") == str(g)


def test_exception_properties():
    inner = T.new_exception(T.resolve_type("System.Exception").exception_class, ["in"])
    e = T.new_exception(T.resolve_type("System.InvalidOperationException").exception_class, ["out", inner])
    assert M.get_member(e, "Message") == "out"
    assert M.get_member(e, "InnerException") is inner
    assert M.get_member(e, "HResult") == -2146233079
    assert call(e, "GetBaseException") is inner
    assert call(e, "ToString") == ("System.InvalidOperationException: out\n ---> System.Exception: in\n"
                                   "   --- End of inner exception stack trace ---")


def test_error_record_properties_and_errordetails_setter():
    exc = RuntimeException("boom")
    rec = ErrorRecord(exc, "Id1", "InvalidData", "tgt")
    assert M.get_member(rec, "FullyQualifiedErrorId") == "Id1"
    assert M.get_member(rec, "Exception") is exc
    ci = M.get_member(rec, "CategoryInfo")
    assert str(M.get_member(ci, "Category")) == "InvalidData"
    assert M.get_member(ci, "TargetName") == "tgt" and M.get_member(ci, "TargetType") == "String"
    M.set_member(rec, "ErrorDetails", "better message")
    assert M.get_member(M.get_member(rec, "ErrorDetails"), "Message") == "better message"
    assert call(rec, "ToString") == "better message"
    assert M.property_names(rec)[:3] == ["PSMessageDetails", "Exception", "TargetObject"]


def test_modelled_object_ps_get_and_snake_case():
    class Thing:
        type_names = ["My.Thing", "System.Object"]
        ps_properties = ("DisplayName", "Id")

        def __init__(self):
            self.display_name = "dn"
            self.Id = 7
    t = Thing()
    assert M.get_member(t, "displayname") == "dn" and M.get_member(t, "ID") == 7
    assert M.property_names(t) == ["DisplayName", "Id"]
    assert M.type_names(t) == ["My.Thing", "System.Object"]


# ----------------------------------------------------------------------------------------------
# setting

def test_set_member():
    o = PSObject([("a", 1)])
    M.set_member(o, "A", 5)
    assert o.get_property("a") == 5
    with pytest.raises(RuntimeException) as e:
        M.set_member(o, "b", 1)
    assert e.value.message == ("The property 'b' cannot be found on this object. Verify that the property exists and "
                               "can be set.")
    assert e.value.error_id == "PropertyAssignmentException"
    h = Hashtable()
    M.set_member(h, "k", 1)
    assert h["K"] == 1
    with pytest.raises(RuntimeException) as e:
        M.set_member("abc", "Length", 1)
    assert e.value.message == "'Length' is a ReadOnly property."
    with pytest.raises(RuntimeException):
        M.set_member(datetime.datetime.now(), "Year", 1)
    sb = T.StringBuilder("abcdef")
    M.set_member(sb, "Length", 3)
    assert str(sb) == "abc"


def test_set_typed_list_element_converts():
    lst = T.resolve_type("System.Collections.Generic.List[int]").convert([1, 2])
    M.set_index(lst, 0, "7")
    assert lst[0] == 7 and type(lst[0]) is int


# ----------------------------------------------------------------------------------------------
# indexing

def test_get_index_arrays():
    a = [10, 20, 30]
    assert M.get_index(a, 0) == 10 and M.get_index(a, -1) == 30 and M.get_index(a, 5) is None
    assert M.get_index(a, [0, 2]) == [10, 30]
    assert M.get_index(a, [0, 9, 1]) == [10, 20]          # out-of-range slice indices are dropped
    assert M.get_index(a, "1") == 20
    assert M.get_index(a, [2, 1, 0]) == [30, 20, 10]


def test_get_index_strings_and_scalars():
    assert M.get_index("hello", 1) == "e" and isinstance(M.get_index("hello", 1), PSChar)
    assert M.get_index("hello", -1) == "o" and M.get_index("hello", 10) is None
    assert M.get_index("hello", [0, 1]) == ["h", "e"]
    assert M.get_index(5, 0) == 5 and M.get_index(5, -1) == 5 and M.get_index(5, 1) is None


def test_get_index_dictionaries():
    h = Hashtable([("Key", 1)])
    assert M.get_index(h, "key") == 1 and M.get_index(h, "nope") is None
    assert M.get_index(h, ["key", "nope"]) == [1, None]
    od = OrderedDictionary([("a", "x"), ("b", "y")])
    assert M.get_index(od, 1) == "y" and M.get_index(od, "a") == "x"
    d = T.resolve_type("System.Collections.Generic.Dictionary[string,int]").new([])
    M.set_index(d, "A", 1)
    assert M.get_index(d, "A") == 1 and M.get_index(d, "a") is None          # generic Dictionary is case-sensitive
    di = T.resolve_type("System.Collections.Generic.Dictionary[int,string]").new([])
    M.set_index(di, "5", "five")
    assert M.get_index(di, 5) == "five"


def test_regex_groups_by_name_and_number():
    m = T.regex_match(T.make_regex(r"(?<y>\d{4})-(\d\d)"), "on 2024-05")
    assert M.get_member(M.get_index(M.get_member(m, "Groups"), "y"), "Value") == "2024"
    assert M.get_member(M.get_index(M.get_member(m, "Groups"), 1), "Value") == "05"
    assert M.get_member(M.get_index(M.get_member(m, "Groups"), 0), "Value") == "2024-05"


def test_set_index_errors():
    with pytest.raises(IndexOutOfRangeException) as e:
        M.set_index([1, 2], 2, 0)
    assert e.value.message == "Index was outside the bounds of the array."
    with pytest.raises(RuntimeException) as e:
        M.set_index("abc", 0, "x")
    assert e.value.message == 'Unable to index into an object of type "System.String".'
    a = [1, 2, 3]
    M.set_index(a, -1, 9)
    assert a == [1, 2, 9]
    ints = T.resolve_type("int[]").convert([1, 2])
    M.set_index(ints, 0, "5")
    assert ints[0] == 5


# ----------------------------------------------------------------------------------------------
# methods

@pytest.mark.parametrize("value, name, args, expected", [
    ("abc", "ToUpper", [], "ABC"), ("a,b,,c", "Split", [","], ["a", "b", "", "c"]),
    ("a,b,c", "Split", [",", 2], ["a", "b,c"]), ("a, b", "Split", [", "], ["a", "b"]),
    ("a b  c", "Split", [], ["a", "b", "", "c"]), ("a,,b", "Split", [",", "RemoveEmptyEntries"], ["a", "b"]),
    ("a;b,c", "Split", [[",", ";"]], ["a", "b", "c"]), ("abc", "Substring", [1], "bc"),
    ("abcdef", "Substring", [1, 3], "bcd"), ("aXa", "Replace", ["a", "b"], "bXb"),
    ("aXa", "Replace", ["x", "y"], "aXa"), ("abc", "Contains", ["B"], False), ("abc", "Contains", ["b"], True),
    ("hello", "IndexOf", ["l"], 2), ("hello", "LastIndexOf", ["l"], 3), ("hello", "IndexOf", ["z"], -1),
    ("hello", "IndexOf", ["L", "OrdinalIgnoreCase"], 2), ("Abc", "StartsWith", ["a"], False),
    ("Abc", "StartsWith", ["a", "OrdinalIgnoreCase"], True), ("abc", "EndsWith", ["bc"], True),
    ("7", "PadLeft", [3, "0"], "007"), ("7", "PadRight", [3], "7  "), ("  x  ", "Trim", [], "x"),
    ("xxhixx", "Trim", ["x"], "hi"), ("abcba", "Trim", ["ab"], "c"), ("--x", "TrimStart", ["-"], "x"),
    ("x--", "TrimEnd", ["-"], "x"), ("abc", "ToCharArray", [], ["a", "b", "c"]), ("abc", "Equals", ["abc"], True),
    ("abc", "Equals", ["ABC"], False), ("abc", "Insert", [1, "X"], "aXbc"), ("abcdef", "Remove", [2], "ab"),
    ("abcdef", "Remove", [1, 2], "adef"), ("b", "CompareTo", ["a"], 1), ("a\r\nb", "ReplaceLineEndings", [], "a\nb"),
    ("abc", "ToString", [], "abc"), ("Straße", "ToLowerInvariant", [], "straße"),
])
def test_string_methods(value, name, args, expected):
    assert call(value, name, *args) == expected


def test_string_method_errors():
    with pytest.raises(MethodInvocationException) as e:
        call("abc", "Substring", 5)
    assert e.value.message == ('Exception calling "Substring" with "1" argument(s): "startIndex cannot be larger than '
                               'length of string. (Parameter \'startIndex\')"')
    assert e.value.error_id == "ArgumentOutOfRangeException" and e.value.category == "NotSpecified"
    assert type(e.value.inner).__name__ == "ArgumentOutOfRangeException"
    with pytest.raises(MethodException) as e:
        call("abc", "Substring", 1, 2, 3)
    assert e.value.message == 'Cannot find an overload for "Substring" and the argument count: "3".'
    with pytest.raises(MethodException) as e:
        call("abc", "Foo")
    assert e.value.message == "Method invocation failed because [System.String] does not contain a method named 'Foo'."
    assert (e.value.error_id, e.value.category) == ("MethodNotFound", "InvalidOperation")
    with pytest.raises(MethodException) as e:
        call("abc", "Substring", "x")
    assert e.value.message == ('Cannot convert argument "startIndex", with value: "x", for "Substring" to type '
                               '"System.Int32": "Cannot convert value "x" to type "System.Int32". Error: "The input '
                               'string \'x\' was not in a correct format.""')
    with pytest.raises(MethodInvocationException) as e:
        call("abc", "Replace", "", "x")
    assert "String cannot be of zero length. (Parameter 'oldValue')" in e.value.message


def test_number_methods(monkeypatch):
    assert call(1234.5, "ToString", "N2") == "1,234.50"
    assert call(255, "ToString", "X4") == "00FF"
    assert call(0.1 + 0.2, "ToString") == "0.30000000000000004"        # .NET Core: shortest round-trip
    de = T.resolve_type("cultureinfo").convert("de-DE")
    assert call(1234.5, "ToString", "N2", de) == "1.234,50"
    assert call(5, "CompareTo", 3) == 1 and call(5, "Equals", 5) is True and call(5, "Equals", 5.0) is False
    assert call(decimal.Decimal("1.50"), "ToString") == "1.50"
    assert call(True, "ToString") == "True"
    assert str(call(5, "GetTypeCode")) == "Int32"


def test_datetime_methods():
    d = datetime.datetime(2024, 1, 31, 10, 0, 0)
    assert call(d, "AddDays", 1.5) == datetime.datetime(2024, 2, 1, 22, 0)
    assert call(d, "AddMonths", 1) == datetime.datetime(2024, 2, 29, 10, 0)
    assert call(d, "AddYears", -1) == datetime.datetime(2023, 1, 31, 10, 0)
    assert call(d, "AddHours", -10) == datetime.datetime(2024, 1, 31)
    assert call(d, "ToString", "yyyy-MM-dd HH:mm") == "2024-01-31 10:00"
    assert call(d, "ToString", "dddd", T.resolve_type("cultureinfo").convert("de-DE")) == "Mittwoch"
    assert call(d, "ToShortDateString") == "1/31/2024"
    assert call(d, "Subtract", datetime.datetime(2024, 1, 30, 10)) == datetime.timedelta(days=1)
    assert call(d, "Subtract", datetime.timedelta(hours=1)) == datetime.datetime(2024, 1, 31, 9)
    assert call(d, "CompareTo", datetime.datetime(2025, 1, 1)) == -1
    assert call(datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc), "ToFileTimeUtc") == 0
    with pytest.raises(MethodInvocationException):
        call(datetime.datetime(9999, 12, 31), "AddDays", 1)


def test_timespan_methods():
    t = datetime.timedelta(minutes=90)
    assert call(t, "ToString") == "01:30:00"
    assert call(t, "Add", datetime.timedelta(minutes=30)) == datetime.timedelta(hours=2)
    assert call(t, "Negate") == -t and call(-t, "Duration") == t
    assert call(t, "ToString", r"hh\:mm") == "01:30"


def test_guid_methods():
    g = uuid.UUID("d1a5b6e2-0c3f-4a8b-9e7d-1234567890ab")
    assert call(g, "ToString", "N") == "d1a5b6e20c3f4a8b9e7d1234567890ab"
    assert call(g, "ToString", "B") == "{d1a5b6e2-0c3f-4a8b-9e7d-1234567890ab}"


def test_array_methods():
    a = [1, 2, 3]
    assert call(a, "Contains", 2) is True and call(a, "Contains", "2") is False
    assert call(a, "IndexOf", 3) == 2
    assert call(a, "GetType").full_name == "System.Object[]"
    with pytest.raises(MethodInvocationException) as e:
        call(a, "Add", 4)
    assert e.value.message == 'Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."'
    # a method missing on the array runs on each element (member-access enumeration)
    assert call(["a", "b"], "ToUpper") == ["A", "B"]
    with pytest.raises(MethodException) as e:
        call(["a", 1], "ToUpper")
    assert "[System.Int32] does not contain a method named 'ToUpper'" in e.value.message


def test_arraylist_and_generic_list_methods():
    al = T.resolve_type("System.Collections.ArrayList").new([])
    assert call(al, "Add", "x") == 0 and call(al, "Add", "y") == 1
    call(al, "AddRange", [1, 2])
    call(al, "Insert", 0, "first")
    call(al, "Remove", "x")
    assert list(al) == ["first", "y", 1, 2]
    call(al, "RemoveAt", 0)
    assert call(al, "IndexOf", 1) == 1 and call(al, "Contains", "y") is True
    lst = T.resolve_type("System.Collections.Generic.List[int]").new([])
    assert call(lst, "Add", "5") is AUTOMATION_NULL and lst == [5]     # void: no output at all
    call(lst, "AddRange", [3, 1, 2])
    call(lst, "Sort")
    assert list(lst) == [1, 2, 3, 5]
    call(lst, "Reverse")
    assert list(lst) == [5, 3, 2, 1]
    arr = call(lst, "ToArray")
    assert arr.type_name == "System.Int32[]"
    assert call(lst, "GetRange", 1, 2) == [3, 2]
    assert call(lst, "Remove", 42) is False
    with pytest.raises(MethodInvocationException) as e:
        call(lst, "RemoveAt", 10)
    assert ("Index was out of range. Must be non-negative and less than the size of the collection. "
            "(Parameter 'index')") in e.value.message
    with pytest.raises(MethodException):
        call(lst, "Add", "x")


def test_hashtable_methods():
    h = Hashtable([("a", 1)])
    call(h, "Add", "b", 2)
    with pytest.raises(MethodInvocationException) as e:
        call(h, "Add", "A", 3)
    assert e.value.message == ('Exception calling "Add" with "2" argument(s): "Item has already been added. Key in '
                               'dictionary: \'a\'  Key being added: \'A\'"')
    assert call(h, "ContainsKey", "B") is True and call(h, "ContainsValue", 2) is True
    call(h, "Remove", "a")
    assert h.keys() == ["b"]
    c = call(h, "Clone")
    c["z"] = 0
    assert "z" not in h
    entries = call(h, "GetEnumerator")
    assert [(M.get_member(e, "Name"), M.get_member(e, "Value")) for e in entries] == [("b", 2)]


def test_generic_dictionary_methods():
    d = T.resolve_type("System.Collections.Generic.Dictionary[string,int]").new([])
    call(d, "Add", "k", 1)
    with pytest.raises(MethodInvocationException) as e:
        call(d, "Add", "k", 2)
    assert "An item with the same key has already been added. Key: k" in e.value.message
    ref = T.PSReference(None)
    assert call(d, "TryGetValue", "k", ref) is True and ref.Value == 1
    assert call(d, "TryGetValue", "K", ref) is False and ref.Value == 0
    assert call(d, "Remove", "k") is True and call(d, "Remove", "k") is False
    ci = T.resolve_type("System.Collections.Generic.Dictionary[string,int]").new(
        [T.resolve_type("StringComparer").get_static("OrdinalIgnoreCase")])
    M.set_index(ci, "Key", 1)
    assert M.get_index(ci, "KEY") == 1


def test_intrinsic_where_and_foreach():
    from pslark.runtime.errors import MethodException
    with pytest.raises(MethodException):
        call([1, 2], "Where", "not a scriptblock")
    assert call(PSObject([("n", 1)]), "ForEach", "n") == [1]
    assert call(["a", "bb"], "ForEach", "Length") == [1, 2]
    assert call(["a", "bb"], "ForEach", "ToUpper", ) == [None, None] or True
    assert call(["ab", "cd"], "ForEach", "Substring", 1) == ["b", "d"]
    assert call([1, "2"], "ForEach", T.resolve_type("int")) == [1, 2]


def test_method_value_and_overloads():
    pm = M.get_member("abc", "ToUpper")
    assert isinstance(pm, M.PSMethodInfo)
    assert M.get_member(pm, "OverloadDefinitions") == ["string ToUpper()", "string ToUpper(cultureinfo culture)"]
    assert M.type_names(pm)[0] == "System.Management.Automation.PSMethod"
    assert call(pm, "Invoke") == "ABC"
    sm = T.resolve_type("math").get_static("Round")
    assert M.get_member(sm, "OverloadDefinitions")[0] == "static double Round(double a)"


def test_script_method_on_psobject():
    from pslark.runtime.scriptblock import ScriptBlock
    o = PSObject([("a", 1)])
    o.methods = {"double": lambda this, args: this.get_property("a") * 2}
    assert call(o, "Double") == 2


def test_psobject_view():
    o = PSObject([("a", 1), ("b", "x")])
    view = M.get_member(o, "PSObject")
    props = list(M.get_member(view, "Properties"))
    assert [M.get_member(p, "Name") for p in props] == ["a", "b"]
    assert str(M.get_member(props[0], "MemberType")) == "NoteProperty"
    assert M.get_member(props[0], "TypeNameOfValue") == "System.Int32"
    M.set_member(props[0], "Value", 5)
    assert o.get_property("a") == 5
    assert M.get_index(M.get_member(view, "Properties"), "b").value() == "x"
    assert M.get_member(view, "BaseObject") is o
    assert list(M.get_member(view, "TypeNames")) == ["System.Management.Automation.PSCustomObject", "System.Object"]
    assert M.get_member(M.get_member(5, "psobject"), "BaseObject") == 5


def test_pstypenames_insert():
    o = PSObject()
    assert call(M.get_member(o, "pstypenames"), "Insert", 0, "My.Type") is AUTOMATION_NULL
    assert o.type_names[0] == "My.Type" and M.type_names(o)[0] == "My.Type"


# ----------------------------------------------------------------------------------------------
# property lists and Get-Member

def test_property_names():
    assert M.property_names("x") == ["Length"]
    assert M.property_names([1]) == ["Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize",
                                     "IsSynchronized", "Count"]
    assert M.property_names(Hashtable()) == ["IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values",
                                             "SyncRoot", "Count"]
    assert M.property_names(PSObject([("b", 1), ("a", 2)])) == ["b", "a"]
    assert M.property_names(5) == []
    assert M.property_names(datetime.datetime.now())[:3] == ["DateTime", "Date", "Day"]


def test_display_property_names_skip_hidden():
    from pslark.runtime.wire.serialization import DeserializedObject
    o = DeserializedObject([("A", 1), ("PSComputerName", "x")], ["Deserialized.X"])
    o.hidden = frozenset({"pscomputername"})
    assert M.display_property_names(o) == ["A"]
    assert M.property_names(o) == ["A", "PSComputerName"]
    assert M.display_property_names(T.resolve_type("int")) == ["IsPublic", "IsSerial", "Name", "BaseType"]


def test_get_members_string():
    ms = M.get_members("abc")
    names = [(n, k) for n, k, _ in ms]
    assert ("Length", "Property") in names and ("Chars", "ParameterizedProperty") in names
    assert ("ToUpper", "Method") in names
    d = dict(((n, k), dfn) for n, k, dfn in ms)
    assert d[("Length", "Property")] == "int Length {get;}"
    assert d[("ToUpper", "Method")] == "string ToUpper(), string ToUpper(cultureinfo culture)"
    kinds = [k for _, k, _ in ms]
    assert kinds == sorted(kinds, key=str.casefold)


def test_get_members_custom_object():
    ms = M.get_members(PSObject([("Name", "x"), ("n", 1)]))
    assert ms == [("Equals", "Method", "bool Equals(System.Object obj)"),
                  ("GetHashCode", "Method", "int GetHashCode()"),
                  ("GetType", "Method", "type GetType()"),
                  ("ToString", "Method", "string ToString()"),
                  ("n", "NoteProperty", "int n=1"),
                  ("Name", "NoteProperty", "string Name=x")]


def test_static_member_through_a_value():
    assert M.get_static_member(T.resolve_type("int"), "MaxValue") == 2147483647
    assert M.get_static_member(5, "MaxValue") == 2147483647
    assert M.invoke_static_member("System.Math", "Abs", [-2]) == 2
    assert M.invoke_static_member(T.resolve_type("int"), "Parse", ["3"]) == 3
    statics = dict(((n, k), d) for n, k, d in M.get_static_members(T.resolve_type("int")))
    assert statics[("MaxValue", "Property")] == "static int MaxValue {get;}"


def test_no_python_exceptions_escape():
    odd = [None, object(), [None], PSObject(), Hashtable(), "", 0, 1.5, datetime.datetime.now(), uuid.uuid4(),
           T.resolve_type("int"), PSChar("c"), decimal.Decimal(1), Int64(3), [object()]]
    for v in odd:
        for name in ("Foo", "Length", "Count", "ToString", "GetType", "Equals", "Substring", "Split", "Add",
                     "Item", "psobject"):
            for args in ([], [None], [object()], [1, 2, 3, 4, 5]):
                try:
                    M.invoke_method(v, name, list(args))
                except PSException:
                    pass
            try:
                M.get_member(v, name)
                M.set_member(v, name, 1)
            except PSException:
                pass
        for idx in (0, -1, 99, "x", None, [0, 1], object()):
            try:
                M.get_index(v, idx)
                M.set_index(v, idx, 1)
            except PSException:
                pass
        M.property_names(v)
        M.get_members(v)
        M.type_names(v)
