"""Converting command arguments to the declared parameter type ([int], [string[]], [scriptblock], Job[] ...).

Type names the type layer does not know (runtime objects such as Job or PSSession, enums owned by a
feature) are registered here by the module that owns them with `register_converter`.
"""
from __future__ import annotations

from typing import Any, Callable

from pslark.runtime.errors import PSInvalidCastException
from pslark.runtime.objects import PSObject

_CONVERTERS: dict[str, Callable[[Any], Any]] = {}
_PASS_THROUGH = frozenset({"object", "psobject", "system.object", "system.management.automation.psobject", ""})


def register_converter(type_name: str, converter: Callable[[Any], Any]) -> None:
    """converter(value) -> converted value, raising PSInvalidCastException (pwsh's text) when it cannot."""
    _CONVERTERS[type_name.casefold()] = converter


def _element_type(type_name: str) -> str | None:
    return type_name[:-2] if type_name.endswith("[]") else None


def convert_argument(ctx, value: Any, param) -> Any:
    type_name = param.type if isinstance(param.type, str) else ""
    key = type_name.casefold()
    if key in _PASS_THROUGH:
        return value
    if param.type_constraint is not None:
        return param.type_constraint.convert(value)
    conv = _CONVERTERS.get(key)
    if conv is not None:
        return conv(value)
    elem = _element_type(key)
    if elem is not None:
        if elem in _PASS_THROUGH:
            return _as_list(value)
        conv = _CONVERTERS.get(elem)
        if conv is not None:
            return [conv(v) for v in _as_list(value)]
    if key in ("scriptblock", "system.management.automation.scriptblock"):
        return to_scriptblock(value)
    from pslark.runtime.types import EnumType, resolve_type
    if key == "actionpreference":       # the common -ErrorAction / -WarningAction ... parameters
        type_name = "System.Management.Automation.ActionPreference"
    t = resolve_type(type_name)
    if t is None:
        return value
    if isinstance(t, EnumType) and not hasattr(param, "_has_parameter_attr"):
        value = disambiguate_enum(t, value)
    return t.convert(value)


def disambiguate_enum(et, value: Any) -> Any:
    """A cmdlet's enum parameter takes an unambiguous prefix of a name (`-ErrorAction Ig` is Ignore), as pwsh's
    binder does; plain conversion ([DayOfWeek]'fri') does not."""
    text = value.base if isinstance(value, PSObject) and isinstance(value.base, str) else value
    if not isinstance(text, str) or "," in text:
        return value
    key = text.strip().casefold()
    names = [n for n, _ in et.members]
    if not key or any(n.casefold() == key for n in names):
        return value
    found = [n for n in names if n.casefold().startswith(key)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise PSInvalidCastException(
            f"Cannot convert value \"{text}\" to type \"{et.full_name}\". Error: \"The identifier name {text} cannot be "
            f"processed due to the inability to differentiate between the following enumerator names: "
            f"{', '.join(found)}. Try a more specific identifier name.\"")
    return value


def _as_list(value: Any) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, tuple):
        return list(value)
    return [value]


def to_scriptblock(value: Any):
    from pslark.runtime.scriptblock import ScriptBlock
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    if isinstance(value, ScriptBlock):
        return value
    from pslark.runtime.members import type_names
    tname = type_names(value)[0] if value is not None else "null"
    shown = "" if value is None else _text(value)
    raise PSInvalidCastException(
        f'Cannot convert the "{shown}" value of type "{tname}" to type "System.Management.Automation.ScriptBlock".',
        error_id="ConvertToFinalInvalidCastException")


_CONVERTERS["scriptblock"] = lambda v: to_scriptblock(v)
_CONVERTERS["system.management.automation.scriptblock"] = lambda v: to_scriptblock(v)


def _text(value: Any) -> str:
    from pslark.runtime.conversion import to_string
    return to_string(value)
