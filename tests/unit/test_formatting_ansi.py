"""$PSStyle colours (pwsh-output.md §7) and display-cell arithmetic (escape codes 0 cells, East Asian wide 2)."""
from __future__ import annotations

from pslark.runtime.culture import get_culture, invariant_culture
from pslark.runtime.formatting import OutDefault, format_table, out_string
from pslark.runtime.formatting.text import cells, generate_lines, strip_ansi, truncate_at_newline
from pslark.runtime.objects import PSObject

EN = get_culture("en-US")

TH = "\x1b[32;1m"
R = "\x1b[0m"


def obj(*pairs):
    return PSObject(list(pairs))


def test_table_header_uses_table_header_style():
    # Format-Table.Tests.ps1 "Table header should use TableHeader"
    lines = out_string(format_table([obj(("foo", 1))], culture=EN), stream=True, ansi=True, culture=EN)
    assert lines == ["", f"{TH}foo{R}", f"{TH}---{R}", "  1", ""]


def test_out_default_ansi_two_columns():
    o = OutDefault(79, EN, ansi=True)
    lines = o.write(obj(("a", "x"), ("b", "y"))) + o.close()
    # header cells carry the separator inside their styled text; dash cells get it outside
    assert lines == ["", f"{TH}a{R}{TH} b{R}", f"{TH}-{R} {TH}-{R}", "x y", ""]


def test_calculated_header_label_is_italic():
    class Proc:
        type_names = ["System.Diagnostics.Process", "System.Object"]
        ps_properties = ["NPM", "PM", "WS", "CPU", "Id", "SI", "ProcessName"]
        NPM = PM = WS = CPU = 0
        Id, SI, ProcessName = 1, 0, "init"
    o = OutDefault(79, EN, ansi=True)
    header = (o.write(Proc()) + o.close())[1]
    assert header.startswith("\x1b[32;1;3m NPM(K)" + R)     # not a property: CustomTableHeaderLabel
    assert f"{TH}      Id{R}" in header                         # a property: TableHeader


def test_escape_codes_do_not_change_widths():
    plain = out_string([obj(("name", "red"), ("n", 1))], culture=EN)
    coloured = out_string([obj(("name", "\x1b[31mred\x1b[0m"), ("n", 1))], culture=EN)
    assert strip_ansi(coloured) == plain


def test_cut_value_with_escape_gets_reset():
    o = OutDefault(12, EN)
    lines = o.write(obj(("name", "\x1b[31m" + "r" * 20), ("n", 1))) + o.close()
    # `n` is dropped, `name` is cut to 12 cells; the escape codes are kept and closed with a reset
    assert lines[3] == "\x1b[31m" + "r" * 11 + "\x1b[0m\u2026\x1b[0m"


def test_cells():
    assert cells("abc") == 3
    assert cells("哇") == 2
    assert cells("\x1b[32;1mfoo\x1b[0m") == 3
    assert cells("\U0002B758") == 2
    assert cells("") == 0


def test_truncate_at_newline():
    assert truncate_at_newline("a\nb") == "a\u2026"
    assert truncate_at_newline("a\r\nb") == "a\u2026"
    assert truncate_at_newline("ab") == "ab"


def test_generate_lines_word_and_char_wrap():
    assert generate_lines("alpha beta gamma", 11, 11, word_wrap=True) == ["alpha beta ", "gamma"]
    assert generate_lines("alpha beta gamma", 11, 11, word_wrap=False) == ["alpha beta ", "gamma"]
    assert generate_lines("abcdefghij", 4, 4, word_wrap=True) == ["abcd", "efgh", "ij"]
    assert generate_lines("哇哇哇", 3, 3, word_wrap=False) == ["哇", "哇", "哇"]
    assert generate_lines("a\nb", 5, 5) == ["a", "b"]
    assert generate_lines("", 5, 5) == [""]


def test_invariant_culture_breaks_words():
    o = OutDefault(20, invariant_culture())
    lines = o.write(obj(("Text", "alpha beta gamma delta"), ("b", 1), ("c", 2), ("d", 3), ("e", 4))) + o.close()
    assert lines[1:3] == ["Text : alpha beta ga", "       mma delta"]
