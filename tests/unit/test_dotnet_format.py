""".NET formatting (runtime/dotnet_format.py): standard and custom numeric formats, composite formatting, DateTime
and TimeSpan patterns, G15 doubles (values as .NET 8 prints them; learn.microsoft.com "Standard numeric format
strings", "Custom numeric format strings", "Composite formatting", "Standard date and time format strings")."""
from __future__ import annotations

import datetime
import decimal

import pytest

from pslark.runtime import dotnet_format as F
from pslark.runtime.culture import get_culture, invariant_culture
from pslark.runtime.errors import FormatException
from pslark.runtime.numbers import Single

D = decimal.Decimal
EN = get_culture("en-US")
DE = get_culture("de-DE")
INV = invariant_culture()


@pytest.mark.parametrize("value, spec, expected", [
    (1234.5678, "N2", "1,234.57"), (1234.5678, "N0", "1,235"), (1234, "N", "1,234.00"), (-1234.5, "N1", "-1,234.5"),
    (1234.5678, "F2", "1234.57"), (1234, "F", "1234.00"), (42, "D5", "00042"), (-42, "D5", "-00042"),
    (255, "X", "FF"), (255, "x4", "00ff"), (-1, "X", "FFFFFFFF"), (0.125, "P1", "12.5%"), (0.5, "P0", "50%"),
    (3.5, "C", "$3.50"), (-3.5, "C", "-$3.50"), (1234.5678, "E2", "1.23E+003"), (1234.5678, "e3", "1.235e+003"),
    (1234.5678, "G3", "1.23E+03"), (0.0001, "G", "0.0001"), (1e-5, "G", "1E-05"), (123456789, "G", "123456789"),
    (1.5, "R", "1.5"), (D("1.50"), "F1", "1.5"), (D("2.345"), "N2", "2.35"), (2.345, "N2", "2.35"),
    (1234.5678, "0.00", "1234.57"), (1234.5678, "#,##0.0", "1,234.6"), (5, "000", "005"), (0.5, "0%", "50%"),
    (1234567, "#,#", "1,234,567"), (-5, "0;(0)", "(5)"), (0, "0;(0);zero", "zero"), (1.5, "#.##", "1.5"),
    (0.0, "#.##", ""), (12.3456, "00.0", "12.3"), (1e6, "0.###E+0", "1E+6"),
])
def test_numeric_formats_en_us(value, spec, expected):
    assert F.format_value(value, spec, EN) == expected


@pytest.mark.parametrize("value, spec, expected", [
    (1234.5678, "N2", "1.234,57"), (0.5, "P0", "50 %"), (3.5, "C", "3,50 €"), (1234.5, "F1", "1234,5"),
])
def test_numeric_formats_de_de(value, spec, expected):
    assert F.format_value(value, spec, DE) == expected


def test_exact_ties_round_half_even_for_doubles():
    # .NET 8 Number.Dragon4: exactly representable midpoints go to the even digit
    assert F.format_value(2.25, "N1", EN) == "2.2"
    assert F.format_value(0.125, "F2", EN) == "0.12"
    assert F.format_value(2.35, "F1", EN) == "2.4"            # 2.35 is really 2.35000000000000008882


def test_invalid_format_specifier():
    with pytest.raises(FormatException):
        F.format_value(1.5, "D2", EN)


@pytest.mark.parametrize("x, expected", [
    (0.1 + 0.2, "0.3"), (1 / 3, "0.333333333333333"), (1e15, "1E+15"), (123456789012345.0, "123456789012345"),
    (1e-7, "1E-07"), (-0.0, "-0"), (2.5, "2.5"), (float("nan"), "NaN"), (float("inf"), "Infinity"),
])
def test_double_to_string_g15(x, expected):
    assert F.double_to_string(x) == expected


def test_single_to_string():
    assert F.single_to_string(Single(1.1)) == "1.1"
    assert F.single_to_string(Single(1 / 3)) == "0.3333333"


@pytest.mark.parametrize("fmt, args, expected", [
    ("{0}-{1}", [1, "a"], "1-a"), ("{0,6:N1}|", [3.14159], "   3.1|"), ("{0,-6}|", ["ab"], "ab    |"),
    ("{1}{0}", ["a", "b"], "ba"), ("{{{0}}}", [5], "{5}"), ("{0:00}:{1:00}", [5, 7], "05:07"),
    ("{0:C2}", [D("1234.5")], "$1,234.50"), ("{0}", [True], "True"), ("{0:x}", [255], "ff"),
])
def test_composite_format(fmt, args, expected):
    assert F.composite_format(fmt, args, EN) == expected


@pytest.mark.parametrize("fmt", ["{", "{0", "{x}", "}", "{0,}", "{-1}"])
def test_composite_format_errors(fmt):
    with pytest.raises(FormatException):
        F.composite_format(fmt, [1], EN)


def test_composite_index_out_of_range():
    with pytest.raises(FormatException) as e:
        F.composite_format("{1}", ["a"], EN)
    assert e.value.message == F.INDEX_OUT_OF_RANGE


DT = datetime.datetime(2024, 3, 5, 14, 7, 9, 123000)


@pytest.mark.parametrize("spec, culture, expected", [
    ("yyyy-MM-dd", EN, "2024-03-05"), ("dd/MM/yy", EN, "05/03/24"), ("d", EN, "3/5/2024"), ("d", DE, "05.03.2024"),
    ("D", EN, "Tuesday, March 5, 2024"), ("HH:mm:ss.fff", EN, "14:07:09.123"), ("h:mm tt", EN, "2:07 PM"),
    ("dddd", DE, "Dienstag"), ("MMM", EN, "Mar"), ("MMMM", DE, "März"), ("s", EN, "2024-03-05T14:07:09"),
("yyyyMMdd'T'HHmm", EN, "20240305T1407"), ("M/d", INV, "3/5"),
    ("G", INV, "03/05/2024 14:07:09"), ("%d", EN, "5"), ("t", DE, "14:07"),
])
def test_datetime_formats(spec, culture, expected):
    assert F.format_datetime(DT, spec, culture) == expected


def test_datetime_u_and_r_use_invariant_text():
    utc = datetime.datetime(2024, 3, 5, 14, 7, 9, tzinfo=datetime.timezone.utc)
    assert F.format_datetime(utc.replace(microsecond=123000), "o", DE) == "2024-03-05T14:07:09.1230000Z"
    assert F.format_datetime(utc, "u", DE) == "2024-03-05 14:07:09Z"
    assert F.format_datetime(utc, "r", DE) == "Tue, 05 Mar 2024 14:07:09 GMT"


@pytest.mark.parametrize("td, spec, expected", [
    (datetime.timedelta(hours=1, minutes=2, seconds=3), None, "01:02:03"),
    (datetime.timedelta(days=2, hours=1), "c", "2.01:00:00"),
    (datetime.timedelta(seconds=1.5), "c", "00:00:01.5000000"),
    (-datetime.timedelta(minutes=90), "c", "-01:30:00"),
    (datetime.timedelta(hours=1, minutes=2, seconds=3), "g", "1:02:03"),
    (datetime.timedelta(days=1, seconds=1), "G", "1:00:00:01.0000000"),
    (datetime.timedelta(hours=5, minutes=7), r"hh\:mm", "05:07"),
    (datetime.timedelta(days=3, hours=5), "%d", "3"),
    (datetime.timedelta(minutes=5, seconds=30), "mm' min 'ss' s'", "05 min 30 s"),
])
def test_timespan_formats(td, spec, expected):
    assert F.format_timespan(td, spec, EN) == expected


def test_guid_formats():
    import uuid
    g = uuid.UUID("d1a5b6e2-0c3f-4a8b-9e7d-1234567890ab")
    assert F.format_guid(g, "N") == "d1a5b6e20c3f4a8b9e7d1234567890ab"
    assert F.format_guid(g, "P") == "(d1a5b6e2-0c3f-4a8b-9e7d-1234567890ab)"
    with pytest.raises(FormatException):
        F.format_guid(g, "Q")


def test_number_to_string_with_culture():
    assert F.number_to_string(1.5, DE) == "1,5"
    assert F.number_to_string(1.5, EN) == "1.5"
    assert F.number_to_string(D("2.50"), DE) == "2,50"


@pytest.mark.parametrize("value, spec, expected", [
    (D("0.00"), "", "0.00"), (D("-0.00"), "", "0.00"), (D("0.000"), "G", "0.000"), (D("-0"), "", "0"),
    (D("0.00"), "F1", "0.0"), (D("-0.00"), "N", "0.00"), (D("0E+3"), "", "0"),
])
def test_decimal_zero_keeps_its_scale_and_drops_its_sign(value, spec, expected):
    # Number.Formatting.cs: DecimalToNumber keeps the scale of a zero, and a decimal -0 prints as 0
    assert F.format_value(value, spec, EN) == expected
    if not spec:
        assert F.number_to_string(value, DE) == expected.replace(".", ",")
