"""LanguagePrimitives: PowerShell's conversions (to bool, string, numbers, any type) and comparisons.

Casts and string expansion use the invariant culture. The left operand decides how a comparison converts the
right one. Failures raise PSInvalidCastException with pwsh's messages (ExtendedTypeSystem.resx).
"""
from __future__ import annotations

import datetime
import decimal
import re
import uuid
from typing import Any, Optional

from pslark.runtime.errors import PSException, PSInvalidCastException, RuntimeException
from pslark.runtime.numbers import (INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, BigInteger, Byte, EnumValue, Int16,
                                    Int64, SByte, Single, UInt16, UInt32, UInt64, _TypedInt)
from pslark.runtime.objects import (AUTOMATION_NULL, Hashtable, OrderedDictionary, PSChar, PSList, PSObject)

_Dec = decimal.Decimal
_DEC_CTX = decimal.Context(prec=29, rounding=decimal.ROUND_HALF_EVEN)

# ----------------------------------------------------------------------------------------------
# Errors

_OVERFLOW_TEXT = {
    "System.Int32": "Value was either too large or too small for an Int32.",
    "System.Int64": "Value was either too large or too small for an Int64.",
    "System.Byte": "Value was either too large or too small for an unsigned byte.",
    "System.SByte": "Value was either too large or too small for a signed byte.",
    "System.Int16": "Value was either too large or too small for an Int16.",
    "System.UInt16": "Value was either too large or too small for a UInt16.",
    "System.UInt32": "Value was either too large or too small for a UInt32.",
    "System.UInt64": "Value was either too large or too small for a UInt64.",
    "System.Decimal": "Value was either too large or too small for a Decimal.",
    "System.Char": "Value was either too large or too small for a character.",
    "System.Numerics.BigInteger": "Value was either too large or too small for a BigInteger.",
}


def cast_error(value: Any, type_name: str, inner: Optional[str] = None, error_id: str = "InvalidCastException",
               ) -> PSInvalidCastException:
    """pwsh's InvalidCastException texts: with an inner error, or 'Cannot convert the "v" value of type ...'."""
    if inner is not None:
        msg = f'Cannot convert value "{_text_for_error(value)}" to type "{type_name}". Error: "{inner}"'
    elif value is None:
        msg = f'Cannot convert null to type "{type_name}".'
        error_id = "nullToObjectInvalidCast" if error_id == "InvalidCastException" else error_id
    else:
        msg = (f'Cannot convert the "{_text_for_error(value)}" value of type "{type_name_of(value)}" '
               f'to type "{type_name}".')
        if error_id == "InvalidCastException":
            error_id = "ConvertToFinalInvalidCastException"
    return PSInvalidCastException(msg, error_id=error_id, category="InvalidArgument", target=value)


def _text_for_error(value: Any) -> str:
    try:
        return to_string(value)
    except PSException:
        return type_name_of(value)


def type_name_of(value: Any) -> str:
    """The .NET full type name of any value (the first of its type names)."""
    from pslark.runtime.numbers import dotnet_type_name
    t = type(value)
    if t in _SIMPLE_NAMES:
        return _SIMPLE_NAMES[t]
    if isinstance(value, PSObject):
        if value.base is not None:
            return type_name_of(value.base)
        return value.type_names[0] if value.type_names else "System.Management.Automation.PSCustomObject"
    if isinstance(value, PSList):
        return value.type_name
    if isinstance(value, Hashtable):
        return value.type_name
    if isinstance(value, PSChar):
        return "System.Char"
    tn = getattr(value, "type_names", None)
    if tn is not None:
        names = tn() if callable(tn) else tn
        if names:
            return names[0]
    dn = getattr(t, "dotnet_type", None)
    if isinstance(dn, str):
        return dn
    if isinstance(value, tuple):
        return "System.Object[]"
    if isinstance(value, re.Pattern):
        return "System.Text.RegularExpressions.Regex"
    return dotnet_type_name(value)


_SIMPLE_NAMES = {str: "System.String", bool: "System.Boolean", float: "System.Double",
                 _Dec: "System.Decimal", list: "System.Object[]", datetime.datetime: "System.DateTime",
                 datetime.timedelta: "System.TimeSpan", uuid.UUID: "System.Guid",
                 Hashtable: "System.Collections.Hashtable",
                 OrderedDictionary: "System.Collections.Specialized.OrderedDictionary"}


# ----------------------------------------------------------------------------------------------
# Truthiness

def to_bool(v: Any) -> bool:
    """LanguagePrimitives.IsTrue."""
    t = type(v)
    if t is bool:
        return v
    if t is int or t is float or t is str:
        return bool(v)
    if v is None or v is AUTOMATION_NULL or getattr(v, "null_like", False):
        return False
    if t is list or isinstance(v, (list, tuple)):
        n = len(v)
        if n == 0:
            return False
        if n == 1:
            first = v[0]
            if isinstance(first, (list, tuple)):
                return len(first) > 0
            return to_bool(first)
        return True
    if isinstance(v, PSChar):
        return v != "\0"
    if isinstance(v, (int, float, _Dec)):
        return bool(v)
    if isinstance(v, str):
        return len(v) > 0
    if isinstance(v, PSObject) and v.base is not None:
        return to_bool(v.base)
    sp = getattr(v, "is_present", None)
    if sp is not None and getattr(type(v), "dotnet_type", "") == "System.Management.Automation.SwitchParameter":
        return bool(sp)
    return True


# ----------------------------------------------------------------------------------------------
# To string

def to_string(v: Any, ofs: str = " ") -> str:
    """LanguagePrimitives.ConvertTo(v, [string]) with the invariant culture ($OFS joins arrays)."""
    t = type(v)
    if t is str:
        return v
    if t is int:
        return str(v)
    if v is None:
        return ""
    if t is bool:
        return "True" if v else "False"
    if t is float:
        from pslark.runtime.dotnet_format import double_to_string
        return double_to_string(v)
    if t is list or isinstance(v, (list, tuple)):
        return ofs.join(_element_string(x) for x in v)
    return _object_string(v, ofs)


def _element_string(x: Any) -> str:
    """An array element inside a joined array: nested collections are not expanded."""
    if isinstance(x, (list, tuple)):
        return type_name_of(x)
    return to_string(x)


def _object_string(v: Any, ofs: str = " ") -> str:
    if isinstance(v, str):
        return str.__str__(v)
    if isinstance(v, EnumValue):
        return str(v)
    if isinstance(v, Single):
        from pslark.runtime.dotnet_format import single_to_string
        return single_to_string(v)
    if isinstance(v, float):
        from pslark.runtime.dotnet_format import double_to_string
        return double_to_string(v)
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, _Dec):
        return decimal_to_string(v)
    if v is AUTOMATION_NULL:
        return ""
    if isinstance(v, datetime.datetime):
        from pslark.runtime.dotnet_format import format_datetime
        from pslark.runtime.culture import invariant_culture
        return format_datetime(v, "G", invariant_culture())
    if isinstance(v, datetime.timedelta):
        from pslark.runtime.dotnet_format import format_timespan
        return format_timespan(v, "c")
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, PSObject):
        if v.base is not None:
            return to_string(v.base, ofs)
        method = getattr(v, "ps_to_string", None)
        if method is not None:
            # a deserialized object converts to the ToString() text it had where it was made (pwsh keeps it as
            # the object's ToString), e.g. a PathInfo from a job converts to its path
            return method()
        return custom_object_string(v)
    if isinstance(v, PSList):
        return ofs.join(_element_string(x) for x in v)
    if isinstance(v, Hashtable):
        return v.type_name
    if isinstance(v, PSException):
        return f"{v.dotnet_type}: {v.message}"
    if isinstance(v, re.Pattern):
        return v.pattern
    method = getattr(v, "ps_to_string", None)
    if method is not None:
        return method()
    tn = getattr(v, "type_names", None)
    if type(v).__str__ is not object.__str__:
        return str(v)
    if tn is not None:
        names = tn() if callable(tn) else tn
        if names:
            return names[0]
    return type_name_of(v)


def custom_object_string(obj: PSObject) -> str:
    """`@{a=1; b=2}`: a PSCustomObject as text (empty when it has no properties)."""
    props = obj.items()
    if not props:
        return ""
    parts = []
    for name, value in props:
        if isinstance(value, (list, tuple)):
            text = type_name_of(value)
        else:
            try:
                text = to_string(value)
            except PSException:
                text = ""
        parts.append(f"{name}={text}")
    return "@{" + "; ".join(parts) + "}"


def decimal_to_string(d: _Dec) -> str:
    """Decimal.ToString(): fixed notation, keeps the scale (1.50 -> '1.50')."""
    if not d.is_finite():
        return str(d)
    s = format(d, "f")
    return s


# ----------------------------------------------------------------------------------------------
# Numbers from strings (Parser.ScanNumber semantics)

_NUM_RE = re.compile(
    r"""^(?P<sign>[+\-\u2013\u2014\u2015]?)
        (?:(?P<hex>0x[0-9a-f]+)|(?P<bin>0b[01]+)|(?P<dec>(?:\d+\.?\d*|\.\d+)(?:e[+\-]?\d+)?))
        (?P<suffix>ul|uy|us|u|l|d|y|s|n)?
        (?P<mult>kb|mb|gb|tb|pb)?$""", re.IGNORECASE | re.VERBOSE)

_MULT = {"kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3, "tb": 1024 ** 4, "pb": 1024 ** 5}


def _int_result(v: int):
    if INT32_MIN <= v <= INT32_MAX:
        return v
    if INT64_MIN <= v <= INT64_MAX:
        return Int64(v)
    if abs(v) < 10 ** 28:
        return _Dec(v)
    return float(v)


def parse_number(s: str) -> Any:
    """A PowerShell numeric literal in a string (`12`, ` 0x1F `, `1e3`, `1.5`, `1kb`, `10l`, `1.5d`), or None."""
    s = s.strip()
    if not s:
        return None
    m = _NUM_RE.match(s)
    if m is None:
        return None
    neg = m.group("sign") not in ("", "+")
    suffix = (m.group("suffix") or "").lower()
    mult = _MULT[m.group("mult").lower()] if m.group("mult") else 1
    hx, bn, dec = m.group("hex"), m.group("bin"), m.group("dec")
    try:
        if hx or bn:
            raw = int(hx[2:], 16) if hx else int(bn[2:], 2)
            if suffix in ("", "l"):
                if suffix == "" and raw <= 0xFFFFFFFF and (hx is None or len(hx) - 2 <= 8):
                    v = raw - (1 << 32) if raw > 0x7FFFFFFF else raw
                elif raw <= 0xFFFFFFFFFFFFFFFF:
                    v = raw - (1 << 64) if raw > 0x7FFFFFFFFFFFFFFF else raw
                    v = Int64(v) if suffix == "l" or not (INT32_MIN <= v <= INT32_MAX) else v
                else:
                    return None
                if suffix == "l":
                    v = Int64(v)
            elif suffix == "n":
                v = BigInteger(raw)
            else:
                v = raw
            if neg:
                v = -v
            if mult != 1:
                v = v * mult
            return _typed_suffix(v, suffix) if suffix not in ("", "l") else (
                Int64(v) if suffix == "l" else _int_result(int(v)))
        # decimal digits
        is_real = "." in dec or "e" in dec.lower()
        if suffix == "d":
            v = _Dec(dec)
            if neg:
                v = -v
            v = v * mult
            return v
        if is_real:
            if suffix in ("", ):
                v = float(dec)
                if neg:
                    v = -v
                return v * mult
            # a real with an integer suffix: must be integral
            dv = _Dec(dec)
            if dv != dv.to_integral_value():
                return None
            iv = int(dv)
        else:
            iv = int(dec)
        if neg:
            iv = -iv
        iv *= mult
        if suffix == "":
            if is_real:
                return float(iv)
            return _int_result(iv)
        return _typed_suffix(iv, suffix)
    except (ValueError, OverflowError, decimal.InvalidOperation):
        return None


def _typed_suffix(v: int, suffix: str):
    cls = {"l": Int64, "u": None, "ul": UInt64, "uy": Byte, "y": SByte, "s": Int16, "us": UInt16,
           "n": BigInteger}.get(suffix)
    if suffix == "u":
        if 0 <= v <= 0xFFFFFFFF:
            return UInt32(v)
        cls = UInt64
    if cls is None:
        return None
    if cls.min_value is not None and not (cls.min_value <= v <= cls.max_value):
        return None
    return cls(v)


_THOUSANDS_RE = re.compile(r"^\s*[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?(e[+-]?\d+)?\s*$", re.IGNORECASE)


def _parse_through_double(s: str) -> Optional[float]:
    """Double.Parse(s, Float | AllowThousands, invariant): '1,000.5' -> 1000.5."""
    t = s.strip()
    if "," in t:
        if not _THOUSANDS_RE.match(t) and not re.match(r"^\s*[+-]?[\d,]+(\.\d*)?(e[+-]?\d+)?\s*$", t, re.I):
            return None
        t = t.replace(",", "")
    low = t.lower()
    if low in ("infinity", "+infinity", "∞"):
        return float("inf")
    if low in ("-infinity", "-∞"):
        return float("-inf")
    if low == "nan":
        return float("nan")
    if not re.match(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", t, re.I):
        return None
    try:
        return float(t)
    except ValueError:
        return None


def string_to_number(s: str, type_name: str = "System.Int32") -> Any:
    """A string operand in arithmetic: the best numeric type for its text; '' is 0."""
    if not s or s.isspace():
        return 0
    v = parse_number(s)
    if v is not None:
        return v
    d = _parse_through_double(s)
    if d is not None:
        return d
    raise cast_error(s, type_name, f"The input string '{s}' was not in a correct format.",
                     error_id="InvalidCastFromStringToInteger")


def to_number(v: Any, type_name: str = "System.Int32") -> Any:
    """A value as a number for arithmetic (int, Int64..., float, Decimal); bools and chars become integers."""
    t = type(v)
    if t is int or t is float:
        return v
    if t is str:
        return string_to_number(v, type_name)
    if v is None or v is AUTOMATION_NULL:
        return 0
    if t is bool:
        return 1 if v else 0
    if isinstance(v, PSChar):
        return ord(v)
    if isinstance(v, (int, float, _Dec)):
        return v
    if isinstance(v, str):
        return string_to_number(str(v), type_name)
    if isinstance(v, PSObject) and v.base is not None:
        return to_number(v.base, type_name)
    if isinstance(v, (list, tuple)) and len(v) == 1 and False:
        return to_number(v[0], type_name)
    raise cast_error(v, type_name)


def _round_half_even(x: float) -> int:
    return int(round(x))


def convert_integer(v: Any, cls: type = int) -> int:
    """[int] / [long] / [byte] ... conversions: banker's rounding of reals, range checks, string parsing."""
    type_name = "System.Int32" if cls is int else cls.dotnet_type
    lo, hi = (INT32_MIN, INT32_MAX) if cls is int else (cls.min_value, cls.max_value)
    source = v
    t = type(v)
    if t is int:
        n = v
    elif t is bool:
        n = 1 if v else 0
    elif v is None or v is AUTOMATION_NULL:
        n = 0
    elif isinstance(v, PSChar):
        n = ord(v)
    elif isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise cast_error(v, type_name, _OVERFLOW_TEXT.get(type_name), error_id="InvalidCastIConvertible")
        n = _round_half_even(v)
    elif isinstance(v, _Dec):
        if not v.is_finite():
            raise cast_error(v, type_name, _OVERFLOW_TEXT.get(type_name), error_id="InvalidCastIConvertible")
        n = int(v.to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
    elif isinstance(v, int):
        n = int(v)
    elif isinstance(v, str):
        s = str(v)
        if s == "" or s.isspace():
            n = 0
        else:
            p = parse_number(s)
            if p is None:
                p = _parse_through_double(s)
            if p is None:
                raise cast_error(s, type_name, f"The input string '{s.strip() if False else s}' was not in a correct "
                                 "format.", error_id="InvalidCastFromStringToInteger")
            try:
                return convert_integer(p, cls)
            except PSInvalidCastException:
                raise cast_error(s, type_name, _OVERFLOW_TEXT.get(type_name),
                                 error_id="InvalidCastFromStringToInteger")
    elif isinstance(v, PSObject) and v.base is not None:
        return convert_integer(v.base, cls)
    else:
        raise cast_error(v, type_name)
    if lo is not None and not (lo <= n <= hi):
        raise cast_error(source, type_name, _OVERFLOW_TEXT.get(type_name), error_id="InvalidCastIConvertible")
    if cls is int:
        return n
    return cls(n)


def to_int(v: Any) -> int:
    """[int]v (Int32): `[int]2.5` is 2, `[int]3.5` is 4, `[int]'0x1F'` is 31."""
    if type(v) is int and INT32_MIN <= v <= INT32_MAX:
        return v
    return convert_integer(v, int)


def to_long(v: Any) -> int:
    return convert_integer(v, Int64)


def to_double(v: Any) -> float:
    """[double]v."""
    t = type(v)
    if t is float:
        return v
    if t is int:
        return float(v)
    if v is None or v is AUTOMATION_NULL:
        return 0.0
    if t is bool:
        return 1.0 if v else 0.0
    if isinstance(v, PSChar):
        return float(ord(v))
    if isinstance(v, (int, float, _Dec)):
        try:
            return float(v)
        except OverflowError:
            raise cast_error(v, "System.Double", "Value was either too large or too small for a Double.")
    if isinstance(v, str):
        s = str(v)
        if s == "" or s.isspace():
            return 0.0
        p = parse_number(s)
        if p is None:
            p = _parse_through_double(s)
        if p is None:
            raise cast_error(s, "System.Double", f"The input string '{s}' was not in a correct format.",
                             error_id="InvalidCastFromStringToDoubleOrSingle")
        return float(p)
    if isinstance(v, PSObject) and v.base is not None:
        return to_double(v.base)
    raise cast_error(v, "System.Double")


def to_single(v: Any) -> Single:
    try:
        return Single(to_double(v))
    except PSInvalidCastException as e:
        raise cast_error(v, "System.Single", e.message.split('Error: "', 1)[-1].rstrip('"')
                         if 'Error: "' in e.message else None)


def to_decimal(v: Any) -> _Dec:
    """[decimal]v (28-29 significant digits, banker's rounding from doubles)."""
    t = type(v)
    if t is int or t is bool:
        return _Dec(int(v))
    if v is None or v is AUTOMATION_NULL:
        return _Dec(0)
    if isinstance(v, _Dec):
        return v
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")) or abs(v) >= 7.9228162514264338e28:
            raise cast_error(v, "System.Decimal", _OVERFLOW_TEXT["System.Decimal"],
                             error_id="InvalidCastIConvertible")
        # Convert.ToDecimal(double) keeps 15 significant digits
        d = _Dec("%.15g" % v) if v != 0 else _Dec(0)
        return d.normalize(_DEC_CTX) if d == d.to_integral_value() else _Dec(format(d, "f")) if "E" in str(d) else d
    if isinstance(v, PSChar):
        return _Dec(ord(v))
    if isinstance(v, int):
        return _Dec(int(v))
    if isinstance(v, str):
        s = str(v).strip()
        if s == "":
            return _Dec(0)
        p = parse_number(s)
        if isinstance(p, _Dec):
            return p
        if isinstance(p, int):
            return _Dec(int(p))
        try:
            t2 = s.replace(",", "") if re.match(r"^[+-]?[\d,]+(\.\d*)?$", s) else s
            d = _Dec(t2)
            if not d.is_finite():
                raise decimal.InvalidOperation
            if "e" in t2.lower():
                d = d.quantize(_Dec(1)) if d == d.to_integral_value() else d
            return d
        except (decimal.InvalidOperation, ValueError):
            raise cast_error(s, "System.Decimal", f"The input string '{s}' was not in a correct format.",
                             error_id="InvalidCastFromStringToDecimal")
    if isinstance(v, PSObject) and v.base is not None:
        return to_decimal(v.base)
    raise cast_error(v, "System.Decimal")


def to_char(v: Any) -> PSChar:
    """[char]v: a one-character string or a code point."""
    if isinstance(v, PSChar):
        return v
    if isinstance(v, str):
        if len(v) == 1:
            return PSChar(v)
        raise cast_error(v, "System.Char", "String must be exactly one character long.",
                         error_id="InvalidCastParseTargetInvocation")
    if v is None:
        return PSChar("\0")
    if isinstance(v, bool):
        raise cast_error(v, "System.Char", "Invalid cast from 'Boolean' to 'Char'.", error_id="InvalidCastIConvertible")
    if isinstance(v, (int, float, _Dec)):
        if isinstance(v, (float, _Dec)):
            raise cast_error(v, "System.Char",
                             f"Invalid cast from '{'Double' if isinstance(v, float) else 'Decimal'}' to 'Char'.",
                             error_id="InvalidCastIConvertible")
        n = int(v)
        if not 0 <= n <= 0xFFFF:
            raise cast_error(v, "System.Char", _OVERFLOW_TEXT["System.Char"], error_id="InvalidCastIConvertible")
        return PSChar(chr(n))
    if isinstance(v, PSObject) and v.base is not None:
        return to_char(v.base)
    raise cast_error(v, "System.Char")


def bool_convert(v: Any) -> bool:
    """[bool]v: same as truthiness."""
    return to_bool(v)


# ----------------------------------------------------------------------------------------------
# DateTime / TimeSpan parsing (invariant culture)

_MONTHS = {m.lower(): i + 1 for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"])}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_TIME_RE = r"(?P<H>\d{1,2}):(?P<M>\d{1,2})(?::(?P<S>\d{1,2})(?:[.,](?P<F>\d{1,7}))?)?\s*(?P<ampm>[AaPp][Mm])?"
_TZ_RE = r"\s*(?P<tz>[Zz]|[+-]\d{2}:?\d{2})?"
_DT_PATTERNS = [
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ]" + _TIME_RE + r")?" + _TZ_RE + "$"),
    re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:[T ]" + _TIME_RE + r")?" + _TZ_RE + "$"),
    re.compile(r"^(?P<m>\d{1,2})[/\-.](?P<d>\d{1,2})[/\-.](?P<y>\d{2,4})(?:\s+" + _TIME_RE + r")?" + _TZ_RE + "$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})T(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})" + _TZ_RE + "$"),
    re.compile(r"^(?:[A-Za-z]+,?\s+)?(?P<mn>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
               r"(?:,?\s+" + _TIME_RE + r")?" + _TZ_RE + "$"),
    re.compile(r"^(?:[A-Za-z]+,?\s+)?(?P<d>\d{1,2})\.?\s+(?P<mn>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})"
               r"(?:,?\s+" + _TIME_RE + r")?" + _TZ_RE + "$"),
    re.compile(r"^(?P<mn>[A-Za-z]+)\s+(?P<y>\d{4})$"),
    re.compile(r"^" + _TIME_RE + _TZ_RE + "$"),
]


class DateTimeKind:
    LOCAL = "Local"
    UTC = "Utc"
    UNSPECIFIED = "Unspecified"


def parse_datetime(s: str) -> Optional[datetime.datetime]:
    """DateTime.Parse(s, InvariantCulture) for the forms scripts use; None when not recognised."""
    t = s.strip()
    if not t:
        return None
    for pat in _DT_PATTERNS:
        m = pat.match(t)
        if not m:
            continue
        g = m.groupdict()
        try:
            if g.get("y") is not None:
                year = int(g["y"])
                if len(g["y"]) == 2:
                    year += 2000 if year < 50 else 1900
            else:
                today = datetime.date.today()
                year = today.year
            if g.get("mn"):
                month = _MONTHS.get(g["mn"].lower())
                if month is None:
                    continue
            elif g.get("m") is not None:
                month = int(g["m"])
            else:
                month = datetime.date.today().month if g.get("y") is None else 1
            if g.get("d") is not None:
                day = int(g["d"])
            else:
                day = datetime.date.today().day if g.get("y") is None else 1
            hour = int(g["H"]) if g.get("H") else 0
            minute = int(g["M"]) if g.get("M") else 0
            second = int(g["S"]) if g.get("S") else 0
            micro = 0
            if g.get("F"):
                frac = (g["F"] + "0000000")[:7]
                micro = int(frac) // 10
            ampm = g.get("ampm")
            if ampm:
                if hour > 12 or hour == 0:
                    return None
                if ampm.lower() == "pm" and hour != 12:
                    hour += 12
                elif ampm.lower() == "am" and hour == 12:
                    hour = 0
            dt = datetime.datetime(year, month, day, hour, minute, second, micro)
        except ValueError:
            return None
        tz = g.get("tz")
        if tz:
            if tz in ("Z", "z"):
                off = datetime.timedelta(0)
            else:
                sign = 1 if tz[0] == "+" else -1
                digits = tz[1:].replace(":", "")
                off = sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            aware = dt.replace(tzinfo=datetime.timezone(off))
            try:
                dt = aware.astimezone().replace(tzinfo=None)
            except (OverflowError, ValueError, OSError):
                dt = aware.replace(tzinfo=None)
        return dt
    return None


def to_datetime(v: Any) -> datetime.datetime:
    if isinstance(v, datetime.datetime):
        return v
    if isinstance(v, datetime.date):
        return datetime.datetime(v.year, v.month, v.day)
    if isinstance(v, str):
        dt = parse_datetime(v)
        if dt is None:
            raise cast_error(v, "System.DateTime", f"String '{v}' was not recognized as a valid DateTime.",
                             error_id="InvalidCastParseTargetInvocation")
        return dt
    if isinstance(v, int) and not isinstance(v, bool):
        # ticks
        try:
            return datetime.datetime(1, 1, 1) + datetime.timedelta(microseconds=int(v) // 10)
        except OverflowError:
            raise cast_error(v, "System.DateTime", "Ticks must be between DateTime.MinValue.Ticks and "
                             "DateTime.MaxValue.Ticks. (Parameter 'ticks')")
    if isinstance(v, PSObject) and v.base is not None:
        return to_datetime(v.base)
    if v is None:
        raise cast_error(None, "System.DateTime")
    raise cast_error(v, "System.DateTime")


_TS_RE = re.compile(r"^\s*(?P<neg>-)?(?:(?P<d>\d+)(?:\.|:(?=\d+:\d+:)))?(?P<h>\d+):(?P<m>\d+)(?::(?P<s>\d+)(?:\.(?P<f>\d{1,7}))?)?\s*$")


def parse_timespan(s: str) -> Optional[datetime.timedelta]:
    """TimeSpan.Parse: `[-][d.]hh:mm[:ss[.fffffff]]` or a number of days."""
    t = s.strip()
    if re.match(r"^-?\d+$", t):
        try:
            return datetime.timedelta(days=int(t))
        except OverflowError:
            return None
    m = _TS_RE.match(t)
    if not m:
        return None
    h, mi = int(m.group("h")), int(m.group("m"))
    sec = int(m.group("s") or 0)
    if h > 23 or mi > 59 or sec > 59:
        return None
    frac = m.group("f")
    micro = int((frac + "0000000")[:7]) // 10 if frac else 0
    td = datetime.timedelta(days=int(m.group("d") or 0), hours=h, minutes=mi, seconds=sec, microseconds=micro)
    return -td if m.group("neg") else td


def to_timespan(v: Any) -> datetime.timedelta:
    if isinstance(v, datetime.timedelta):
        return v
    if isinstance(v, str):
        td = parse_timespan(v)
        if td is None:
            raise cast_error(v, "System.TimeSpan", f"String '{v}' was not recognized as a valid TimeSpan.",
                             error_id="InvalidCastParseTargetInvocation")
        return td
    if isinstance(v, int) and not isinstance(v, bool):
        return datetime.timedelta(microseconds=int(v) / 10)
    if isinstance(v, PSObject) and v.base is not None:
        return to_timespan(v.base)
    raise cast_error(v, "System.TimeSpan")


def to_guid(v: Any) -> uuid.UUID:
    if isinstance(v, uuid.UUID):
        return v
    if isinstance(v, str):
        s = v.strip()
        try:
            if s.startswith("{") and s.endswith("}") or s.startswith("(") and s.endswith(")"):
                s = s[1:-1]
            if len(s) not in (32, 36):
                raise ValueError
            return uuid.UUID(s)
        except ValueError:
            raise cast_error(v, "System.Guid", "Unrecognized Guid format.",
                             error_id="InvalidCastParseTargetInvocation")
    raise cast_error(v, "System.Guid")


# ----------------------------------------------------------------------------------------------
# Generic conversion

def convert_to(value: Any, pstype) -> Any:
    """LanguagePrimitives.ConvertTo(value, type): `pstype` is a types.PSType (or a type name)."""
    if isinstance(pstype, str):
        from pslark.runtime.types import resolve_type
        t = resolve_type(pstype)
        if t is None:
            raise RuntimeException(f"Unable to find type [{pstype}].", error_id="TypeNotFound",
                                   category="InvalidOperation")
        pstype = t
    return pstype.convert(value)


def unwrap(v: Any) -> Any:
    """The base object of a PSObject wrapper (PSCustomObjects stay)."""
    if isinstance(v, PSObject) and v.base is not None:
        return v.base
    return v


# ----------------------------------------------------------------------------------------------
# Equality and ordering (left operand decides)

def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, _Dec)) and not isinstance(v, bool)


def _num_equal(a, b) -> bool:
    if isinstance(a, _Dec) and isinstance(b, float) or isinstance(a, float) and isinstance(b, _Dec):
        try:
            return float(a) == float(b)
        except (OverflowError, ValueError):
            return False
    return a == b


def equals(a: Any, b: Any, case_sensitive: bool = False) -> bool:
    """`a -eq b` for a scalar left operand: b is converted to a's type; a failed conversion is 'not equal'."""
    ta = type(a)
    if ta is str and type(b) is str:
        if case_sensitive:
            return a == b
        return a == b or a.casefold() == b.casefold()
    if ta is int and type(b) is int:
        return a == b
    if a is None or a is AUTOMATION_NULL:
        return b is None or b is AUTOMATION_NULL or getattr(b, "null_like", False)
    if b is None or b is AUTOMATION_NULL:
        return getattr(a, "null_like", False)
    if isinstance(a, PSObject) and a.base is not None:
        a = a.base
    if isinstance(b, PSObject) and b.base is not None:
        b = b.base
    if isinstance(a, PSChar):
        if isinstance(b, str):
            if len(b) != 1:
                return False
            return a == b if case_sensitive else (a == b or a.casefold() == b.casefold())
        if _is_number(b):
            return ord(a) == b
        return False
    if isinstance(a, str):
        if isinstance(b, (list, tuple)):
            return False
        try:
            bs = to_string(b)
        except PSException:
            return False
        if case_sensitive:
            return str.__eq__(a, bs)
        return a.casefold() == bs.casefold()
    if isinstance(a, bool):
        return a == to_bool(b)
    if isinstance(a, EnumValue):
        eb = _enum_operand(a, b)
        return eb is not None and int(a) == int(eb)
    if _is_number(a):
        if _is_number(b):
            return _num_equal(a, b)
        if isinstance(b, bool):
            return a == int(b)
        if isinstance(b, PSChar):
            return a == ord(b)
        if isinstance(b, str):
            if b == "":
                return a == 0
            if b.isspace():
                return False
            try:
                nb = string_to_number(b)
            except PSException:
                return False
            return _num_equal(a, nb)
        return False
    if isinstance(a, datetime.datetime):
        if isinstance(b, str):
            dt = parse_datetime(b)
            return dt is not None and dt == a
        return isinstance(b, datetime.datetime) and _naive(a) == _naive(b)
    if isinstance(a, datetime.timedelta):
        if isinstance(b, str):
            td = parse_timespan(b)
            return td is not None and td == a
        return isinstance(b, datetime.timedelta) and a == b
    if isinstance(a, uuid.UUID):
        if isinstance(b, str):
            try:
                return to_guid(b) == a
            except PSException:
                return False
        return a == b
    if isinstance(a, (PSObject, Hashtable, PSList, list, tuple)):
        return a is b
    eq = getattr(a, "ps_equals", None)
    if eq is not None:
        return bool(eq(b))
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - arbitrary modelled objects
        return a is b


def _enum_operand(a: EnumValue, b: Any) -> Any:
    """The right operand converted to the left enum's type (None when it cannot be)."""
    if isinstance(b, EnumValue) and b.ps_enum is a.ps_enum:
        return b
    if isinstance(b, bool):
        return None
    if isinstance(b, (int, float, _Dec)):
        return b if b == int(b) else None
    enum = getattr(a, "ps_enum", None)
    if enum is None:
        return None
    try:
        return enum.convert(b)
    except PSException:
        return None


def _naive(dt: datetime.datetime) -> datetime.datetime:
    if dt.tzinfo is not None:
        try:
            return dt.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError, OSError):
            return dt.replace(tzinfo=None)
    return dt


def string_compare(a: str, b: str, case_sensitive: bool = False) -> int:
    """Culture-aware-ish string ordering: case-insensitive first; with case, lower case sorts first."""
    fa, fb = a.casefold(), b.casefold()
    if fa != fb:
        return -1 if fa < fb else 1
    if not case_sensitive or a == b:
        return 0
    sa, sb = a.swapcase(), b.swapcase()
    return -1 if sa < sb else (1 if sa > sb else 0)


def _cmp(x, y) -> int:
    return -1 if x < y else (1 if x > y else 0)


def compare(a: Any, b: Any, case_sensitive: bool = False) -> int:
    """-1/0/1 for `a` vs `b` (b converted to a's type); pwsh's errors when they cannot be compared."""
    ta, tb = type(a), type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return _cmp(a, b)
    if ta is str and tb is str:
        return string_compare(a, b, case_sensitive)
    if isinstance(a, PSObject) and a.base is not None:
        a = a.base
    if isinstance(b, PSObject) and b.base is not None:
        b = b.base
    if a is None or a is AUTOMATION_NULL:
        if b is None or b is AUTOMATION_NULL:
            return 0
        # LanguagePrimitives.Compare: $null is below everything except negative numbers
        if _is_number(b):
            return 1 if b < 0 else -1
        return -1
    if b is None or b is AUTOMATION_NULL:
        if _is_number(a):
            return -1 if a < 0 else 1
        return 1
    if isinstance(a, str) and not isinstance(a, PSChar):
        return string_compare(a, to_string(b), case_sensitive)
    if isinstance(a, PSChar):
        if isinstance(b, str):
            return string_compare(str.__str__(a), str.__str__(b), case_sensitive)
        if _is_number(b):
            return _cmp(ord(a), b)
    if isinstance(a, bool):
        return _cmp(int(a), int(to_bool(b)))
    if isinstance(a, EnumValue) and not _is_number(b):
        eb = _enum_operand(a, b)
        if eb is None:
            raise _compare_error(a, b, None)
        return _cmp(int(a), int(eb))
    if _is_number(a):
        if isinstance(b, bool):
            return _cmp(a, int(b))
        if isinstance(b, PSChar):
            return _cmp(a, ord(b))
        if _is_number(b):
            if isinstance(a, _Dec) and isinstance(b, float) or isinstance(a, float) and isinstance(b, _Dec):
                return _cmp(float(a), float(b))
            if a != a or b != b:
                # NaN sorts before everything (Double.CompareTo)
                return 0 if (a != a and b != b) else (-1 if a != a else 1)
            return _cmp(a, b)
        if isinstance(b, str):
            try:
                nb = string_to_number(b, type_name_of(a))
            except PSInvalidCastException as e:
                raise _compare_error(a, b, e.message)
            return compare(a, nb)
        raise _compare_error(a, b, None)
    if isinstance(a, datetime.datetime):
        try:
            bd = to_datetime(b)
        except PSInvalidCastException as e:
            raise _compare_error(a, b, e.message)
        return _cmp(_naive(a), _naive(bd))
    if isinstance(a, datetime.timedelta):
        try:
            bt = to_timespan(b)
        except PSInvalidCastException as e:
            raise _compare_error(a, b, e.message)
        return _cmp(a, bt)
    if isinstance(a, uuid.UUID):
        try:
            bg = to_guid(b) if not isinstance(b, uuid.UUID) else b
        except PSInvalidCastException as e:
            raise _compare_error(a, b, e.message)
        return _cmp(str(a), str(bg))
    cmp = getattr(a, "ps_compare", None)
    if cmp is not None:
        return cmp(b)
    if type(a) is type(b):
        try:
            return _cmp(a, b)
        except TypeError:
            pass
    raise _compare_error(a, b, None)


def _compare_error(a: Any, b: Any, inner: Optional[str]) -> PSInvalidCastException:
    if inner is not None:
        msg = f'Could not compare "{_text_for_error(a)}" to "{_text_for_error(b)}". Error: "{inner}"'
        return PSInvalidCastException(msg, error_id="ComparisonFailure", category="InvalidOperation")
    msg = (f'Cannot compare "{_text_for_error(a)}" to "{_text_for_error(b)}" because the objects are not the same '
           f'type or the object "{_text_for_error(a)}" does not implement "IComparable".')
    return PSInvalidCastException(msg, error_id="NotIcomparable", category="InvalidOperation")


def sort_key_compare(a: Any, b: Any, case_sensitive: bool = False) -> int:
    """A total order for Sort-Object: comparison errors fall back to comparing the text."""
    try:
        return compare(a, b, case_sensitive)
    except PSException:
        return string_compare(to_string(a), to_string(b), case_sensitive)
