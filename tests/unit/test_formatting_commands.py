"""Format-Table / Format-List / Format-Wide options and Out-String (calculated properties, -AutoSize, -GroupBy,
-View, widths)."""
from __future__ import annotations

import pytest

from pslark.runtime.culture import get_culture
from pslark.runtime.formatting import (FormatCommand, FormatViewNotFound, OutDefault, format_custom, format_list,
                                       format_table, is_packet, out_string)
from pslark.runtime.objects import Hashtable, PSObject

EN = get_culture("en-US")


def obj(*pairs):
    return PSObject(list(pairs))


class FakeScriptBlock:
    """What the interpreter's ScriptBlock offers the formatter: invoke_with(dollar_under=...) -> list."""

    def __init__(self, fn, text="$_.a * 2"):
        self.fn = fn
        self.text = text

    def invoke_with(self, args=(), input_items=None, dollar_under=None, this=None, new_scope=True):
        return [self.fn(dollar_under)]


def test_calculated_property_with_format_string():
    rows = [obj(("a", 1234.5)), obj(("a", 2))]
    spec = {"Name": "Amount", "Expression": lambda o: o.get_property("a"), "FormatString": "N2",
            "Alignment": "Right"}
    assert out_string(format_table(rows, [spec], culture=EN), culture=EN) == (
        "\n  Amount\n  ------\n1,234.50\n    2.00\n\n")


def test_calculated_property_composite_format_and_label_key():
    spec = Hashtable([("l", "Pct"), ("e", lambda o: 0.256), ("fs", "{0:F1}%")])
    # the alignment comes from the first value (a double: right), not from the formatted text
    assert out_string(format_table([obj(("a", 1))], [spec], culture=EN), culture=EN) == "\n Pct\n ---\n0.3%\n\n"


def test_scriptblock_expression_and_its_text_as_label():
    sb = FakeScriptBlock(lambda o: o.get_property("a") * 2)
    out = out_string(format_table([obj(("a", 21))], [sb], culture=EN), culture=EN)
    assert out == "\n$_.a * 2\n--------\n      42\n\n"


def test_wildcard_properties():
    o = obj(("Name", "x"), ("NameLength", 1), ("Other", 2))
    assert out_string(format_table([o], ["Name*"], culture=EN), culture=EN).split("\n")[1] == "Name NameLength"


def test_autosize_caches_the_whole_group():
    t = [0.0]
    o = OutDefault(79, EN, clock=lambda: t[0])
    cmd = FormatCommand("table", autosize=True, culture=EN)
    lines = []
    for i, v in enumerate(["a", "bbbbbbbbbb"]):
        for p in cmd.process(obj(("v", v))):
            lines += o.write(p)
        t[0] += 5                      # far beyond 300 ms: -AutoSize still waits for the group to end
    assert lines == [""]
    for p in cmd.end():
        lines += o.write(p)
    lines += o.close()
    assert lines == ["", "v", "-", "a", "bbbbbbbbbb", ""]


def test_without_autosize_late_rows_are_cut():
    t = [0.0]
    o = OutDefault(79, EN, clock=lambda: t[0])
    lines = []
    for v in ["a", "bb", "cccccc"]:
        lines += o.write(obj(("v", v)))
        t[0] += 0.2
    lines += o.close()
    # rows 1-2 arrive inside 300 ms, row 3 after: it still counts, later rows would be cut
    assert lines == ["", "v", "-", "a", "bb", "cccccc", ""]


def test_group_by_calculated_property():
    rows = [obj(("n", i)) for i in (1, 3, 2)]
    out = out_string(format_table(rows, culture=EN, group_by={"Label": "Odd", "Expression": lambda o: o.get_property("n") % 2}),
                     culture=EN)
    assert out == "\n   Odd: 1\n\nn\n-\n1\n3\n\n   Odd: 0\n\nn\n-\n2\n\n"


def test_unknown_view_name_raises_format_view_not_found():
    with pytest.raises(FormatViewNotFound):
        format_table([obj(("a", 1))], view="nope", culture=EN)


def test_format_output_is_packets():
    packets = format_table([obj(("a", 1))], culture=EN)
    assert all(is_packet(p) for p in packets)
    assert packets[0].type_names[0] == "Microsoft.PowerShell.Commands.Internal.Format.FormatStartData"


def test_empty_input_gives_no_output():
    # "Format-Table with 'empty array' / 'null' should return $null"
    assert out_string(format_table([Hashtable()], ["foo", "bar"], culture=EN), culture=EN) == ""
    assert out_string(format_table([None], ["foo", "bar"], culture=EN), culture=EN) == ""


def test_out_string_width():
    o = obj(("Text", "alpha beta gamma delta epsilon"))
    assert out_string(format_list([o], culture=EN), culture=EN) == "\nText : alpha beta gamma delta epsilon\n\n"
    assert out_string(format_list([o], culture=EN), width=20, culture=EN) == (
        "\nText : alpha beta \n       gamma delta \n       epsilon\n\n")


def test_out_string_table_uses_console_width_without_width():
    h = Hashtable([("k", "v" * 200)])
    lines = out_string([h], culture=EN, stream=True)
    assert max(len(x) for x in lines) == 120
    lines = out_string([h], culture=EN, stream=True, width=60)
    assert max(len(x) for x in lines) == 60


def test_format_custom_datetime_and_tostring():
    import datetime
    from pslark.runtime.culture import invariant_culture
    inv = invariant_culture()
    packets = format_custom([datetime.datetime(2026, 8, 20, 21, 18, 18)], culture=inv)
    assert out_string(packets, culture=inv) == "\nThursday, 20 August 2026 21:18:18\n\n"


def test_exception_object_prints_message():
    from pslark.runtime.errors import RuntimeException
    assert out_string([RuntimeException("bad thing")], culture=EN) == "bad thing\n"


def test_out_string_no_newline_and_streaming_instance():
    assert out_string(["a", "b"], culture=EN, no_newline=True) == "ab"
    o = OutDefault.for_out_string(culture=EN)
    lines = o.write(obj(("Text", "x" * 200), ("b", 1), ("c", 1), ("d", 1), ("e", 1))) + o.close()
    assert lines[1] == "Text : " + "x" * 200          # lists are not wrapped without -Width
    o = OutDefault.for_out_string(culture=EN)
    lines = o.write(Hashtable([("k", "v" * 200)])) + o.close()
    assert max(len(x) for x in lines) == 120          # tables use the console width
