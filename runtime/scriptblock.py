"""The ScriptBlock value ({ ... } at run time).

runtime must not import interpreter, so a ScriptBlock only holds its AST and the session state it was
created in; the interpreter installs the function that runs it (`set_invoker`) when it starts.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

_invoker: Optional[Callable[..., list]] = None


class _Unset:
    def __repr__(self):
        return "UNSET"


UNSET: Any = _Unset()   # "this automatic variable is not set" (distinct from $null)


def set_invoker(invoker: Callable[..., list]) -> None:
    """Called once by the interpreter: invoker(script_block, args, input_items, dollar_under, this, use_new_scope) -> list."""
    global _invoker
    _invoker = invoker


class ScriptBlock:
    """System.Management.Automation.ScriptBlock."""

    __slots__ = ("ast", "session_state", "compiled", "is_filter", "__weakref__")
    type_names = ["System.Management.Automation.ScriptBlock", "System.Object"]

    def __init__(self, ast, session_state=None, is_filter: bool = False):
        self.ast = ast                      # interpreter.ast.ScriptBlockAst
        self.session_state = session_state  # the SessionState it is bound to (None = the caller's)
        self.compiled = None                # filled by the interpreter on first run
        self.is_filter = is_filter

    @property
    def text(self) -> str:
        """ScriptBlock.ToString(): the text inside the braces, not trimmed."""
        return self.ast.extent.text

    def __str__(self):
        return self.text

    def __repr__(self):
        return f"ScriptBlock({self.text!r})"

    def invoke(self, *args: Any) -> list:
        """`$sb.Invoke(args)`: run in a new child scope, return all output as a list."""
        return _invoker(self, list(args), None, UNSET, UNSET, True)

    def invoke_with(self, args: list = (), input_items: Optional[list] = None, dollar_under: Any = UNSET,
                    this: Any = UNSET, new_scope: bool = True) -> list:
        """Run with `$_` / `$input` / `$this` set (used by .Where(), .ForEach(), ScriptProperty, ScriptMethod)."""
        return _invoker(self, list(args), input_items, dollar_under, this, new_scope)
