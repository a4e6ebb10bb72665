"""The .NET formatting the views need: F/N/D/X numbers, DateTime patterns, TimeSpan "c", composite formats.

A local, self-contained fallback: `pslark.runtime.dotnet_format` is the general implementation; this module
covers exactly what output formatting uses (current-culture ToString of doubles and dates, `{0:N2}` in the
Process view, `'{0:d} {0:HH}:{0:mm}'` in the FileInfo view, `F` in table cells) so that layouts never depend on
a half-finished general formatter. Anything else is passed on to `dotnet_format`.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import math
import re
import struct
from typing import Any, Optional

TICKS_PER_SECOND = 10_000_000
TICKS_PER_DAY = 86_400 * TICKS_PER_SECOND
_EPOCH_ORDINAL = _dt.datetime(1, 1, 1).toordinal()


def _culture(culture):
    if culture is not None:
        return culture
    from pslark.runtime.culture import current_culture
    return current_culture()


def _is_single(x) -> bool:
    return type(x).__name__ == "Single" or getattr(type(x), "dotnet_type", None) == "System.Single"


def to_float32(x: float) -> float:
    """The nearest float32 value (what a [float] cast keeps)."""
    try:
        return struct.unpack("f", struct.pack("f", float(x)))[0]
    except (OverflowError, struct.error):
        return math.copysign(math.inf, x)


# ----------------------------------------------------------------------------------------------
# Numbers

def _localize_number(text: str, culture) -> str:
    """Swap '.' and '-' for the culture's decimal separator and negative sign."""
    dec = getattr(culture, "decimal_sep", ".")
    neg = getattr(culture, "negative_sign", "-")
    if dec != ".":
        text = text.replace(".", "\0").replace("\0", dec)
    if neg != "-" and text.startswith("-"):
        text = neg + text[1:]
    return text


def double_text(x: float, culture=None) -> str:
    """Double.ToString() in a culture: G15 (G7 for Single), culture separators, NaN/infinity symbols."""
    c = _culture(culture)
    if x != x:
        return getattr(c, "nan", "NaN")
    if math.isinf(x):
        return getattr(c, "pos_inf", "Infinity") if x > 0 else getattr(c, "neg_inf", "-Infinity")
    if _is_single(x):
        try:
            from pslark.runtime.dotnet_format import single_to_string
            text = single_to_string(float(x))
        except Exception:
            text = _g(float(x), 7)
    else:
        try:
            from pslark.runtime.dotnet_format import double_to_string
            text = double_to_string(float(x))
        except Exception:
            text = _g(float(x), 15)
    return _localize_number(text, c)


def _g(x: float, digits: int) -> str:
    s = "%.*g" % (digits, x)
    if "e" in s:
        mant, exp = s.split("e")
        sign = exp[0]
        num = exp[1:].lstrip("0").rjust(2, "0")
        return f"{mant}E{sign}{num}"
    return s


def decimal_text(d: decimal.Decimal, culture=None) -> str:
    """Decimal.ToString(): keeps the scale (1.50 stays 1.50), never an exponent."""
    c = _culture(culture)
    try:
        text = format(d, "f")
    except (ValueError, decimal.InvalidOperation):
        text = str(d)
    if text.startswith("-") and d == 0:
        text = text[1:]
    return _localize_number(text, c)


def _group(int_part: str, sep: str) -> str:
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


def _fixed_digits(value: Any, digits: int) -> str:
    """Fixed-point text of the absolute value with `digits` decimals, rounded as .NET does."""
    if isinstance(value, decimal.Decimal):
        q = decimal.Decimal(1).scaleb(-digits)
        r = abs(value).quantize(q, rounding=decimal.ROUND_HALF_UP)
        return format(r, "f")
    if isinstance(value, int):
        return format(abs(value), "d") + ("." + "0" * digits if digits > 0 else "")
    v = float(value)
    if _is_single(value):
        v = to_float32(v)
    return "%.*f" % (digits, abs(v))


def _is_negative(value: Any) -> bool:
    if isinstance(value, decimal.Decimal):
        return value.is_signed()
    if isinstance(value, float):
        return math.copysign(1.0, value) < 0
    return value < 0


def format_number(value: Any, spec: str, culture=None) -> Optional[str]:
    """Standard numeric formats F, N, D, X (and E) in a culture; None if the spec is not one of them."""
    c = _culture(culture)
    m = re.fullmatch(r"([FfNnDdXxEe])(\d{0,2})", spec or "")
    if not m:
        return None
    kind = m.group(1)
    prec = int(m.group(2)) if m.group(2) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and (value != value or math.isinf(value)):
        return double_text(value, c)
    k = kind.upper()
    if k in ("D", "X"):
        if not isinstance(value, int):
            return None
        if k == "D":
            body = str(abs(value)).rjust(prec or 0, "0")
            return (getattr(c, "negative_sign", "-") + body) if value < 0 else body
        v = value if value >= 0 else (value + (1 << 64) if value < -(1 << 31) else value + (1 << 32))
        body = format(v, "x" if kind == "x" else "X").rjust(prec or 0, "0")
        return body
    if k == "E":
        digits = 6 if prec is None else prec
        v = float(value)
        s = "%.*e" % (digits, v)
        mant, exp = s.split("e")
        sign = exp[0]
        num = exp[1:].lstrip("0").rjust(3, "0")
        return _localize_number(f"{mant}{kind}{sign}{num}", c)
    digits = getattr(c, "number_decimal_digits", 2) if prec is None else prec
    if not isinstance(value, (int, float, decimal.Decimal)):
        return None
    text = _fixed_digits(value, digits)
    neg = _is_negative(value) and (float(text) != 0 or isinstance(value, float))
    int_part, _, frac = text.partition(".")
    if k == "N":
        int_part = _group(int_part, getattr(c, "group_sep", ","))
    body = int_part + (getattr(c, "decimal_sep", ".") + frac if frac else "")
    if neg:
        if k == "N" and getattr(c, "number_negative", 1) == 0:
            return f"({body})"
        return getattr(c, "negative_sign", "-") + body
    return body


# ----------------------------------------------------------------------------------------------
# DateTime

def _ticks_of(dt: _dt.datetime) -> int:
    days = dt.toordinal() - _EPOCH_ORDINAL
    secs = dt.hour * 3600 + dt.minute * 60 + dt.second
    return days * TICKS_PER_DAY + secs * TICKS_PER_SECOND + dt.microsecond * 10


def datetime_ticks(dt: _dt.datetime) -> int:
    return _ticks_of(dt)


_STANDARD_DT = {"d", "D", "f", "F", "g", "G", "m", "M", "o", "O", "r", "R", "s", "t", "T", "u", "U", "y", "Y"}


def _standard_pattern(spec: str, c) -> Optional[str]:
    if spec == "d":
        return c.short_date
    if spec == "D":
        return c.long_date
    if spec == "f":
        return f"{c.long_date} {c.short_time}"
    if spec in ("F", "U"):
        return getattr(c, "full_datetime", f"{c.long_date} {c.long_time}")
    if spec == "g":
        return f"{c.short_date} {c.short_time}"
    if spec == "G":
        return f"{c.short_date} {c.long_time}"
    if spec in ("m", "M"):
        return c.month_day
    if spec in ("y", "Y"):
        return c.year_month
    if spec == "t":
        return c.short_time
    if spec == "T":
        return c.long_time
    if spec == "s":
        return "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
    if spec == "u":
        return "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"
    if spec in ("o", "O"):
        return "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"
    if spec in ("r", "R"):
        return "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"
    return None


def format_datetime(dt: _dt.datetime, spec: Optional[str] = None, culture=None) -> str:
    """DateTime.ToString(spec) in a culture; no spec means "G"."""
    c = _culture(culture)
    spec = spec or "G"
    invariant_names = spec in ("r", "R", "s", "u", "o", "O")
    if len(spec) == 1:
        pat = _standard_pattern(spec, c)
        if pat is None:
            raise ValueError(f"Input string was not in a correct format: {spec!r}")
    else:
        pat = spec
    return _custom_datetime(dt, pat, c, invariant_names)


def _custom_datetime(dt: _dt.datetime, pat: str, c, invariant_names: bool = False) -> str:
    out: list[str] = []
    i = 0
    n = len(pat)
    days = getattr(c, "days", None) or ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    months = getattr(c, "months", None)
    abbrev_days = getattr(c, "abbrev_days", None) or [d[:3] for d in days]
    abbrev_months = getattr(c, "abbrev_months", None)
    if invariant_names or months is None:
        from pslark.runtime.culture import invariant_culture
        inv = invariant_culture()
        if invariant_names:
            days, abbrev_days = inv.days, inv.abbrev_days
        months = months if (months is not None and not invariant_names) else inv.months
        abbrev_months = abbrev_months if (abbrev_months is not None and not invariant_names) else inv.abbrev_months
    dow = (dt.weekday() + 1) % 7   # .NET: Sunday = 0
    while i < n:
        ch = pat[i]
        j = i
        while j < n and pat[j] == ch:
            j += 1
        run = j - i
        if ch in "'\"":
            end = pat.find(ch, i + 1)
            if end < 0:
                end = n
            out.append(pat[i + 1:end])
            i = end + 1
            continue
        if ch == "\\":
            if i + 1 < n:
                out.append(pat[i + 1])
            i += 2
            continue
        if ch == "%":
            i += 1
            continue
        if ch == "d":
            if run == 1:
                out.append(str(dt.day))
            elif run == 2:
                out.append(f"{dt.day:02}")
            elif run == 3:
                out.append(abbrev_days[dow])
            else:
                out.append(days[dow])
        elif ch == "M":
            if run == 1:
                out.append(str(dt.month))
            elif run == 2:
                out.append(f"{dt.month:02}")
            elif run == 3:
                out.append(abbrev_months[dt.month - 1])
            else:
                out.append(months[dt.month - 1])
        elif ch == "y":
            if run == 1:
                out.append(str(dt.year % 100))
            elif run == 2:
                out.append(f"{dt.year % 100:02}")
            else:
                out.append(str(dt.year).rjust(run, "0"))
        elif ch == "h":
            h12 = dt.hour % 12 or 12
            out.append(str(h12) if run == 1 else f"{h12:02}")
        elif ch == "H":
            out.append(str(dt.hour) if run == 1 else f"{dt.hour:02}")
        elif ch == "m":
            out.append(str(dt.minute) if run == 1 else f"{dt.minute:02}")
        elif ch == "s":
            out.append(str(dt.second) if run == 1 else f"{dt.second:02}")
        elif ch in "fF":
            frac = f"{dt.microsecond:06}0"[:min(run, 7)]
            if ch == "F":
                frac = frac.rstrip("0")
                if not frac and out and out[-1] == ".":
                    out.pop()
            out.append(frac)
        elif ch == "t":
            des = getattr(c, "am", "AM") if dt.hour < 12 else getattr(c, "pm", "PM")
            out.append(des[:1] if run == 1 else des)
        elif ch == "z":
            off = dt.utcoffset()
            if off is None:
                off = _dt.datetime.now().astimezone().utcoffset() or _dt.timedelta(0)
            total = int(off.total_seconds() // 60)
            sign = "-" if total < 0 else "+"
            hh, mm = divmod(abs(total), 60)
            out.append(f"{sign}{hh}" if run == 1 else f"{sign}{hh:02}" if run == 2 else f"{sign}{hh:02}:{mm:02}")
        elif ch == "K":
            off = dt.utcoffset()
            if off is not None:
                total = int(off.total_seconds() // 60)
                sign = "-" if total < 0 else "+"
                hh, mm = divmod(abs(total), 60)
                out.append(f"{sign}{hh:02}:{mm:02}")
        elif ch == ":":
            out.append(getattr(c, "time_sep", ":") * run)
        elif ch == "/":
            out.append(getattr(c, "date_sep", "/") * run)
        elif ch == "g":
            out.append("A.D.")
        else:
            out.append(ch * run)
        i = j
    return "".join(out)


def long_date_time(dt: _dt.datetime, culture=None, hint: Optional[str] = None) -> str:
    """The DateTime ETS property: ToLongDateString() + ' ' + ToLongTimeString() (or one part for DisplayHint)."""
    c = _culture(culture)
    h = (hint or "").lower()
    if h == "date":
        return _custom_datetime(dt, c.long_date, c)
    if h == "time":
        return _custom_datetime(dt, c.long_time, c)
    return f"{_custom_datetime(dt, c.long_date, c)} {_custom_datetime(dt, c.long_time, c)}"


# ----------------------------------------------------------------------------------------------
# TimeSpan

def timespan_ticks(td: _dt.timedelta) -> int:
    return (td.days * 86_400 + td.seconds) * TICKS_PER_SECOND + td.microseconds * 10


def _trunc_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def timespan_parts(td: _dt.timedelta) -> dict:
    """TimeSpan's components (truncated toward zero, sign on every part) and totals."""
    t = timespan_ticks(td)
    return {
        "Ticks": t,
        "Days": _trunc_div(t, TICKS_PER_DAY),
        "Hours": int(math.fmod(_trunc_div(t, 3600 * TICKS_PER_SECOND), 24)),
        "Minutes": int(math.fmod(_trunc_div(t, 60 * TICKS_PER_SECOND), 60)),
        "Seconds": int(math.fmod(_trunc_div(t, TICKS_PER_SECOND), 60)),
        "Milliseconds": int(math.fmod(_trunc_div(t, 10_000), 1000)),
        "Microseconds": int(math.fmod(_trunc_div(t, 10), 1000)),
        "Nanoseconds": int(math.fmod(t, 10)) * 100,
        "TotalDays": t / TICKS_PER_DAY,
        "TotalHours": t / (3600 * TICKS_PER_SECOND),
        "TotalMinutes": t / (60 * TICKS_PER_SECOND),
        "TotalSeconds": t / TICKS_PER_SECOND,
        "TotalMilliseconds": t / 10_000,
        "TotalMicroseconds": t / 10,
        "TotalNanoseconds": float(t * 100),
    }


def timespan_text(td: _dt.timedelta) -> str:
    """TimeSpan.ToString() ("c"): [-][d.]hh:mm:ss[.fffffff]."""
    t = timespan_ticks(td)
    neg = t < 0
    t = abs(t)
    days, rem = divmod(t, TICKS_PER_DAY)
    secs, frac = divmod(rem, TICKS_PER_SECOND)
    h, rem_s = divmod(secs, 3600)
    m, s = divmod(rem_s, 60)
    out = ("-" if neg else "") + (f"{days}." if days else "") + f"{h:02}:{m:02}:{s:02}"
    if frac:
        out += f".{frac:07}"
    return out


# ----------------------------------------------------------------------------------------------
# Composite formatting ("{0:N2}", "{0,-10}", "[{0}]")

_ITEM_RE = re.compile(r"\{(\d+)(?:\s*,\s*(-?\d+))?(?::([^}]*))?\}")


def format_one(value: Any, spec: Optional[str], culture, to_text) -> str:
    """One value with an optional format spec; `to_text` is the plain ToString used when the spec does not apply."""
    if spec:
        if isinstance(value, _dt.datetime):
            try:
                return format_datetime(value, spec, culture)
            except Exception:
                pass
        elif isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
            r = format_number(value, spec, culture)
            if r is not None:
                return r
            try:
                from pslark.runtime.dotnet_format import format_value
                return format_value(value, spec, culture)
            except Exception:
                pass
        elif isinstance(value, _dt.timedelta):
            return timespan_text(value)
    return to_text(value)


def composite_format(fmt: str, args: list, culture, to_text) -> str:
    """string.Format(culture, fmt, args) for the composite formats views and -f use."""
    out: list[str] = []
    i = 0
    n = len(fmt)
    while i < n:
        ch = fmt[i]
        if ch == "{":
            if fmt.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            m = _ITEM_RE.match(fmt, i)
            if not m:
                raise ValueError("Input string was not in a correct format.")
            idx = int(m.group(1))
            if idx >= len(args):
                raise IndexError("Index (zero based) must be greater than or equal to zero and less than the size of the argument list.")
            text = format_one(args[idx], m.group(3), culture, to_text)
            if m.group(2):
                w = int(m.group(2))
                text = text.rjust(w) if w > 0 else text.ljust(-w)
            out.append(text)
            i = m.end()
        elif ch == "}":
            if fmt.startswith("}}", i):
                out.append("}")
                i += 2
                continue
            raise ValueError("Input string was not in a correct format.")
        else:
            out.append(ch)
            i += 1
    return "".join(out)
