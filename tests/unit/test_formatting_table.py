"""Table layout goldens: Format-Table / Out-Default tables (most expectations copied from pwsh's
test/powershell/Modules/Microsoft.PowerShell.Utility/Format-Table.Tests.ps1; the test name is cited)."""
from __future__ import annotations

import decimal

import pytest

from pslark.runtime.culture import get_culture
from pslark.runtime.formatting import (Column, OutDefault, TableView, format_table, out_string, register_view)
from pslark.runtime.formatting import views as views_mod
from pslark.runtime.formatting.writers import calculate_column_widths
from pslark.runtime.numbers import Single
from pslark.runtime.objects import OrderedDictionary, PSObject

EN = get_culture("en-US")


def obj(*pairs, type_name=None):
    o = PSObject(list(pairs))
    if type_name:
        o.type_names.insert(0, type_name)
    return o


def ft(objs, **kw):
    width = kw.pop("width", None)
    return out_string(format_table(objs, culture=EN, **kw), width=width, culture=EN)


def od(objs, width=79, **kw):
    o = OutDefault(width, EN, **kw)
    lines = []
    for x in objs:
        lines += o.write(x)
    lines += o.close()
    return "\n".join(lines) + "\n"


@pytest.fixture
def test_views():
    """Register views for the type `Test.Format` for one test (as the Pester tests do with Update-FormatData)."""
    added = []

    def add(view):
        register_view(view, first=True)
        added.append(view)
    yield add
    for v in added:
        views_mod.VIEWS.remove(v)


# -- "Should render header/row correctly where values are wider than header w/ implicit autosize" ----------------
@pytest.mark.parametrize("objs,expected", [
    ([obj(("abc", "1234"), ("bcd", "123")), obj(("abc", "1"), ("bcd", "1234"))],
     "\nabc  bcd\n---  ---\n1234 123\n1    1234\n\n"),
    ([obj(("abc", "1234"), ("bcd", "1234")), obj(("abc", "1"), ("bcd", "1"))],
     "\nabc  bcd\n---  ---\n1234 1234\n1    1\n\n"),
    ([obj(("abc", "123"), ("bcd", "1234")), obj(("abc", "1"), ("bcd", "123"))],
     "\nabc bcd\n--- ---\n123 1234\n1   123\n\n"),
], ids=["first column", "both columns", "second column"])
def test_implicit_autosize(objs, expected):
    assert ft(objs) == expected
    assert od(objs) == expected


# -- "Should render header correctly where header is shorter than column width with justification" -----------------
@pytest.mark.parametrize("o,expected", [
    (obj(("a", "abc"), ("b", 123)), "\na     b\n-     -\nabc 123\n\n"),
    (obj(("a", "abc"), ("b", "abc")), "\na   b\n-   -\nabc abc\n\n"),
    (obj(("a", 123), ("b", "abc")), "\n  a b\n  - -\n123 abc\n\n"),
    (obj(("a", 123), ("b", 123)), "\n  a   b\n  -   -\n123 123\n\n"),
], ids=["left/right", "left/left", "right/left", "right/right"])
def test_header_justification(o, expected):
    assert ft([o]) == expected


def test_no_trailing_whitespace_header():
    # "Format-Table should not add trailing whitespace to the header"
    out = ft(["hello"], properties=["foo"], force=True)
    assert out.replace("\n", "") == "foo---"


def test_no_trailing_whitespace_rows():
    # "Format-Table should not add trailing whitespace to rows"
    out = ft([obj(("a", 1), ("b", 2))], hide_table_headers=True)
    assert out.replace("\n", "") == "1 2"


def test_center_alignment_with_width():
    # "Should be formatted correctly if width is declared and using center alignment"
    out = ft([obj(("one", 1))], properties=[{"l": "one", "e": "one", "width": 10, "alignment": "center"}])
    assert out == "\n   one\n   ---\n    1\n\n"


def test_double_byte_wide_chars():
    # "Should be formatted correctly with double byte wide chars"
    o = obj(("哇", "62"), ("dbda", "KM"), ("消息", "千"))
    assert ft([o]) == "\n哇 dbda 消息\n-- ---- ----\n62 KM   千\n\n"


@pytest.mark.parametrize("o,expected", [
    (obj(("A", 1), ("B", 2), ("Name", "This\nIs some random\nmultiline content")),
     "\nA B Name\n- - ----\n1 2 This\n    Is some random\n    multiline content\n\n"),
    (obj(("Name", "This\nIs some random\nmultiline content"), ("A", 1), ("B", 2)),
     "\nName                                  A B\n----                                  - -\n"
     "This                                  1 2\nIs some random\nmultiline content\n\n"),
    (obj(("A", 1), ("Name", "This\nIs some random\nmultiline content"), ("B", 2)),
     "\nA Name                                  B\n- ----                                  -\n"
     "1 This                                  2\n  Is some random\n  multiline content\n\n"),
], ids=["right", "left", "middle"])
def test_rows_wrapped(o, expected):
    # "Should render rows correctly when wrapped" (the Name column is 37 wide: the whole multi-line value counts)
    assert ft([o], wrap=True) == expected


def test_array_cell_enumeration_limit():
    # "Format-Table with array should work"
    out = ft([OrderedDictionary([("array", list(range(256)))])])
    assert "array                          {0, 1, 2, 3\u2026}" in out


@pytest.mark.parametrize("limit,expected", [(-1, "{1, 2}"), (1, "{1\u2026}"), (10, "{1, 2}"), (2, "{1, 2}")])
def test_enumeration_limit(limit, expected):
    # "Format-Table with Negative / Less / More / Equal Count should work"
    out = out_string(format_table([OrderedDictionary([("test", [1, 2])])], culture=EN, enumeration_limit=limit),
                     culture=EN)
    assert f"test                           {expected}" in out


def test_cell_float_double_decimal_two_decimals():
    # "Table should format floats, doubles, and decimals with number of decimals from current culture"
    o = obj(("double", 1234.56789), ("float", Single(9876.54321)), ("decimal", decimal.Decimal("4567.123456789")))
    assert ft([o]) == "\n double   float decimal\n ------   ----- -------\n1234.57 9876.54 4567.12\n\n"


def test_view_alignment(test_views):
    # "Format-Table should have correct alignment": a view with no widths (cached, sized from the rows)
    test_views(TableView("Test.Format", ("Test.Format",), (
        Column("Left", "Left", "left"), Column("Center", "Center", "center"), Column("Right", "Right", "right"))))
    o = obj(("Left", 1), ("Center", 2), ("Right", 3), type_name="Test.Format")
    assert out_string([o], culture=EN) == "\nLeft Center Right\n---- ------ -----\n1      2        3\n\n"


@pytest.mark.parametrize("widths,one,expected", [
    ((7, 7, 7), False, "\nLongLon Header2 Header3\ngHeader\n------- ------- -------\n1       2       3\n\n"),
    ((4, 7, 4), False, "\nLong Header2 Head\nLong         er3\nHead\ner\n---- ------- ----\n1    2       3\n\n"),
    ((4, 4, 7), False, "\nLong Head Header3\nLong er2\nHead\ner\n---- ---- -------\n1    2    3\n\n"),
    ((14, 7, 3), False, "\nLongLongHeader Header2 Hea\n                       der\n                       3\n"
                        "-------------- ------- ---\n1              2       3\n\n"),
    ((4, 1, 1), True, "\nLong\nLong\nHead\ner\n----\n1\n\n"),
], ids=["2 row, 1 row, 1 row", "4 row, 1 row, 2 row", "4 row, 2 row, 1 row", "1 row, 1 row, 3 row", "1 column"])
def test_headers_spanning_rows(test_views, widths, one, expected):
    # "Format-Table should correctly render headers that span multiple rows"
    if one:
        cols = (Column("LongLongHeader", "First", width=widths[0]),)
    else:
        cols = (Column("LongLongHeader", "First", width=widths[0]), Column("Header2", "Second", width=widths[1]),
                Column("Header3", "Third", width=widths[2]))
    test_views(TableView("Default", ("Test.Format",), cols))
    o = obj(("First", 1), ("Second", 2), ("Third", 3), type_name="Test.Format")
    assert ft([o], view="Default") == expected


def _render_view(test_views, widths, values, wrap, one=False):
    if one:
        cols = (Column("LongLongHeader", "First", width=widths[0]),)
    else:
        cols = (Column("LongLongHeader", "First", "left", widths[0]), Column("Header2", "Second", "right", widths[1]),
                Column("Header3", "Third", "center", widths[2]))
    test_views(TableView("Default", ("Test.Format",), cols))
    o = obj(("First", values[0]), ("Second", values[1]), ("Third", values[2]), type_name="Test.Format")
    return ft([o], view="Default", wrap=wrap).replace(" ", "*")


NARROW = (1, 2, 3)
WIDE = ("12345", "12345678", "123456")


@pytest.mark.parametrize("widths,values,wrap,one,expected", [
    ((4, 7, 5), NARROW, False, False, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n1**********2***3\n\n"),
    ((4, 7, 5), NARROW, True, False, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n1**********2***3\n\n"),
    ((4, 7, 5), WIDE, False, False,
     "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n123\u2026*\u2026345678*1234\u2026\n\n"),
    ((3, 1, 1), WIDE, False, True, "\nLon\ngLo\nngH\nead\ner\n---\n12\u2026\n\n"),
    ((4, 8, 6), WIDE, True, False,
     "\nLong**Header2*Header\nLong************3\nHead\ner\n----**-------*------\n1234*12345678*123456\n5\n\n"),
    ((5, 7, 6), WIDE, True, False,
     "\nLongL*Header2*Header\nongHe***********3\nader\n-----*-------*------\n12345*1234567*123456\n************8\n\n"),
    ((5, 8, 5), WIDE, True, False,
     "\nLongL**Header2*Heade\nongHe***********r3\nader\n-----**-------*-----\n12345*12345678*12345\n*****************6\n\n"),
    ((4, 7, 5), WIDE, True, False,
     "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n1234*1234567*12345\n5**********8***6\n\n"),
    ((3, 1, 1), WIDE, True, True, "\nLon\ngLo\nngH\nead\ner\n---\n123\n45\n\n"),
], ids=["narrow values", "narrow values with wrap", "wide values", "wide values, 1 column",
        "wrap, 1st column", "wrap, 2nd column", "wrap, 3rd column", "wrap, all 3 columns", "wrap, with 1 column"])
def test_rows_rendering(test_views, widths, values, wrap, one, expected):
    # "Format-Table should correctly render rows"
    assert _render_view(test_views, widths, values, wrap, one) == expected


@pytest.mark.parametrize("view,o,expected", [
    (TableView("Test.Format.Left", ("Test.Format",), (Column("Left", "Left", "left", 4),)),
     obj(("Left", "123\U0002B758"), type_name="Test.Format"), "Left----123\u2026"),
    (TableView("Test.Format.Center", ("Test.Format",), (Column("Center", "Center", "center", 6),)),
     obj(("Center", "12345\U0002B758"), type_name="Test.Format"), "Center------12345\u2026"),
], ids=["left", "center"])
def test_truncation_without_trailing_whitespace(test_views, view, o, expected):
    # "Format-Table should not have trailing whitespace if there is truncation"
    test_views(view)
    assert ft([o], view=view.name).replace("\n", "") == expected


# -- truncation, alignment and widths ------------------------------------------------------------------------------

def test_truncation_keeps_head_left_and_tail_right(test_views):
    test_views(TableView("T", ("Test.Format",), (Column("L", "a", "left", 4), Column("R", "b", "right", 4))))
    o = obj(("a", "abcdef"), ("b", "abcdef"), type_name="Test.Format")
    assert out_string([o], culture=EN) == "\nL       R\n-       -\nabc\u2026 \u2026def\n\n"


def test_width_one_cut_without_ellipsis(test_views):
    test_views(TableView("T", ("Test.Format",), (Column("L", "a", "left", 1), Column("R", "b", "right", 1))))
    o = obj(("a", "abc"), ("b", "xyz"), type_name="Test.Format")
    assert out_string([o], culture=EN) == "\nL R\n- -\na z\n\n"


def test_multiline_cell_cut_at_newline():
    o = obj(("a", "first\nsecond"), ("b", 1))
    # the column is as wide as the whole value (12 cells, the newline counts), the cell is cut at the newline
    assert od([o]) == "\na            b\n-            -\nfirst\u2026       1\n\n"


def test_dash_line_is_min_of_width_and_label(test_views):
    test_views(TableView("T", ("Test.Format",), (Column("Name", "a", width=2), Column("Value", "b", width=8))))
    o = obj(("a", "x"), ("b", "y"), type_name="Test.Format")
    # the 2-wide column wraps its 4-letter label over two header lines; dashes = min(width, label length)
    assert out_string([o], culture=EN) == "\nNa Value\nme\n-- -----\nx  y\n\n"


def test_trim_to_fit_shrinks_then_drops_from_right():
    assert calculate_column_widths([10, 10, 10], 25) == [10, 10, 3]
    assert calculate_column_widths([10, 10, 10], 21) == [10, 10, -1]
    assert calculate_column_widths([10, 10, 10], 20) == [10, 9, -1]
    assert calculate_column_widths([0, 5, 0], 20) == [7, 5, 6]      # spare cells go round-robin to width-0 columns
    assert calculate_column_widths([6, 15, 15, 13, 15, 20, 25], 79) == [6, 15, 15, 13, 15, 10, -1]


def test_autosized_table_trimmed_at_width():
    rows = [obj(("first", "a" * 30), ("second", "b" * 30), ("third", "c" * 30))]
    out = od(rows, width=50)
    # `third` is dropped and `second` cut to 19; pwsh's TableWriter still pads the dash line and the rows of
    # `second` because it is not the last *declared* column (GenerateRow tests `k == columnInfo.Length - 1`)
    assert out == ("\nfirst                          second\n-----                          ------" + " " * 13 + "\n"
                   + "a" * 30 + " " + "b" * 18 + "\u2026\n\n")


def test_table_of_more_than_ten_properties_is_a_list_but_format_table_shows_ten():
    o = obj(*[(f"p{i}", i) for i in range(12)])
    out = ft([o], width=200)
    header = out.split("\n")[1]
    assert header.split() == [f"p{i}" for i in range(10)]


def test_hashtable_name_value():
    h = OrderedDictionary([("a", 1), ("bb", "x")])
    expected = ("\nName                           Value\n----                           -----\n"
                "a                              1\nbb                             x\n\n")
    assert od([h]) == expected


def test_hashtable_long_value_cut_at_line_width():
    h = OrderedDictionary([("k", "v" * 100)])
    lines = od([h]).split("\n")
    assert lines[3] == "k" + " " * 30 + "v" * 47 + "\u2026"
    assert len(lines[3]) == 79


def test_hashtable_values_use_g15_not_two_decimals():
    # registered views do not get the table-cell "F" rule
    h = OrderedDictionary([("third", 1 / 3)])
    assert "third                          0.333333333333333" in od([h])


def test_nested_hashtable_and_object_in_cell():
    inner = OrderedDictionary([("x", 1), ("y", 2)])
    o = obj(("h", inner), ("o", obj(("a", 1), ("b", 2))))
    out = od([o])
    assert "{[x, 1], [y, 2]} @{a=1; b=2}" in out


def test_missing_property_prints_empty_cell():
    # later objects use the first object's columns; a missing right-aligned value pads to the column width
    assert od([obj(("a", 1)), obj(("b", 2))]) == "\na\n-\n1\n \n\n"
    assert od([obj(("a", "x")), obj(("b", 2))]) == "\na\n-\nx\n\n\n"
