"""Assignment (`= += -= *= /= %= ??=`, typed, multiple) and `++`/`--`."""
from __future__ import annotations

from typing import Any, Callable

from pslark.interpreter import ast as A
from pslark.interpreter.values import to_null
from pslark.runtime.errors import RuntimeException
from pslark.runtime.objects import AUTOMATION_NULL, enumerate_value

_COMPOUND = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "%=": "%"}


def _invalid_target(node) -> RuntimeException:
    return RuntimeException("The assignment expression is not valid. The input to an assignment operator must be an "
                            "object that is able to accept assignments, such as a variable or a property.",
                            error_id="InvalidLeftHandSide", category="ParserError")


def target_accessors(compiler, target) -> tuple[Callable[[Any], Any], Callable[[Any, Any], None]]:
    """(getter(ctx), setter(ctx, value)) for an assignable expression."""
    from pslark.runtime import members
    if isinstance(target, A.VariableExpr):
        from pslark.interpreter.variables import variable_getter, variable_setter
        return variable_getter(target), variable_setter(target)
    if isinstance(target, A.ConvertExpr) and isinstance(target.operand, A.VariableExpr):
        return _typed_variable(compiler, target)
    if isinstance(target, A.AttributedExpr):
        return target_accessors(compiler, target.operand)
    if isinstance(target, A.MemberExpr):
        obj = compiler.compile_expr(target.obj)
        name = target.member
        name_fn = (lambda ctx: name) if isinstance(name, str) else _member_name(compiler, name)
        if target.static:
            def get_static(ctx):
                return obj(ctx).get_static(name_fn(ctx))

            def set_static(ctx, value):
                obj(ctx).set_static(name_fn(ctx), value)
            return get_static, set_static

        def get_member(ctx):
            return members.get_member(to_null(obj(ctx)), name_fn(ctx))

        def set_member(ctx, value):
            target_obj = to_null(obj(ctx))
            if target_obj is None:
                raise RuntimeException("The property '" + str(name_fn(ctx)) + "' cannot be found on this object. "
                                       "Verify that the property exists and can be set.",
                                       error_id="PropertyNotFound", category="InvalidOperation")
            members.set_member(target_obj, name_fn(ctx), value)
        return get_member, set_member
    if isinstance(target, A.IndexExpr):
        obj = compiler.compile_expr(target.obj)
        index = compiler.compile_expr(target.index)

        def get_index(ctx):
            return members.get_index(to_null(obj(ctx)), to_null(index(ctx)))

        def set_index(ctx, value):
            target_obj = to_null(obj(ctx))
            if target_obj is None:
                raise RuntimeException("Cannot index into a null array.", error_id="NullArray",
                                       category="InvalidOperation")
            members.set_index(target_obj, to_null(index(ctx)), value)
        return get_index, set_index
    if isinstance(target, A.ParenExpr):
        inner = target.pipeline
        if isinstance(inner, A.PipelineAst) and len(inner.elements) == 1 and \
                isinstance(inner.elements[0], A.CommandExpressionAst):
            return target_accessors(compiler, inner.elements[0].expression)
    raise _invalid_target(target)


def _member_name(compiler, name_node):
    fn = compiler.compile_expr(name_node)
    from pslark.runtime.conversion import to_string
    return lambda ctx: to_string(to_null(fn(ctx)))


def _typed_variable(compiler, target: A.ConvertExpr):
    from pslark.interpreter.compiler import resolve_type_or_fail
    from pslark.interpreter.variables import variable_getter
    from pslark.runtime.session import convert_to_constraint, split_scope
    var_node = target.operand
    getter = variable_getter(var_node)
    type_name = target.type_name
    prefix, plain = split_scope(var_node.name)

    def set_typed(ctx, value):
        t = resolve_type_or_fail(type_name)
        session = ctx.session
        scope = session.scope_for(prefix) if prefix in ("global", "script") else session.current
        var = scope.variables.get(plain.casefold())
        converted = convert_to_constraint(t, None if value is AUTOMATION_NULL else value)
        if var is None:
            session.new_variable(plain, converted, scope, type_constraint=t)
        else:
            var.type_constraint = t
            var.value = converted
    return getter, set_typed


def compile_assignment(compiler, node: A.AssignmentAst) -> Callable[[Any], Any]:
    op = node.operator
    value_fn = compiler.compile_value_statement(node.value)
    target = node.target
    extent = node.extent
    from pslark.interpreter.compiler import guarded
    if isinstance(target, A.ArrayLiteralExpr):
        if op != "=":
            raise _invalid_target(target)
        setters = [target_accessors(compiler, t)[1] for t in target.elements]
        count = len(setters)

        def assign_many(ctx):
            value = to_null(value_fn(ctx))
            items = list(enumerate_value(value)) if isinstance(value, list) else [value]
            assigned = []           # the statement's own value: what each target received ($v = $a, $b = ...)
            for i, setter in enumerate(setters):
                if i < count - 1:
                    part = items[i] if i < len(items) else None
                else:
                    rest = items[i:]
                    part = rest[0] if len(rest) == 1 else (rest if rest else None)
                setter(ctx, part)
                assigned.append(part)
            return assigned
        return guarded(assign_many, extent)
    getter, setter = target_accessors(compiler, target)
    # `$x = <command with no output>`: like pwsh, the variable holds AutomationNull (`@($x).Count` is 0 and
    # `$x | ForEach-Object` runs nothing), which still compares and converts as $null
    keeps_nothing = isinstance(target, A.VariableExpr)
    typed = isinstance(target, A.ConvertExpr)
    if op == "=":
        def assign(ctx):
            value = value_fn(ctx)
            if value is AUTOMATION_NULL and not keeps_nothing:
                value = None
            setter(ctx, value)
            if typed:
                return getter(ctx)      # `([bool]$v = 42)` is the converted value, $true
            return value
        return guarded(assign, extent)
    if op == "??=":
        def assign_coalesce(ctx):
            current = to_null(getter(ctx))
            if current is None:
                current = to_null(value_fn(ctx))
                setter(ctx, current)
            return current
        return guarded(assign_coalesce, extent)
    from pslark.runtime.operators import binary
    bop = _COMPOUND[op]

    def assign_compound(ctx):
        current = getter(ctx)
        value = to_null(value_fn(ctx))
        if bop == "+" and type(current) is int and type(value) is int:
            r = current + value
            result = r if -2147483648 <= r <= 2147483647 else binary("+", current, value)
        else:
            result = binary(bop, to_null(current), value)
        setter(ctx, result)
        return result
    return guarded(assign_compound, extent)


def compile_increment(compiler, target, op: str, prefix: bool, extent) -> Callable[[Any], Any]:
    from pslark.interpreter.compiler import guarded
    from pslark.runtime.operators import binary
    getter, setter = target_accessors(compiler, target)
    delta = 1 if op == "++" else -1

    def run(ctx):
        old = to_null(getter(ctx))
        if old is None:
            old = 0
        if type(old) is int:
            new = old + delta
            if not -2147483648 <= new <= 2147483647:
                new = binary("+", old, delta)
        else:
            new = binary("+", old, delta)
        setter(ctx, new)
        return new if prefix else old
    return guarded(run, extent)
