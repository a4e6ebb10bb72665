"""pslark's output formatter: pwsh's Out-Default / Format-* / Out-String layout, views and error display.

Public API (see each docstring):
  OutDefault(width, culture, ansi=False, *, clock=None, ...)  .write(obj) -> lines, .close() -> lines
  out_string(objects, width=None, *, stream=False, ...)       -> str | list[str]
  format_table / format_list / format_wide / format_custom(objects, ...) -> format instructions
  FormatCommand(shape, ...)                                    streaming core of the Format-* cmdlets
  render_error(record, view='ConciseView', width=120, ansi=False) -> str
  render_warning / render_verbose / render_debug(message, ansi=False) -> str
  view_for(type_names, shape=None) -> View | None;  register_view(view)
Only the standard library is used; nothing heavy is imported.
"""
from pslark.runtime.formatting.errorview import (render_debug, render_error, render_error_lines,
                                                 render_parse_error, render_verbose, render_warning)
from pslark.runtime.formatting.formatter import FormatViewNotFound
from pslark.runtime.formatting.outdefault import (FormatCommand, OutDefault, format_custom, format_list,
                                                  format_table, format_wide, out_string)
from pslark.runtime.formatting.packets import is_packet
from pslark.runtime.formatting.text import cells, strip_ansi
from pslark.runtime.formatting.values import DictionaryEntry
from pslark.runtime.formatting.views import (Column, CustomView, GroupBy, ListItem, ListView, TableView, WideView,
                                             register_view, view_for)

__all__ = [
    "OutDefault", "out_string", "FormatCommand", "format_table", "format_list", "format_wide", "format_custom",
    "render_error", "render_error_lines", "render_parse_error", "render_warning", "render_verbose", "render_debug",
    "view_for", "register_view", "TableView", "ListView", "WideView", "CustomView", "Column", "ListItem", "GroupBy",
    "DictionaryEntry", "FormatViewNotFound", "is_packet", "cells", "strip_ansi",
]
