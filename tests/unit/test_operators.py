"""runtime/operators.py: arithmetic typing, comparisons (arrays on the left filter), -like/-match/-replace/-split/
-join, ranges, -f, -is/-as (about_Arithmetic_Operators, about_Comparison_Operators, about_Split, about_Join,
ComparisonOperator.Tests.ps1, SplitOperator.Tests.ps1, ReplaceOperator.Tests.ps1, RangeOperator.Tests.ps1)."""
from __future__ import annotations

import decimal

import pytest

from pslark.runtime import operators as O
from pslark.runtime.errors import PSException, RuntimeException
from pslark.runtime.numbers import Int64
from pslark.runtime.objects import Hashtable, PSChar, PSList

D = decimal.Decimal


def b(op, left, right):
    return O.binary(op, left, right)


@pytest.fixture(autouse=True)
def _en_us(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)


# ----------------------------------------------------------------------------------------------
# arithmetic: the left operand decides, widening int -> long -> double

@pytest.mark.parametrize("op, left, right, expected, type_name", [
    ("+", 2, "3", 5, "int"), ("+", "2", 3, "23", "str"), ("+", 1, 1.5, 2.5, "float"),
    ("+", 2147483647, 1, 2147483648.0, "float"),       # Int32 overflow widens to Double (about_Arithmetic) ("*", "ab", 3, "ababab", "str"), ("/", 6, 3, 2, "int"),
    ("/", 7, 2, 3.5, "float"), ("%", 7, 3, 1, "int"), ("%", -7, 3, -1, "int"), ("-", 5, "2", 3, "int"),
    ("+", D("1.1"), 1, D("2.1"), "Decimal"), ("+", None, 5, 5, "int"), ("*", 1.5, 2, 3.0, "float"),
    ("+", 9223372036854775807, 1, 9.223372036854776e18, "float"),
])
def test_arithmetic(op, left, right, expected, type_name):
    r = b(op, left, right)
    assert r == expected
    assert type(r).__name__ == type_name


def test_array_arithmetic():
    assert b("+", [1, 2], 3) == [1, 2, 3]
    assert b("+", [1], [2, 3]) == [1, 2, 3]
    assert b("*", [1, 2], 2) == [1, 2, 1, 2]


def test_hashtable_addition():
    h = b("+", Hashtable([("a", 1)]), Hashtable([("b", 2)]))
    assert h.keys() == ["a", "b"]
    with pytest.raises(PSException) as e:
        b("+", Hashtable([("a", 1)]), Hashtable([("A", 2)]))
    assert "Item has already been added. Key in dictionary: 'a'  Key being added: 'A'" in e.value.message


def test_divide_by_zero():
    with pytest.raises(RuntimeException) as e:
        b("/", 1, 0)
    assert e.value.message == "Attempted to divide by zero."


def test_string_plus_number_errors():
    with pytest.raises(PSException) as e:
        b("+", 1, "abc")
    assert 'Cannot convert value "abc" to type "System.Int32".' in e.value.message


def test_datetime_arithmetic():
    import datetime
    d = datetime.datetime(2024, 1, 1)
    assert b("-", datetime.datetime(2024, 1, 2), d) == datetime.timedelta(days=1)
    assert b("+", d, datetime.timedelta(hours=1)) == datetime.datetime(2024, 1, 1, 1)


# ----------------------------------------------------------------------------------------------
# comparison: case-insensitive by default, arrays on the left filter

@pytest.mark.parametrize("op, left, right, expected", [
    ("-eq", "abc", "ABC", True), ("-ceq", "abc", "ABC", False), ("-ne", 1, "1", False), ("-gt", 10, "9", True),
    ("-gt", "10", 9, False), ("-lt", "a", "B", True), ("-clt", "a", "A", True), ("-ge", 5, 5, True),
    ("-le", 4, 5.5, True), ("-eq", None, None, True), ("-eq", 1, None, False),
    ("-eq", [1, 2, 1, 3], 1, [1, 1]), ("-ne", [1, 2, 1], 1, [2]), ("-gt", [1, 5, 10], 4, [5, 10]),
    ("-eq", ["a", "B", "b"], "b", ["B", "b"]), ("-ceq", ["a", "B", "b"], "b", ["b"]),
    ("-eq", [None, 1, None], None, [None, None]), ("-eq", [], 1, []),
])
def test_comparison(op, left, right, expected):
    assert b(op, left, right) == expected


@pytest.mark.parametrize("op, left, right, expected", [
    ("-contains", [1, 2, 3], 2, True), ("-contains", [1, 2, 3], "2", True), ("-notcontains", [1, 2], 3, True),
    ("-in", "b", ["a", "B"], True), ("-cin", "b", ["a", "B"], False), ("-notin", 5, [1, 2], True),
    ("-contains", "abc", "b", False), ("-contains", PSList(["x"]), "X", True),
])
def test_containment(op, left, right, expected):
    assert b(op, left, right) is expected


def test_contains_on_enumerable_collections():
    # fix: -contains / -in enumerate HashSet / Queue / Stack (IEnumerable), not only arrays
    from pslark.runtime.types import resolve_type
    hs = resolve_type("System.Collections.Generic.HashSet[string]").convert(["a", "b"])
    assert b("-contains", hs, "B") is True
    assert b("-in", "c", hs) is False


# ----------------------------------------------------------------------------------------------
# -like / -match / $Matches / -replace

@pytest.mark.parametrize("op, left, right, expected", [
    ("-like", "Hello", "h*", True), ("-clike", "Hello", "h*", False), ("-like", "a.b", "a?b", True),
    ("-like", "[x]", "`[x`]", True), ("-notlike", "abc", "*d*", True), ("-like", ["ab", "cd", "ax"], "a*", ["ab", "ax"]),
    ("-match", "abc123", r"\d+", True), ("-cmatch", "ABC", "abc", False), ("-notmatch", "abc", "x", True),
    ("-match", ["a1", "b", "c2"], r"\d", ["a1", "c2"]),
])
def test_like_and_match(op, left, right, expected):
    assert b(op, left, right) == expected


def test_match_sets_matches_table():
    got = []
    assert O.binary("-match", "key=value", r"(?<k>\w+)=(\w+)", got.append) is True
    table = got[0]
    assert table["k"] == "key" and table[0] == "key=value" and table[1] == "value"
    # arrays on the left do not set $Matches
    got.clear()
    O.binary("-match", ["a1"], r"\d", got.append)
    assert got == []


@pytest.mark.parametrize("left, right, expected", [
    ("Hello World", ["o", "0"], "Hell0 W0rld"), ("abc", ["B", "x"], "axc"), ("John Smith", [r"(\w+) (\w+)", "$2, $1"],
                                                                           "Smith, John"),
    ("a.b", [r"\.", ""], "ab"), ("aaa", "a", ""), ("x1y2", [r"(?<d>\d)", "[${d}]"], "x[1]y[2]"),
    (["a1", "b2"], [r"\d", "#"], ["a#", "b#"]), ("$5", [r"\$", "USD "], "USD 5"),
])
def test_replace(left, right, expected):
    assert b("-replace", left, right) == expected


def test_creplace_is_case_sensitive():
    assert b("-creplace", "aA", ["a", "x"]) == "xA"


@pytest.mark.parametrize("left, right, expected", [
    ("a,b,c", ",", ["a", "b", "c"]), ("a,b,c", [",", 2], ["a", "b,c"]), ("a.b", ".", ["", "", "", ""]),
    ("a.b", [".", 0, "SimpleMatch"], ["a", "b"]), ("aXbxc", "x", ["a", "b", "c"]), ("aXbxc", ["x", 0], ["a", "b", "c"]),
    ("1a2b3", r"(\d)", ["", "1", "a", "2", "b", "3", ""]), (["a b", "c d"], " ", ["a", "b", "c", "d"]),
    ("a,b,c,d", [",", -2], ["a,b,c", "d"]),
])
def test_split(left, right, expected):
    assert b("-split", left, right) == expected


def test_csplit_and_unary_split():
    assert b("-csplit", "aXbxc", "x") == ["aXb", "c"]
    assert O.unary("-split", "  a  b c ") == ["a", "b", "c"]


@pytest.mark.parametrize("left, right, expected", [
    ([1, 2, 3], ",", "1,2,3"), ("abc", "-", "abc"), ([], ",", ""), ([None, 1], "-", "-1"), ([1.5, True], "|", "1.5|True"),
])
def test_join(left, right, expected):
    assert b("-join", left, right) == expected


def test_unary_join():
    assert O.unary("-join", ["a", "b"]) == "ab"


# ----------------------------------------------------------------------------------------------
# ranges, -f, type operators, bitwise

def test_ranges():
    assert O.range_op(1, 5) == [1, 2, 3, 4, 5]
    assert O.range_op(3, 1) == [3, 2, 1]
    assert O.range_op(-1, 1) == [-1, 0, 1]
    assert O.range_op("a", "c") == ["a", "b", "c"] and isinstance(O.range_op("a", "c")[0], PSChar)
    assert O.range_op("1", "3") == [1, 2, 3]
    assert O.range_op(1.5, 3.5) == [2, 3, 4]            # bounds convert to Int32 with banker's rounding


@pytest.mark.parametrize("fmt, args, expected", [
    ("{0} {1}", ["a", "b"], "a b"), ("{0:N2}", [1234.567], "1,234.57"), ("{0,5}|", [1], "    1|"),
    ("{0,-5}|", [1], "1    |"), ("{0:D3}", [7], "007"), ("{0:X}", [255], "FF"), ("{0:P1}", [0.1234], "12.3%"),
    ("{{0}}", [1], "{0}"), ("{0:yyyy-MM-dd}", [__import__("datetime").datetime(2024, 1, 5)], "2024-01-05"),
    ("{0:0.00}", [2.5], "2.50"), ("{0:#,##0}", [1234567], "1,234,567"), ("{0}", [None], ""),
    ("{0}", [[1, 2]], "1 2"),
])
def test_format_operator(fmt, args, expected):
    assert O.format_op(fmt, args) == expected


def test_format_operator_errors():
    with pytest.raises(RuntimeException) as e:
        O.format_op("{1}", ["a"])
    assert e.value.message == ("Error formatting a string: Index (zero based) must be greater than or equal to zero "
                               "and less than the size of the argument list..")
    assert e.value.error_id == "FormatError"


def test_is_and_as():
    from pslark.runtime.types import resolve_type
    assert b("-is", 1, resolve_type("int")) is True
    assert b("-isnot", 1, resolve_type("string")) is True
    assert b("-is", 1, "int") is True
    assert b("-as", "5", resolve_type("int")) == 5
    assert b("-as", "x", resolve_type("int")) is None
    assert b("-is", None, resolve_type("object")) is False


@pytest.mark.parametrize("op, left, right, expected", [
    ("-band", 6, 3, 2), ("-bor", 6, 3, 7), ("-bxor", 6, 3, 5), ("-shl", 1, 4, 16), ("-shr", -16, 2, -4),
    ("-band", "6", 3, 2),
])
def test_bitwise(op, left, right, expected):
    assert b(op, left, right) == expected


def test_bitwise_on_enums_keeps_the_enum():
    # fix: [FileAttributes]::ReadOnly -bor [FileAttributes]::Hidden prints "ReadOnly, Hidden" in pwsh
    from pslark.runtime.types import resolve_type
    t = resolve_type("System.IO.FileAttributes")
    r = b("-bor", t.get_static("ReadOnly"), t.get_static("Hidden"))
    assert t.is_instance(r) and str(r) == "ReadOnly, Hidden" and int(r) == 3
    r = b("-bor", t.get_static("ReadOnly"), "Archive")
    assert str(r) == "ReadOnly, Archive"
    assert str(b("-band", r, t.get_static("Archive"))) == "Archive"


def test_unary_operators():
    assert O.unary("-not", 0) is True and O.unary("!", "x") is False
    assert O.unary("-", 5) == -5 and O.unary("-", "5") == -5
    assert O.unary("-bnot", 0) == -1
    assert O.unary(",", 1) == [1]


def test_logical_and_coalesce():
    assert b("-and", 1, "") is False and b("-or", 0, "x") is True and b("-xor", 1, 1) is False
    assert b("??", None, 5) == 5 and b("??", 0, 5) == 0


def test_typed_widening_results():
    r = b("+", Int64(1), 1)
    assert r == 2 and type(r).__name__ in ("Int64",)
    assert b("*", 65536, 65536) == 4294967296.0 and type(b("*", 65536, 65536)) is float
