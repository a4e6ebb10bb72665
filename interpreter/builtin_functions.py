"""Functions every session has, as in pwsh (`help`): defined when a runspace is made, parsed on first use, so
that a plain `pslark -Command` never pays for them."""
from __future__ import annotations

from typing import Callable

from pslark.interpreter.functions import FunctionInfo


class BuiltinFunctionInfo(FunctionInfo):
    """A FunctionInfo whose script block is made from its text the first time it is needed."""

    def __init__(self, name: str, text: Callable[[], str]):
        self.name = name
        self._text = text
        self._script_block = None
        self.is_filter = False
        self.ast = None
        self.module = ""
        self.options = frozenset()

    @property
    def script_block(self):
        if self._script_block is None:
            from pslark.interpreter.engine import get_engine
            self._script_block = get_engine().script_block_from_text(self._text())
        return self._script_block

    @script_block.setter
    def script_block(self, value) -> None:
        self._script_block = value


def _help_text() -> str:
    from pslark.runtime.help.function import help_function_text
    return help_function_text()


BUILTIN_FUNCTIONS = (("help", _help_text),)


def install_builtin_functions(runspace) -> None:
    """Give a new runspace pwsh's built-in functions (in its global scope)."""
    functions = runspace.session.global_scope.functions
    for name, text in BUILTIN_FUNCTIONS:
        functions[name.casefold()] = BuiltinFunctionInfo(name, text)
