"""Pester's value formatting for failure messages (Format-Nicely, Format-Because, the string diff).

These follow Pester's src/Format.ps1 and assertions/Be.ps1 so that failure texts match Pester's word for word:
`'text'`, `<empty>`, `$null`, `$true`, `@(1, 2)`, `[int]`, `{ script }`.
"""
from __future__ import annotations

import datetime
import re
from typing import Any, Optional

from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, PSList, PSObject

COLLECTION_LIMIT = 10

# [string][type] in PowerShell prints the accelerator name when there is one
_ACCELERATOR_NAMES = {
    "System.Int32": "int", "System.Int64": "long", "System.String": "string", "System.Boolean": "bool",
    "System.Double": "double", "System.Decimal": "decimal", "System.Char": "char", "System.Byte": "byte",
    "System.SByte": "sbyte", "System.Int16": "short", "System.UInt16": "ushort", "System.UInt32": "uint",
    "System.UInt64": "ulong", "System.Single": "float", "System.Collections.Hashtable": "hashtable",
    "System.Management.Automation.ScriptBlock": "scriptblock", "System.DateTime": "datetime",
    "System.TimeSpan": "timespan", "System.Guid": "guid", "System.Text.RegularExpressions.Regex": "regex",
    "System.Management.Automation.PSObject": "psobject", "System.Array": "array",
    "System.Management.Automation.SwitchParameter": "switch", "System.Object": "System.Object",
    "System.Xml.XmlDocument": "xml", "System.Numerics.BigInteger": "bigint", "System.Type": "type",
}


def is_type(value: Any) -> bool:
    try:
        from pslark.runtime import types as T
    except ImportError:      # pragma: no cover - types.py is always there
        return False
    cls = getattr(T, "PSType", None)
    return cls is not None and isinstance(value, cls)


def type_display(t: Any) -> str:
    """`[string]$type`: the accelerator name (int, string, hashtable) or the full name."""
    if t is None:
        return "<none>"
    full = getattr(t, "full_name", None)
    if isinstance(full, str):
        return _ACCELERATOR_NAMES.get(full, full)
    return str(t)


def type_of_value(value: Any) -> Any:
    """$value.GetType(): a PSType when the type layer knows it, else a stand-in with a full name."""
    try:
        from pslark.runtime import types as T
        fn = getattr(T, "type_of", None)
        if fn is not None:
            t = fn(value)
            if t is not None:
                return t
    except Exception:       # noqa: BLE001 - formatting a failure message must not fail itself
        pass
    from pslark.runtime.conversion import type_name_of
    return _NamedType(type_name_of(value))


class _NamedType:
    """A minimal type stand-in (full name only) for values the type layer cannot describe."""

    def __init__(self, full_name: str):
        self.full_name = full_name

    def __str__(self):
        return self.full_name


def resolve_type_name(text: str) -> Any:
    """A type from its name ('int', '[System.String]'), or None."""
    name = text.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        from pslark.runtime import types as T
        fn = getattr(T, "resolve_type", None)
        if fn is not None:
            return fn(name)
    except Exception:       # noqa: BLE001
        return None
    return None


def is_collection(value: Any) -> bool:
    if isinstance(value, (str, Hashtable)):
        return False
    if isinstance(value, (list, tuple, PSList)):
        return True
    return getattr(value, "ps_enumerate", None) is not None and not isinstance(value, PSObject)


def to_text(value: Any) -> str:
    from pslark.runtime.conversion import to_string
    try:
        return to_string(value)
    except Exception:       # noqa: BLE001 - a value that cannot be shown still must not break the report
        return type(value).__name__


def format_nicely(value: Any) -> str:
    """Pester's Format-Nicely."""
    if value is None or value is AUTOMATION_NULL:
        return "$null"
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if isinstance(value, str) and type(value).__name__ != "PSChar":
        return "<empty>" if value == "" else f"'{value}'"
    if isinstance(value, datetime.datetime):
        return format_date(value)
    if is_type(value) or isinstance(value, _NamedType):
        return "[" + type_display(value) + "]"
    from pslark.runtime.scriptblock import ScriptBlock
    if isinstance(value, ScriptBlock):
        return "{" + value.text + "}"
    if is_collection(value):
        items = _items_of(value)
        if len(items) == 1 and _is_value(items[0]):
            # Is-Value unrolls a one-element collection, so Format-Nicely returns the collection itself and
            # the message interpolates it: `@(1)` shows as `1`, `@('a')` as `a`
            return to_text(value)
        return format_collection(value)
    if isinstance(value, Hashtable):
        return value.type_name
    return to_text(value)


def _items_of(value: Any) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    return list(value.ps_enumerate())


def _is_value(value: Any) -> bool:
    """Is-Value: a .NET value type, a string or a script block."""
    from pslark.runtime.scriptblock import ScriptBlock
    if value is None or value is AUTOMATION_NULL:
        return False
    if isinstance(value, PSObject):
        if value.base is None:
            return False
        value = value.base
    if isinstance(value, (Hashtable, list, tuple)):
        return False
    if isinstance(value, (bool, int, float, str, datetime.datetime, datetime.timedelta, ScriptBlock)):
        return True
    import decimal
    import uuid
    return isinstance(value, (decimal.Decimal, uuid.UUID))


def format_collection(value: Any) -> str:
    items = list(value.ps_enumerate()) if hasattr(value, "ps_enumerate") and not isinstance(value, list) \
        else list(value)
    shown = [format_nicely(v) for v in items[:COLLECTION_LIMIT]]
    more = f", ...{len(items) - COLLECTION_LIMIT} more" if len(items) > COLLECTION_LIMIT else ""
    return "@(" + ", ".join(shown) + more + ")"


def format_date(value: datetime.datetime) -> str:
    """DateTime.ToString('o')."""
    try:
        from pslark.runtime.culture import invariant_culture
        from pslark.runtime.dotnet_format import format_datetime
        return format_datetime(value, "o", invariant_culture())
    except Exception:       # noqa: BLE001
        base = value.strftime("%Y-%m-%dT%H:%M:%S") + f".{value.microsecond * 10:07d}"
        if value.tzinfo is not None:
            off = value.strftime("%z")
            base += off[:3] + ":" + off[3:]
        return base


_BECAUSE_WORD = re.compile(r"because\s", re.IGNORECASE)


def format_because(because: Any) -> str:
    """Pester's Format-Because: ' because <reason>,' (nothing when there is no reason)."""
    if because is None:
        return ""
    text = to_text(because).strip()
    if not text:
        return ""
    return f" because {_BECAUSE_WORD.sub('', text)},"


# ----------------------------------------------------------------------------------------------
# the string diff of -Be / -BeExactly

def expand_special_characters(text: str) -> str:
    """Expand-SpecialCharacters (Pester 5): newline, carriage return, tab, NUL and backspace as \\n \\r \\t \\0 \\b."""
    return (text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\0", "\\0")
            .replace("\b", "\\b"))


def _chars_differ(a: Optional[str], b: Optional[str], case_sensitive: bool) -> bool:
    if a is None or b is None:
        return a is not b
    if case_sensitive:
        return a != b
    return a.casefold() != b.casefold()


def format_as_excerpt(text: str, diff_index: int, line_length: int, marker: str, context: int) -> tuple[str, int]:
    marker_len = len(marker)
    n = len(text)
    minimum = context + marker_len + 1 + marker_len + context
    if line_length < minimum or n <= line_length:
        return text, diff_index
    shift = diff_index - (line_length - 1 - context - marker_len)
    if shift < 0:
        shift = 0
    shifted = text[shift:]
    if len(shifted) < n:
        shifted = marker + shifted[marker_len:]
    if len(shifted) > line_length:
        shifted = shifted[:line_length - marker_len] + marker
    return shifted, diff_index - shift


def compare_string_message(expected: str, actual: str, case_sensitive: bool = False, because: Any = None,
                           max_line_length: int = 80, depth: int = 1,
                           context_length: Optional[float] = None) -> list[str]:
    """Get-CompareStringMessage: the lines describing where two strings differ (empty when they are equal).
    `depth` is the length of the running test's path (1 outside a test), which narrows the excerpt."""
    context = max_line_length / 7 if context_length is None else context_length
    max_len = max(len(expected), len(actual))
    diff_index = None
    for i in range(max_len):
        e = expected[i] if i < len(expected) else None
        a = actual[i] if i < len(actual) else None
        if _chars_differ(e, a, case_sensitive):
            diff_index = i
            break
    if diff_index is None:
        return []
    lines = [f"Expected strings to be the same,{format_because(because)} but they were different."]
    if len(expected) != len(actual):
        lines.append(f"Expected length: {len(expected)}")
        lines.append(f"Actual length:   {len(actual)}")
        lines.append(f"Strings differ at index {diff_index}.")
    else:
        lines.append(f"String lengths are both {len(expected)}.")
        lines.append(f"Strings differ at index {diff_index}.")
    # the difference index again, on the strings with special characters expanded
    exp_x = expand_special_characters(expected)
    act_x = expand_special_characters(actual)
    diff_x = 0
    for i in range(max(len(exp_x), len(act_x))):
        e = exp_x[i] if i < len(exp_x) else None
        a = act_x[i] if i < len(act_x) else None
        if _chars_differ(e, a, case_sensitive):
            diff_x = i
            break
    surround = len("Expected: ''")
    available = int(max_line_length - surround - (depth + 3))
    ctx_len = round(context)          # [int] parameter: rounds half to even, as .NET
    exp_line, _ = format_as_excerpt(exp_x, diff_x, available, "...", ctx_len)
    act_line, act_index = format_as_excerpt(act_x, diff_x, available, "...", ctx_len)
    lines.append(f"Expected: '{exp_line}'")
    lines.append(f"But was:  '{act_line}'")
    lines.append(" " * (surround - 1) + "-" * act_index + "^")
    return lines
