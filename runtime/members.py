"""Member access for every value: properties, methods, indexing, type names."""
from __future__ import annotations

from typing import Any

from pslark.runtime.objects import Hashtable, PSObject


def get_member(value: Any, name: str) -> Any:
    if isinstance(value, PSObject):
        return value.get_property(name)
    if isinstance(value, Hashtable):
        return value.get(name)
    if isinstance(value, (str, list)) and name.lower() in ("length", "count"):
        return len(value)
    return getattr(value, name, None)


def set_member(value: Any, name: str, new: Any) -> None:
    if isinstance(value, PSObject):
        value.set_property(name, new)
    elif isinstance(value, Hashtable):
        value[name] = new


def invoke_method(value: Any, name: str, args: list) -> Any:
    if isinstance(value, str):
        n = name.lower()
        if n == "toupper":
            return value.upper()
        if n == "tolower":
            return value.lower()
    raise NotImplementedError(name)


def get_index(value: Any, index: Any) -> Any:
    try:
        return value[index]
    except (IndexError, KeyError):
        return None


def set_index(value: Any, index: Any, new: Any) -> None:
    value[index] = new


def type_names(value: Any) -> list:
    if isinstance(value, PSObject):
        return list(value.type_names)
    from pslark.runtime.numbers import dotnet_type_name
    return [dotnet_type_name(value), "System.Object"]


def property_names(value: Any) -> list:
    if isinstance(value, PSObject):
        return value.property_names()
    return list(getattr(value, "ps_properties", []))


def display_property_names(value: Any) -> list:
    return property_names(value)


def get_members(value: Any) -> list:
    return [(n, "NoteProperty", n) for n in property_names(value)]
