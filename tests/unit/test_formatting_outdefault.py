"""Out-Default's document state machine (pwsh-output.md §1): scalars out of band, first object decides,
blank lines, enumeration, the 300 ms column-sizing window with an injected clock, pre-formatted input."""
from __future__ import annotations

import datetime
import decimal

from pslark.runtime.culture import get_culture, invariant_culture
from pslark.runtime.errors import ErrorRecord, RuntimeException
from pslark.runtime.formatting import OutDefault, format_list, format_table, out_string
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, OrderedDictionary, PSChar, PSList, PSObject
from pslark.runtime.records import WarningRecord

EN = get_culture("en-US")
DE = get_culture("de-DE")
INV = invariant_culture()


def obj(*pairs):
    return PSObject(list(pairs))


def render(objs, width=79, culture=EN, **kw):
    o = OutDefault(width, culture, **kw)
    lines = []
    for x in objs:
        lines += o.write(x)
    lines += o.close()
    return "\n".join(lines) + "\n"


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_mixed_stream_reference_1_5():
    objs = [1, "a", obj(("x", 1), ("y", 2)), "b", obj(("x", 3), ("y", 4)), 2]
    assert render(objs) == "1\na\n\nx y\n- -\n1 2\nb\n3 4\n2\n\n"


def test_scalars():
    assert render([1 / 3, 0.1 + 0.2, 1e20, 1e15, 1.0, 2.5, -7, 9223372036854775807]) == (
        "0.333333333333333\n0.3\n1E+20\n1E+15\n1\n2.5\n-7\n9223372036854775807\n")
    assert render([True, False, decimal.Decimal("1.50"), PSChar("c")]) == "True\nFalse\n1.50\nc\n"


def test_scalars_current_culture():
    assert render([1.5, decimal.Decimal("2.25")], culture=DE) == "1,5\n2,25\n"


def test_null_and_empty_print_nothing():
    assert render([None, AUTOMATION_NULL, []]) == "\n"
    o = OutDefault(79, EN)
    assert o.write(None) == [] and o.write([]) == [] and o.close() == []


def test_empty_string_prints_empty_line_and_multiline_string_kept():
    assert render(["", "a\nb"]) == "\na\nb\n"


def test_collections_enumerated_one_per_line():
    assert render([[1, 2], [[3, 4], (5,)], PSList(["x", "y"])]) == "1\n2\n3\n4\n5\nx\ny\n"


def test_array_of_objects_is_one_table():
    assert render([[obj(("n", 1)), obj(("n", 22))]]) == "\n n\n -\n 1\n22\n\n"


def test_hashtables_in_an_array_share_one_table():
    h1 = Hashtable([("a", 1)])
    h2 = Hashtable([("b", 2)])
    out = render([[h1, h2]])
    assert out == ("\nName                           Value\n----                           -----\n"
                   "a                              1\nb                              2\n\n")


def test_later_object_uses_first_objects_columns():
    assert render([obj(("a", "x")), obj(("a", "y"), ("b", 2))]) == "\na\n-\nx\ny\n\n"


def test_datetime_after_table_becomes_a_row():
    dt = datetime.datetime(2026, 8, 20, 21, 18, 18)
    # the missing Name cell is empty, but its separator space is still written
    assert render([obj(("Day", 1), ("Name", "n")), dt]) == "\nDay Name\n--- ----\n  1 n\n 20 \n\n"


def test_datetime_alone_uses_its_custom_view():
    dt = datetime.datetime(2026, 8, 20, 21, 18, 18)
    assert render([dt], culture=INV) == "\nThursday, 20 August 2026 21:18:18\n\n"
    assert render([dt, dt], culture=INV) == "\nThursday, 20 August 2026 21:18:18\nThursday, 20 August 2026 21:18:18\n\n"


def test_registered_view_then_other_type_is_out_of_band_list():
    h = OrderedDictionary([("k", 1)])
    out = render([h, obj(("x", 1), ("y", 2)), "s"])
    assert out == ("\nName                           Value\n----                           -----\n"
                   "k                              1\n\nx : 1\ny : 2\n\ns\n\n")


def test_list_document_then_scalars():
    five = obj(("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5))
    assert render([five, "after"]) == "\na : 1\nb : 2\nc : 3\nd : 4\ne : 5\n\nafter\n"


def test_object_without_properties_prints_tostring():
    assert render([PSObject()]) == "\n"           # an empty PSCustomObject's ToString() is ""
    nested = obj(("a", obj(("b", 1))), ("c", [1, 2]))
    assert render([[nested, "x"]], width=79).endswith("x\n\n")
    assert render([obj(("PSComputerName", "h"), ("RunspaceId", "r"))]) == "@{PSComputerName=h; RunspaceId=r}\n"


def test_error_record_in_output_uses_error_view():
    rec = ErrorRecord(RuntimeException("boom", was_thrown=True), "boom")
    assert render(["a", rec, "b"]) == "a\nException: boom\nb\n"


def test_warning_record_in_output():
    assert render([WarningRecord("careful")]) == "WARNING: careful\n"


# -- the 300 ms sizing window ------------------------------------------------------------------------------------

def test_rows_held_until_group_ends_or_time_passes():
    clock = Clock()
    o = OutDefault(79, EN, clock=clock)
    assert o.write(obj(("name", "ab"))) == [""]      # the document's opening blank line is not held back
    assert o.pending
    clock.t += 0.1
    assert o.write(obj(("name", "abcd"))) == []
    clock.t += 0.4     # more than 300 ms since the group started: this row still counts, then all are flushed
    lines = o.write(obj(("name", "abcdefg")))
    assert lines == ["name", "----", "ab", "abcd", "abcdefg"]
    assert not o.pending
    clock.t += 1
    assert o.write(obj(("name", "abcdefghijkl"))) == ["abcdef\u2026"]
    assert o.close() == [""]


def test_scalars_keep_their_place_while_rows_are_cached():
    clock = Clock()
    o = OutDefault(79, EN, clock=clock)
    assert o.write(obj(("v", 1))) == [""]
    assert o.write("text") == []
    assert o.write(obj(("v", 22))) == []
    assert o.close() == [" v", " -", " 1", "text", "22", ""]


def test_fixed_width_view_is_not_cached():
    o = OutDefault(79, EN)
    assert o.write(OrderedDictionary([("a", 1)])) == [
        "", "Name                           Value", "----                           -----", "a                              1"]


def test_out_string_sizes_over_all_rows():
    rows = [obj(("n", "x" * i)) for i in range(1, 6)]
    assert out_string(rows, culture=EN) == "\nn\n-\nx\nxx\nxxx\nxxxx\nxxxxx\n\n"


# -- pre-formatted input ------------------------------------------------------------------------------------------

def test_format_table_output_is_not_reformatted():
    rows = [obj(("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5))]
    packets = format_table(rows, culture=EN)
    assert render(packets) == "\na b c d e\n- - - - -\n1 2 3 4 5\n\n"
    assert render([packets]) == "\na b c d e\n- - - - -\n1 2 3 4 5\n\n"


def test_preformatted_output_closes_the_open_document():
    packets = format_list([obj(("x", 1))], culture=EN)
    out = render([obj(("a", 1)), *packets, obj(("b", 2))])
    # Out-Default's own table closes (blank line), the list prints, then a new default document opens
    assert out == "\na\n-\n1\n\n\nx : 1\n\n\nb\n-\n2\n\n"


def test_group_by_blank_lines():
    rows = [obj(("k", "a"), ("v", 1)), obj(("k", "a"), ("v", 2)), obj(("k", "b"), ("v", 3))]
    out = out_string(format_table(rows, culture=EN, group_by="k", properties=["v"]), culture=EN)
    assert out == "\n   k: a\n\nv\n-\n1\n2\n\n   k: b\n\nv\n-\n3\n\n"


# -- robustness -----------------------------------------------------------------------------------------------------

class Broken:
    type_names = ["Test.Broken", "System.Object"]
    ps_properties = ["Good", "Bad"]

    def ps_get(self, name):
        if name == "Bad":
            raise RuntimeError("no")
        return "ok"


class Weird:
    def __str__(self):
        raise ValueError("cannot")


def test_no_exception_escapes():
    out = render([Broken(), Weird(), object(), {"x": 1}, range(3), b"bytes"])
    assert "Good Bad" in out
    assert "ok" in out


def test_getter_raising_in_psobject():
    o = PSObject()
    o.add_property("a", getter=lambda self: 1 / 0, member_type="ScriptProperty")
    o.add_property("b", 2)
    assert render([o]) == "\na b\n- -\n  2\n\n"


# -- property-based: any mix of values renders to lines, never raises ------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                     st.decimals(allow_nan=False, allow_infinity=False),
                     st.datetimes(min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30)),
                     st.timedeltas())
_names = st.text(alphabet="abcdefgXYZ_哇", min_size=1, max_size=8)


def _objects(children):
    return st.one_of(
        st.lists(children, max_size=4),
        st.lists(st.tuples(_names, children), max_size=6).map(lambda kv: PSObject(kv)),
        st.lists(st.tuples(_names, children), max_size=4).map(lambda kv: Hashtable(kv)),
    )


_values = st.recursive(_scalars, _objects, max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(_values, max_size=6), st.integers(min_value=1, max_value=120), st.booleans())
def test_any_values_render(values, width, ansi):
    o = OutDefault(width, EN, ansi=ansi)
    lines = []
    for v in values:
        lines += o.write(v)
    lines += o.close()
    assert all(isinstance(x, str) and "\n" not in x for x in lines)
    assert isinstance(out_string(values, culture=EN), str)
