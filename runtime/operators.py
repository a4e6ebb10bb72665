"""PowerShell's operators on already-evaluated values."""
from __future__ import annotations

from typing import Any

from pslark.runtime import conversion as C


def binary(op: str, left: Any, right: Any, matches=None) -> Any:
    if op == "+":
        if isinstance(left, str):
            return left + C.to_string(right)
        return left + C.to_number(right)
    if op == "-":
        return left - C.to_number(right)
    if op == "*":
        return left * right
    if op == "/":
        r = left / right
        return int(r) if r == int(r) else r
    if op == "-eq":
        return C.equals(left, right)
    if op == "-ne":
        return not C.equals(left, right)
    raise NotImplementedError(op)


def unary(op: str, operand: Any) -> Any:
    if op in ("-not", "!"):
        return not C.to_bool(operand)
    if op == "-":
        return -C.to_number(operand)
    if op == "+":
        return C.to_number(operand)
    if op == ",":
        return [operand]
    raise NotImplementedError(op)


def range_op(a: Any, b: Any) -> list:
    a, b = C.to_int(a), C.to_int(b)
    return list(range(a, b + 1)) if a <= b else list(range(a, b - 1, -1))


def format_op(fmt: Any, args: Any) -> str:
    from pslark.runtime.dotnet_format import composite_format
    return composite_format(C.to_string(fmt), args if isinstance(args, list) else [args])
