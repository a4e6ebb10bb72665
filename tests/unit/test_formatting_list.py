"""List layout goldens (pwsh's Format-List.Tests.ps1 where cited, and pwsh-output.md §3)."""
from __future__ import annotations

import decimal

from pslark.runtime.culture import get_culture, invariant_culture
from pslark.runtime.formatting import OutDefault, format_list, out_string
from pslark.runtime.numbers import Single
from pslark.runtime.objects import OrderedDictionary, PSObject

EN = get_culture("en-US")
INV = invariant_culture()


def obj(*pairs):
    return PSObject(list(pairs))


def fl(objs, **kw):
    width = kw.pop("width", None)
    culture = kw.pop("culture", EN)
    ansi = kw.pop("ansi", False)
    return out_string(format_list(objs, culture=culture, **kw), width=width, culture=culture, ansi=ansi)


def od(objs, width=79, culture=EN):
    o = OutDefault(width, culture)
    lines = []
    for x in objs:
        lines += o.write(x)
    lines += o.close()
    return "\n".join(lines) + "\n"


def test_expected_output():
    # Format-List "Should produce the expected output"
    assert fl([obj(("testName", "testValue"))]) == "\ntestName : testValue\n\n"


def test_float_double_decimal_not_truncated():
    # "Float, double, and decimal should not be truncated to number of decimals from current culture"
    o = obj(("double", 1234.56789), ("float", Single(9876.543)), ("decimal", decimal.Decimal("4567.123456789")))
    assert fl([o]) == "\ndouble  : 1234.56789\nfloat   : 9876.543\ndecimal : 4567.123456789\n\n"


def test_double_byte_wide_chars():
    # "Format-List should work with double byte wide chars"
    o = obj(("哇", "62"), ("dbda", "KM"), ("消息", "千"))
    assert fl([o]) == "\n哇   : 62\ndbda : KM\n消息 : 千\n\n"


def test_hashtable_array_value():
    # "Format-List with array should work"
    out = fl([OrderedDictionary([("array", list(range(256)))])])
    assert out == "\nName  : array\nValue : {0, 1, 2, 3\u2026}\n\n"


def test_multiple_different_objects_each_show_their_properties():
    # "Format-List with multiple different class object should work"
    objs = [obj(("Name", "name1"), ("Length", 1)), obj(("Name", "name2"), ("Value", "value2"), ("Length", 2))]
    assert fl(objs) == ("\nName   : name1\nLength : 1\n\n"
                        "Name   : name2\nValue  : value2\nLength : 2\n\n")


def test_reference_example_with_empty_value():
    # pwsh-output.md §3: the D line ends with the separator's trailing space
    o = obj(("Name", "x"), ("Count", 5), ("Items", list(range(1, 7))), ("D", None), ("Flag", True))
    assert od([o]) == "\nName  : x\nCount : 5\nItems : {1, 2, 3, 4\u2026}\nD     : \nFlag  : True\n\n"


def test_four_properties_table_five_list():
    four = obj(("a", 1), ("b", 2), ("c", 3), ("d", 4))
    five = obj(("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5))
    assert od([four]) == "\na b c d\n- - - -\n1 2 3 4\n\n"
    assert od([five]) == "\na : 1\nb : 2\nc : 3\nd : 4\ne : 5\n\n"


def test_list_of_several_objects():
    five = [obj(("a", i), ("b", 2), ("c", 3), ("d", 4), ("e", 5)) for i in (1, 2)]
    out = od(five)
    assert out == "\na : 1\nb : 2\nc : 3\nd : 4\ne : 5\n\na : 2\nb : 2\nc : 3\nd : 4\ne : 5\n\n"


def test_multiline_value_indented():
    o = obj(("Name", "x"), ("Text", "line one\nline two"))
    assert fl([o]) == "\nName : x\nText : line one\n       line two\n\n"


def test_long_value_word_wrapped_en_us():
    o = obj(("Text", "alpha beta gamma delta"))
    # value area = 20 - len("Text : ") = 13 cells; words keep their trailing space
    assert fl([o], width=20) == "\nText : alpha beta \n       gamma delta\n\n"


def test_long_value_char_wrapped_invariant():
    o = obj(("Text", "alpha beta gamma delta"))
    assert fl([o], width=20, culture=INV) == "\nText : alpha beta ga\n       mma delta\n\n"


def test_label_cut_when_too_long():
    o = obj(("VeryLongPropertyName", 1))
    # width 12: label at most 12 - 3 - 1 = 8 cells
    assert fl([o], width=12) == "\nVeryLong : 1\n\n"


def test_out_of_band_list_for_object_not_matching_registered_view():
    class Job:
        type_names = ["System.Management.Automation.Job", "System.Object"]
        ps_properties = ["Id", "Name", "PSJobTypeName", "State", "HasMoreData", "Location", "Command"]

        def __init__(self):
            self.Id, self.Name, self.PSJobTypeName, self.State = 1, "Job1", "ThreadJob", "Running"
            self.HasMoreData, self.Location, self.Command = False, "PowerShell", "sleep 1"

    out = od([Job(), obj(("x", 1))], width=120)
    assert out.endswith("1      Job1            ThreadJob       Running       False           PowerShell"
                        "           sleep 1\n\nx : 1\n\n\n")


def test_property_names_use_format_accent():
    # "Property names should use FormatAccent" (labels padded to the longest, as without the fixed-width test hook)
    out = fl([obj(("Short", 1), ("LongLabelName", 2))], ansi=True)
    lines = [x for x in out.split("\n") if x]
    assert lines == ["\x1b[32;1mShort         : \x1b[0m1", "\x1b[32;1mLongLabelName : \x1b[0m2"]


def test_vt_decorations_in_value_not_leaked():
    # "VT decorations in a property value should not be leaked in list view"
    o = obj(("a", "Hello"), ("b", "\x1b[36mworld"))
    lines = [x for x in fl([o], ansi=True).split("\n") if x]
    assert lines == ["\x1b[32;1ma : \x1b[0mHello", "\x1b[32;1mb : \x1b[0m\x1b[36mworld\x1b[0m"]


def test_format_list_star_and_named_properties():
    o = obj(("a", 1), ("b", 2), ("c", 3))
    assert fl([o], properties=["c", "a"]) == "\nc : 3\na : 1\n\n"
    assert fl([o], properties=["*"]) == "\na : 1\nb : 2\nc : 3\n\n"
    assert fl([o], exclude_property=["b"]) == "\na : 1\nc : 3\n\n"


def test_format_list_calculated_property():
    o = obj(("a", 2))
    out = fl([o], properties=["a", {"Name": "Double", "Expression": lambda x: x.get_property("a") * 2}])
    assert out == "\na      : 2\nDouble : 4\n\n"


def test_format_list_of_strings_is_out_of_band():
    # "Format-List with single line string": strings stay out of band (no list, just the text)
    assert fl(["single line string"], properties=["foo", "bar"]) == "single line string\n"
    assert fl(["x"], properties=["foo", "bar"], force=True).strip() == ""
