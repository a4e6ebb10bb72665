"""Typed numbers for the .NET numeric types that plain Python int/float cannot tell apart.

A plain `int` is Int32 when it fits 32 bits (else Int64), a plain `float` is Double. The subclasses here keep an
explicit type (`[long]5` stays Int64, `[byte]7` is a Byte) so -is, GetType() and arithmetic widening work.
"""
from __future__ import annotations

import decimal
import datetime
import uuid
from typing import Any

INT32_MIN, INT32_MAX = -2**31, 2**31 - 1
INT64_MIN, INT64_MAX = -2**63, 2**63 - 1


class _TypedInt(int):
    """Base of the typed integers; `dotnet_type`, `min_value`, `max_value` describe the .NET type."""

    __slots__ = ()
    dotnet_type = "System.Int32"
    min_value = INT32_MIN
    max_value = INT32_MAX
    rank = 3

    def __repr__(self):
        return f"{type(self).__name__}({int(self)})"

    def __str__(self):
        return int.__repr__(self)


class Int64(_TypedInt):
    __slots__ = ()
    dotnet_type = "System.Int64"
    min_value, max_value = INT64_MIN, INT64_MAX
    rank = 5


class Byte(_TypedInt):
    __slots__ = ()
    dotnet_type = "System.Byte"
    min_value, max_value = 0, 255
    rank = 0


class SByte(_TypedInt):
    __slots__ = ()
    dotnet_type = "System.SByte"
    min_value, max_value = -128, 127
    rank = 0


class Int16(_TypedInt):
    __slots__ = ()
    dotnet_type = "System.Int16"
    min_value, max_value = -32768, 32767
    rank = 1


class UInt16(_TypedInt):
    __slots__ = ()
    dotnet_type = "System.UInt16"
    min_value, max_value = 0, 65535
    rank = 2


class UInt32(_TypedInt):
    __slots__ = ()
    dotnet_type = "System.UInt32"
    min_value, max_value = 0, 2**32 - 1
    rank = 4


class UInt64(_TypedInt):
    __slots__ = ()
    dotnet_type = "System.UInt64"
    min_value, max_value = 0, 2**64 - 1
    rank = 6


class BigInteger(_TypedInt):
    __slots__ = ()
    dotnet_type = "System.Numerics.BigInteger"
    min_value, max_value = None, None
    rank = 9


class Single(float):
    """System.Single (`[float]`): stored as the float32-rounded double."""

    __slots__ = ()
    dotnet_type = "System.Single"

    def __new__(cls, value=0.0):
        import struct
        v = float(value)
        try:
            v = struct.unpack("f", struct.pack("f", v))[0]
        except OverflowError:
            v = float("inf") if v > 0 else float("-inf")
        return float.__new__(cls, v)

    def __repr__(self):
        return f"Single({float(self)!r})"


INT_TYPES: dict[str, type] = {
    "System.Int64": Int64, "System.Byte": Byte, "System.SByte": SByte, "System.Int16": Int16,
    "System.UInt16": UInt16, "System.UInt32": UInt32, "System.UInt64": UInt64,
    "System.Numerics.BigInteger": BigInteger,
}


def int_type_name(value: int) -> str:
    """The .NET type of an int value (typed subclass, or Int32/Int64 by size for a plain int)."""
    t = type(value)
    if t is int:
        if INT32_MIN <= value <= INT32_MAX:
            return "System.Int32"
        if INT64_MIN <= value <= INT64_MAX:
            return "System.Int64"
        return "System.Numerics.BigInteger"
    return getattr(t, "dotnet_type", "System.Int32")


def dotnet_type_name(value: Any) -> str:
    """The .NET full type name of a primitive value (None -> '' since $null has no type)."""
    t = type(value)
    if t is int:
        if INT32_MIN <= value <= INT32_MAX:
            return "System.Int32"
        if INT64_MIN <= value <= INT64_MAX:
            return "System.Int64"
        return "System.Numerics.BigInteger"
    if t is str:
        return "System.String"
    if t is float:
        return "System.Double"
    if t is bool:
        return "System.Boolean"
    if value is None:
        return ""
    dn = getattr(t, "dotnet_type", None)
    if isinstance(dn, str):
        return dn
    if isinstance(value, str):
        from pslark.runtime.objects import PSChar
        if isinstance(value, PSChar):
            return "System.Char"
        return "System.String"
    if isinstance(value, decimal.Decimal):
        return "System.Decimal"
    if isinstance(value, datetime.datetime):
        return "System.DateTime"
    if isinstance(value, datetime.timedelta):
        return "System.TimeSpan"
    if isinstance(value, uuid.UUID):
        return "System.Guid"
    if isinstance(value, list):
        return "System.Object[]"
    if isinstance(value, int):
        return "System.Int32"
    if isinstance(value, float):
        return "System.Double"
    return "System.Object"


def is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_numeric(value: Any) -> bool:
    """Int*, UInt*, Byte, Single, Double, Decimal (not bool, not char)."""
    return (isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool))


def fits(value: int, typ: type) -> bool:
    lo, hi = typ.min_value, typ.max_value
    return lo is None or lo <= value <= hi


def make_int(value: int, typ: type = int):
    """Wrap an int result as `typ` (int = Int32-or-Int64 by size)."""
    if typ is int:
        return int(value)
    return typ(value)


class EnumValue(int):
    """Base of enum values: each enum type is a subclass with `ps_enum` (its EnumType in types.py) set.

    int subclasses cannot have instance slots, so the enum type lives on the class; values compare and
    compute as their underlying integers and print as their names (flags: `A, B`).
    """

    ps_enum: Any = None
    dotnet_type = "System.Enum"

    def __str__(self):
        return self.ps_enum.name_of(int(self))

    def __repr__(self):
        return f"{type(self).__name__}.{self}"

    def __format__(self, spec):
        return str(self)

    def __hash__(self):
        return int.__hash__(self)

    def __eq__(self, other):
        return int(self) == other if isinstance(other, int) else NotImplemented
