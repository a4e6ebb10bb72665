"""CLIXML, PowerShell's XML serialization (Export-Clixml, Import-Clixml; reusable by jobs and remoting).

    text = serialize([obj1, obj2], depth=2)      # a whole <Objs ...> document, as Export-Clixml writes it
    values = deserialize(text)                    # primitives rehydrated, other objects `Deserialized.` bags

The writer follows MS-PSRP 2.2.5 (primitive elements <S>, <I32>, <Db>, <DT>, <TS>, <G>, <Nil/>..., complex
objects <Obj RefId><TN RefId><T>...</TN><ToString/><Props/><MS/>, containers <LST>/<DCT>, <Ref>/<TNRef> for
repeats) with .NET's XmlWriter layout (two-space indentation, `<Nil />`). The reader never evaluates
anything and refuses DTDs and entity declarations (billion-laughs / external entities).
"""
from __future__ import annotations

import base64
import datetime
import decimal
import re
import uuid
from typing import Any, Optional

from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, OrderedDictionary, PSChar, PSList, PSObject, \
    PSCUSTOMOBJECT

XMLNS = "http://schemas.microsoft.com/powershell/2004/04"
VERSION = "1.1.0.1"
DEFAULT_DEPTH = 2


class ClixmlError(Exception):
    """A document that is not CLIXML (bad XML, a DTD, unknown structure)."""


# ------------------------------------------------------------------------------------------------
# .NET text forms

def double_r(x: float) -> str:
    """double.ToString("R", InvariantCulture): the shortest round-trip digits, E+XX beyond 1e15 / below 1e-5."""
    if x != x:
        return "NaN"
    if x == float("inf"):
        return "Infinity"
    if x == float("-inf"):
        return "-Infinity"
    return _shortest(repr(float(x)), 15)


def single_r(x: float) -> str:
    """float.ToString("R"): the shortest digits that round-trip through a 32-bit float."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    import struct
    target = struct.unpack("f", struct.pack("f", x))[0]
    for prec in range(1, 10):
        text = f"{target:.{prec}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == target:
            return _shortest(text, 7)
    return _shortest(repr(target), 7)


def _shortest(text: str, sci_limit: int) -> str:
    d = decimal.Decimal(text)
    sign, digits, exp = d.as_tuple()
    digits = list(digits)
    while len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exp += 1
    neg = "-" if sign else ""
    if digits == [0]:
        return neg + "0"
    n = len(digits)
    sci = exp + n - 1
    ds = "".join(str(x) for x in digits)
    if sci >= sci_limit or sci < -4:
        mant = ds[0] + ("." + ds[1:] if n > 1 else "")
        return f"{neg}{mant}E{'+' if sci >= 0 else '-'}{abs(sci):02d}"
    if exp >= 0:
        return neg + ds + "0" * exp
    point = n + exp
    if point > 0:
        return neg + ds[:point] + "." + ds[point:]
    return neg + "0." + "0" * (-point) + ds


def _fraction(micro: int) -> str:
    if not micro:
        return ""
    return "." + f"{micro * 10:07d}".rstrip("0")


def datetime_kind(dt: datetime.datetime) -> str:
    k = getattr(dt, "kind", None)
    if isinstance(k, str) and k:
        return k
    if dt.tzinfo is not None:
        return "Utc" if dt.utcoffset() == datetime.timedelta(0) else "Local"
    return "Local"


def _offset_text(off: datetime.timedelta) -> str:
    total = int(off.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"


def datetime_roundtrip(dt: datetime.datetime) -> str:
    """XmlConvert.ToString(dt, RoundtripKind) / the "o"-like form Newtonsoft writes (FFFFFFF + K)."""
    kind = datetime_kind(dt)
    base = dt.strftime("%Y-%m-%dT%H:%M:%S").rjust(19, "0") + _fraction(dt.microsecond)
    if kind == "Utc":
        return base + "Z"
    if kind == "Unspecified":
        return base
    if dt.tzinfo is not None:
        return base + _offset_text(dt.utcoffset())
    try:
        off = dt.astimezone().utcoffset()
    except (OverflowError, ValueError, OSError):
        off = datetime.timedelta(0)
    return base + _offset_text(off)


def timespan_xml(td: datetime.timedelta) -> str:
    """XmlConvert.ToString(TimeSpan): an ISO 8601 duration (PT0S, P1DT2H3M4.5S, -PT1M)."""
    ticks = (td.days * 86400 + td.seconds) * 10_000_000 + td.microseconds * 10
    neg = ticks < 0
    ticks = abs(ticks)
    days, rem = divmod(ticks, 864_000_000_000)
    hours, rem = divmod(rem, 36_000_000_000)
    minutes, rem = divmod(rem, 600_000_000)
    seconds, frac = divmod(rem, 10_000_000)
    out = "-P" if neg else "P"
    if days:
        out += f"{days}D"
    if hours or minutes or seconds or frac or not days:
        out += "T"
        if hours:
            out += f"{hours}H"
        if minutes:
            out += f"{minutes}M"
        if seconds or frac or not (hours or minutes):
            out += str(seconds)
            if frac:
                out += "." + f"{frac:07d}".rstrip("0")
            out += "S"
    return out


_DURATION = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$")


def parse_duration(text: str) -> datetime.timedelta:
    m = _DURATION.match(text.strip())
    if not m:
        raise ClixmlError(f"The string '{text}' is not a valid TimeSpan value.")
    neg, years, months, days, hours, minutes, seconds, frac = m.groups()
    total_days = int(days or 0) + 365 * int(years or 0) + 30 * int(months or 0)
    micro = int((frac or "").ljust(7, "0")[:7]) // 10 if frac else 0
    td = datetime.timedelta(days=total_days, hours=int(hours or 0), minutes=int(minutes or 0),
                            seconds=int(seconds or 0), microseconds=micro)
    return -td if neg else td


_DT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$")


def parse_roundtrip_datetime(text: str) -> datetime.datetime:
    m = _DT.match(text.strip())
    if not m:
        raise ClixmlError(f"The string '{text}' is not a valid AllXsd value.")
    y, mo, d, h, mi, s, frac, tz = m.groups()
    micro = int(frac.ljust(7, "0")[:7]) // 10 if frac else 0
    dt = datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), micro)
    if tz == "Z":
        return dt.replace(tzinfo=datetime.timezone.utc)
    if tz:
        sign = 1 if tz[0] == "+" else -1
        off = sign * datetime.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6]))
        try:
            return dt.replace(tzinfo=datetime.timezone(off)).astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError, OSError):
            return dt
    return dt


# ------------------------------------------------------------------------------------------------
# String encoding (MS-PSRP 2.2.5.3.2)

def encode_string(s: str) -> str:
    """Escape what XML cannot carry (and `_x` itself) as _xHHHH_, then XML-escape."""
    out = []
    n = len(s)
    for i, ch in enumerate(s):
        c = ord(ch)
        if c <= 0x1F or 0x7F <= c <= 0x9F or 0xD800 <= c <= 0xDFFF or c in (0xFFFE, 0xFFFF) \
                or (ch == "_" and i + 1 < n and s[i + 1] in "xX"):
            out.append(f"_x{c:04X}_")
        elif c > 0xFFFF:
            hi, lo = divmod(c - 0x10000, 0x400)
            out.append(f"_x{0xD800 + hi:04X}__x{0xDC00 + lo:04X}_")
        elif ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        else:
            out.append(ch)
    return "".join(out)


def _attr(s: str) -> str:
    return encode_string(s).replace('"', "&quot;")


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def decode_string(s: str) -> str:
    if "_x" not in s and "_X" not in s:
        return s
    units = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), s)
    try:
        return units.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        return units


# ------------------------------------------------------------------------------------------------
# Writer

def _type_names_of(value: Any) -> list:
    if isinstance(value, PSObject):
        return list(value.type_names)
    if type(value) in (list, tuple):
        return ["System.Object[]", "System.Array", "System.Object"]
    if isinstance(value, PSList):
        return [value.type_name, "System.Object"]
    if isinstance(value, Hashtable):
        return [value.type_name, "System.Object"]
    try:
        from pslark.runtime.formatting.values import type_names
        return list(type_names(value))
    except Exception:   # a value with no type information is still serialized
        return ["System.Object"]


def _to_string(value: Any) -> str:
    try:
        from pslark.runtime.formatting.values import to_text
        return to_text(value)
    except Exception:
        return str(value)


def _properties(value: Any) -> list:
    """(name, value) of the adapted properties of a modelled object."""
    from pslark.runtime.formatting.values import get_prop, property_names
    out = []
    for name in property_names(value):
        found, v = get_prop(value, name)
        if found:
            out.append((name, v))
    return out


class Writer:
    """Serializes values to CLIXML elements (one Writer per document: RefIds are per document)."""

    def __init__(self, depth: int = DEFAULT_DEPTH, indent: str = "  "):
        self.depth = depth
        self.indent = indent
        self.lines: list[str] = []
        self._refs: dict[int, int] = {}
        self._keep: list = []            # keep serialized objects alive so ids stay unique
        self._tns: dict[tuple, int] = {}

    def document(self, objects) -> str:
        self.lines.append(f'<Objs Version="{VERSION}" xmlns="{XMLNS}">')
        for obj in objects:
            self.write(obj, None, self.depth, 1)
        self.lines.append("</Objs>")
        return "\n".join(self.lines)

    def _line(self, level: int, text: str) -> None:
        self.lines.append(self.indent * level + text)

    def _leaf(self, level: int, tag: str, name: Optional[str], text: Optional[str]) -> None:
        n = f' N="{_attr(name)}"' if name is not None else ""
        if text is None or text == "":
            self._line(level, f"<{tag}{n} />")
        else:
            self._line(level, f"<{tag}{n}>{text}</{tag}>")

    def write(self, value: Any, name: Optional[str], depth: int, level: int) -> None:
        if value is None or value is AUTOMATION_NULL:
            self._leaf(level, "Nil", name, None)
            return
        prim = primitive_element(value)
        if prim is not None:
            self._leaf(level, prim[0], name, prim[1])
            return
        if isinstance(value, PSObject) and value.base is not None and primitive_element(value.base) is not None \
                and not value.property_names():
            self.write(value.base, name, depth, level)
            return
        key = id(value)
        if key in self._refs:
            self._line(level, f'<Ref{self._n(name)} RefId="{self._refs[key]}" />')
            return
        if depth <= 0 and not _is_enum(value):
            self._leaf(level, "S", name, encode_string(_to_string(value)))
            return
        ref = len(self._refs)
        self._refs[key] = ref
        self._keep.append(value)
        self._line(level, f'<Obj{self._n(name)} RefId="{ref}">')
        self._type_names(_type_names_of(value), level + 1)
        self._body(value, depth, level + 1)
        self._line(level, "</Obj>")

    @staticmethod
    def _n(name: Optional[str]) -> str:
        return f' N="{_attr(name)}"' if name is not None else ""

    def _type_names(self, names: list, level: int) -> None:
        key = tuple(names)
        if key in self._tns:
            self._line(level, f'<TNRef RefId="{self._tns[key]}" />')
            return
        ref = len(self._tns)
        self._tns[key] = ref
        self._line(level, f'<TN RefId="{ref}">')
        for t in names:
            self._line(level + 1, f"<T>{encode_string(t)}</T>")
        self._line(level, "</TN>")

    def _body(self, value: Any, depth: int, level: int) -> None:
        child = depth - 1
        notes: list = []
        base = value
        if isinstance(value, PSObject):
            notes = [(p.name, p.getter(value) if p.getter is not None else p.value) for p in value.properties()
                     if p.member_type in ("NoteProperty", "ScriptProperty", "AliasProperty", "CodeProperty")]
            base = value.base
        if base is None:                                       # PSCustomObject
            stored = getattr(value, "string_value", None)
            if isinstance(stored, str) and stored:
                self._line(level, f"<ToString>{encode_string(stored)}</ToString>")
            self._member_set(notes, child, level)
            return
        if _is_enum(base):
            self._line(level, f"<ToString>{encode_string(str(base))}</ToString>")
            self._leaf(level, "I32", None, str(int(base)))
            self._member_set(notes, child, level)
            return
        if isinstance(base, Hashtable):
            self._line(level, "<DCT>")
            for k, v in base.items():
                self._line(level + 1, "<En>")
                self.write(k, "Key", child, level + 2)
                self.write(v, "Value", child, level + 2)
                self._line(level + 1, "</En>")
            self._line(level, "</DCT>")
            self._member_set(notes, child, level)
            return
        if isinstance(base, (list, tuple)):
            self._line(level, "<LST>")
            for item in base:
                self.write(item, None, child, level + 1)
            self._line(level, "</LST>")
            self._member_set(notes, child, level)
            return
        enum = getattr(base, "ps_enumerate", None)
        if enum is not None:
            try:
                items = list(enum())
            except Exception:   # an enumeration that fails is written as empty
                items = []
            self._line(level, f"<ToString>{encode_string(_to_string(base))}</ToString>")
            self._line(level, "<IE>")
            for item in items:
                self.write(item, None, child, level + 1)
            self._line(level, "</IE>")
            self._member_set(notes, child, level)
            return
        self._line(level, f"<ToString>{encode_string(_to_string(value))}</ToString>")
        props = []
        try:
            props = _properties(base)
        except Exception:   # a modelled object whose properties fail is written without them
            props = []
        if props:
            self._line(level, "<Props>")
            for n, v in props:
                self.write(v, n, child, level + 1)
            self._line(level, "</Props>")
        self._member_set(notes, child, level)

    def _member_set(self, notes: list, depth: int, level: int) -> None:
        if not notes:
            return
        self._line(level, "<MS>")
        for n, v in notes:
            self.write(v, n, depth, level + 1)
        self._line(level, "</MS>")


def _is_enum(value: Any) -> bool:
    from pslark.runtime.numbers import EnumValue
    return isinstance(value, EnumValue) and getattr(type(value), "ps_enum", None) is not None


def primitive_element(value: Any) -> Optional[tuple[str, str]]:
    """(tag, text) for the primitive types MS-PSRP knows, None for complex objects."""
    from pslark.runtime import numbers as N
    t = type(value)
    if t is str:
        return "S", encode_string(value)
    if t is bool:
        return "B", "true" if value else "false"
    if t is int:
        if -2**31 <= value < 2**31:
            return "I32", str(value)
        if -2**63 <= value < 2**63:
            return "I64", str(value)
        return None
    if t is float:
        return "Db", _xml_double(value)
    if isinstance(value, PSChar):
        return "C", str(ord(value))
    if isinstance(value, str):
        return "S", encode_string(str(value))
    if _is_enum(value):
        return None
    tags = {N.Int64: "I64", N.Byte: "By", N.SByte: "SB", N.Int16: "I16", N.UInt16: "U16", N.UInt32: "U32",
            N.UInt64: "U64"}
    for cls, tag in tags.items():
        if isinstance(value, cls):
            return tag, str(int(value))
    if isinstance(value, N.Single):
        return "Sg", _xml_single(value)
    if isinstance(value, decimal.Decimal):
        return "D", _decimal_text(value)
    if isinstance(value, datetime.datetime):
        return "DT", datetime_roundtrip(value)
    if isinstance(value, datetime.timedelta):
        return "TS", timespan_xml(value)
    if isinstance(value, uuid.UUID):
        return "G", str(value)
    if isinstance(value, (bytes, bytearray)):
        return "BA", base64.b64encode(bytes(value)).decode("ascii")
    names = _type_names_of(value)
    first = names[0] if names else ""
    if first == "System.Version":
        return "Version", _to_string(value)
    if first == "System.Uri":
        return "URI", encode_string(_to_string(value))
    if first == "System.Management.Automation.ScriptBlock":
        return "SBK", encode_string(_to_string(value))
    if first == "System.Security.SecureString":
        return "SS", ""
    return None


def _xml_double(x: float) -> str:
    if x == float("inf"):
        return "INF"
    if x == float("-inf"):
        return "-INF"
    return double_r(x)


def _xml_single(x: float) -> str:
    if x == float("inf"):
        return "INF"
    if x == float("-inf"):
        return "-INF"
    return single_r(x)


def _decimal_text(d: decimal.Decimal) -> str:
    try:
        from pslark.runtime.conversion import decimal_to_string
        return decimal_to_string(d)
    except Exception:   # fall back to Python's text
        return str(d)


def serialize(objects, depth: int = DEFAULT_DEPTH) -> str:
    """A complete CLIXML document holding each of `objects` (a list) at the top level."""
    return Writer(depth).document(list(objects))


# ------------------------------------------------------------------------------------------------
# Reader

_FORBIDDEN = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
MAX_NESTING = 200


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def parse_document(text: str):
    """The root element of a CLIXML document (DTDs and entities refused)."""
    if _FORBIDDEN.search(text):
        raise ClixmlError("For security reasons DTD is prohibited in this XML document.")
    import xml.etree.ElementTree as ET
    try:
        return ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (1, 1))
        raise ClixmlError(f"Data at the root level is invalid. Line {line}, position {col + 1}.") from None


def deserialize(text: str) -> list:
    """The top-level values of a CLIXML document."""
    root = parse_document(text)
    if _local(root.tag) != "Objs":
        raise ClixmlError("The input is not a valid CLIXML document (the root element is not Objs).")
    reader = Reader()
    return [reader.read(el) for el in root]


class Reader:
    """Turns CLIXML elements back into values; RefIds and TN RefIds are per document."""

    def __init__(self):
        self._objs: dict[str, Any] = {}
        self._tns: dict[str, list] = {}
        self._level = 0

    def read(self, el) -> Any:
        self._level += 1
        try:
            if self._level > MAX_NESTING:
                raise ClixmlError("The CLIXML document is nested too deeply.")
            return self._read(el)
        finally:
            self._level -= 1

    def _read(self, el) -> Any:
        from pslark.runtime import numbers as N
        tag = _local(el.tag)
        text = el.text or ""
        if tag == "Nil":
            return None
        if tag == "S":
            return decode_string(text)
        if tag == "B":
            return text.strip().lower() == "true"
        if tag == "I32":
            return int(text)
        if tag == "I64":
            return N.Int64(int(text))
        if tag == "By":
            return N.Byte(int(text))
        if tag == "SB":
            return N.SByte(int(text))
        if tag == "I16":
            return N.Int16(int(text))
        if tag == "U16":
            return N.UInt16(int(text))
        if tag == "U32":
            return N.UInt32(int(text))
        if tag == "U64":
            return N.UInt64(int(text))
        if tag == "Db":
            return _parse_double(text)
        if tag == "Sg":
            return N.Single(_parse_double(text))
        if tag == "D":
            return decimal.Decimal(text.strip())
        if tag == "C":
            return PSChar(chr(int(text)))
        if tag == "DT":
            return parse_roundtrip_datetime(text)
        if tag == "TS":
            return parse_duration(text)
        if tag == "G":
            return uuid.UUID(text.strip())
        if tag == "BA":
            return base64.b64decode(text.strip() or b"")
        if tag in ("URI", "SBK", "XD", "SS"):
            return decode_string(text)
        if tag == "Version":
            return _version(text.strip())
        if tag == "Ref":
            ref = el.get("RefId")
            if ref not in self._objs:
                raise ClixmlError(f"The reference {ref} does not refer to an earlier object.")
            return self._objs[ref]
        if tag == "Obj":
            return self._object(el)
        raise ClixmlError(f"Unknown CLIXML element <{tag}>.")

    def _object(self, el) -> Any:
        names: list = []
        to_string: Optional[str] = None
        props: list = []
        container: Any = None
        primitive: Any = AUTOMATION_NULL
        for child in el:
            tag = _local(child.tag)
            if tag == "TN":
                names = [decode_string(t.text or "") for t in child if _local(t.tag) == "T"]
                self._tns[child.get("RefId")] = names
            elif tag == "TNRef":
                names = list(self._tns.get(child.get("RefId"), []))
            elif tag == "ToString":
                to_string = decode_string(child.text or "")
            elif tag in ("Props", "MS"):
                for p in child:
                    props.append((decode_string(p.get("N") or ""), self.read(p)))
            elif tag in ("LST", "IE", "STK", "QUE"):
                container = [self.read(c) for c in child]
            elif tag == "DCT":
                table = OrderedDictionary() if names and names[0].endswith("OrderedDictionary") else Hashtable()
                for en in child:
                    key = val = None
                    for kv in en:
                        if kv.get("N") == "Key":
                            key = self.read(kv)
                        elif kv.get("N") == "Value":
                            val = self.read(kv)
                    table[key] = val
                container = table
            else:
                primitive = self.read(child)
        ref = el.get("RefId")
        value = self._build(names, to_string, props, container, primitive)
        if ref is not None:
            self._objs[ref] = value
        return value

    @staticmethod
    def _build(names: list, to_string: Optional[str], props: list, container: Any, primitive: Any) -> Any:
        first = names[0] if names else ""
        if container is not None:
            if isinstance(container, Hashtable):
                result: Any = container
            elif first == "System.Collections.ArrayList" or "System.Array" not in names:
                result = PSList(container, type_name="System.Collections.ArrayList")
            else:
                result = list(container)
            if props:
                wrapped = PSObject(type_names=_type_names_of(result), base=result)
                for n, v in props:
                    wrapped.add_property(n, v)
                return wrapped
            return result
        if primitive is not AUTOMATION_NULL and "System.Enum" not in names:
            if not props:
                return primitive
            wrapped = PSObject(type_names=_type_names_of(primitive), base=primitive)
            for n, v in props:
                wrapped.add_property(n, v)
            return wrapped
        from pslark.runtime.wire.serialization import DeserializedObject
        tn = [n if n.startswith("Deserialized.") else "Deserialized." + n for n in names] or \
            ["Deserialized.System.Object"]
        text = to_string
        if text is None:
            text = _custom_text(props) if first == PSCUSTOMOBJECT else ""
        obj = DeserializedObject(props, tn, text)
        return obj


def _custom_text(props: list) -> str:
    from pslark.runtime.formatting.values import to_text
    temp = PSObject(props)
    return to_text(temp)


def _parse_double(text: str) -> float:
    t = text.strip()
    if t in ("INF", "Infinity", "∞"):
        return float("inf")
    if t in ("-INF", "-Infinity", "-∞"):
        return float("-inf")
    if t == "NaN":
        return float("nan")
    return float(t)


def _version(text: str) -> Any:
    try:
        from pslark.runtime.types import resolve_type
        t = resolve_type("version")
        if t is not None:
            return t.convert(text)
    except Exception:   # without the Version type the text is kept
        pass
    return text
