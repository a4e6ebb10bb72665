"""Serializing values for process jobs and remoting, with pwsh's semantics and no code execution.

Like pwsh's CLIXML for remoting: depth 1, primitives and a few well-known types rehydrated (string, numbers,
bool, char, decimal, DateTime, TimeSpan, Guid, Version), everything else a property bag whose type names get
the `Deserialized.` prefix, and values beyond the depth become their ToString() text. The wire form is plain
JSON data (dicts, lists, strings, numbers): decoding only builds values, it never evaluates anything, so a
hostile peer can at worst send wrong data.
"""
from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from pslark.runtime.errors import ErrorRecord, InvocationInfo, RemoteException
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, OrderedDictionary, PSChar, PSList, PSObject

REMOTING_DEPTH = 1
MAX_ITEMS = 100_000          # a collection longer than this is cut (a hostile peer cannot exhaust memory)
MAX_NESTING = 64             # decode recursion bound


class DeserializedObject(PSObject):
    """A property bag that came back from another process: type names prefixed with `Deserialized.`,
    properties as snapshots, and the original ToString() text."""

    __slots__ = ("string_value", "hidden")

    def __init__(self, properties=(), type_names=None, string_value: str = ""):
        super().__init__(properties, type_names)
        self.string_value = string_value
        self.hidden: frozenset = frozenset()     # folded names the formatter does not show (PSShowComputerName...)

    def ps_to_string(self) -> str:
        return self.string_value


# ----------------------------------------------------------------------------------------------
# encode

def _tag(kind: str, value: Any) -> dict:
    return {"$": kind, "v": value}


def encode(value: Any, depth: int = REMOTING_DEPTH) -> Any:
    """A JSON-ready form of value (depth counts levels of object properties below this one)."""
    if value is None or value is AUTOMATION_NULL:
        return None
    t = type(value)
    if t is str:
        return value
    if t is bool:
        return value
    if t is int:
        return value
    if t is float:
        if value != value or value in (float("inf"), float("-inf")):
            return _tag("Db", repr(value))
        return value
    primitive = _encode_primitive(value)
    if primitive is not None:
        return primitive
    if isinstance(value, ErrorRecord):
        return encode_error(value)
    if type(value) is PSObject and value.base is not None and _wraps_plain(value.base):
        return _encode_wrapped(value, depth)
    if isinstance(value, (list, tuple, PSList)):
        items = list(value)[:MAX_ITEMS]
        return _tag("LST", [encode(v, max(depth - 1, 0)) if depth > 0 else _shallow(v) for v in items])
    if isinstance(value, Hashtable):
        kind = "ODCT" if isinstance(value, OrderedDictionary) else "DCT"
        pairs = [[encode(k, 0), encode(v, depth - 1) if depth > 0 else _shallow(v)] for k, v in value.items()]
        return _tag(kind, pairs[:MAX_ITEMS])
    return encode_object(value, depth)


def _wraps_plain(base: Any) -> bool:
    """A base value the wire carries as itself: primitives, hashtables, lists."""
    return isinstance(base, (str, bool, int, float, list, tuple, Hashtable)) or _encode_primitive(base) is not None


def _encode_wrapped(value: PSObject, depth: int) -> Any:
    """A plain value in a PSObject with note properties (a remoting result, a Get-Content line): the value
    itself plus its notes, as pwsh's serializer keeps the notes of a primitive. Without notes, just the value."""
    notes = [(p.name, p.getter(value) if p.getter is not None else p.value) for p in value.properties()
             if p.member_type == "NoteProperty"]
    base = encode(value.base, depth)
    if not notes or isinstance(value.base, (list, tuple)):
        return base          # a list stays a list (a wrapped one would not enumerate on the other side)
    props = [[n, encode(v, depth - 1) if depth > 0 else _shallow(v)] for n, v in notes[:MAX_ITEMS]]
    return {"$": "PSO", "v": base, "p": props}


def _shallow(value: Any) -> Any:
    """Beyond the depth: primitives stay (without their notes), everything else becomes its ToString() text."""
    if type(value) is PSObject and value.base is not None and not isinstance(value.base, (list, tuple, Hashtable)):
        value = value.base
    if value is None or isinstance(value, (str, bool, int, float)):
        return encode(value, 0)
    primitive = _encode_primitive(value)
    if primitive is not None:
        return primitive
    return _to_string(value)


def _encode_primitive(value: Any):
    from pslark.runtime import numbers
    if isinstance(value, PSChar):
        return _tag("C", str(value))
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        name = numbers.dotnet_type_name(value)
        short = {"System.Int64": "I64", "System.Byte": "By", "System.SByte": "SB", "System.Int16": "I16",
                 "System.UInt16": "U16", "System.UInt32": "U32", "System.UInt64": "U64",
                 "System.Numerics.BigInteger": "BI", "System.Int32": "I32"}.get(name)
        if short is None or short == "I32":
            return int(value)
        return _tag(short, str(int(value)))
    if isinstance(value, float):
        name = numbers.dotnet_type_name(value)
        if name == "System.Single":
            return _tag("Sg", repr(float(value)))
        return _tag("Db", repr(float(value)))
    if isinstance(value, decimal.Decimal):
        return _tag("D", str(value))
    if isinstance(value, datetime.datetime):
        return _tag("DT", value.isoformat())
    if isinstance(value, datetime.timedelta):
        return _tag("TS", [value.days, value.seconds, value.microseconds])
    if isinstance(value, uuid.UUID):
        return _tag("G", str(value))
    if isinstance(value, str):
        return str(value)
    tn = _type_names(value)
    if tn and tn[0] == "System.Version":
        return _tag("Version", _to_string(value))
    return None


def _type_names(value: Any) -> list:
    from pslark.runtime import members
    try:
        return list(members.type_names(value))
    except Exception:   # a modelled object without type names is still serializable as text
        return [type(value).__name__]


def _to_string(value: Any) -> str:
    from pslark.runtime.conversion import to_string
    try:
        return to_string(value)
    except Exception:   # ToString of a broken object: pwsh would give the type name
        return type(value).__name__


def encode_object(value: Any, depth: int) -> Any:
    from pslark.runtime import members
    names = _type_names(value)
    if isinstance(value, DeserializedObject):
        type_names = list(value.type_names)
    else:
        type_names = [n if n.startswith("Deserialized.") else "Deserialized." + n for n in names]
    props = []
    if depth > 0:
        try:
            prop_names = members.property_names(value)
        except Exception:   # objects that cannot list their properties serialize as text
            prop_names = []
        for name in prop_names[:MAX_ITEMS]:
            try:
                v = members.get_member(value, name)
            except Exception:   # a property whose getter fails is skipped, as pwsh's serializer does
                continue
            props.append([name, encode(v, depth - 1) if depth - 1 >= 0 else _shallow(v)])
    return {"$": "Obj", "tn": type_names, "p": props, "s": _to_string(value)}


def encode_error(record: ErrorRecord) -> dict:
    exc = record.exception
    info = record.invocation_info
    inv = None
    if info is not None and info.extent is not None:
        ext = info.extent
        inv = {"file": ext.file, "line": ext.start_line, "col": ext.start_column, "end_line": ext.end_line,
               "end_col": ext.end_column, "text": ext.source.line(ext.start_line), "command": info.my_command}
    elif info is not None:
        inv = {"command": info.my_command}
    return {"$": "Err", "msg": record.message, "fqid": record.fully_qualified_error_id, "cat": record.category,
            "target": _shallow(record.target_object), "types": type(exc).type_names(), "exc_msg": exc.message,
            "inv": inv, "activity": record.category_activity, "reason": record.category_reason,
            "thrown": bool(getattr(exc, "was_thrown", False))}


# ----------------------------------------------------------------------------------------------
# decode

def decode(data: Any, _level: int = 0) -> Any:
    """Build a value from its wire form. Unknown or malformed parts decode to $null or text, never fail."""
    if _level > MAX_NESTING:
        return None
    if data is None or isinstance(data, (bool, str)):
        return data
    if isinstance(data, int):
        return data
    if isinstance(data, float):
        return data
    if isinstance(data, list):
        return [decode(x, _level + 1) for x in data[:MAX_ITEMS]]
    if not isinstance(data, dict):
        return None
    kind = data.get("$")
    v = data.get("v")
    try:
        return _DECODERS[kind](data, v, _level)
    except (KeyError, TypeError, ValueError, OverflowError, decimal.InvalidOperation, AttributeError):
        return None


def _decode_int(cls_name: str):
    def run(data, v, level):
        from pslark.runtime import numbers
        klass = getattr(numbers, cls_name)
        return klass(int(v))
    return run


def _decode_float(data, v, level):
    if isinstance(v, str):
        return float(v)
    return float(v)


def _decode_single(data, v, level):
    from pslark.runtime.numbers import Single
    return Single(float(v))


def _decode_datetime(data, v, level):
    return datetime.datetime.fromisoformat(str(v))


def _decode_timespan(data, v, level):
    days, seconds, micro = v
    return datetime.timedelta(days=int(days), seconds=int(seconds), microseconds=int(micro))


def _decode_list(data, v, level):
    if not isinstance(v, list):
        return PSList()
    return PSList(decode(x, level + 1) for x in v[:MAX_ITEMS])


def _decode_dict(ordered: bool):
    def run(data, v, level):
        table = OrderedDictionary() if ordered else Hashtable()
        for pair in (v or [])[:MAX_ITEMS]:
            if isinstance(pair, list) and len(pair) == 2:
                key = decode(pair[0], level + 1)
                if isinstance(key, (str, int, float, bool)):
                    table[key] = decode(pair[1], level + 1)
        return table
    return run


def _decode_version(data, v, level):
    from pslark.runtime.types import resolve_type
    t = resolve_type("version")
    return t.convert(str(v)) if t is not None else str(v)


def _decode_object(data, v, level):
    names = data.get("tn") or []
    type_names = [str(n) for n in names if isinstance(n, str)][:32]
    props = []
    for pair in (data.get("p") or [])[:MAX_ITEMS]:
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str):
            props.append((pair[0], decode(pair[1], level + 1)))
    text = data.get("s")
    return DeserializedObject(props, type_names or ["Deserialized.System.Object"], text if isinstance(text, str) else "")


def _decode_wrapped(data, v, level):
    base = decode(v, level + 1)
    if base is None or isinstance(base, list):
        return base
    if isinstance(base, PSObject):
        target = base
    else:
        from pslark.runtime.members import type_names
        target = PSObject(type_names=type_names(base), base=base)
    for pair in (data.get("p") or [])[:MAX_ITEMS]:
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str):
            target.add_property(pair[0], decode(pair[1], level + 1))
    return target


def _decode_error(data, v, level):
    return decode_error(data)


_DECODERS = {
    "I64": _decode_int("Int64"), "By": _decode_int("Byte"), "SB": _decode_int("SByte"), "I16": _decode_int("Int16"),
    "U16": _decode_int("UInt16"), "U32": _decode_int("UInt32"), "U64": _decode_int("UInt64"),
    "BI": _decode_int("BigInteger"), "Db": _decode_float, "Sg": _decode_single,
    "D": lambda d, v, l: decimal.Decimal(str(v)), "DT": _decode_datetime, "TS": _decode_timespan,
    "G": lambda d, v, l: uuid.UUID(str(v)), "C": lambda d, v, l: PSChar(str(v)[:1]),
    "LST": _decode_list, "DCT": _decode_dict(False), "ODCT": _decode_dict(True), "Version": _decode_version,
    "Obj": _decode_object, "Err": _decode_error, "PSO": _decode_wrapped,
}


class RemoteErrorException(RemoteException):
    """The exception of an error that was serialized: keeps the original .NET type names for catch and display."""

    def __init__(self, message: str, original_types: list):
        super().__init__(message)
        self.original_types = original_types


class _RemoteSource:
    def __init__(self, line_number: int, text: str):
        self.line_number = line_number
        self.text_line = text

    def line(self, n: int) -> str:
        return self.text_line if n == self.line_number else ""


class RemoteExtent:
    """Where a serialized error happened (file, line, columns and that line's text), for ConciseView."""

    def __init__(self, inv: dict):
        self.file = inv.get("file") if isinstance(inv.get("file"), str) else None
        self.start_line = _int(inv.get("line"), 1)
        self.start_column = _int(inv.get("col"), 1)
        self.end_line = _int(inv.get("end_line"), self.start_line)
        self.end_column = _int(inv.get("end_col"), self.start_column + 1)
        text = inv.get("text") if isinstance(inv.get("text"), str) else ""
        self.source = _RemoteSource(self.start_line, text)

    @property
    def text(self) -> str:
        line = self.source.line(self.start_line)
        if self.end_line == self.start_line:
            return line[self.start_column - 1:self.end_column - 1]
        return line[self.start_column - 1:]


def _int(value, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10 ** 9 else default


def remote_extent(inv: dict):
    if "line" not in inv:
        return None
    return RemoteExtent(inv)


def decode_error(data: dict) -> ErrorRecord:
    msg = str(data.get("msg") or "")
    types = [str(t) for t in (data.get("types") or []) if isinstance(t, str)]
    exc = RemoteErrorException(str(data.get("exc_msg") or msg), types)
    exc.was_thrown = bool(data.get("thrown"))
    inv = data.get("inv")
    info = None
    if isinstance(inv, dict):
        info = InvocationInfo(inv.get("command") if isinstance(inv.get("command"), str) else None,
                              remote_extent(inv))
    record = ErrorRecord(exc, str(data.get("fqid") or "RemoteException"), str(data.get("cat") or "NotSpecified"),
                         decode(data.get("target")), info)
    if msg != exc.message:
        record.error_details_message = msg
    activity = data.get("activity")
    if isinstance(activity, str):
        record.category_activity = activity
    reason = data.get("reason")
    if isinstance(reason, str):
        record.category_reason = reason
    return record
