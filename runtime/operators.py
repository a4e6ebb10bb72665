"""PowerShell's operators on already-evaluated values (short-circuiting is the evaluator's job).

`binary(op, left, right, matches)` dispatches on the lower-case operator text through a dict; the common
int/float/str cases are fast paths at the top of each handler. The left operand decides conversions.
Also here: the .NET regular-expression layer (translation to Python `re`, .NET group numbering, Match
objects, replacement strings) used by -match/-replace/-split and [regex].
"""
from __future__ import annotations

import datetime
import decimal
import math
import re
from functools import lru_cache
from typing import Any, Callable, Optional

from pslark.runtime import conversion as C
from pslark.runtime.errors import (ArgumentException, DivideByZeroException, FormatException, MethodException,
                                   PSException, PSInvalidOperationException, RuntimeException)
from pslark.runtime.numbers import (INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, BigInteger, Int64, Single, UInt32,
                                    UInt64, _TypedInt)
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, OrderedDictionary, PSChar, PSList, PSObject

_Dec = decimal.Decimal
_DEC_CTX = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN, Emax=28, Emin=-28)
_DEC_MAX = _Dec("79228162514264337593543950335")


# ----------------------------------------------------------------------------------------------
# Errors

def _method_not_found(value: Any, method: str) -> MethodException:
    tn = C.type_name_of(value)
    return MethodException(f"Method invocation failed because [{tn}] does not contain a method named '{method}'.",
                           error_id="MethodNotFound", category="InvalidOperation", target=value)


def _divide_by_zero() -> RuntimeException:
    inner = DivideByZeroException("Attempted to divide by zero.")
    return RuntimeException("Attempted to divide by zero.", error_id="RuntimeException", category="NotSpecified",
                            inner=inner)


def _decimal_overflow() -> RuntimeException:
    msg = "Value was either too large or too small for a Decimal."
    from pslark.runtime.errors import OverflowException
    return RuntimeException(msg, error_id="RuntimeException", inner=OverflowException(msg))


# ----------------------------------------------------------------------------------------------
# Numeric kinds and result types

def _num_operand(v: Any, other: Any = None) -> Any:
    """An operand as a number: bools and chars become Int32, strings are parsed, $null is 0."""
    t = type(v)
    if t is int or t is float:
        return v
    if v is None or v is AUTOMATION_NULL:
        return 0
    if t is bool:
        return 1 if v else 0
    if isinstance(v, PSChar):
        return ord(v)
    if isinstance(v, (int, float, _Dec)):
        return v
    if isinstance(v, str):
        target = "System.Int32"
        if other is not None and isinstance(other, (float, _Dec)) and not isinstance(other, bool):
            target = C.type_name_of(other)
        return C.string_to_number(str(v), target)
    if isinstance(v, PSObject) and v.base is not None:
        return _num_operand(v.base, other)
    raise C.cast_error(v, "System.Int32")


def _int_class(v: int):
    """int (Int32), Int64, UInt32, UInt64, BigInteger: the C#-promoted class of an integer operand."""
    t = type(v)
    if t is int:
        return int if INT32_MIN <= v <= INT32_MAX else Int64
    if t is Int64 or t is UInt32 or t is UInt64 or t is BigInteger:
        return t
    # Byte, SByte, Int16, UInt16, enums promote to Int32
    return int


def _result_int_class(a: int, b: int):
    ca, cb = _int_class(a), _int_class(b)
    if ca is cb:
        return ca
    if ca is BigInteger or cb is BigInteger:
        return BigInteger
    # pwsh computes in the operand type with the larger TypeCode (Int32 < UInt32 < Int64 < UInt64), not by C#'s
    # promotion: [uint32]::MaxValue - 1 stays UInt32; a result out of that type's range becomes a Double
    for cls in (UInt64, Int64, UInt32):
        if cls in (ca, cb):
            return cls
    return Int64


def _wrap_int(r: int, cls) -> Any:
    """An integer result in its class, or a Double when it overflows (pwsh widens to Double)."""
    if cls is int:
        if INT32_MIN <= r <= INT32_MAX:
            return r
        return float(r)
    if cls is Int64:
        if INT64_MIN <= r <= INT64_MAX:
            return r if not (INT32_MIN <= r <= INT32_MAX) else Int64(r)
        return float(r)
    if cls is UInt32:
        return UInt32(r) if 0 <= r <= UInt32.max_value else float(r)
    if cls is UInt64:
        return UInt64(r) if 0 <= r <= UInt64.max_value else float(r)
    if cls is BigInteger:
        return BigInteger(r)
    return float(r)


def _to_dec(v: Any) -> _Dec:
    if isinstance(v, _Dec):
        return v
    if isinstance(v, float):
        return C.to_decimal(v)
    return _Dec(int(v))


def _check_dec(r: _Dec) -> _Dec:
    if abs(r) > _DEC_MAX:
        raise _decimal_overflow()
    return r


def _is_single(a, b) -> bool:
    return (isinstance(a, Single) or not isinstance(a, float)) and (isinstance(b, Single) or not isinstance(b, float))


def _arith(a: Any, b: Any, int_op: Callable, float_op: Callable, dec_op: Callable) -> Any:
    """Apply an arithmetic operation to two numbers with pwsh's result typing."""
    if isinstance(a, _Dec) or isinstance(b, _Dec):
        try:
            return _check_dec(dec_op(_to_dec(a), _to_dec(b)))
        except decimal.DivisionByZero:
            raise _divide_by_zero()
        except (decimal.InvalidOperation, decimal.Overflow):
            raise _decimal_overflow()
    if isinstance(a, float) or isinstance(b, float):
        try:
            r = float_op(float(a), float(b))
        except OverflowError:
            r = math.inf
        if isinstance(a, Single) or isinstance(b, Single):
            if _is_single(a, b):
                return Single(r)
        return r
    cls = _result_int_class(a, b)
    r = int_op(int(a), int(b))
    if cls == "double":
        return float(r)
    return _wrap_int(r, cls)


_dec_add = _DEC_CTX.add
_dec_sub = _DEC_CTX.subtract
_dec_mul = _DEC_CTX.multiply


def _dec_div(x, y):
    if y == 0:
        raise _divide_by_zero()
    r = _DEC_CTX.divide(x, y)
    # .NET decimal division strips trailing zeros beyond what is needed
    if r == r.to_integral_value() and r.as_tuple().exponent < 0:
        r = r.quantize(_Dec(1))
    return r


def _dec_mod(x, y):
    if y == 0:
        raise _divide_by_zero()
    return _DEC_CTX.remainder(x, y)


# ----------------------------------------------------------------------------------------------
# + - * / %

def _add(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        r = a + b
        if INT32_MIN <= r <= INT32_MAX and INT32_MIN <= a <= INT32_MAX and INT32_MIN <= b <= INT32_MAX:
            return r
        return _arith(a, b, int.__add__, float.__add__, _dec_add)
    if ta is str:
        if tb is str:
            return a + b
        return a + C.to_string(b)
    if ta is float and (tb is float or tb is int):
        return a + b
    if ta is list:
        return a + b if tb is list else a + ([b] if b is not AUTOMATION_NULL else [])
    return _add_general(a, b)


def _add_general(a: Any, b: Any) -> Any:
    if a is None or a is AUTOMATION_NULL:
        if b is None or b is AUTOMATION_NULL:
            return None
        if isinstance(b, (list, tuple)):
            return list(b)
        if isinstance(b, (int, float, _Dec)) and not isinstance(b, bool):
            return b
        if isinstance(b, str):
            return str.__str__(b) if not isinstance(b, PSChar) else b
        if isinstance(b, bool):
            return 1 if b else 0
        return b
    if isinstance(a, PSObject) and a.base is not None:
        return _add(a.base, b)
    if isinstance(a, (list, tuple)):          # PSList (ArrayList) + x gives a new object[]
        if isinstance(b, (list, tuple)):
            return list(a) + list(b)
        return list(a) + [b]
    if isinstance(a, Hashtable):
        if not isinstance(b, Hashtable):
            raise RuntimeException("A hash table can only be added to another hash table.",
                                   error_id="AddHashTableToNonHashTable", category="InvalidOperation")
        result = a.copy()
        for k, v in b.items():
            if k in result:
                existing = next(x for x in result.keys() if C.equals(x, k))
                raise ArgumentException(
                    f"Item has already been added. Key in dictionary: '{C.to_string(existing)}'  "
                    f"Key being added: '{C.to_string(k)}'", error_id="System.ArgumentException",
                    category="NotSpecified")
            result[k] = v
        return result
    if isinstance(a, PSChar):
        if isinstance(b, str) and not isinstance(b, PSChar):
            return str.__str__(a) + b
        return _arith(ord(a), _num_operand(b), int.__add__, float.__add__, _dec_add)
    if isinstance(a, str):
        return str.__str__(a) + C.to_string(b)
    if isinstance(a, datetime.datetime):
        if isinstance(b, datetime.timedelta):
            return _dt_checked(lambda: a + b)
        return _dt_checked(lambda: a + C.to_timespan(b))
    if isinstance(a, datetime.timedelta):
        if isinstance(b, datetime.datetime):
            raise _method_not_found(a, "op_Addition")
        return a + C.to_timespan(b)
    if isinstance(a, (int, float, _Dec)):   # includes bool
        an = 1 if a is True else (0 if a is False else a)
        if isinstance(b, (list, tuple, Hashtable)) or (isinstance(b, PSObject) and b.base is None):
            raise C.cast_error(b, C.type_name_of(an) if not isinstance(a, bool) else "System.Int32")
        return _arith(an, _num_operand(b, an), int.__add__, float.__add__, _dec_add)
    raise _method_not_found(a, "op_Addition")


def _dt_checked(fn):
    try:
        return fn()
    except OverflowError:
        raise ArgumentException("The added or subtracted value results in an un-representable DateTime. "
                                "(Parameter 'value')", error_id="ArgumentOutOfRangeException")


def _sub(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        r = a - b
        if INT32_MIN <= r <= INT32_MAX and INT32_MIN <= a <= INT32_MAX and INT32_MIN <= b <= INT32_MAX:
            return r
        return _arith(a, b, int.__sub__, float.__sub__, _dec_sub)
    if ta is float and (tb is float or tb is int):
        return a - b
    return _numeric_binary(a, b, "op_Subtraction", int.__sub__, float.__sub__, _dec_sub)


def _numeric_binary(a, b, method, int_op, float_op, dec_op):
    if isinstance(a, PSObject) and a.base is not None:
        a = a.base
    if isinstance(b, PSObject) and b.base is not None:
        b = b.base
    if isinstance(a, (list, tuple, Hashtable)) or isinstance(a, PSObject):
        raise _method_not_found(a, method)
    if method == "op_Subtraction":
        if isinstance(a, datetime.datetime):
            if isinstance(b, datetime.datetime):
                return C._naive(a) - C._naive(b)
            return _dt_checked(lambda: a - C.to_timespan(b))
        if isinstance(a, datetime.timedelta):
            return a - C.to_timespan(b)
    elif isinstance(a, datetime.timedelta) and method in ("op_Multiply", "op_Division"):
        n = C.to_double(b)
        if method == "op_Multiply":
            return datetime.timedelta(microseconds=round(_ticks(a) * n / 10))
        if isinstance(b, datetime.timedelta):
            if _ticks(b) == 0:
                raise _divide_by_zero()
            return _ticks(a) / _ticks(b)
        if n == 0:
            raise _divide_by_zero()
        return datetime.timedelta(microseconds=round(_ticks(a) / n / 10))
    if isinstance(a, (datetime.datetime, datetime.timedelta)):
        raise _method_not_found(a, method)
    if isinstance(b, (list, tuple, Hashtable)) or isinstance(b, PSObject):
        raise C.cast_error(b, "System.Int32" if not isinstance(a, float) else "System.Double")
    an = _num_operand(a, b)
    bn = _num_operand(b, an)
    if isinstance(an, (datetime.datetime, datetime.timedelta)):
        raise _method_not_found(a, method)
    return _arith(an, bn, int_op, float_op, dec_op)


def _ticks(td: datetime.timedelta) -> int:
    return ((td.days * 86400 + td.seconds) * 1_000_000 + td.microseconds) * 10


def _mul(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        r = a * b
        if INT32_MIN <= r <= INT32_MAX and INT32_MIN <= a <= INT32_MAX and INT32_MIN <= b <= INT32_MAX:
            return r
        return _arith(a, b, int.__mul__, float.__mul__, _dec_mul)
    if ta is float and (tb is float or tb is int):
        return a * b
    if isinstance(a, PSObject) and a.base is not None:
        a = a.base
    if isinstance(a, str) and not isinstance(a, PSChar):
        n = _repeat_count(b)
        return str.__str__(a) * n
    if isinstance(a, (list, tuple)):
        n = _repeat_count(b)
        return list(a) * n
    return _numeric_binary(a, b, "op_Multiply", int.__mul__, float.__mul__, _dec_mul)


def _repeat_count(b: Any) -> int:
    n = C.to_int(b)
    if n < 0:
        raise ArgumentException("The value of the argument is negative. (Parameter 'count')",
                                error_id="RuntimeException")
    return n


def _int_div(x: int, y: int):
    if y == 0:
        raise _divide_by_zero()
    if x % y == 0:
        return x // y
    return x / y


def _float_div(x: float, y: float) -> float:
    if y == 0:
        raise _divide_by_zero()
    return x / y


def _div(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is int and tb is int and INT32_MIN <= a <= INT32_MAX and INT32_MIN <= b <= INT32_MAX:
        if b == 0:
            raise _divide_by_zero()
        if a % b == 0:
            r = a // b
            return r if r <= INT32_MAX else float(r)
        return a / b
    if ta is float and (tb is float or tb is int):
        if b == 0:
            raise _divide_by_zero()
        return a / b
    return _numeric_binary(a, b, "op_Division", _int_div_typed, _float_div, _dec_div)


def _int_div_typed(x: int, y: int):
    r = _int_div(x, y)
    return r


def _int_mod(x: int, y: int) -> int:
    if y == 0:
        raise _divide_by_zero()
    r = abs(x) % abs(y)
    return -r if x < 0 else r


def _float_mod(x: float, y: float) -> float:
    if y == 0:
        raise _divide_by_zero()
    return math.fmod(x, y)


def _mod(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return _int_mod(a, b)
    return _numeric_binary(a, b, "op_Modulus", _int_mod, _float_mod, _dec_mod)


# Integer-division results from _arith: int_op may return a float for inexact division
def _fix_div_arith():
    orig = _arith

    def arith(a, b, int_op, float_op, dec_op):
        if int_op is _int_div_typed and not isinstance(a, (float, _Dec)) and not isinstance(b, (float, _Dec)):
            cls = _result_int_class(a, b)
            r = _int_div(int(a), int(b))
            if isinstance(r, float):
                return r
            return float(r) if cls == "double" else _wrap_int(r, cls)
        return orig(a, b, int_op, float_op, dec_op)
    return arith


_arith = _fix_div_arith()


# ----------------------------------------------------------------------------------------------
# Bitwise

def _to_bit_int(v: Any) -> int:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, (float, _Dec)):
        return C.to_long(v)
    if isinstance(v, str):
        n = C.string_to_number(str(v))
        return _to_bit_int(n)
    if isinstance(v, PSChar):
        return ord(v)
    if v is None:
        return 0
    v2 = C.unwrap(v)
    if v2 is not v:
        return _to_bit_int(v2)
    raise C.cast_error(v, "System.Int32")


def _bitop(a: Any, b: Any, op) -> Any:
    if type(a) is int and type(b) is int and INT32_MIN <= a <= INT32_MAX and INT32_MIN <= b <= INT32_MAX:
        return op(a, b)
    enum = getattr(a, "ps_enum", None)
    if enum is not None:        # [FileAttributes]::ReadOnly -bor 'Hidden' stays a FileAttributes
        return enum.value_of(op(int(a), int(enum.convert(C.unwrap(b)))))
    a2, b2 = _to_bit_int(a), _to_bit_int(b)
    cls = _result_int_class(a2, b2)
    r = op(int(a2), int(b2))
    if cls is int:
        return r
    if cls is Int64:
        return Int64(r) if INT32_MIN <= r <= INT32_MAX else r
    if cls in (UInt32, UInt64):
        return cls(r & cls.max_value)
    return r


def _shl(a: Any, b: Any) -> Any:
    x, n = _to_bit_int(a), _to_bit_int(b)
    cls = _int_class(x)
    if cls is int:
        r = (x << (n & 31)) & 0xFFFFFFFF
        return r - (1 << 32) if r > INT32_MAX else r
    if cls is Int64:
        r = (x << (n & 63)) & 0xFFFFFFFFFFFFFFFF
        r = r - (1 << 64) if r > INT64_MAX else r
        return Int64(r) if INT32_MIN <= r <= INT32_MAX else r
    if cls is UInt32:
        return UInt32((x << (n & 31)) & 0xFFFFFFFF)
    if cls is UInt64:
        return UInt64((x << (n & 63)) & 0xFFFFFFFFFFFFFFFF)
    return cls(x << n)


def _shr(a: Any, b: Any) -> Any:
    x, n = _to_bit_int(a), _to_bit_int(b)
    cls = _int_class(x)
    if cls is int:
        return x >> (n & 31)
    if cls is Int64:
        r = x >> (n & 63)
        return Int64(r) if INT32_MIN <= r <= INT32_MAX else r
    if cls in (UInt32, UInt64):
        return cls(x >> (n & (31 if cls is UInt32 else 63)))
    return cls(x >> n)


# ----------------------------------------------------------------------------------------------
# Comparison operators

def _as_list(v: Any) -> Optional[list]:
    """The elements when v is a collection the comparison operators filter; None for scalars."""
    if type(v) is list:
        return v
    if isinstance(v, (list, tuple)):
        return list(v)
    if isinstance(v, PSObject) and isinstance(v.base, (list, tuple)):
        return list(v.base)
    return None


def _make_cmp(pred: Callable[[Any, Any, bool], bool], cs: bool):
    def op(left, right, matches=None):
        items = _as_list(left)
        if items is None:
            return pred(left, right, cs)
        return [x for x in items if pred(x, right, cs)]
    return op


def _eq(a, b, cs):
    return C.equals(a, b, cs)


def _ne(a, b, cs):
    return not C.equals(a, b, cs)


def _gt(a, b, cs):
    return C.compare(a, b, cs) > 0


def _ge(a, b, cs):
    return C.compare(a, b, cs) >= 0


def _lt(a, b, cs):
    return C.compare(a, b, cs) < 0


def _le(a, b, cs):
    return C.compare(a, b, cs) <= 0


def _like(a, b, cs):
    from pslark.runtime.wildcard import wildcard_to_regex
    return wildcard_to_regex(C.to_string(b), cs).match(C.to_string(a)) is not None


def _notlike(a, b, cs):
    return not _like(a, b, cs)


def _make_like(negate: bool, cs: bool):
    from pslark.runtime.wildcard import wildcard_to_regex

    def op(left, right, matches=None):
        rx = wildcard_to_regex(C.to_string(right), cs)
        items = _as_list(left)
        if items is None:
            return (rx.match(C.to_string(left)) is None) if negate else (rx.match(C.to_string(left)) is not None)
        if negate:
            return [x for x in items if rx.match(C.to_string(x)) is None]
        return [x for x in items if rx.match(C.to_string(x)) is not None]
    return op


def _make_match(negate: bool, cs: bool):
    def op(left, right, matches=None):
        rx = get_regex(right, ignore_case=not cs)
        items = _as_list(left)
        if items is None:
            text = C.to_string(left)
            m = rx.search(text)
            if m is not None:
                if matches is not None:
                    matches(rx.matches_table(m))
                return not negate
            return negate
        out = []
        for x in items:
            found = rx.search(C.to_string(x)) is not None
            if found != negate:
                out.append(x)
        return out
    return op


def _collection(v: Any) -> list:
    items = _as_list(v)
    if items is not None:
        return items
    if isinstance(v, PSList):
        return list(v)
    if v is AUTOMATION_NULL:
        return []
    enum = getattr(v, "ps_enumerate", None)     # HashSet, Queue, Stack ... (-contains / -in)
    if enum is not None:
        return list(enum())
    return [v]


def _contains(coll, value, cs) -> bool:
    for x in _collection(coll):
        if C.equals(x, value, cs):
            return True
    return False


def _make_contains(kind: str, cs: bool):
    if kind == "contains":
        return lambda l, r, m=None: _contains(l, r, cs)
    if kind == "notcontains":
        return lambda l, r, m=None: not _contains(l, r, cs)
    if kind == "in":
        return lambda l, r, m=None: _contains(r, l, cs)
    return lambda l, r, m=None: not _contains(r, l, cs)


# ----------------------------------------------------------------------------------------------
# .NET regular expressions

class DotNetRegex:
    """A .NET pattern compiled to Python `re`, with .NET's group numbering (unnamed groups first)."""

    __slots__ = ("pattern", "options", "py", "groups", "net_numbers", "ignore_case", "right_to_left")

    type_names = ["System.Text.RegularExpressions.Regex", "System.Object"]
    ps_properties = ["Options", "MatchTimeout", "RightToLeft"]

    def __init__(self, pattern: str, options: int = 0):
        self.pattern = pattern
        self.options = options
        self.ignore_case = bool(options & RX_IGNORECASE)
        self.right_to_left = bool(options & RX_RIGHTTOLEFT)
        translated, groups = translate_regex(pattern, explicit_capture=bool(options & RX_EXPLICIT))
        flags = 0
        if options & RX_IGNORECASE:
            flags |= re.IGNORECASE
        if options & RX_MULTILINE:
            flags |= re.MULTILINE
        if options & RX_SINGLELINE:
            flags |= re.DOTALL
        if options & RX_IGNOREWS:
            flags |= re.VERBOSE
        if options & RX_ECMA:
            flags |= re.ASCII
        try:
            self.py = re.compile(translated, flags)
        except re.error as e:
            raise ArgumentException(f"Invalid pattern '{pattern}' at offset {getattr(e, 'pos', 0) or 0}. {_re_msg(e)}",
                                    error_id="InvalidRegularExpression", category="InvalidArgument")
        except (OverflowError, RecursionError, ValueError) as e:
            raise ArgumentException(f"Invalid pattern '{pattern}'. {e}", error_id="InvalidRegularExpression")
        # groups: python index -> name (None for unnamed); .NET numbers: unnamed in order, then named
        self.groups = groups
        unnamed = [i for i, name in enumerate(groups, 1) if name is None]
        named = [(i, name) for i, name in enumerate(groups, 1) if name is not None]
        numbers = [(0, 0, None)]
        n = 1
        for pi in unnamed:
            numbers.append((n, pi, None))
            n += 1
        seen = {}
        for pi, name in named:
            if name.isdigit():
                numbers.append((int(name), pi, None))
                continue
            if name in seen:
                continue
            seen[name] = n
            numbers.append((n, pi, name))
            n += 1
        self.net_numbers = numbers          # (net number, python group index, name or None)

    def ps_to_string(self) -> str:
        return self.pattern

    def __str__(self):
        return self.pattern

    def search(self, text: str, pos: int = 0):
        try:
            return self.py.search(text, pos)
        except RecursionError:
            return None

    def finditer(self, text: str, pos: int = 0):
        return self.py.finditer(text, pos)

    def group_value(self, m, net_number_or_name) -> Optional[str]:
        for num, pi, name in self.net_numbers:
            if num == net_number_or_name or (name is not None and isinstance(net_number_or_name, str)
                                              and name.casefold() == net_number_or_name.casefold()):
                return m.group(pi)
        return None

    def matches_table(self, m) -> Hashtable:
        """$Matches: successful groups, named first then numbers descending (pwsh's display order)."""
        entries = []
        for num, pi, name in self.net_numbers:
            val = m.group(pi)
            if val is None:
                continue
            entries.append((name if name is not None else num, val))
        named = [e for e in entries if isinstance(e[0], str)]
        numbered = [e for e in entries if not isinstance(e[0], str)]
        table = Hashtable()
        for k, v in reversed(named):
            table[k] = v
        for k, v in sorted(numbered, key=lambda e: -e[0]):
            table[k] = v
        return table

    def make_match(self, m, text: str) -> "RegexMatch":
        return RegexMatch(self, m, text)

    def group_names(self) -> list[str]:
        return [name if name is not None else str(num) for num, pi, name in self.net_numbers]


def _re_msg(e: re.error) -> str:
    msg = str(e.msg) if hasattr(e, "msg") else str(e)
    return msg[:1].upper() + msg[1:] + "."


RX_NONE, RX_IGNORECASE, RX_MULTILINE, RX_EXPLICIT, RX_COMPILED, RX_SINGLELINE, RX_IGNOREWS, RX_RIGHTTOLEFT = (
    0, 1, 2, 4, 8, 16, 32, 64)
RX_ECMA, RX_CULTUREINV = 256, 512
REGEX_OPTIONS = {"none": 0, "ignorecase": 1, "multiline": 2, "explicitcapture": 4, "compiled": 8,
                 "singleline": 16, "ignorepatternwhitespace": 32, "righttoleft": 64, "ecmascript": 256,
                 "cultureinvariant": 512, "nonbacktracking": 1024}

_UNICODE_CATS = {
    "L": r"^\W\d_", "Lu": r"A-ZÀ-ÖØ-ÞĀ-Ž", "Ll": r"a-zß-öø-ÿ", "N": r"\d", "Nd": r"\d", "P": r"!-/:-@\[-`{-~",
    "S": r"$+<=>^`|~", "Z": r"\s", "Zs": r" \u00a0", "IsBasicLatin": r"\x00-\x7f", "IsCyrillic": r"\u0400-\u04ff",
    "IsGreek": r"\u0370-\u03ff", "IsLatin-1Supplement": r"\u0080-\u00ff", "IsArabic": r"\u0600-\u06ff",
    "Cc": r"\x00-\x1f\x7f-\x9f", "Lt": r"ǅǈǋǲ", "M": r"\u0300-\u036f",
}


def translate_regex(pattern: str, explicit_capture: bool = False) -> tuple[str, list]:
    """Translate .NET regex syntax to Python's; also return the capturing groups (name or None) in order."""
    out = []
    groups: list = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            d = pattern[i + 1]
            if d == "k" and i + 2 < n and pattern[i + 2] in "<'":
                close = ">" if pattern[i + 2] == "<" else "'"
                j = pattern.find(close, i + 3)
                if j > 0:
                    name = pattern[i + 3:j]
                    out.append(f"(?P={name})" if not name.isdigit() else "\\" + name)
                    i = j + 1
                    continue
            if d in "pP" and i + 2 < n and pattern[i + 2] == "{":
                j = pattern.find("}", i + 3)
                if j > 0:
                    cat = pattern[i + 3:j]
                    body = _UNICODE_CATS.get(cat, _UNICODE_CATS.get(cat[:1], r"\w"))
                    neg = d == "P"
                    if body.startswith("^"):
                        body, neg = body[1:], not neg
                    if in_class:
                        out.append(body if not neg else "")
                    else:
                        out.append(("[^" if neg else "[") + body + "]")
                    i = j + 1
                    continue
            if d == "z":
                out.append(r"\Z")
                i += 2
                continue
            if d == "Z" and not in_class:
                out.append(r"(?=\n?\Z)")
                i += 2
                continue
            if d == "e":
                out.append(r"\x1b")
                i += 2
                continue
            if d == "G":
                i += 2
                continue
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[" and i + 1 < n and pattern[i + 1] == ":":
                out.append("\\[")
                i += 1
                continue
            elif c == "[":
                out.append("\\[")
                i += 1
                continue
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if c == "(":
            if i + 1 < n and pattern[i + 1] == "?":
                rest = pattern[i + 2:i + 3]
                if rest == "<" and i + 3 < n and pattern[i + 3] not in "=!":
                    j = pattern.find(">", i + 3)
                    name = pattern[i + 3:j]
                    if "-" in name:       # balancing group: approximate as a plain group
                        name = name.split("-")[0] or None
                    groups.append(name if name else None)
                    out.append(f"(?P<{_py_group_name(name)}>" if name else "(")
                    i = j + 1
                    continue
                if rest == "'":
                    j = pattern.find("'", i + 3)
                    name = pattern[i + 3:j]
                    groups.append(name)
                    out.append(f"(?P<{_py_group_name(name)}>")
                    i = j + 1
                    continue
                if rest == "P" and pattern[i + 3:i + 4] == "<":
                    j = pattern.find(">", i + 4)
                    groups.append(pattern[i + 4:j])
                    out.append(pattern[i:j + 1])
                    i = j + 1
                    continue
                out.append("(?")
                i += 2
                continue
            if explicit_capture:
                out.append("(?:")
            else:
                groups.append(None)
                out.append("(")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out), groups


def _py_group_name(name: str) -> str:
    if name.isdigit():
        return f"_g{name}"
    return name


@lru_cache(maxsize=512)
def _compile_cached(pattern: str, options: int) -> DotNetRegex:
    return DotNetRegex(pattern, options)


def get_regex(pattern: Any, ignore_case: bool = True, options: int = 0) -> DotNetRegex:
    """A compiled .NET regex for -match/-replace/-split ([regex] objects are used as they are)."""
    if isinstance(pattern, DotNetRegex):
        return pattern
    if isinstance(pattern, PSObject) and isinstance(pattern.base, DotNetRegex):
        return pattern.base
    text = C.to_string(pattern)
    opts = options | (RX_IGNORECASE if ignore_case else 0)
    return _compile_cached(text, opts)


class RegexCapture:
    type_names = ["System.Text.RegularExpressions.Capture", "System.Object"]
    ps_properties = ["Index", "Length", "Value", "ValueSpan"]

    def __init__(self, index: int, value: str):
        self.Index = index
        self.Length = len(value)
        self.Value = value
        self.ValueSpan = None

    def ps_get(self, name: str):
        return getattr(self, name)

    def ps_to_string(self) -> str:
        return self.Value

    def __str__(self):
        return self.Value


class RegexGroup(RegexCapture):
    type_names = ["System.Text.RegularExpressions.Group", "System.Text.RegularExpressions.Capture", "System.Object"]
    ps_properties = ["Success", "Name", "Captures", "Index", "Length", "Value", "ValueSpan"]

    def __init__(self, name: str, index: int, value: Optional[str], success: bool):
        super().__init__(index if success else 0, value if value is not None else "")
        self.Name = name
        self.Success = success
        self.Captures = [RegexCapture(self.Index, self.Value)] if success else []


class RegexMatch(RegexGroup):
    type_names = ["System.Text.RegularExpressions.Match", "System.Text.RegularExpressions.Group",
                  "System.Text.RegularExpressions.Capture", "System.Object"]
    ps_properties = ["Groups", "Success", "Name", "Captures", "Index", "Length", "Value", "ValueSpan"]

    def __init__(self, regex: Optional[DotNetRegex], m, text: str):
        self._regex = regex
        self._m = m
        self._text = text
        if m is None:
            super().__init__("0", 0, "", False)
            self.Groups = GroupCollection([RegexGroup("0", 0, "", False)])
            return
        super().__init__("0", m.start(), m.group(0), True)
        groups = []
        for num, pi, name in regex.net_numbers:
            val = m.group(pi)
            groups.append(RegexGroup(name if name is not None else str(num),
                                     m.start(pi) if val is not None else 0, val, val is not None))
        groups.sort(key=lambda g: (not g.Name.isdigit(), int(g.Name) if g.Name.isdigit() else 0))
        self.Groups = GroupCollection(groups)

    def NextMatch(self):
        if self._m is None:
            return self
        pos = self._m.end() if self._m.end() > self._m.start() else self._m.end() + 1
        if pos > len(self._text):
            return RegexMatch(self._regex, None, self._text)
        m = self._regex.search(self._text, pos)
        return RegexMatch(self._regex, m, self._text)

    def Result(self, replacement: str) -> str:
        return expand_replacement(self._regex, self._m, replacement, self._text)


class GroupCollection(list):
    """Match.Groups: indexable by number or name."""

    type_name = "System.Text.RegularExpressions.GroupCollection"
    type_names = ["System.Text.RegularExpressions.GroupCollection", "System.Object"]

    def get_group(self, key):
        if isinstance(key, str) and not key.isdigit():
            for g in self:
                if g.Name.casefold() == key.casefold():
                    return g
            return None
        k = str(int(key))
        for g in self:
            if g.Name == k:
                return g
        return None


def expand_replacement(rx: DotNetRegex, m, repl: str, text: str) -> str:
    """Apply a .NET replacement pattern: $1 ${name} $0 $& $$ $` $' $+ $_."""
    if "$" not in repl:
        return repl
    out = []
    i, n = 0, len(repl)
    max_num = max(num for num, _, _ in rx.net_numbers)
    while i < n:
        c = repl[i]
        if c != "$" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = repl[i + 1]
        if d == "$":
            out.append("$")
            i += 2
        elif d == "&":
            out.append(m.group(0))
            i += 2
        elif d == "`":
            out.append(text[:m.start()])
            i += 2
        elif d == "'":
            out.append(text[m.end():])
            i += 2
        elif d == "_":
            out.append(text)
            i += 2
        elif d == "+":
            last = rx.net_numbers[-1]
            out.append(m.group(last[1]) or "" if len(rx.net_numbers) > 1 else "")
            i += 2
        elif d == "{":
            j = repl.find("}", i + 2)
            if j < 0:
                out.append(c)
                i += 1
                continue
            key = repl[i + 2:j]
            val = rx.group_value(m, int(key) if key.isdigit() else key)
            if val is None and not any((name == key or str(num) == key) for num, _, name in rx.net_numbers):
                out.append(repl[i:j + 1])
            else:
                out.append(val or "")
            i = j + 1
        elif d.isdigit():
            j = i + 1
            num = None
            end = j
            while j < n and repl[j].isdigit():
                cand = int(repl[i + 1:j + 1])
                if cand <= max_num and any(k == cand for k, _, _ in rx.net_numbers):
                    num, end = cand, j + 1
                j += 1
            if num is None:
                out.append(c)
                i += 1
                continue
            out.append(rx.group_value(m, num) or "")
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


def regex_replace(rx: DotNetRegex, text: str, replacement: Any, count: int = -1) -> str:
    """Regex.Replace with a .NET replacement string or a script block ($_ is the Match)."""
    from pslark.runtime.scriptblock import ScriptBlock
    if isinstance(replacement, ScriptBlock):
        def fn(m):
            match = RegexMatch(rx, m, text)     # $_ for a script block, $args[0] for a [MatchEvaluator]
            result = replacement.invoke_with(args=[match], dollar_under=match)
            if isinstance(result, list):
                if len(result) == 1:
                    result = result[0]
            return C.to_string(result)
    else:
        repl = C.to_string(replacement)
        if "$" not in repl:
            def fn(m):
                return repl
        else:
            def fn(m):
                return expand_replacement(rx, m, repl, text)
    if rx.right_to_left:
        ms = list(rx.finditer(text))
        if count >= 0:
            ms = ms[len(ms) - count:] if count < len(ms) else ms
        out, last = [], 0
        for m in ms:
            out.append(text[last:m.start()])
            out.append(fn(m))
            last = m.end()
        out.append(text[last:])
        return "".join(out)
    try:
        return rx.py.sub(fn, text, count=count if count > 0 else 0) if count != 0 else text
    except (RecursionError, re.error) as e:
        raise RuntimeException(str(e))


def _replace_op(cs: bool):
    def op(left, right, matches=None):
        r = _as_list(right)
        if r is None:
            pattern, replacement = right, ""
        elif len(r) == 0:
            pattern, replacement = "", ""
        elif len(r) == 1:
            pattern, replacement = r[0], ""
        elif len(r) == 2:
            pattern, replacement = r[0], r[1]
        else:
            raise RuntimeException(
                "The -replace operator allows only two elements to follow it, not " + str(len(r)) + ".",
                error_id="BadReplaceArgument", category="InvalidOperation")
        rx = get_regex(pattern, ignore_case=not cs)
        items = _as_list(left)
        if items is None:
            return regex_replace(rx, C.to_string(left), replacement)
        return [regex_replace(rx, C.to_string(x), replacement) for x in items]
    return op


# ----------------------------------------------------------------------------------------------
# -split / -join

SPLIT_OPTIONS = {"none": 0, "simplematch": 1, "regexmatch": 2, "cultureinvariant": 4,
                 "ignorepatternwhitespace": 8, "multiline": 16, "singleline": 32, "ignorecase": 64,
                 "explicitcapture": 128}


def _parse_split_options(v: Any) -> int:
    if v is None:
        return 0
    if isinstance(v, int) and not isinstance(v, bool):
        return int(v)
    flags = 0
    text = C.to_string(v) if not isinstance(v, (list, tuple)) else ",".join(C.to_string(x) for x in v)
    for part in text.split(","):
        p = part.strip()
        if not p:
            continue
        f = SPLIT_OPTIONS.get(p.casefold())
        if f is None:
            raise C.cast_error(text, "System.Management.Automation.SplitOptions",
                               f"Unable to match the identifier name {p} to a valid enumerator name. Specify one "
                               "of the following enumerator names and try again:\nSimpleMatch, RegexMatch, "
                               "CultureInvariant, IgnorePatternWhitespace, Multiline, Singleline, IgnoreCase, "
                               "ExplicitCapture")
        flags |= f
    return flags


def split_string(text: str, pattern: Any, limit: int = 0, options: int = 0, cs: bool = False) -> list:
    """One string through -split."""
    from pslark.runtime.scriptblock import ScriptBlock
    if isinstance(pattern, ScriptBlock):
        return _split_scriptblock(text, pattern, limit)
    if options & 1 and options & 2:
        raise PSInvalidOperationException("Cannot use both SimpleMatch and RegexMatch options.",
                                          error_id="InvalidSplitOptionCombination", category="InvalidOperation")
    ignore = (not cs) or bool(options & 64)
    if options & 1:   # SimpleMatch
        if options & (8 | 16 | 32 | 128):
            raise PSInvalidOperationException("The only options allowed with SimpleMatch are IgnoreCase and "
                                              "CultureInvariant.", error_id="InvalidSplitOptionCombination")
        pat = re.escape(C.to_string(pattern))
        rx_opts = RX_IGNORECASE if ignore else 0
        rx = _compile_cached_raw(pat, rx_opts)
    else:
        rx_opts = 0
        if options & 8:
            rx_opts |= RX_IGNOREWS
        if options & 16:
            rx_opts |= RX_MULTILINE
        if options & 32:
            rx_opts |= RX_SINGLELINE
        if options & 128:
            rx_opts |= RX_EXPLICIT
        rx = get_regex(pattern, ignore_case=ignore, options=rx_opts)
    return _regex_split(rx, text, limit)


@lru_cache(maxsize=256)
def _compile_cached_raw(py_pattern: str, options: int) -> DotNetRegex:
    return DotNetRegex(py_pattern, options)


def _regex_split(rx: DotNetRegex, text: str, limit: int) -> list:
    if limit == 1 or limit == -1:
        return [text]
    ms = [m for m in rx.finditer(text)]
    if limit > 1:
        ms = ms[:limit - 1]
    elif limit < -1:
        ms = ms[-(-limit - 1):] if ms else ms
    out = []
    last = 0
    for m in ms:
        if m.end() == m.start() and (m.start() == 0 and False):
            continue
        out.append(text[last:m.start()])
        for num, pi, name in rx.net_numbers[1:]:
            val = m.group(pi)
            if val is not None:
                out.append(val)
        last = m.end()
    out.append(text[last:])
    return out


def _split_scriptblock(text: str, sb, limit: int) -> list:
    positions = []
    for idx, ch in enumerate(text):
        res = sb.invoke_with(args=[ch, idx], dollar_under=PSChar(ch))
        if C.to_bool(res):
            positions.append(idx)
    if limit > 1:
        positions = positions[:limit - 1]
    elif limit < -1:
        positions = positions[-(-limit - 1):]
    elif limit in (1, -1):
        positions = []
    out, last = [], 0
    for p in positions:
        out.append(text[last:p])
        last = p + 1
    out.append(text[last:])
    return out


def _split_op(cs: bool):
    def op(left, right, matches=None):
        from pslark.runtime.scriptblock import ScriptBlock
        r = _as_list(right)
        limit, options = 0, 0
        if r is None:
            pattern = right
        else:
            if not r:
                pattern = ""
            else:
                pattern = r[0]
                if len(r) > 1:
                    limit = C.to_int(r[1])
                if len(r) > 2:
                    if isinstance(pattern, ScriptBlock):
                        raise PSInvalidOperationException(
                            "Cannot split with a script block and options.", error_id="InvalidSplitOptionWithPredicate")
                    options = _parse_split_options(r[2])
                if len(r) > 3:
                    raise RuntimeException("The -split operator allows only three elements to follow it, not "
                                           f"{len(r)}.", error_id="BadSplitArgument")
        items = _as_list(left)
        if items is None:
            items = [left]
        out = []
        for x in items:
            out.extend(split_string(C.to_string(x), pattern, limit, options, cs))
        return out
    return op


def split_whitespace(value: Any) -> list:
    """Unary -split: on runs of whitespace, no empty entries."""
    items = _as_list(value)
    if items is None:
        items = [value]
    out = []
    for x in items:
        out.extend(C.to_string(x).split())
    return out


def _join(left: Any, right: Any, matches=None) -> str:
    sep = C.to_string(right)
    items = _as_list(left)
    if items is None:
        if left is None:
            return ""
        if isinstance(left, PSList):
            items = list(left)
        else:
            return C.to_string(left)
    return sep.join(_join_item(x) for x in items)


def _join_item(x: Any) -> str:
    t = type(x)
    if t is str:
        return x
    if t is int:
        return str(x)
    return C.to_string(x)


# ----------------------------------------------------------------------------------------------
# Type operators

def _resolve(right: Any):
    from pslark.runtime import types as T
    if isinstance(right, T.PSType):
        return right
    if isinstance(right, PSObject) and right.base is not None:
        return _resolve(right.base)
    if right is None or right is AUTOMATION_NULL:
        raise RuntimeException("The right operand of '-is' must be a type.", error_id="IsOperatorRequiresType",
                               category="InvalidOperation")
    t = T.resolve_type(right) if isinstance(right, str) and not isinstance(right, PSChar) else None
    if t is None:
        # pwsh's ParserOps.ConvertTo<Type>: the cast error, re-thrown as a plain RuntimeException
        cast = C.cast_error(right, "System.Type")
        raise RuntimeException(cast.message, category="NotSpecified", inner=cast)
    return t


def _is(left, right, matches=None) -> bool:
    t = _resolve(right)
    if left is None or left is AUTOMATION_NULL:
        return False
    if t.full_name == "System.Management.Automation.PSObject" and not t.is_array:
        return _is_wrapped(left)
    return t.is_instance(left)


def _is_wrapped(value: Any) -> bool:
    """`-is [psobject]`: true for a PSObject (custom objects, cmdlet output), false for a bare value such as a
    literal string, number, array or hashtable (pwsh tests `left is PSObject` before unwrapping)."""
    if isinstance(value, PSObject):
        return True
    return not isinstance(value, (str, int, float, decimal.Decimal, list, tuple, dict)) \
        and bool(getattr(value, "type_names", None))


def _isnot(left, right, matches=None) -> bool:
    return not _is(left, right)


def _as(left, right, matches=None) -> Any:
    t = _resolve(right)
    try:
        if left is not None and t.is_instance(left) and not t.is_array:
            return left
        return t.convert(left)
    except PSException:
        return None


# ----------------------------------------------------------------------------------------------
# Logical, null-coalescing, range, format

def _and(l, r, m=None):
    return C.to_bool(l) and C.to_bool(r)


def _or(l, r, m=None):
    return C.to_bool(l) or C.to_bool(r)


def _xor(l, r, m=None):
    return C.to_bool(l) != C.to_bool(r)


def _coalesce(l, r, m=None):
    return r if (l is None or l is AUTOMATION_NULL) else l


def range_op(a: Any, b: Any) -> list:
    """`a..b`: Int32 ranges (ascending or descending), or char ranges when both ends are chars or one-letter
    non-digit strings (pwsh's RangeOperator: `[char]'0'..[char]'9'` is chars, `'0'..'9'` is ints)."""
    if _range_char(a) and _range_char(b):
        x, y = ord(a), ord(b)
        step = 1 if x <= y else -1
        return [PSChar(chr(c)) for c in range(x, y + step, step)]
    x = _range_bound(a)
    y = _range_bound(b)
    if x <= y:
        return list(range(x, y + 1))
    return list(range(x, y - 1, -1))


def _range_char(v: Any) -> bool:
    return isinstance(v, PSChar) or (isinstance(v, str) and len(v) == 1 and not v.isdigit())


def _range_bound(v: Any) -> int:
    if type(v) is int and INT32_MIN <= v <= INT32_MAX:
        return v
    if isinstance(v, PSChar):
        return ord(v)
    return C.to_int(v)


def format_op(fmt: Any, args: Any) -> str:
    """`fmt -f args`: composite formatting with the current culture; errors as pwsh's FormatError."""
    from pslark.runtime.dotnet_format import composite_format
    items = _as_list(args)
    if items is None:
        items = [] if args is AUTOMATION_NULL else [args]
    try:
        return composite_format(C.to_string(fmt), items)
    except FormatException as e:
        raise RuntimeException(f"Error formatting a string: {e.message}.", error_id="FormatError",
                               category="NotSpecified", inner=e)


# ----------------------------------------------------------------------------------------------
# Dispatch

def _wrap2(fn):
    return lambda l, r, m=None: fn(l, r)


_BINARY: dict[str, Callable] = {
    "+": _wrap2(_add), "-": _wrap2(_sub), "*": _wrap2(_mul), "/": _wrap2(_div), "%": _wrap2(_mod),
    "-band": lambda l, r, m=None: _bitop(l, r, int.__and__),
    "-bor": lambda l, r, m=None: _bitop(l, r, int.__or__),
    "-bxor": lambda l, r, m=None: _bitop(l, r, int.__xor__),
    "-shl": lambda l, r, m=None: _shl(l, r), "-shr": lambda l, r, m=None: _shr(l, r),
    "-and": _and, "-or": _or, "-xor": _xor, "??": _coalesce,
    "..": lambda l, r, m=None: range_op(l, r),
    "-f": lambda l, r, m=None: format_op(l, r),
    "-join": _join,
    "-is": _is, "-isnot": _isnot, "-as": _as,
}

for _prefix, _cs in (("", False), ("i", False), ("c", True)):
    for _name, _pred in (("eq", _eq), ("ne", _ne), ("gt", _gt), ("ge", _ge), ("lt", _lt), ("le", _le)):
        _BINARY[f"-{_prefix}{_name}"] = _make_cmp(_pred, _cs)
    _BINARY[f"-{_prefix}like"] = _make_like(False, _cs)
    _BINARY[f"-{_prefix}notlike"] = _make_like(True, _cs)
    _BINARY[f"-{_prefix}match"] = _make_match(False, _cs)
    _BINARY[f"-{_prefix}notmatch"] = _make_match(True, _cs)
    for _k in ("contains", "notcontains", "in", "notin"):
        _BINARY[f"-{_prefix}{_k}"] = _make_contains(_k, _cs)
    _BINARY[f"-{_prefix}replace"] = _replace_op(_cs)
    _BINARY[f"-{_prefix}split"] = _split_op(_cs)


def _fast_eq(l, r, m=None):
    if type(l) is int and type(r) is int:
        return l == r
    if type(l) is str and type(r) is str:
        return l == r or l.casefold() == r.casefold()
    items = _as_list(l)
    if items is None:
        return C.equals(l, r, False)
    return [x for x in items if C.equals(x, r, False)]


def _fast_lt(l, r, m=None):
    if type(l) is int and type(r) is int:
        return l < r
    return _BINARY_SLOW_LT(l, r)


_BINARY_SLOW_LT = _make_cmp(_lt, False)
_BINARY["-eq"] = _fast_eq
_BINARY["-ieq"] = _fast_eq
_BINARY["-lt"] = _fast_lt
_BINARY["-ilt"] = _fast_lt

_SPECIAL = ("+", "-", "*", "/", "%")


def binary(op: str, left: Any, right: Any, matches: Optional[Callable] = None) -> Any:
    """Apply a binary operator (lower-case text: '+', '-eq', '-cmatch', '..', '-f' ...) to evaluated operands."""
    if op == "+":
        if type(left) is int and type(right) is int:
            r = left + right
            if -2147483648 <= r <= 2147483647 and -2147483648 <= left <= 2147483647 \
                    and -2147483648 <= right <= 2147483647:
                return r
    fn = _BINARY.get(op)
    if fn is None:
        fn = _BINARY.get(op.lower())
        if fn is None:
            raise RuntimeException(f"The operator '{op}' is not supported by pslark.", error_id="OperatorNotSupported",
                                   category="NotImplemented")
    try:
        return fn(left, right, matches)
    except PSException:
        raise
    except RecursionError:
        raise
    except (ValueError, TypeError, OverflowError, ZeroDivisionError, AttributeError, KeyError, IndexError,
            decimal.DecimalException, re.error) as e:
        if isinstance(e, ZeroDivisionError):
            raise _divide_by_zero()
        raise RuntimeException(f"{e}", error_id="RuntimeException") from e


# ----------------------------------------------------------------------------------------------
# Unary

def _neg(v: Any) -> Any:
    t = type(v)
    if t is int:
        if v == INT32_MIN:
            return float(-v)
        return -v if INT32_MIN <= v <= INT32_MAX else _wrap_int(-v, Int64)
    if t is float:
        return -v
    n = _num_operand(v)
    if isinstance(n, _Dec):
        return -n
    if isinstance(n, float):
        return type(n)(-n) if isinstance(n, Single) else -n
    return _arith(0, n, int.__sub__, float.__sub__, _dec_sub) if not isinstance(n, _TypedInt) else \
        _wrap_int(-int(n), _int_class(n))


def _plus(v: Any) -> Any:
    t = type(v)
    if t is int or t is float:
        return v
    if isinstance(v, (list, tuple)):
        return v
    return _num_operand(v)


_ENUM_WIDTHS = {"System.SByte": (8, True), "System.Byte": (8, False), "System.Int16": (16, True),
                "System.UInt16": (16, False), "System.Int32": (32, True), "System.UInt32": (32, False),
                "System.Int64": (64, True), "System.UInt64": (64, False)}


def _bnot(v: Any) -> Any:
    from pslark.runtime.numbers import EnumValue
    base = v.base if isinstance(v, PSObject) and v.base is not None else v
    if isinstance(base, EnumValue):
        # -bnot on an enum stays that enum, within its underlying type's width
        bits, signed = _ENUM_WIDTHS.get(getattr(base.ps_enum, "underlying", "System.Int32"), (32, True))
        r = ~int(base) & ((1 << bits) - 1)
        if signed and r >= 1 << (bits - 1):
            r -= 1 << bits
        return base.ps_enum.value_class(r)
    x = _to_bit_int(v)
    cls = _int_class(x)
    if cls is int:
        return ~x
    if cls is Int64:
        r = ~x
        return Int64(r) if INT32_MIN <= r <= INT32_MAX else r
    if cls in (UInt32, UInt64):
        return cls(~x & cls.max_value)
    return cls(~x)


def _not(v: Any) -> bool:
    return not C.to_bool(v)


def _unary_join(v: Any) -> str:
    return _join(v, "")


_UNARY = {
    "-not": _not, "!": _not, "-": _neg, "+": _plus, "-bnot": _bnot,
    "-split": split_whitespace, "-isplit": split_whitespace, "-csplit": split_whitespace,
    "-join": _unary_join, ",": lambda v: [v],
}


def unary(op: str, operand: Any) -> Any:
    """Apply a unary operator: -not ! -bnot + - -split -join , (increment/decrement are the evaluator's)."""
    fn = _UNARY.get(op)
    if fn is None:
        fn = _UNARY.get(op.lower())
        if fn is None:
            if op in ("++", "--"):
                return binary("+" if op == "++" else "-", operand, 1)
            raise RuntimeException(f"The operator '{op}' is not supported by pslark.", error_id="OperatorNotSupported")
    try:
        return fn(operand)
    except PSException:
        raise
    except (ValueError, TypeError, OverflowError, ZeroDivisionError, decimal.DecimalException) as e:
        raise RuntimeException(str(e), error_id="RuntimeException") from e
