"""Format-Wide (pwsh's Format-Wide.Tests.ps1 where cited; WideOutputContext and TableWriter for the layout)."""
from __future__ import annotations

import re

from pslark.runtime.culture import get_culture
from pslark.runtime.formatting import format_wide, out_string
from pslark.runtime.objects import OrderedDictionary, PSObject

EN = get_culture("en-US")


def fw(objs, width=79, **kw):
    return out_string(format_wide(objs, culture=EN, **kw), width=width, culture=EN)


class Item:
    type_names = ["System.IO.FileInfo", "System.IO.FileSystemInfo", "System.Object"]
    ps_properties = ["Name", "PSParentPath", "Length"]

    def __init__(self, name, parent="Microsoft.PowerShell.Core\\FileSystem::/tmp/d"):
        self.Name, self.PSParentPath, self.Length = name, parent, 1


class Dir(Item):
    type_names = ["System.IO.DirectoryInfo", "System.IO.FileSystemInfo", "System.Object"]


def names(*ns):
    return [PSObject([("Name", n), ("Other", 1)]) for n in ns]


def test_default_two_columns_fill_the_line():
    # two width-0 columns share the 79 cells: 39 + 1 + 39
    assert fw(names("a", "b", "c")) == "\n" + "a" + " " * 39 + "b\nc" + " " * 39 + "\n\n"


def test_column_count():
    out = fw(names("a", "b", "c", "d"), width=20, column=3)
    # 20 - 2 separators = 18 cells: 6 each
    assert out == "\na      b      c\nd" + " " * 13 + "\n\n"


def test_autosize_fits_as_many_as_possible():
    out = fw(names("alpha", "beta", "gamma", "delta"), width=30, autosize=True)
    # widest item 5: 5 per row needs 5*5+4 = 29 < 30, 6 would need 35; the 21 spare cells go round-robin
    # (6, 5, 5, 5, 5) and the empty fifth cell still gets its separator
    assert out == "\nalpha  beta  gamma delta \n\n"


def test_display_name_property_is_used():
    objs = [PSObject([("Id", 7), ("Size", 1)]), PSObject([("Id", 8), ("Size", 1)])]
    assert fw(objs, width=10).split("\n")[1] == "7     8"     # 7 spare cells: 4 + 3


def test_explicit_property():
    assert fw(names("a", "b"), width=10, property="Other") == "\n1     1\n\n"


def test_hashtable_shows_keys():
    # "Format-Wide with complex object for End-To-End should work"
    out = fw([OrderedDictionary([("intArray", [1, 2, 3, 4]), ("arrayList", ["string1", "string2"])])])
    assert out.split("\n")[1].split() == ["intArray", "arrayList"]


def test_directories_in_brackets_and_grouped():
    out = fw([Dir("sub"), Item("a.txt")], width=30)
    assert out == "\n    Directory: /tmp/d\n\n[sub]           a.txt\n\n"


def test_group_by_property():
    # "Format-Wide with multiple same class object with grouping should work"
    objs = [PSObject([("Name", n), ("GroupingKey", k)]) for n, k in (("name1", "bar"), ("name2", None),
                                                                     ("name3", None))]
    out = fw(objs, width=20, group_by="GroupingKey")
    assert "   GroupingKey: bar" in out
    assert " GroupingKey:" in out
    assert re.search(r"name2\s+name3", out)
    # the blank line that separates groups comes before the held-back last row of the first group
    assert out == "\n   GroupingKey: bar\n\n\nname1" + " " * 6 + "\n   GroupingKey: \n\nname2      name3\n\n"


def test_empty_and_null_input():
    # "Format-Wide with No Objects / Null Objects for End-To-End should work"
    assert fw([OrderedDictionary()]) == ""
    assert fw([None]) == ""
