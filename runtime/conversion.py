"""LanguagePrimitives: PowerShell's conversions (to bool, string, numbers, any type) and comparisons."""
from __future__ import annotations

from typing import Any

from pslark.runtime.errors import PSInvalidCastException


def to_bool(v: Any) -> bool:
    if v is None:
        return False
    if isinstance(v, (bool, int, float, str)):
        return bool(v)
    if isinstance(v, list):
        if len(v) == 0:
            return False
        if len(v) == 1:
            return to_bool(v[0])
        return True
    return True


def to_string(v: Any, ofs: str = " ") -> str:
    from pslark.runtime.dotnet_format import double_to_string
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, float):
        return double_to_string(v)
    if isinstance(v, list):
        return ofs.join(to_string(x) for x in v)
    return str(v)


def to_number(v: Any):
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            try:
                return float(v)
            except ValueError:
                raise PSInvalidCastException(f'Cannot convert value "{v}" to type "System.Int32". Error: "The input string \'{v}\' was not in a correct format."', error_id="InvalidCastFromStringToInteger")
    if v is None:
        return 0
    return to_number(to_string(v))


def to_int(v: Any) -> int:
    n = to_number(v)
    return int(round(n))


def to_double(v: Any) -> float:
    return float(to_number(v))


def convert_to(value: Any, pstype) -> Any:
    return pstype.convert(value)


def equals(a: Any, b: Any, case_sensitive: bool = False) -> bool:
    if isinstance(a, str) and isinstance(b, str) and not case_sensitive:
        return a.casefold() == b.casefold()
    return a == b


def compare(a: Any, b: Any, case_sensitive: bool = False) -> int:
    if isinstance(a, str) and not case_sensitive:
        a = a.casefold()
        b = to_string(b).casefold()
    return (a > b) - (a < b)
