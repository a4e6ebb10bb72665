"""ForEach-Object and Where-Object: the script-block pipeline cmdlets (their blocks run in the caller's scope)."""
from __future__ import annotations

from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import PSException, RuntimeException
from pslark.runtime.objects import AUTOMATION_NULL
from pslark.runtime.scriptblock import ScriptBlock


def block_runner(ctx, sb: ScriptBlock):
    """run(item, out) for a script block invoked per item in the caller's scope ($_ = item)."""
    engine = ctx.engine
    fast = engine.dot_runner(sb)
    if fast is not None:
        return lambda item, out: fast(ctx, item, out)

    def slow(item, out):
        for result in sb.invoke_with([], None, item, item, False):
            out(result)
    return slow


class _DollarUnderGuard:
    """Restores the caller's $_ after the cmdlet has finished."""

    def __init__(self, ctx):
        self.scope = ctx.session.current
        var = self.scope.variables.get("_")
        self.had = var is not None
        self.value = var.value if var is not None else None

    def restore(self, ctx):
        scope = self.scope
        if self.had:
            scope.variables["_"].value = self.value
            if "psitem" in scope.variables:
                scope.variables["psitem"].value = self.value
        else:
            scope.variables.pop("_", None)
            scope.variables.pop("psitem", None)


@cmdlet("ForEach-Object", aliases=("%", "foreach"), default_set="ScriptBlockSet",
        module="Microsoft.PowerShell.Core")
class ForEachObject(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    begin = Parameter("scriptblock", sets=("ScriptBlockSet",))
    process = Parameter("scriptblock[]", position=0, mandatory=True, sets=("ScriptBlockSet",))
    end = Parameter("scriptblock", sets=("ScriptBlockSet",))
    remaining_scripts = Parameter("scriptblock[]", remaining=True, sets=("ScriptBlockSet",))
    member_name = Parameter("string", position=0, mandatory=True, sets=("PropertyAndMethodSet",))
    argument_list = Parameter("object[]", aliases=("Args",), sets=("PropertyAndMethodSet",))

    def begin_processing(self):
        ctx = self.ctx
        self.guard = _DollarUnderGuard(ctx)
        if self.parameter_set == "PropertyAndMethodSet":
            return
        blocks = list(self.process or []) + list(self.remaining_scripts or [])
        begin = self.begin
        end = self.end
        if not self.is_bound("Begin") and not self.is_bound("End") and len(blocks) > 1:
            # pwsh: two positional blocks are begin + process; more are begin, process..., end
            begin = blocks[0]
            if len(blocks) > 2:
                end = blocks[-1]
                blocks = blocks[1:-1]
            else:
                blocks = blocks[1:]
        self.runners = [block_runner(ctx, sb) for sb in blocks]
        self.end_block = end
        if begin is not None:
            block_runner(ctx, begin)(None, self.emit)

    def process_record(self):
        item = self.input_object
        if item is AUTOMATION_NULL:
            item = None
        if self.parameter_set == "PropertyAndMethodSet":
            self._member(item)
            return
        emit = self.emit
        for run in self.runners:
            run(item, emit)

    def end_processing(self):
        if self.parameter_set != "PropertyAndMethodSet" and self.end_block is not None:
            block_runner(self.ctx, self.end_block)(None, self.emit)
        self.guard.restore(self.ctx)

    def _member(self, item: Any):
        from pslark.runtime import members
        name = self.member_name
        if item is None:
            return
        args = list(self.argument_list or [])
        if not args and _has_property(item, name):
            value = members.get_member(item, name)
            if isinstance(value, list):
                for v in value:
                    self.write_object(v)
            else:
                self.write_object(value)
            return
        try:
            result = members.invoke_method(item, name, args)
        except PSException as exc:
            if exc.error_id == "MethodNotFound" or "does not contain a method" in exc.message:
                self.write_error(f'Input name "{name}" cannot be resolved to a method.', "MethodNotFound",
                                 "InvalidArgument", item)
                return
            raise
        if result is not None and result is not AUTOMATION_NULL:
            if isinstance(result, list):
                for v in result:
                    self.write_object(v)
            else:
                self.write_object(result)


def _has_property(item, name: str) -> bool:
    from pslark.runtime import members
    try:
        return any(n.casefold() == name.casefold() for n in members.property_names(item))
    except PSException:
        return False


_OPERATORS = {
    # switch name: (operator for binary(), set name)
    "EQ": "-eq", "CEQ": "-ceq", "NE": "-ne", "CNE": "-cne", "GT": "-gt", "CGT": "-cgt", "LT": "-lt", "CLT": "-clt",
    "GE": "-ge", "CGE": "-cge", "LE": "-le", "CLE": "-cle", "Like": "-like", "CLike": "-clike",
    "NotLike": "-notlike", "CNotLike": "-cnotlike", "Match": "-match", "CMatch": "-cmatch",
    "NotMatch": "-notmatch", "CNotMatch": "-cnotmatch", "Contains": "-contains", "CContains": "-ccontains",
    "NotContains": "-notcontains", "CNotContains": "-cnotcontains", "In": "-in", "CIn": "-cin",
    "NotIn": "-notin", "CNotIn": "-cnotin", "Is": "-is", "IsNot": "-isnot",
}
_SET_NAMES = {
    "EQ": "EqualSet", "CEQ": "CaseSensitiveEqualSet", "NE": "NotEqualSet", "CNE": "CaseSensitiveNotEqualSet",
    "GT": "GreaterThanSet", "CGT": "CaseSensitiveGreaterThanSet", "LT": "LessThanSet",
    "CLT": "CaseSensitiveLessThanSet", "GE": "GreaterOrEqualSet", "CGE": "CaseSensitiveGreaterOrEqualSet",
    "LE": "LessOrEqualSet", "CLE": "CaseSensitiveLessOrEqualSet", "Like": "LikeSet",
    "CLike": "CaseSensitiveLikeSet", "NotLike": "NotLikeSet", "CNotLike": "CaseSensitiveNotLikeSet",
    "Match": "MatchSet", "CMatch": "CaseSensitiveMatchSet", "NotMatch": "NotMatchSet",
    "CNotMatch": "CaseSensitiveNotMatchSet", "Contains": "ContainsSet", "CContains": "CaseSensitiveContainsSet",
    "NotContains": "NotContainsSet", "CNotContains": "CaseSensitiveNotContainsSet", "In": "InSet",
    "CIn": "CaseSensitiveInSet", "NotIn": "NotInSet", "CNotIn": "CaseSensitiveNotInSet", "Is": "IsSet",
    "IsNot": "IsNotSet", "Not": "NotSet",
}
_ALIASES = {"EQ": ("IEQ",), "NE": ("INE",), "GT": ("IGT",), "LT": ("ILT",), "GE": ("IGE",), "LE": ("ILE",),
            "Like": ("ILike",), "NotLike": ("INotLike",), "Match": ("IMatch",), "NotMatch": ("INotMatch",),
            "Contains": ("IContains",), "NotContains": ("INotContains",), "In": ("IIn",), "NotIn": ("INotIn",)}
_PROPERTY_SETS = tuple(_SET_NAMES.values())


def _where_class():
    attrs = {
        "input_object": Parameter("psobject", pipeline=True),
        "filter_script": Parameter("scriptblock", position=0, mandatory=True, sets=("ScriptBlockSet",)),
        "property": Parameter("string", position=0, mandatory=True, sets=_PROPERTY_SETS),
        "value": Parameter("object", position=1, sets=tuple(s for s in _PROPERTY_SETS if s != "NotSet")),
    }
    for name, set_name in _SET_NAMES.items():
        attrs["op_" + name.casefold()] = Parameter(
            "switch", name=name, mandatory=name != "EQ", sets=(set_name,), aliases=_ALIASES.get(name, ()))
    return attrs


class WhereObjectBase(Cmdlet):
    def begin_processing(self):
        self.guard = _DollarUnderGuard(self.ctx)
        if self.parameter_set == "ScriptBlockSet":
            self.runner = block_runner(self.ctx, self.filter_script)
        else:
            self.operator = None
            for name, op in _OPERATORS.items():
                if self.is_bound(name):
                    self.operator = op
            self.negate = self.is_bound("Not")

    def process_record(self):
        from pslark.runtime.conversion import to_bool
        item = self.input_object
        if item is AUTOMATION_NULL:
            return
        if self.parameter_set == "ScriptBlockSet":
            results: list = []
            self.runner(item, results.append)
            if results and (to_bool(results[0]) if len(results) == 1 else to_bool(results)):
                self.write_object(item)
            return
        from pslark.runtime import members, operators
        if item is None:
            return
        value = members.get_member(item, self.property) if _has_property(item, self.property) else None
        if self.operator is None:
            ok = to_bool(value)
            if self.negate:
                ok = not ok
        else:
            op = self.operator
            if op in ("-in", "-cin", "-notin", "-cnotin"):
                ok = to_bool(operators.binary(op, value, self.value))
            elif op in ("-contains", "-ccontains", "-notcontains", "-cnotcontains"):
                ok = to_bool(operators.binary(op, value, self.value))
            else:
                ok = to_bool(operators.binary(op, value, self.value, None))
        if ok:
            self.write_object(item)

    def end_processing(self):
        self.guard.restore(self.ctx)


WhereObject = cmdlet("Where-Object", aliases=("?", "where"), default_set="EqualSet",
                     module="Microsoft.PowerShell.Core")(type("WhereObject", (WhereObjectBase,), _where_class()))
