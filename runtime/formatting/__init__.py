"""pslark's output formatter: pwsh's Out-Default / Format-* / Out-String layout, views and error display.

Public API (see each docstring):
  OutDefault(width, culture, ansi=False, *, clock=None, ...)  .write(obj) -> lines, .close() -> lines
  out_string(objects, width=None, *, stream=False, ...)       -> str | list[str]
  format_table / format_list / format_wide / format_custom(objects, ...) -> format instructions
  FormatCommand(shape, ...)                                    streaming core of the Format-* cmdlets
  render_error(record, view='ConciseView', width=120, ansi=False) -> str
  render_warning / render_verbose / render_debug(message, ansi=False) -> str
  view_for(type_names, shape=None) -> View | None;  register_view(view)
Only the standard library is used, and the submodules load on first use: importing this package is free.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "OutDefault": "outdefault", "out_string": "outdefault", "FormatCommand": "outdefault",
    "format_table": "outdefault", "format_list": "outdefault", "format_wide": "outdefault",
    "format_custom": "outdefault",
    "render_error": "errorview", "render_error_lines": "errorview", "render_parse_error": "errorview",
    "render_warning": "errorview", "render_verbose": "errorview", "render_debug": "errorview",
    "view_for": "views", "register_view": "views", "TableView": "views", "ListView": "views",
    "WideView": "views", "CustomView": "views", "Column": "views", "ListItem": "views", "GroupBy": "views",
    "RenderContext": "views",
    "DictionaryEntry": "values", "FormatViewNotFound": "formatter", "is_packet": "packets",
    "cells": "text", "strip_ansi": "text",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{mod}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)
