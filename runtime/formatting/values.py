"""How the formatter sees values: type names, properties, ToString, and pwsh's cell text (SmartToString).

Everything goes through `pslark.runtime.members` where it can, with local handling for the .NET structs the
views need (DateTime, TimeSpan, Guid, CultureInfo, DictionaryEntry) and a defensive wrapper around every
call: formatting must never raise, whatever object it is given.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import enum
from typing import Any, Iterator, Optional

from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, PSObject
from pslark.runtime import dotnet_format

REMOTING_PROPERTIES = ("PSComputerName", "PSShowComputerName", "RunspaceId", "PSSourceJobInstanceId")
_REMOTING_FOLDED = {p.casefold() for p in REMOTING_PROPERTIES}

SCALAR_TYPES = frozenset(t.casefold() for t in (
    "System.String", "System.SByte", "System.Byte", "System.Int16", "System.UInt16", "System.Int32",
    "System.UInt32", "System.Int64", "System.UInt64", "System.Char", "System.Single", "System.Double",
    "System.Boolean", "System.Decimal", "System.IntPtr", "System.Security.SecureString",
    "System.Numerics.BigInteger"))

DESERIALIZED = "Deserialized."


def _is_uuid(v: Any) -> bool:
    """isinstance(v, uuid.UUID) without importing uuid (it pulls in `platform`) when nobody made one."""
    import sys
    mod = sys.modules.get("uuid")
    return mod is not None and isinstance(v, mod.UUID)


def mask_deserialized(name: str) -> str:
    return name[len(DESERIALIZED):] if name.startswith(DESERIALIZED) else name


def names_match(tn: list, types) -> bool:
    """Does a type-name chain name one of `types`, directly or through its `Deserialized.` original?"""
    return any(t in types or mask_deserialized(t) in types for t in tn)


class DictionaryEntry:
    """System.Collections.DictionaryEntry: what formatting turns each hashtable entry into."""

    __slots__ = ("Key", "Value")
    type_names = ["System.Collections.DictionaryEntry", "System.ValueType", "System.Object"]
    ps_properties = ["Name", "Key", "Value"]

    def __init__(self, key: Any, value: Any):
        self.Key = key
        self.Value = value

    @property
    def Name(self):
        return self.Key

    def ps_get(self, name: str):
        n = name.casefold()
        if n in ("name", "key"):
            return self.Key
        if n == "value":
            return self.Value
        return None

    def __repr__(self):
        return f"DictionaryEntry({self.Key!r}, {self.Value!r})"


# ----------------------------------------------------------------------------------------------
# Type names

def _culture_class():
    from pslark.runtime.culture import Culture
    return Culture


def type_names(v: Any) -> list[str]:
    """PSObject.TypeNames: most derived first, `Deserialized.` prefixes kept."""
    try:
        if isinstance(v, PSObject):
            return list(v.type_names)
        own = getattr(v, "type_names", None)
        if callable(own) and not isinstance(own, (list, tuple)):
            try:
                own = own()
            except Exception:
                own = None
        if isinstance(own, (list, tuple)) and own:
            return [str(x) for x in own]
        if isinstance(v, bool):
            return ["System.Boolean", "System.ValueType", "System.Object"]
        if isinstance(v, enum.Enum):
            return [type(v).__qualname__, "System.Enum", "System.ValueType", "System.Object"]
        if isinstance(v, _dt.datetime):
            return ["System.DateTime", "System.ValueType", "System.Object"]
        if isinstance(v, _dt.timedelta):
            return ["System.TimeSpan", "System.ValueType", "System.Object"]
        if _is_uuid(v):
            return ["System.Guid", "System.ValueType", "System.Object"]
        if isinstance(v, _culture_class()):
            return ["System.Globalization.CultureInfo", "System.Object"]
        names = None
        try:
            from pslark.runtime import members
            names = members.type_names(v)
        except Exception:
            names = None
        if names and names[0] not in ("", "System.Object"):
            return [str(x) for x in names]
        if isinstance(v, Hashtable):
            return [getattr(v, "type_name", "System.Collections.Hashtable"), "System.Object"]
        if isinstance(v, (list, tuple)):
            tn = getattr(v, "type_name", None)
            return [tn or "System.Object[]", "System.Array", "System.Object"] if not tn else [tn, "System.Object"]
        if isinstance(v, BaseException):
            return [getattr(v, "dotnet_type", "System.Exception"), "System.Exception", "System.Object"]
        if names:
            return [str(x) for x in names]
        return ["System.Object"]
    except Exception:
        return ["System.Object"]


def is_enum(v: Any, tn: Optional[list] = None) -> bool:
    if isinstance(v, enum.Enum):
        return True
    tn = tn if tn is not None else type_names(v)
    return len(tn) > 1 and tn[1] == "System.Enum"


def is_scalar(v: Any, tn: Optional[list] = None) -> bool:
    """DefaultScalarTypes: strings, numbers, bool, char, enums (Deserialized. prefix ignored)."""
    if isinstance(v, (str, bool, int, float, decimal.Decimal)) and not isinstance(v, enum.Enum):
        if isinstance(v, PSObject):
            pass
        else:
            return True
    if isinstance(v, enum.Enum):
        return True
    tn = tn if tn is not None else type_names(v)
    if not tn or not tn[0]:
        return False
    if len(tn) > 1 and tn[1] == "System.Enum":
        return True
    return mask_deserialized(tn[0]).casefold() in SCALAR_TYPES


def base_of(v: Any) -> Any:
    """The wrapped value of a PSObject (itself when it is not a wrapper)."""
    if isinstance(v, PSObject) and v.base is not None:
        return v.base
    return v


# ----------------------------------------------------------------------------------------------
# Properties

def property_names(v: Any) -> list[str]:
    """All properties of a value, in order (PSObject.Properties)."""
    try:
        if isinstance(v, PSObject):
            names = v.property_names()
            if v.base is not None:
                try:
                    from pslark.runtime import members
                    extra = list(members.property_names(v.base))
                except Exception:
                    extra = list(getattr(v.base, "ps_properties", []) or [])
                seen = {n.casefold() for n in names}
                names = names + [e for e in extra if e.casefold() not in seen]
            return names
        if isinstance(v, (str, int, float, decimal.Decimal)) or v is None:
            return _primitive_props(v)
        own = getattr(v, "ps_properties", None)
        try:
            from pslark.runtime import members
            names = list(members.property_names(v))
        except Exception:
            names = []
        if not names and own:
            names = list(own)
        return [str(n) for n in names]
    except Exception:
        return []


def _primitive_props(v: Any) -> list[str]:
    if isinstance(v, str):
        return ["Length"]
    return []


def display_property_names(v: Any) -> list[str]:
    """The DefaultDisplayPropertySet, or all properties (what the 4-property rule counts)."""
    try:
        from pslark.runtime import members
        names = members.display_property_names(v)
        if names:
            return [str(n) for n in names]
    except Exception:
        pass
    return property_names(v)


def has_default_display_set(v: Any) -> bool:
    """Does the object carry a DefaultDisplayPropertySet (types.ps1xml or PSStandardMembers)?

    `members.display_property_names` returns the set or all properties; a set is recognised as a list that
    differs from all the properties (a set that lists every property in order behaves the same anyway).
    """
    try:
        from pslark.runtime import members
        fn = getattr(members, "default_display_property_set", None)
        if fn is not None:
            return bool(fn(v))
    except Exception:
        pass
    try:
        shown = [n.casefold() for n in display_property_names(v)]
        return bool(shown) and shown != [n.casefold() for n in property_names(v)]
    except Exception:
        return False


def get_prop(v: Any, name: str) -> tuple[bool, Any]:
    """(exists, value) of a property; never raises."""
    try:
        if isinstance(v, PSObject):
            entry = v.property_entry(name)
            if entry is not None:
                try:
                    return True, (entry.getter(v) if entry.getter is not None else entry.value)
                except Exception:
                    return True, None
            if v.base is not None:
                return get_prop(v.base, name)
            return False, None
        own = getattr(v, "ps_properties", None)
        if own:
            canonical = None
            n = name.casefold()
            for p in own:
                if str(p).casefold() == n:
                    canonical = str(p)
                    break
            if canonical is None:
                return False, None
            getter = getattr(v, "ps_get", None)
            if getter is not None:
                try:
                    return True, getter(canonical)
                except Exception:
                    pass
            try:
                from pslark.runtime import members
                val = members.get_member(v, canonical)
                if val is not None and not callable(val):
                    return True, val
            except Exception:
                pass
            val = getattr(v, canonical, None)
            if val is None:
                val = getattr(v, _snake(canonical), None)
            return True, (None if callable(val) else val)
        if isinstance(v, str):
            if name.casefold() == "length":
                return True, len(v)
            return False, None
        if isinstance(v, (bool, int, float, decimal.Decimal)) or v is None:
            return False, None
        if isinstance(v, Hashtable):
            if name in v:
                return True, v[name]
            return False, None
        try:
            from pslark.runtime import members
            names = [p.casefold() for p in members.property_names(v)]
            val = members.get_member(v, name)
            if names:
                return (name.casefold() in names), (None if callable(val) else val)
            if val is not None and not callable(val):
                return True, val
        except Exception:
            pass
        return False, None
    except Exception:
        return False, None


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def prop_value(v: Any, name: str) -> Any:
    return get_prop(v, name)[1]


def resolve_names(v: Any, pattern: str) -> list[str]:
    """Property names matching a name or wildcard pattern (PSPropertyExpression.ResolveNames)."""
    names = property_names(v)
    if any(ch in pattern for ch in "*?["):
        import fnmatch
        p = pattern.casefold()
        return [n for n in names if fnmatch.fnmatchcase(n.casefold(), p)]
    for n in names:
        if n.casefold() == pattern.casefold():
            return [n]
    return []


def has_non_remoting_properties(v: Any) -> bool:
    return any(p.casefold() not in _REMOTING_FOLDED for p in property_names(v))


def should_show_computer_name(v: Any) -> bool:
    """PSComputerName + PSShowComputerName = $true (results of Invoke-Command)."""
    has_cn, _ = get_prop(v, "PSComputerName")
    has_show, show = get_prop(v, "PSShowComputerName")
    if not (has_cn and has_show):
        return False
    try:
        from pslark.runtime.conversion import to_bool
        return bool(to_bool(show))
    except Exception:
        return bool(show)


# ----------------------------------------------------------------------------------------------
# ToString

def _cur(culture):
    if culture is not None:
        return culture
    from pslark.runtime.culture import current_culture
    return current_culture()


def _last_resort_text(v: Any) -> str:
    """Python's own text of a value whose ToString failed (formatting never raises)."""
    try:
        return str(v)
    except Exception:
        return ""


def to_text(v: Any, culture=None) -> str:
    """PSObject.ToString() with the current culture (what out-of-band scalars and cells print)."""
    try:
        return _to_text(v, _cur(culture))
    except Exception:
        return _last_resort_text(v)


def _to_text(v: Any, c) -> str:
    if v is None or v is AUTOMATION_NULL:
        return ""
    if isinstance(v, PSObject):
        if v.base is None:
            # a deserialized object keeps the ToString() text of the original (DeserializedObject.ps_to_string)
            fn = getattr(v, "ps_to_string", None)
            if fn is not None and callable(fn):
                try:
                    stored = fn()
                    if isinstance(stored, str):
                        return stored
                except Exception:
                    pass
            return _custom_object_text(v, c)
        return _to_text(v.base, c)
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, enum.Enum):
        return v.name
    if isinstance(v, int):
        if hasattr(type(v), "ps_to_string"):
            return v.ps_to_string()
        return int.__repr__(int(v))
    if isinstance(v, (float, decimal.Decimal)):
        return dotnet_format.number_to_string(v, c)
    if isinstance(v, _dt.datetime):
        return dotnet_format.format_datetime(v, "G", c)
    if isinstance(v, _dt.timedelta):
        return dotnet_format.format_timespan(v)
    if _is_uuid(v):
        return str(v)
    if isinstance(v, DictionaryEntry):
        return f"[{_to_text(v.Key, c)}, {_to_text(v.Value, c)}]"
    fn = getattr(v, "ps_to_string", None)
    if fn is not None and callable(fn):
        return str(fn())
    if isinstance(v, Hashtable):
        return getattr(v, "type_name", "System.Collections.Hashtable")
    if isinstance(v, (list, tuple)):
        return getattr(v, "type_name", None) or "System.Object[]"
    if isinstance(v, range):
        return "System.Object[]"
    if isinstance(v, _culture_class()):
        return v.name
    if isinstance(v, BaseException):
        msg = getattr(v, "message", None)
        return str(msg) if msg is not None else str(v)
    tn = type_names(v)
    text_attr = getattr(type(v), "text", None)
    if isinstance(text_attr, property) and "ScriptBlock" in tn[0]:
        return str(v.text)
    if type(v).__str__ is not object.__str__:
        return str(v)
    if tn and tn[0] != "System.Object":
        return tn[0]
    # a Python object the value layer does not model: its type name, as .NET's default ToString() would print
    t = type(v)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _custom_object_text(v: PSObject, c) -> str:
    parts = []
    for p in v.properties():
        if p.member_type == "ScriptProperty":
            val_text = "System.Management.Automation.PSScriptProperty"
        else:
            val = p.value if p.getter is None else _safe_get(p, v)
            if isinstance(val, (list, tuple)) or (val is not None and _is_collection(val)):
                val_text = _to_text_collection_name(val)
            elif isinstance(val, PSObject) and val.base is None:
                val_text = ""     # nested values are not recursed into: PSCustomObject.ToString() is ""
            else:
                val_text = _to_text(val, c)
        parts.append(f"{p.name}={val_text}")
    if not parts:
        return ""
    return "@{" + "; ".join(parts) + "}"


def _safe_get(p, obj):
    try:
        return p.getter(obj)
    except Exception:
        return None


def _is_collection(v: Any) -> bool:
    return isinstance(v, (list, tuple, range)) or getattr(v, "ps_enumerate", None) is not None


def _to_text_collection_name(v: Any) -> str:
    tn = getattr(v, "type_name", None)
    if isinstance(tn, str):
        return tn
    return type_names(v)[0] if not isinstance(v, (list, tuple, range)) else "System.Object[]"


# ----------------------------------------------------------------------------------------------
# Enumeration (PSObjectHelper.GetEnumerable: dictionaries count too)

def is_format_enumerable(v: Any) -> bool:
    b = base_of(v)
    if isinstance(b, (str, bytes)):
        return False
    if isinstance(b, (list, tuple, range, Hashtable, dict)):
        return True
    return getattr(b, "ps_enumerate", None) is not None


def enumerate_for_format(v: Any) -> Iterator[Any]:
    b = base_of(v)
    if isinstance(b, Hashtable):
        return (DictionaryEntry(k, val) for k, val in b.items())
    if isinstance(b, dict):
        return (DictionaryEntry(k, val) for k, val in b.items())
    if isinstance(b, (list, tuple, range)):
        return iter(b)
    enum_fn = getattr(b, "ps_enumerate", None)
    if enum_fn is not None:
        try:
            return iter(enum_fn())
        except Exception:
            return iter(())
    return iter((b,))


# ----------------------------------------------------------------------------------------------
# Display name and cell text

_DISPLAY_PATTERNS = ("name", "id", "key", "*key", "*name", "*id")


def display_name_property(v: Any) -> Optional[str]:
    """The property pwsh picks as an object's display name: DefaultDisplayProperty, else name/id/key patterns."""
    try:
        fn = getattr(v, "ps_default_display_property", None)
        if isinstance(fn, str) and fn:
            return fn
    except Exception:
        pass
    names = [n for n in property_names(v) if n.casefold() not in _REMOTING_FOLDED]
    if isinstance(v, Hashtable):
        names = [str(k) for k in v.keys() if isinstance(k, str)]
    for pat in _DISPLAY_PATTERNS:
        if pat.startswith("*"):
            suffix = pat[1:]
            for n in names:
                if n.casefold().endswith(suffix):
                    return n
        else:
            for n in names:
                if n.casefold() == pat:
                    return n
    return None


def _declares_to_string(x: Any) -> bool:
    if isinstance(x, (str, PSObject, _dt.datetime, _dt.timedelta, DictionaryEntry, enum.Enum,
                      BaseException)) or _is_uuid(x):
        return True
    if isinstance(x, _culture_class()):
        return True
    if getattr(x, "ps_to_string", None) is not None:
        return True
    if isinstance(x, (Hashtable, list, tuple, range)):
        return False
    tn = type_names(x)
    if tn and "ScriptBlock" in tn[0]:
        return True
    return False


def object_name(x: Any, culture=None) -> str:
    """One element inside `{a, b, c}` (PSObjectHelper.GetObjectName)."""
    c = _cur(culture)
    try:
        if x is None:
            return "$null"
        if isinstance(x, (bool, int, float, decimal.Decimal)) and not isinstance(x, enum.Enum):
            return _to_text(x, c)
        if _declares_to_string(x):
            return _to_text(x, c)
        prop = display_name_property(x)
        if prop is not None:
            if isinstance(x, Hashtable):
                return _to_text(x.get(prop), c)
            found, val = get_prop(x, prop)
            if found:
                return _to_text(val, c)
        return _to_text(x, c)
    except Exception:
        return ""


def smart_to_string(v: Any, culture=None, enumeration_limit: int = 4, format_float: bool = False) -> str:
    """The cell/list text of a value: `{a, b, c, d…}` for collections, `F` for doubles in tables, else ToString."""
    c = _cur(culture)
    try:
        if v is None or v is AUTOMATION_NULL:
            return ""
        if is_format_enumerable(v):
            parts = []
            count = 0
            truncated = False
            for x in enumerate_for_format(v):
                if enumeration_limit is not None and enumeration_limit >= 0:
                    if count == enumeration_limit:
                        truncated = True
                        break
                    count += 1
                parts.append(object_name(x, c))
            return "{" + ", ".join(parts) + ("\u2026" if truncated else "") + "}"
        if format_float:
            b = base_of(v)
            if isinstance(b, (float, decimal.Decimal)):
                return dotnet_format.format_value(b, "F", c)
        return _to_text(v, c)
    except Exception:
        return _last_resort_text(v)


def format_field(v: Any, fmt: Optional[str], culture=None, enumeration_limit: int = 4, is_table: bool = False) -> str:
    """PSObjectHelper.FormatField: a FormatString if given, else SmartToString."""
    c = _cur(culture)
    if fmt:
        try:
            b = base_of(v)
            if "{0" in fmt or "}" in fmt:
                return dotnet_format.composite_format(fmt, [b], c)
            return dotnet_format.format_value(b, fmt, c)
        except Exception:
            pass
    return smart_to_string(v, c, enumeration_limit, is_table)
