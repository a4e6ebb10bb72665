"""[PSPropertyExpression]: the -Property argument of the object cmdlets (a name, a wildcard or a script block) as
a value a script can hold, take as a parameter type and call GetValues/ResolveNames on, like pwsh's public
Microsoft.PowerShell.Commands.PSPropertyExpression. The evaluation itself is the cmdlets' PropExpr."""
from __future__ import annotations

from typing import Any

from pslark.runtime import conversion as C
from pslark.runtime.types import SMA, NetMethod, NetObject, PSType, _methods, a_bool, unwrap

FULL_NAME = "Microsoft.PowerShell.Commands.PSPropertyExpression"
RESULT_NAME = "Microsoft.PowerShell.Commands.PSPropertyExpressionResult"


class PSPropertyExpressionValue(NetObject):
    __slots__ = ("expr",)
    type_names = [FULL_NAME, "System.Object"]
    ps_properties = ("Script", "HasWildCardCharacters")

    def __init__(self, expr: Any):
        self.expr = expr

    def ps_to_string(self) -> str:
        return str(self.expr)

    _getters = {"script": lambda s: s.expr.script, "haswildcardcharacters": lambda s: s.expr.has_wildcard}


class PSPropertyExpressionResult(NetObject):
    __slots__ = ("result", "resolved", "exception")
    type_names = [RESULT_NAME, "System.Object"]
    ps_properties = ("Result", "ResolvedExpression", "Exception")

    def __init__(self, result: Any, resolved: Any, exception: Any):
        self.result, self.resolved, self.exception = result, resolved, exception

    def ps_to_string(self) -> str:
        return RESULT_NAME

    _getters = {"result": lambda s: s.result, "resolvedexpression": lambda s: s.resolved,
                "exception": lambda s: s.exception}


def _prop_expr(spec: Any, resolved: bool = False):
    from pslark.runtime.cmdlets.objects import PropExpr
    return PropExpr(spec, resolved)


def _ctor(args: list) -> PSPropertyExpressionValue:
    from pslark.runtime.scriptblock import ScriptBlock
    first = unwrap(args[0]) if args else None
    if isinstance(first, ScriptBlock):
        return PSPropertyExpressionValue(_prop_expr(first))
    if first is None:
        from pslark.runtime.errors import ArgumentNullException
        raise ArgumentNullException("Value cannot be null. (Parameter 's')")
    return PSPropertyExpressionValue(_prop_expr(C.to_string(first), len(args) > 1 and a_bool(args, 1, "isResolved")))


_ctor.definitions = (f"{FULL_NAME} new(string s)", f"{FULL_NAME} new(string s, bool isResolved)",
                     f"{FULL_NAME} new(scriptblock scriptBlock)")


def _get_values(pe: PSPropertyExpressionValue, args: list) -> list:
    from pslark.runtime.objects import PSList
    eat = a_bool(args, 2, "eatExceptions") if len(args) > 2 else True
    out = PSList(type_name=f"System.Collections.Generic.List`1[[{RESULT_NAME}, System.Management.Automation, "
                           "Version=7.4.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]")
    for value, resolved, exc in pe.expr.get_values(args[0] if args else None, eat_exceptions=eat):
        out.append(PSPropertyExpressionResult(value, PSPropertyExpressionValue(resolved), exc))
    return out


def _resolve_names(pe: PSPropertyExpressionValue, args: list) -> list:
    from pslark.runtime.objects import PSList
    names = pe.expr.resolve_names(args[0] if args else None)
    return PSList([PSPropertyExpressionValue(n) for n in names],
                  type_name=f"System.Collections.Generic.List`1[[{FULL_NAME}, System.Management.Automation, "
                            "Version=7.4.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]")


PSPropertyExpressionValue.net_methods = _methods(
    NetMethod("GetValues", (f"System.Collections.Generic.List[{RESULT_NAME}] GetValues(psobject target)",
                            f"System.Collections.Generic.List[{RESULT_NAME}] GetValues(psobject target, "
                            "bool expand, bool eatExceptions)"), _get_values),
    NetMethod("ResolveNames", (f"System.Collections.Generic.List[{FULL_NAME}] ResolveNames(psobject target)",),
              _resolve_names),
    NetMethod("ToString", ("string ToString()",), lambda s, a: s.ps_to_string()),
)
PSPropertyExpressionResult.net_methods = _methods(
    NetMethod("ToString", ("string ToString()",), lambda s, a: RESULT_NAME),
)


def make_type() -> PSType:
    return PSType(FULL_NAME, check=lambda v: isinstance(v, PSPropertyExpressionValue), ctor=_ctor, assembly=SMA)


def make_result_type() -> PSType:
    return PSType(RESULT_NAME, check=lambda v: isinstance(v, PSPropertyExpressionResult), assembly=SMA)
