""".NET formatting: standard and custom numeric format strings, composite formatting, DateTime/TimeSpan."""
from __future__ import annotations

import datetime
import decimal
from typing import Any


def double_to_string(x: float) -> str:
    """Double.ToString() as PowerShell prints it (G15)."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    s = "%.15g" % x
    if "e" in s:
        mant, exp = s.split("e")
        return f"{mant}E{exp}"
    return s


def single_to_string(x: float) -> str:
    if x != x:
        return "NaN"
    s = "%.7g" % x
    if "e" in s:
        mant, exp = s.split("e")
        return f"{mant}E{exp}"
    return s


def format_value(value: Any, spec: str, culture=None) -> str:
    from pslark.runtime.conversion import to_string
    if isinstance(value, float):
        return double_to_string(value)
    return to_string(value)


def composite_format(fmt: str, args, culture=None) -> str:
    import re
    from pslark.runtime.conversion import to_string

    def rep(m):
        idx = int(m.group(1))
        return to_string(args[idx])
    return re.sub(r"\{(\d+)\}", rep, fmt).replace("{{", "{").replace("}}", "}")


def format_datetime(dt, spec=None, culture=None) -> str:
    return dt.strftime("%m/%d/%Y %H:%M:%S")


def format_timespan(ts, spec=None, culture=None) -> str:
    total = int(ts.total_seconds())
    h, rem = divmod(abs(total), 3600)
    m, s = divmod(rem, 60)
    return f"{h:02}:{m:02}:{s:02}"
