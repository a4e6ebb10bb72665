"""Small helpers the compiled closures share: output emission and result collection."""
from __future__ import annotations

from typing import Any, Callable

from pslark.runtime.objects import AUTOMATION_NULL, PSList

_ENUMERATED = (list, tuple, range, PSList)


def emit_value(value: Any, out: Callable[[Any], None]) -> None:
    """Write an expression's value to the pipeline: collections one element at a time (one level)."""
    if type(value) is list:
        for item in value:
            if item is not AUTOMATION_NULL:     # an array can hold AutomationNull ([void]x, 2); pipes drop it
                out(item)
    elif value is AUTOMATION_NULL:
        return
    elif isinstance(value, _ENUMERATED):
        for item in value:
            out(item)
    else:
        enum = getattr(value, "ps_enumerate", None)
        if enum is not None:
            for item in enum():
                out(item)
        else:
            out(value)


def collapse(items: list) -> Any:
    """A pipeline's output used as a value: nothing -> AutomationNull, one -> the item, more -> an array."""
    n = len(items)
    if n == 1:
        return items[0]
    if n == 0:
        return AUTOMATION_NULL
    return items


def to_null(value: Any) -> Any:
    """Stored values never hold AutomationNull: it becomes $null."""
    return None if value is AUTOMATION_NULL else value
