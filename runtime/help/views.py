"""The format views of help objects (pwsh's HelpV3.format.ps1xml, the parts pslark prints): a command page in
its view, a parameter with its attribute table, the examples, description paragraphs, and the HelpInfoShort list.

A HelpObject prints from its source through render.py, so `Get-Help x` and `Get-Help x | Out-String` give the
same page (at the output's width); a copy without its source (Deserialized, PSObject.Copy) prints a short page from its properties.
Importing this module registers the views.
"""
from __future__ import annotations

from typing import Any

from pslark.runtime.formatting.values import prop_value
from pslark.runtime.formatting.views import Column, CustomView, TableView, register_view
from pslark.runtime.help.objects import HelpObject
from pslark.runtime.help.strings import strings_for


def _width(ctx) -> int:
    """The width pages wrap at: the output's, or for Out-String without -Width the console's (less one, as
    Out-Default), since a page of unwrapped paragraphs is unreadable."""
    from pslark.runtime.formatting.output import UNLIMITED
    width = int(getattr(ctx, "width", 0) or 0)
    if width <= 0 or width >= UNLIMITED:
        width = int(getattr(ctx, "error_width", 0) or 80) - 1
    return max(40, width)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(_text(v) for v in value)
    text = prop_value(value, "Text") if not isinstance(value, str) else value
    return "" if text is None else str(text)


def render_help(obj: Any, ctx) -> str:
    """Any help object: its page (or part of a page) as Get-Help prints it."""
    from pslark.runtime.help import render as R
    width = _width(ctx)
    source = obj.source if isinstance(obj, HelpObject) else None
    if source is None:
        return _from_properties(obj)
    kind = source[0]
    if kind == "command":
        return R.render_command(source[1], source[2], width)
    if kind == "parameter":
        h, p = source[1], source[2]
        return "\n".join([""] + R._parameter_block(h, p, width, strings_for(h.language), True))
    if kind == "examples":
        h = source[1]
        return R._finish([""] + R._examples(h, width, strings_for(h.language)))
    if kind == "example":
        h, n = source[1], source[2]
        lines = R._examples(h, width, strings_for(h.language))
        return "\n".join([""] + _one_example(lines, n))
    if kind == "block":
        return "\n".join(R.render_blocks([source[1]], 0, width))
    return _from_properties(obj)


def _one_example(lines: list, n: int) -> list:
    """The lines of example n out of the EXAMPLES section (each starts with its `---- title ----` line)."""
    starts = [i for i, line in enumerate(lines) if line.startswith("    ----------")]
    if n >= len(starts):
        return []
    end = starts[n + 1] if n + 1 < len(starts) else len(lines)
    return lines[starts[n]:end]


def _from_properties(obj: Any) -> str:
    """A help object without its source: NAME and SYNOPSIS (or the text it carries) from its properties."""
    text = prop_value(obj, "Text")
    if text is not None:
        return str(text)
    name = prop_value(obj, "Name") or prop_value(obj, "name")
    out = ["", "NAME", f"    {name or ''}", ""]
    synopsis = prop_value(obj, "Synopsis")
    if synopsis:
        out += ["SYNOPSIS", f"    {synopsis}", ""]
    return "\n".join(out)


_PAGE_TYPES = []
for _base in ("MamlCommandHelpInfo", "ExtendedCmdletHelpInfo"):
    for _suffix in ("#DetailedView", "#FullView", "#ExamplesView", ""):
        _PAGE_TYPES.append(_base + _suffix)
    for _part in ("parameter", "examples", "example"):
        _PAGE_TYPES.append(f"{_base}#{_part}")

# Pages print on their own, as the text the page is (out of band: no table or list around them, and the lines
# render.py lays out are not wrapped again).
register_view(CustomView("MamlCommandHelpInfo", tuple(_PAGE_TYPES), render_help, out_of_band=True), first=True)
register_view(CustomView("MamlText", ("MamlParaTextItem", "MamlUnorderedListTextItem", "MamlOrderedListTextItem"),
                         render_help), first=True)
register_view(TableView("HelpInfoShort", ("HelpInfoShort",), (
    Column(None, "Name"), Column(None, "Category"), Column(None, "Module"), Column(None, "Synopsis"))), first=True)
