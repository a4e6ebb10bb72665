"""Member access, method calls and indexing (`.Prop`, `::Static`, `?.`, `.M()`, `[i]`)."""
from __future__ import annotations

from typing import Any, Callable

from pslark.interpreter import ast as A
from pslark.interpreter.values import to_null
from pslark.runtime.errors import RuntimeException


def _name_fn(compiler, member) -> Callable[[Any], str]:
    if isinstance(member, str):
        return lambda ctx: member
    fn = compiler.compile_expr(member)
    from pslark.runtime.conversion import to_string
    return lambda ctx: to_string(to_null(fn(ctx)))


def compile_member(compiler, node: A.MemberExpr):
    from pslark.interpreter.compiler import guarded
    from pslark.runtime import members
    obj = compiler.compile_expr(node.obj)
    name = _name_fn(compiler, node.member)
    get_member = members.get_member
    if node.static:
        def run_static(ctx):
            target = obj(ctx)
            getter = getattr(target, "get_static", None)
            if getter is None:
                return members.get_static_member(to_null(target), name(ctx))
            return getter(name(ctx))
        return guarded(run_static, node.extent)
    null_conditional = node.null_conditional

    def run(ctx):
        target = to_null(obj(ctx))
        if target is None:
            if null_conditional:
                return None
            if ctx.strict_mode >= 2:
                raise RuntimeException(
                    f"The property '{name(ctx)}' cannot be found on this object. Verify that the property exists.",
                    error_id="PropertyNotFoundStrict", category="InvalidOperation")
            return get_member(None, name(ctx))      # $null.Count is 0, anything else $null
        return get_member(target, name(ctx))
    return guarded(run, node.extent)


def compile_invoke(compiler, node: A.InvokeMemberExpr):
    from pslark.interpreter.compiler import guarded
    from pslark.runtime import members
    obj = compiler.compile_expr(node.obj)
    name = _name_fn(compiler, node.member)
    args = [compiler.compile_expr(a) for a in node.arguments]
    invoke_method = members.invoke_method
    if node.static:
        def run_static(ctx):
            target = obj(ctx)
            values = [to_null(a(ctx)) for a in args]
            method = name(ctx)
            if method.casefold() == "new" and hasattr(target, "new"):
                return target.new(values)
            invoker = getattr(target, "invoke_static", None)
            if invoker is None:
                return members.invoke_static_member(to_null(target), method, values)
            return invoker(method, values)
        return guarded(run_static, node.extent)
    null_conditional = node.null_conditional
    if _cast_to_object(node.obj):
        invoke_method = _invoke_as_object

    def run(ctx):
        target = to_null(obj(ctx))
        if target is None:
            if null_conditional:
                return None
            raise RuntimeException("You cannot call a method on a null-valued expression.",
                                   error_id="InvokeMethodOnNull", category="InvalidOperation")
        return invoke_method(target, name(ctx), [to_null(a(ctx)) for a in args])
    return guarded(run, node.extent)


def _cast_to_object(node) -> bool:
    """`([object]$x).Method()`: the conversion syntax calls System.Object's own method, not the override."""
    if isinstance(node, A.ParenExpr) and isinstance(node.pipeline, A.PipelineAst) and \
            len(node.pipeline.elements) == 1 and isinstance(node.pipeline.elements[0], A.CommandExpressionAst):
        node = node.pipeline.elements[0].expression
    return isinstance(node, A.ConvertExpr) and not node.type_name.array_rank and \
        node.type_name.name.casefold() in ("object", "system.object")


def _invoke_as_object(target, method: str, args: list):
    from pslark.runtime import members
    from pslark.runtime.objects import PSObject
    key = method.casefold()
    if not isinstance(target, PSObject):
        if key == "tostring" and not args:
            return members.type_names(target)[0]        # Object.ToString(): the type's full name
        if key == "equals" and len(args) == 1:
            return target is args[0]                    # Object.Equals: the same instance
    return members.invoke_method(target, method, args)


def compile_index(compiler, node: A.IndexExpr):
    from pslark.interpreter.compiler import guarded
    from pslark.runtime import members
    obj = compiler.compile_expr(node.obj)
    index = compiler.compile_expr(node.index)
    get_index = members.get_index
    null_conditional = node.null_conditional

    def run(ctx):
        target = to_null(obj(ctx))
        if target is None:
            if null_conditional:
                return None
            raise RuntimeException("Cannot index into a null array.", error_id="NullArray",
                                   category="InvalidOperation")
        i = to_null(index(ctx))
        if type(target) is list and type(i) is int:
            try:
                return target[i]
            except IndexError:
                return None
        return get_index(target, i)
    return guarded(run, node.extent)
