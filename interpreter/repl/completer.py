"""prompt_toolkit's view of interpreter.completion: the REPL's only completion code is this adapter."""
from __future__ import annotations

from prompt_toolkit.completion import Completer, Completion

from pslark.interpreter.completion import complete_input

_META = {"Command": "command", "ParameterName": "parameter", "ParameterValue": "value", "Variable": "variable",
         "Property": "property", "Method": "method", "ProviderItem": "file", "ProviderContainer": "directory"}


class PslarkCompleter(Completer):
    def __init__(self, ctx):
        self.ctx = ctx

    def get_completions(self, document, complete_event):
        text = document.text
        cursor = document.cursor_position
        result = complete_input(self.ctx, text, cursor)
        start = result.replacement_index - cursor
        for m in result.matches:
            yield Completion(m.completion_text, start_position=start, display=m.list_item_text,
                             display_meta=_META.get(m.result_type, ""))
