"""runtime/conversion.py: LanguagePrimitives (truthiness, to_string, number parsing, casts, equality, ordering)."""
from __future__ import annotations

import datetime
import decimal
import math

import pytest

from pslark.runtime import conversion as C
from pslark.runtime.errors import PSInvalidCastException
from pslark.runtime.numbers import Byte, Int64, Single
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, PSChar, PSList, PSObject

D = decimal.Decimal


# ----------------------------------------------------------------------------------------------
# truthiness (about_Booleans)

@pytest.mark.parametrize("value, expected", [
    (None, False), (AUTOMATION_NULL, False), (0, False), (1, True), (-1, True), (0.0, False), ("", False),
    ("False", True), ("0", True), (" ", True), ([], False), ([0], False), ([1], True), ([0, 0], True),
    ([[]], False), ([[1]], True), (Hashtable(), True), (PSObject(), True), (D(0), False), (PSChar("\0"), False),
    (PSChar("a"), True), (PSList(), False), (PSList([0]), False), (PSList([1, 0]), True),
])
def test_to_bool(value, expected):
    assert C.to_bool(value) is expected


# ----------------------------------------------------------------------------------------------
# to string: invariant culture, G15 doubles, $OFS-joined arrays

@pytest.mark.parametrize("value, expected", [
    (None, ""), (1, "1"), (True, "True"), (1.5, "1.5"), (0.1 + 0.2, "0.3"), (1e20, "1E+20"), (1.0, "1"),
    (D("1.50"), "1.50"), ([1, 2, 3], "1 2 3"), ([1, [2, 3]], "1 System.Object[]"), (PSChar("x"), "x"),
    (float("nan"), "NaN"), (float("-inf"), "-Infinity"), (Int64(5), "5"), (123456789012345678.0, "1.23456789012346E+17"),
])
def test_to_string(value, expected):
    assert C.to_string(value) == expected


def test_to_string_ofs_and_dates():
    assert C.to_string([1, 2], ofs="-") == "1-2"
    assert C.to_string(datetime.datetime(2024, 1, 15, 10, 30)) == "01/15/2024 10:30:00"
    assert C.to_string(datetime.timedelta(hours=1, minutes=2)) == "01:02:00"


def test_custom_object_string():
    assert C.to_string(PSObject([("a", 1), ("b", "x")])) == "@{a=1; b=x}"
    assert C.to_string(PSObject([("a", [1, 2])])) == "@{a=System.Object[]}"
    assert C.to_string(PSObject()) == ""


# ----------------------------------------------------------------------------------------------
# numbers from text (Parser.ScanNumber)

@pytest.mark.parametrize("text, expected", [
    ("12", 12), (" 0x1F ", 31), ("1e3", 1000.0), ("1.5", 1.5), ("1kb", 1024), ("10l", 10), ("1.5d", D("1.5")),
    ("-5", -5), ("0b101", 5), ("3000000000", 3000000000), ("abc", None), ("", None), ("1.5kb", 1536.0),
])
def test_parse_number(text, expected):
    assert C.parse_number(text) == expected


def test_parse_number_types():
    assert isinstance(C.parse_number("10l"), Int64)
    assert isinstance(C.parse_number("3000000000"), Int64)
    assert type(C.parse_number("5")) is int


# ----------------------------------------------------------------------------------------------
# casts: banker's rounding, range checks, messages (ExtendedTypeSystem.resx)

@pytest.mark.parametrize("value, expected", [
    (2.5, 2), (3.5, 4), (-2.5, -2), (-3.5, -4), ("0x10", 16), ("  7 ", 7), ("", 0), (None, 0), (True, 1),
    (PSChar("A"), 65), (D("2.5"), 2), ("1e2", 100), ("1,000", 1000),
])
def test_to_int(value, expected):
    assert C.to_int(value) == expected


def test_to_int_errors():
    with pytest.raises(PSInvalidCastException) as e:
        C.to_int("abc")
    assert e.value.message == ('Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' '
                               'was not in a correct format."')
    with pytest.raises(PSInvalidCastException) as e:
        C.to_int(2**31)
    assert "Value was either too large or too small for an Int32." in e.value.message
    with pytest.raises(PSInvalidCastException) as e:
        C.to_int([1, 2])
    assert e.value.message == ('Cannot convert the "1 2" value of type "System.Object[]" to type "System.Int32".')


def test_other_integer_casts():
    assert C.convert_integer(255, Byte) == 255 and isinstance(C.convert_integer(255, Byte), Byte)
    with pytest.raises(PSInvalidCastException):
        C.convert_integer(-1, Byte)
    assert C.to_long(2**40) == 2**40 and isinstance(C.to_long(1), Int64)


def test_to_double_and_decimal():
    assert C.to_double("1.5") == 1.5 and C.to_double(None) == 0.0 and C.to_double(True) == 1.0
    assert C.to_decimal(0.1) == D("0.1")
    assert C.to_decimal("1.50") == D("1.50")
    assert isinstance(C.to_single(1.1), Single)
    with pytest.raises(PSInvalidCastException):
        C.to_double("x")


def test_to_char():
    assert C.to_char(65) == "A" and C.to_char("z") == "z"
    with pytest.raises(PSInvalidCastException) as e:
        C.to_char("ab")
    assert "String must be exactly one character long." in e.value.message


def test_datetime_and_timespan_parsing():
    assert C.to_datetime("2024-01-15") == datetime.datetime(2024, 1, 15)
    assert C.to_datetime("1/15/2024 10:30") == datetime.datetime(2024, 1, 15, 10, 30)
    assert C.to_datetime("January 15, 2024") == datetime.datetime(2024, 1, 15)
    assert C.to_timespan("1.02:03:04") == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert C.to_timespan("00:00:01.5") == datetime.timedelta(seconds=1.5)
    with pytest.raises(PSInvalidCastException):
        C.to_datetime("not a date")


def test_datetime_parse_accepts_lowercase_utc_designator():
    # fix: DateTime.Parse accepts 'z' as well as 'Z' (Get-Date Pester test "-Format FileDateTimeUniversal")
    a = C.to_datetime("2024-01-15T10:00:00Z")
    assert C.to_datetime("2024-01-15T10:00:00z") == a
    assert C.to_datetime("0030-01-01T01:02:03.0004z").year == 30


def test_convert_to_by_type_name():
    assert C.convert_to("5", "int") == 5
    from pslark.runtime.errors import RuntimeException
    with pytest.raises(RuntimeException) as e:
        C.convert_to(1, "nosuchtype")
    assert e.value.message == "Unable to find type [nosuchtype]."


# ----------------------------------------------------------------------------------------------
# equality and ordering: the left operand decides

@pytest.mark.parametrize("a, b, expected", [
    (1, "1", True), ("1", 1, True), ("a", "A", True), (1, 1.0, True), ("1.0", 1, False), (1, "1.0", True),
    (None, None, True), (None, 0, False), (0, None, False), ("", None, False), (True, "x", True), (False, "", True),
    (1, "", False), (0, "", True), (PSChar("a"), "A", True), (PSChar("a"), 97, True), ("abc", ["abc"], False),
    (datetime.datetime(2024, 1, 1), "2024-01-01", True), (2, "0x2", True), (1, " 1 ", True),
])
def test_equals(a, b, expected):
    assert C.equals(a, b) is expected


def test_equals_case_sensitive():
    assert C.equals("a", "A", case_sensitive=True) is False
    assert C.equals("a", "a", case_sensitive=True) is True


def test_enum_equality_with_names_and_numbers():
    # fix: an enum on the left converts the right operand to the enum ([ConsoleColor]::Red -eq 'Red' is True)
    from pslark.runtime.types import resolve_type
    red = resolve_type("ConsoleColor").get_static("Red")
    assert C.equals(red, "Red") and C.equals(red, "red") and C.equals(red, 12)
    assert not C.equals(red, "Blue") and not C.equals(red, "nonsense")
    assert C.compare(red, "Blue") > 0


@pytest.mark.parametrize("a, b, expected", [
    (1, 2, -1), (2, "10", -1), ("2", 10, 1), ("a", "B", -1), ("B", "a", 1), ("a", "A", 0), (None, 0, -1),
    (None, -1, 1), (1.5, 1, 1), (D("1.5"), 1.5, 0), (datetime.datetime(2024, 1, 1), "2023-12-31", 1),
])
def test_compare(a, b, expected):
    assert C.compare(a, b) == expected


def test_compare_case_sensitive_lower_first():
    assert C.compare("a", "A", case_sensitive=True) == -1


def test_compare_errors():
    with pytest.raises(PSInvalidCastException) as e:
        C.compare(1, "abc")
    assert e.value.message.startswith('Could not compare "1" to "abc". Error: "Cannot convert value "abc" to type '
                                      '"System.Int32".')
    with pytest.raises(PSInvalidCastException) as e:
        C.compare(PSObject(), PSObject())
    assert "does not implement \"IComparable\"" in e.value.message


def test_infinities_and_nan_text():
    assert C.compare(float("-inf"), -1e308) == -1
    assert math.isnan(C.to_double("NaN"))
