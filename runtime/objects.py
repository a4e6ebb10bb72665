"""The value model: how PowerShell's objects are represented in Python.

Plain Python values stand for the common .NET types so that hot paths stay cheap:
  None -> $null, bool -> Boolean, int -> Int32 (Int64 when it does not fit), float -> Double,
  decimal.Decimal -> Decimal, str -> String, list -> Object[] (a PowerShell array),
  datetime.datetime -> DateTime, datetime.timedelta -> TimeSpan, uuid.UUID -> Guid.
The classes here cover what plain Python lacks: case-insensitive hashtables, property bags with type names
(PSObject / PSCustomObject), ArrayList-like lists and chars. Typed numbers (Int64, Byte, Single ...) live in
numbers.py; members (properties, methods) of every value are resolved by members.py.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


def fold(key: Any) -> Any:
    """The lookup key PowerShell's case-insensitive dictionaries use (a PSObject key hashes as its base value)."""
    if isinstance(key, str):
        return key.casefold()
    if isinstance(key, PSObject) and key.base is not None:
        return fold(key.base)
    return key


class AutomationNull:
    """`[System.Management.Automation.Internal.AutomationNull]::Value`: 'no output' (an empty pipeline)."""

    _instance: Optional["AutomationNull"] = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "AutomationNull"

    def __bool__(self):
        return False


AUTOMATION_NULL = AutomationNull()


class PSChar(str):
    """A System.Char (a one-character str that keeps its type for -is, formatting and arithmetic)."""

    __slots__ = ()

    def __repr__(self):
        return f"PSChar({str.__repr__(self)})"


class Hashtable:
    """System.Collections.Hashtable: keys compare case-insensitively; insertion order is kept.

    pwsh's Hashtable order is a hash order that changes between processes (randomised string hashing);
    keeping insertion order is a deterministic choice inside the same contract.
    """

    __slots__ = ("_data",)
    type_name = "System.Collections.Hashtable"

    def __init__(self, items: Iterable[tuple[Any, Any]] = ()):
        self._data: dict[Any, tuple[Any, Any]] = {}
        for k, v in items:
            self[k] = v

    # mapping protocol
    def __getitem__(self, key):
        return self._data[fold(key)][1]

    def get(self, key, default=None):
        entry = self._data.get(fold(key))
        return default if entry is None else entry[1]

    def __setitem__(self, key, value):
        fk = fold(key)
        entry = self._data.get(fk)
        self._data[fk] = (key if entry is None else entry[0], value)

    def add(self, key, value):
        """Hashtable.Add: a duplicate key is an error (the caller turns KeyError into pwsh's message)."""
        if fold(key) in self._data:
            raise KeyError(key)
        self[key] = value

    def __delitem__(self, key):
        del self._data[fold(key)]

    def remove(self, key):
        self._data.pop(fold(key), None)

    def __contains__(self, key):
        return fold(key) in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self) -> Iterator[Any]:
        return (k for k, _ in self._data.values())

    def keys(self) -> list:
        return [k for k, _ in self._data.values()]

    def values(self) -> list:
        return [v for _, v in self._data.values()]

    def items(self) -> list[tuple[Any, Any]]:
        return list(self._data.values())

    def clear(self):
        self._data.clear()

    def copy(self):
        new = type(self)()
        new._data = dict(self._data)
        return new

    def __repr__(self):
        return f"{type(self).__name__}({self.items()!r})"


class OrderedDictionary(Hashtable):
    """System.Collections.Specialized.OrderedDictionary (`[ordered]@{}`)."""

    __slots__ = ()
    type_name = "System.Collections.Specialized.OrderedDictionary"


class PSList(list):
    """A growable .NET list: System.Collections.ArrayList or System.Collections.Generic.List[T].

    A plain Python list is a PowerShell array (fixed size: `.Add` fails); this one grows.
    """

    __slots__ = ("type_name", "element_type")

    def __init__(self, items: Iterable = (), type_name: str = "System.Collections.ArrayList",
                 element_type: Any = None):
        super().__init__(items)
        self.type_name = type_name
        self.element_type = element_type   # a runtime type object for List[T], else None


class PSNoteProperty:
    """A property stored on a PSObject (NoteProperty, or a ScriptProperty when `getter` is set)."""

    __slots__ = ("name", "value", "getter", "setter", "member_type")

    def __init__(self, name: str, value: Any = None, getter=None, setter=None, member_type: str = "NoteProperty"):
        self.name = name
        self.value = value
        self.getter = getter        # callable(obj) for ScriptProperty / AliasProperty / CodeProperty
        self.setter = setter
        self.member_type = member_type


class PSObject:
    """A property bag with type names: PSCustomObject, deserialized objects, and any object given extra members.

    `base` is the wrapped value (None for a PSCustomObject). Properties are ordered and case-insensitive.
    `methods` holds ScriptMethods added by Add-Member.
    """

    __slots__ = ("_props", "type_names", "base", "methods", "__weakref__")

    def __init__(self, properties: Iterable[tuple[str, Any]] = (), type_names: Optional[list[str]] = None,
                 base: Any = None):
        self._props: dict[str, PSNoteProperty] = {}
        self.type_names: list[str] = list(type_names) if type_names is not None else [PSCUSTOMOBJECT, "System.Object"]
        self.base = base
        self.methods: Optional[dict[str, Any]] = None
        for name, value in properties:
            self.add_property(name, value)

    # properties
    def add_property(self, name: str, value: Any = None, *, replace: bool = True, **kind) -> None:
        key = name.casefold()
        if key in self._props and not replace:
            raise KeyError(name)
        self._props[key] = PSNoteProperty(name, value, **kind)

    def has_property(self, name: str) -> bool:
        return name.casefold() in self._props

    def get_property(self, name: str, default: Any = None) -> Any:
        prop = self._props.get(name.casefold())
        if prop is None:
            return default
        return prop.getter(self) if prop.getter is not None else prop.value

    def property_entry(self, name: str) -> Optional[PSNoteProperty]:
        return self._props.get(name.casefold())

    def set_property(self, name: str, value: Any) -> None:
        prop = self._props.get(name.casefold())
        if prop is None:
            self._props[name.casefold()] = PSNoteProperty(name, value)
        elif prop.setter is not None:
            prop.setter(self, value)
        else:
            prop.value = value

    def remove_property(self, name: str) -> None:
        self._props.pop(name.casefold(), None)

    def property_names(self) -> list[str]:
        return [p.name for p in self._props.values()]

    def properties(self) -> list[PSNoteProperty]:
        return list(self._props.values())

    def items(self) -> list[tuple[str, Any]]:
        return [(p.name, p.getter(self) if p.getter is not None else p.value) for p in self._props.values()]

    @property
    def is_custom(self) -> bool:
        return self.base is None

    def __repr__(self):
        return f"PSObject({self.items()!r}, {self.type_names[0] if self.type_names else ''})"


def new_custom_object(items: Iterable[tuple[str, Any]]) -> PSObject:
    """[pscustomobject]@{...}."""
    return PSObject(items)


def is_enumerable(value: Any) -> bool:
    """Does the pipeline (and Out-Default) enumerate this value? Strings and dictionaries are not enumerated."""
    return isinstance(value, (list, tuple, range)) or _is_other_enumerable(value)


def _is_other_enumerable(value: Any) -> bool:
    enum = getattr(value, "ps_enumerate", None)
    return enum is not None


def enumerate_value(value: Any) -> Iterator[Any]:
    """Iterate a value as the pipeline does: arrays and lists item by item (one level), anything else once.

    `$null` is one item (`$null | % { 'x' }` runs once); AutomationNull (no output at all) is none.
    """
    if isinstance(value, (list, tuple, range)):
        return iter(value)
    enum = getattr(value, "ps_enumerate", None)
    if enum is not None:
        return enum()
    if value is AUTOMATION_NULL:
        return iter(())
    return iter((value,))
