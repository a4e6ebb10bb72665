"""AST -> Python closures (each node compiled once, then called many times).

Expressions compile to `fn(ctx) -> value`; statements to `fn(ctx, out) -> None`, where `out` is the
pipeline sink. `ctx` is the Runspace. Nothing here walks the tree at run time.
"""
from __future__ import annotations

import copy
import os
from typing import Any, Callable, Optional

from pslark.interpreter import ast as A
from pslark.interpreter.values import collapse, emit_value, to_null
from pslark.runtime import errors as E
from pslark.runtime.errors import (
    BreakSignal, ContinueSignal, ErrorRecord, ExitSignal, FlowSignal, InvocationInfo, PSException, ReturnSignal,
    RuntimeException,
)
from pslark.runtime.objects import (
    AUTOMATION_NULL, Hashtable, OrderedDictionary, PSList, PSObject, enumerate_value,
)
from pslark.runtime.scriptblock import ScriptBlock

Expr = Callable[[Any], Any]
Stmt = Callable[[Any, Callable[[Any], None]], None]

_ops = None
_conv = None
_members = None
_types = None


def _lazy():
    global _ops, _conv, _members, _types
    if _ops is None:
        from pslark.runtime import conversion, members, operators, types
        _ops, _conv, _members, _types = operators, conversion, members, types


# ------------------------------------------------------------------------------------------------
# errors raised while evaluating: attach the position of the failing expression

def attach_extent(exc: BaseException, extent) -> BaseException:
    """Give an exception (or a Python error from a bug) an ErrorRecord positioned at `extent`."""
    if isinstance(exc, PSException):
        if exc.error_record is None:
            rec = ErrorRecord(exc, invocation_info=InvocationInfo(None, extent))
            if not isinstance(exc, RuntimeException) or type(exc) is E.ScriptCallDepthException:
                rec.category_reason = "RuntimeException" if not isinstance(exc, RuntimeException) \
                    else rec.category_reason
                if not isinstance(exc, RuntimeException):
                    rec.fully_qualified_error_id = exc.error_id or "RuntimeException"
                if isinstance(exc, E.PSInvalidCastException) and not exc.was_thrown:
                    # pwsh's ConvertToRuntimeException: a .NET exception leaving script code (here a failed
                    # conversion's PSInvalidCastException) is wrapped in a RuntimeException that keeps it as
                    # InnerException; $_.Exception is the wrapper, the error id and category stay the inner one's
                    wrapper = RuntimeException(exc.message, error_id=rec.fully_qualified_error_id,
                                               category=rec.category, inner=exc)
                    wrapper.error_record = rec
                    own = copy.copy(rec)           # the inner exception's own ErrorRecord (its error id stays put
                    exc.own_error_record = own     # when a cmdlet qualifies the escaping record's id)
                    rec.exception = wrapper
        elif exc.error_record.invocation_info is None:
            exc.error_record.invocation_info = InvocationInfo(None, extent)
        elif exc.error_record.invocation_info.extent is None:
            exc.error_record.invocation_info.extent = extent
        return exc
    return exc


def internal_error(exc: Exception, extent) -> PSException:
    """A Python exception that is a pslark bug: report it as a RuntimeException instead of a traceback."""
    if os.environ.get("PSLARK_DEBUG"):
        import traceback
        traceback.print_exc()
    if isinstance(exc, RecursionError):
        new = E.ScriptCallDepthException("The script failed due to call depth overflow.",
                                         error_id="CallDepthOverflow", category="InvalidOperation")
    elif isinstance(exc, ZeroDivisionError):
        new = E.DivideByZeroException("Attempted to divide by zero.", error_id="RuntimeException")
    else:
        new = RuntimeException(f"pslark internal error: {type(exc).__name__}: {exc}", error_id="PslarkInternalError")
    return attach_extent(new, extent)


def guarded(fn: Expr, extent) -> Expr:
    """Wrap an expression closure so that failures carry this node's position."""

    def run(ctx):
        try:
            return fn(ctx)
        except PSException as exc:
            raise attach_extent(exc, extent)
        except (FlowSignal, KeyboardInterrupt):
            raise
        except Exception as exc:   # a bug or an unmapped Python error: never a traceback
            raise internal_error(exc, extent) from None
    return run


# ------------------------------------------------------------------------------------------------
# compiled script blocks

class ScriptParameter:
    """A parameter declared in param() (or function f($a)): metadata + its default-value closure."""

    __slots__ = ("meta", "default", "type_constraint", "attributes", "name")

    def __init__(self, meta, default: Optional[Expr], type_constraint, attributes):
        self.meta = meta
        self.name = meta.name
        self.default = default
        self.type_constraint = type_constraint
        self.attributes = attributes


class CompiledBlock:
    """A script block's compiled parts."""

    __slots__ = ("ast", "params", "is_advanced", "begin", "process", "end", "clean", "dynamicparam", "metadata",
                 "has_param_block", "cmdlet_binding", "supports_should_process", "confirm_impact", "help")

    def __init__(self, ast: A.ScriptBlockAst):
        self.ast = ast
        self.params: list[ScriptParameter] = []
        self.is_advanced = False
        self.begin = self.process = self.end = self.clean = self.dynamicparam = None
        self.metadata = None
        self.has_param_block = ast.param_block is not None
        self.cmdlet_binding = False
        self.supports_should_process = False
        self.confirm_impact = "Medium"          # [CmdletBinding(ConfirmImpact = ...)]
        self.help = None


_block_cache: dict = {}


def compile_script_block(ast: A.ScriptBlockAst, extra_params: tuple = ()) -> CompiledBlock:
    key = (ast, extra_params) if extra_params else ast
    cb = _block_cache.get(key)
    if cb is not None:
        return cb
    _lazy()
    cb = CompiledBlock(ast)
    c = Compiler()
    params = list(extra_params)
    attrs = ()
    if ast.param_block is not None:
        params = list(ast.param_block.parameters) + params
        attrs = ast.param_block.attributes
    for a in attrs:
        if isinstance(a, A.AttributeAst):
            name = a.type_name.name.casefold()
            if name in ("cmdletbinding", "system.management.automation.cmdletbindingattribute"):
                cb.cmdlet_binding = True
                cb.is_advanced = True
                for key_name, val in a.named:
                    if key_name.casefold() == "supportsshouldprocess":
                        cb.supports_should_process = True
                    elif key_name.casefold() == "confirmimpact":
                        cb.confirm_impact = str(getattr(val, "value", "Medium"))
    cb.params = [c.compile_parameter(p) for p in params]
    if any(getattr(p.meta, "_has_parameter_attr", False) for p in cb.params):
        cb.is_advanced = True
    for kind in ("begin", "process", "end", "clean"):
        nb = getattr(ast, kind)
        if nb is not None:
            setattr(cb, kind, c.compile_statement_list(nb.body))
    if ast.dynamicparam is not None:
        cb.dynamicparam = c.compile_statement_list(ast.dynamicparam.body)
    _block_cache[key] = cb
    return cb


# ------------------------------------------------------------------------------------------------

class LoopControl:
    """Matches break/continue labels against a loop's label."""

    @staticmethod
    def matches(signal_label: Optional[str], loop_label: Optional[str]) -> bool:
        if signal_label is None:
            return True
        return loop_label is not None and signal_label.casefold() == loop_label.casefold()


def run_loop_body(body: Stmt, ctx, out, label: Optional[str]) -> bool:
    """One iteration of a loop body; False when a `break` for this loop ended it (other labels propagate)."""
    try:
        body(ctx, out)
    except BreakSignal as b:
        if LoopControl.matches(b.label, label):
            return False
        raise
    except ContinueSignal as c:
        if not LoopControl.matches(c.label, label):
            raise
    return True


class Compiler:
    """Compiles AST nodes to closures."""

    def __init__(self):
        _lazy()

    # ---------------------------------------------------------------- statements
    def compile_statement_list(self, sl: A.StatementListAst) -> Stmt:
        stmts = [self.compile_statement(s) for s in sl.statements if not isinstance(s, A.TrapAst)]
        extents = [s.extent for s in sl.statements if not isinstance(s, A.TrapAst)]
        traps = list(sl.traps) + [s for s in sl.statements if isinstance(s, A.TrapAst)]
        compiled_traps = [(t.type_name, self.compile_statement_list(t.body)) for t in traps]
        from pslark.interpreter.errorflow import handle_statement_error

        if not compiled_traps and len(stmts) == 1:
            only = stmts[0]
            only_extent = extents[0]

            def run_one(ctx, out):
                try:
                    only(ctx, out)
                except PSException as exc:
                    handle_statement_error(ctx, exc, only_extent, (), out)
                except (FlowSignal, KeyboardInterrupt):
                    raise
                except Exception as exc:
                    handle_statement_error(ctx, internal_error(exc, only_extent), only_extent, (), out)
            return run_one

        def run(ctx, out):
            for i, stmt in enumerate(stmts):
                try:
                    stmt(ctx, out)
                except PSException as exc:
                    handle_statement_error(ctx, exc, extents[i], compiled_traps, out)
                except (FlowSignal, KeyboardInterrupt):
                    raise
                except Exception as exc:
                    handle_statement_error(ctx, internal_error(exc, extents[i]), extents[i], compiled_traps, out)
        if not compiled_traps:
            return run

        def run_with_traps(ctx, out):
            ctx.trap_depth += 1
            try:
                run(ctx, out)
            finally:
                ctx.trap_depth -= 1
        return run_with_traps

    def compile_statement(self, node) -> Stmt:
        method = getattr(self, "stmt_" + type(node).__name__, None)
        if method is None:
            raise E.ParseException([E.ParseError(node.extent, "NotSupportedByPslark",
                                                 f"'{type(node).__name__}' is not supported by pslark.")])
        return method(node)

    def stmt_PipelineAst(self, node: A.PipelineAst) -> Stmt:
        if node.background:
            from pslark.interpreter.background import compile_background
            return compile_background(self, node)
        elements = node.elements
        if len(elements) == 1 and isinstance(elements[0], A.CommandExpressionAst) and not elements[0].redirections:
            expr_node = elements[0].expression
            if isinstance(expr_node, (A.PostfixExpr,)) or (
                    isinstance(expr_node, A.UnaryExpr) and expr_node.operator in ("++", "--")):
                fn = self.compile_expr(expr_node)

                def run_incr(ctx, out):
                    ctx.last_command_failed = False
                    fn(ctx)
                    _set_success(ctx)
                return run_incr
            if isinstance(expr_node, A.ConvertExpr) and expr_node.type_name.name.casefold() in ("void",
                                                                                                "system.void"):
                fn = self.compile_expr(expr_node.operand)

                def run_void(ctx, out):
                    ctx.last_command_failed = False
                    fn(ctx)
                    _set_success(ctx)
                return run_void
            fn = self.compile_expr(expr_node)

            def run_expr(ctx, out):
                ctx.last_command_failed = False
                emit_value(fn(ctx), out)
                _set_success(ctx)
            return run_expr
        from pslark.interpreter.commands import compile_pipeline
        return compile_pipeline(self, node)

    def stmt_PipelineChainAst(self, node: A.PipelineChainAst) -> Stmt:
        if node.background:
            from pslark.interpreter.background import compile_background
            return compile_background(self, node)
        left = self.compile_statement(node.left)
        right = self.compile_statement(node.right)
        is_and = node.operator == "&&"

        def run(ctx, out):
            left(ctx, out)
            ok = _success(ctx)
            if ok == is_and:
                right(ctx, out)
        return run

    def stmt_AssignmentAst(self, node: A.AssignmentAst) -> Stmt:
        assign = self.compile_assignment(node)

        def run(ctx, out):
            ctx.last_command_failed = False
            assign(ctx)
            _set_success(ctx)
        return run

    def compile_value_statement(self, node) -> Expr:
        """A statement used as a value (right side of `=`, hashtable values): expressions stay as they are,
        everything else is run and its output collected."""
        if isinstance(node, A.PipelineAst) and len(node.elements) == 1 and not node.background and \
                isinstance(node.elements[0], A.CommandExpressionAst) and not node.elements[0].redirections:
            return self.compile_expr(node.elements[0].expression)
        if isinstance(node, A.AssignmentAst):
            return self.compile_assignment(node)
        stmt = self.compile_statement(node)

        def run(ctx):
            items: list = []
            stmt(ctx, items.append)
            return collapse(items)
        return run

    def stmt_IfAst(self, node: A.IfAst) -> Stmt:
        clauses = [(self.compile_condition(cond), self.compile_statement_list(body)) for cond, body in node.clauses]
        else_body = self.compile_statement_list(node.else_body) if node.else_body is not None else None
        to_bool = _conv.to_bool

        def run(ctx, out):
            for cond, body in clauses:
                if to_bool(cond(ctx)):
                    body(ctx, out)
                    return
            if else_body is not None:
                else_body(ctx, out)
        return run

    def compile_condition(self, node) -> Expr:
        """An if/while/for condition: a pipeline whose collected output is tested."""
        return self.compile_value_statement(node)

    def stmt_WhileAst(self, node: A.WhileAst) -> Stmt:
        cond = self.compile_condition(node.condition)
        body = self.compile_statement_list(node.body)
        label = node.label
        to_bool = _conv.to_bool

        def run(ctx, out):
            check = ctx.check_stop
            while to_bool(cond(ctx)):
                check()
                if not run_loop_body(body, ctx, out, label):
                    break
        return run

    def stmt_DoLoopAst(self, node: A.DoLoopAst) -> Stmt:
        cond = self.compile_condition(node.condition)
        body = self.compile_statement_list(node.body)
        label = node.label
        until = node.until
        to_bool = _conv.to_bool

        def run(ctx, out):
            check = ctx.check_stop
            while True:
                check()
                if not run_loop_body(body, ctx, out, label):
                    break
                if to_bool(cond(ctx)) == until:
                    break
        return run

    def stmt_ForAst(self, node: A.ForAst) -> Stmt:
        init = self.compile_value_statement(node.init) if node.init is not None else None
        cond = self.compile_condition(node.condition) if node.condition is not None else None
        it = self.compile_value_statement(node.iterator) if node.iterator is not None else None
        body = self.compile_statement_list(node.body)
        label = node.label
        to_bool = _conv.to_bool

        def run(ctx, out):
            check = ctx.check_stop
            if init is not None:
                init(ctx)
            while cond is None or to_bool(cond(ctx)):
                check()
                if not run_loop_body(body, ctx, out, label):
                    break
                if it is not None:
                    it(ctx)
        return run

    def stmt_ForEachAst(self, node: A.ForEachAst) -> Stmt:
        iterable = self.compile_value_statement(node.iterable)
        body = self.compile_statement_list(node.body)
        set_var = self.compile_variable_setter(node.variable)
        label = node.label

        def run(ctx, out):
            value = iterable(ctx)
            if value is None or value is AUTOMATION_NULL:
                return
            check = ctx.check_stop
            for item in enumerate_value(value):
                check()
                set_var(ctx, item)
                if not run_loop_body(body, ctx, out, label):
                    break
        return run

    def stmt_SwitchAst(self, node: A.SwitchAst) -> Stmt:
        from pslark.interpreter.switch import compile_switch
        return compile_switch(self, node)

    def stmt_FunctionDefinitionAst(self, node: A.FunctionDefinitionAst) -> Stmt:
        from pslark.interpreter.functions import FunctionInfo
        name = node.name
        body_ast = node.body
        extra = tuple(node.parameters)
        is_filter = node.is_filter

        def run(ctx, out):
            sb = ScriptBlock(body_ast, None, is_filter)
            sb.compiled = compile_script_block(body_ast, extra)
            ctx.session.set_function(name, FunctionInfo(_plain_name(name), sb, is_filter, node))
        return run

    def stmt_ReturnAst(self, node: A.ReturnAst) -> Stmt:
        if node.pipeline is None:
            def run_plain(ctx, out):
                raise ReturnSignal()
            return run_plain
        stmt = self.compile_statement(node.pipeline)

        def run(ctx, out):
            stmt(ctx, out)
            raise ReturnSignal()
        return run

    def stmt_ExitAst(self, node: A.ExitAst) -> Stmt:
        value = self.compile_value_statement(node.pipeline) if node.pipeline is not None else None

        def run(ctx, out):
            code = 0
            if value is not None:
                v = to_null(value(ctx))
                try:
                    code = int(_conv.to_int(v)) if v is not None else 0
                except PSException:
                    code = 0
            raise ExitSignal(code)
        return run

    def stmt_ThrowAst(self, node: A.ThrowAst) -> Stmt:
        value = self.compile_value_statement(node.pipeline) if node.pipeline is not None else None
        extent = node.extent
        rethrow = value is None and getattr(self, "catch_depth", 0) > 0

        def run(ctx, out):
            if rethrow:
                caught = ctx.__dict__.get("catch_exceptions")
                if caught:
                    raise caught[-1]   # `throw` alone in a catch block: the caught error again
            v = to_null(value(ctx)) if value is not None else None
            raise make_thrown(ctx, v, extent)
        return run

    def stmt_BreakAst(self, node: A.BreakAst) -> Stmt:
        label = self.compile_label(node.label)

        def run(ctx, out):
            raise BreakSignal(label(ctx))
        return run

    def stmt_ContinueAst(self, node: A.ContinueAst) -> Stmt:
        label = self.compile_label(node.label)

        def run(ctx, out):
            raise ContinueSignal(label(ctx))
        return run

    def compile_label(self, node) -> Expr:
        if node is None:
            return lambda ctx: None
        if isinstance(node, A.StringConstantExpr):
            text = node.value
            return lambda ctx: text
        fn = self.compile_expr(node)
        return lambda ctx: _conv.to_string(to_null(fn(ctx)))

    def stmt_TryAst(self, node: A.TryAst) -> Stmt:
        from pslark.interpreter.errorflow import compile_try
        return compile_try(self, node)

    def stmt_TrapAst(self, node: A.TrapAst) -> Stmt:
        return lambda ctx, out: None   # traps are collected by compile_statement_list

    def stmt_BlockStatementAst(self, node: A.BlockStatementAst) -> Stmt:
        return self.compile_statement_list(node.body)

    # ---------------------------------------------------------------- assignment
    def compile_assignment(self, node: A.AssignmentAst) -> Expr:
        """Returns fn(ctx) -> the assigned value (so `($x = 5)` can output it)."""
        from pslark.interpreter.assign import compile_assignment
        return compile_assignment(self, node)

    def compile_variable_setter(self, node) -> Callable[[Any, Any], None]:
        from pslark.interpreter.variables import variable_setter
        return variable_setter(node)

    # ---------------------------------------------------------------- parameters
    def compile_parameter(self, p: A.ParameterAst) -> ScriptParameter:
        from pslark.interpreter.functions import compile_parameter
        return compile_parameter(self, p)

    # ---------------------------------------------------------------- expressions
    def compile_expr(self, node) -> Expr:
        method = getattr(self, "expr_" + type(node).__name__, None)
        if method is None:
            raise E.ParseException([E.ParseError(node.extent, "NotSupportedByPslark",
                                                 f"'{type(node).__name__}' is not supported by pslark.")])
        return method(node)

    def expr_ConstantExpr(self, node: A.ConstantExpr) -> Expr:
        value = node.value
        return lambda ctx: value

    def expr_StringConstantExpr(self, node: A.StringConstantExpr) -> Expr:
        value = node.value
        return lambda ctx: value

    def expr_ExpandableStringExpr(self, node: A.ExpandableStringExpr) -> Expr:
        parts = []
        for part in node.parts:
            if isinstance(part, str):
                parts.append(part)
            else:
                parts.append(self.compile_expr(part))
        if all(isinstance(p, str) for p in parts):
            text = "".join(parts)
            return lambda ctx: text
        to_string = _conv.to_string

        def run(ctx):
            ofs = None
            pieces = []
            for p in parts:
                if isinstance(p, str):
                    pieces.append(p)
                else:
                    v = p(ctx)
                    if v is None or v is AUTOMATION_NULL:
                        continue
                    if isinstance(v, list):
                        if ofs is None:
                            ofs = _ofs(ctx)
                        pieces.append(to_string(v, ofs))
                    else:
                        pieces.append(v if type(v) is str else to_string(v))
            return "".join(pieces)
        return guarded(run, node.extent)

    def expr_VariableExpr(self, node: A.VariableExpr) -> Expr:
        from pslark.interpreter.variables import variable_getter
        return variable_getter(node)

    def expr_UsingExpr(self, node: A.UsingExpr) -> Expr:
        from pslark.interpreter.variables import using_getter
        return using_getter(node)

    def expr_TypeExpr(self, node: A.TypeExpr) -> Expr:
        type_name = node.type_name
        cache = []

        def run(ctx):
            if cache:
                return cache[0]
            t = resolve_type_or_fail(type_name)
            cache.append(t)
            return t
        return guarded(run, node.extent)

    def expr_ConvertExpr(self, node: A.ConvertExpr) -> Expr:
        name = node.type_name.name.casefold()
        operand_node = node.operand
        if isinstance(operand_node, A.HashtableExpr) and not node.type_name.array_rank:
            if name in ("ordered", "system.collections.specialized.ordereddictionary"):
                return self.compile_hashtable(operand_node, OrderedDictionary)
            if name in ("pscustomobject", "system.management.automation.pscustomobject"):
                pairs = self.compile_hashtable_pairs(operand_node)

                def make_obj(ctx):
                    obj = PSObject()
                    for k, v in pairs:
                        key = _conv.to_string(k(ctx))
                        if key.casefold() == "pstypename":   # a type name for the object, not a property
                            obj.type_names.insert(0, _conv.to_string(to_null(v(ctx))))
                            continue
                        obj.add_property(key, to_null(v(ctx)))
                    return obj
                return guarded(make_obj, node.extent)
        if name in ("ref", "system.management.automation.psreference") and isinstance(operand_node, A.VariableExpr) \
                and not node.type_name.array_rank:
            return self.compile_ref(operand_node)
        operand = self.compile_expr(operand_node)
        type_name = node.type_name
        cache = []

        def run(ctx):
            if cache:
                t = cache[0]
            else:
                t = resolve_type_or_fail(type_name)
                cache.append(t)
            value = to_null(operand(ctx))
            if isinstance(value, list) and t.full_name == "System.String":
                return _conv.to_string(value, _ofs(ctx))   # [string]$array joins with $OFS
            return t.convert(value)
        return guarded(run, node.extent)

    def compile_ref(self, node: A.VariableExpr) -> Expr:
        """`[ref]$x`: a reference to the variable itself, so `[int]::TryParse('5', [ref]$n)` sets $n."""
        from pslark.runtime.session import split_scope
        name = node.name
        prefix, plain = split_scope(name)
        if plain.casefold() in ("null", "true", "false"):
            # a constant: the reference holds a value (`[ref]$null` is a throw-away out argument)
            constant = {"null": None, "true": True, "false": False}[plain.casefold()]

            def run_constant(ctx):
                from pslark.runtime.types import PSReference
                return PSReference(constant)
            return run_constant

        def run(ctx):
            from pslark.runtime.types import PSReference
            session = ctx.session
            var = session.get_variable(name)
            if var is None:
                scope = session.scope_for(prefix) if prefix in ("global", "script") else session.current
                var = session.new_variable(plain, None, scope)
            return PSReference(variable=var)
        return guarded(run, node.extent)

    def expr_AttributedExpr(self, node: A.AttributedExpr) -> Expr:
        return self.compile_expr(node.operand)

    def expr_UnaryExpr(self, node: A.UnaryExpr) -> Expr:
        op = node.operator
        if op in ("++", "--"):
            from pslark.interpreter.assign import compile_increment
            return compile_increment(self, node.operand, op, prefix=True, extent=node.extent)
        operand = self.compile_expr(node.operand)
        if op in ("-not", "!"):
            to_bool = _conv.to_bool
            return lambda ctx: not to_bool(to_null(operand(ctx)))
        if op == ",":
            return lambda ctx: [to_null(operand(ctx))]
        unary = _ops.unary
        return guarded(lambda ctx: unary(op, to_null(operand(ctx))), node.extent)

    def expr_PostfixExpr(self, node: A.PostfixExpr) -> Expr:
        from pslark.interpreter.assign import compile_increment
        return compile_increment(self, node.operand, node.operator, prefix=False, extent=node.extent)

    def expr_BinaryExpr(self, node: A.BinaryExpr) -> Expr:
        op = node.operator
        left = self.compile_expr(node.left)
        right = self.compile_expr(node.right)
        to_bool = _conv.to_bool
        if op == "-and":
            return lambda ctx: to_bool(to_null(left(ctx))) and to_bool(to_null(right(ctx)))
        if op == "-or":
            return lambda ctx: to_bool(to_null(left(ctx))) or to_bool(to_null(right(ctx)))
        if op == "-xor":
            return lambda ctx: to_bool(to_null(left(ctx))) != to_bool(to_null(right(ctx)))
        if op == "??":
            def coalesce(ctx):
                v = to_null(left(ctx))
                return to_null(right(ctx)) if v is None else v
            return coalesce
        binary = _ops.binary
        if op in ("-match", "-imatch", "-cmatch", "-notmatch", "-inotmatch", "-cnotmatch"):
            def run_match(ctx):
                session = ctx.session
                return binary(op, to_null(left(ctx)), to_null(right(ctx)),
                              lambda m: session.set_local("Matches", m))
            return guarded(run_match, node.extent)
        if op in ("-replace", "-ireplace", "-creplace", "-split", "-isplit", "-csplit", "-f"):
            def run_with_ctx(ctx):
                return binary(op, to_null(left(ctx)), to_null(right(ctx)))
            return guarded(run_with_ctx, node.extent)
        if op == "+":
            def run_add(ctx):
                a = left(ctx)
                b = right(ctx)
                ta = type(a)
                if ta is int and type(b) is int:
                    r = a + b
                    if -2147483648 <= r <= 2147483647:
                        return r
                elif ta is str and type(b) is str:
                    return a + b
                return binary("+", to_null(a), to_null(b))
            return guarded(run_add, node.extent)
        if op == "*":
            def run_mul(ctx):
                a = left(ctx)
                b = right(ctx)
                if type(a) is int and type(b) is int:
                    r = a * b
                    if -2147483648 <= r <= 2147483647:
                        return r
                return binary("*", to_null(a), to_null(b))
            return guarded(run_mul, node.extent)
        if op == "-":
            def run_sub(ctx):
                a = left(ctx)
                b = right(ctx)
                if type(a) is int and type(b) is int:
                    r = a - b
                    if -2147483648 <= r <= 2147483647:
                        return r
                return binary("-", to_null(a), to_null(b))
            return guarded(run_sub, node.extent)
        if op in ("-eq", "-ieq", "-ne", "-ine", "-lt", "-ilt", "-le", "-ile", "-gt", "-igt", "-ge", "-ige"):
            fast = _INT_COMPARE[op.replace("-i", "-")]

            def run_cmp(ctx):
                a = left(ctx)
                b = right(ctx)
                if type(a) is int and type(b) is int:
                    return fast(a, b)
                return binary(op, to_null(a), to_null(b))
            return guarded(run_cmp, node.extent)

        def run(ctx):
            return binary(op, to_null(left(ctx)), to_null(right(ctx)))
        return guarded(run, node.extent)

    def expr_TernaryExpr(self, node: A.TernaryExpr) -> Expr:
        cond = self.compile_expr(node.condition)
        a = self.compile_expr(node.if_true)
        b = self.compile_expr(node.if_false)
        to_bool = _conv.to_bool
        return lambda ctx: a(ctx) if to_bool(to_null(cond(ctx))) else b(ctx)

    def expr_ArrayLiteralExpr(self, node: A.ArrayLiteralExpr) -> Expr:
        elements = [self.compile_expr(e) for e in node.elements]
        # an element with no value ([void]x, a void method call) stays AutomationNull: it counts, pipes skip it
        return lambda ctx: [e(ctx) for e in elements]

    def expr_ArrayExpr(self, node: A.ArrayExpr) -> Expr:
        body = self.compile_statement_list(node.body)
        statements = node.body.statements
        if len(statements) == 1 and isinstance(statements[0], A.PipelineAst) and \
                len(statements[0].elements) == 1 and isinstance(statements[0].elements[0], A.CommandExpressionAst) \
                and not statements[0].elements[0].redirections and not node.body.traps:
            inner = self.compile_expr(statements[0].elements[0].expression)

            def run_fast(ctx):
                v = inner(ctx)
                if type(v) is list:
                    return list(v)
                items: list = []
                emit_value(v, items.append)
                return items
            return run_fast

        def run(ctx):
            items: list = []
            body(ctx, items.append)
            return items
        return run

    def expr_SubExpr(self, node: A.SubExpr) -> Expr:
        if not node.body.statements and not node.body.traps:
            return lambda ctx: None         # `$()` is $null itself (piped, it is one $null item)
        body = self.compile_statement_list(node.body)

        def run(ctx):
            items: list = []
            try:
                body(ctx, items.append)
            except ReturnSignal as signal:
                # `$("1"; return "2")`: what the subexpression wrote so far still reaches the caller
                signal.pending_output = items + getattr(signal, "pending_output", [])
                raise
            return collapse(items)
        return run

    def expr_ParenExpr(self, node: A.ParenExpr) -> Expr:
        inner = node.pipeline
        if isinstance(inner, A.AssignmentAst):
            return self.compile_assignment(inner)
        return self.compile_value_statement(inner)

    def compile_hashtable_pairs(self, node: A.HashtableExpr):
        pairs = []
        for key, value in node.pairs:
            pairs.append((self.compile_expr(key), self.compile_value_statement(value)))
        return pairs

    def compile_hashtable(self, node: A.HashtableExpr, klass=Hashtable) -> Expr:
        pairs = self.compile_hashtable_pairs(node)
        extent = node.extent

        def run(ctx):
            table = klass()
            for k, v in pairs:
                key = to_null(k(ctx))
                if key in table:
                    raise RuntimeException(
                        f"Duplicate keys '{key}' are not allowed in hash literals.",
                        error_id="DuplicateKeyInHashLiteral", category="InvalidOperation")
                table[key] = to_null(v(ctx))
            return table
        return guarded(run, extent)

    def expr_HashtableExpr(self, node: A.HashtableExpr) -> Expr:
        return self.compile_hashtable(node)

    def expr_ScriptBlockExpr(self, node: A.ScriptBlockExpr) -> Expr:
        sb_ast = node.script_block

        def run(ctx):
            return ScriptBlock(sb_ast)
        return run

    def expr_MemberExpr(self, node: A.MemberExpr) -> Expr:
        from pslark.interpreter.memberaccess import compile_member
        return compile_member(self, node)

    def expr_InvokeMemberExpr(self, node: A.InvokeMemberExpr) -> Expr:
        from pslark.interpreter.memberaccess import compile_invoke
        return compile_invoke(self, node)

    def expr_IndexExpr(self, node: A.IndexExpr) -> Expr:
        from pslark.interpreter.memberaccess import compile_index
        return compile_index(self, node)


_INT_COMPARE = {
    "-eq": lambda a, b: a == b, "-ne": lambda a, b: a != b, "-lt": lambda a, b: a < b,
    "-le": lambda a, b: a <= b, "-gt": lambda a, b: a > b, "-ge": lambda a, b: a >= b,
}


def _ofs(ctx) -> str:
    var = ctx.session.lookup("OFS")
    if var is None or var.value is None:
        return " "
    return _conv.to_string(var.value)


def _set_success(ctx) -> None:
    var = ctx.session.global_scope.variables.get("?")
    if var is not None:
        var.value = not ctx.last_command_failed


def _success(ctx) -> bool:
    var = ctx.session.global_scope.variables.get("?")
    return bool(var.value) if var is not None else True


def _plain_name(name: str) -> str:
    prefix, _, rest = name.partition(":")
    if rest and prefix.casefold() in ("global", "script", "local", "private"):
        return rest
    return name


def resolve_type_or_fail(type_name: A.TypeName):
    _lazy()
    t = _types.resolve_type(type_name)
    if t is None:
        raise RuntimeException(f"Unable to find type [{type_name.full_text}].", error_id="TypeNotFound",
                               category="InvalidOperation", target=type_name.full_text)
    return t


def make_thrown(ctx, value, extent) -> PSException:
    """The exception a `throw` statement raises for a value (string, ErrorRecord, exception, object)."""
    _lazy()
    if isinstance(value, ErrorRecord):
        exc = value.exception
        exc.was_thrown = True
        exc.error_record = value        # `throw [ErrorRecord]::new($ex, 'MyId', ...)`: $_ is that record
        return exc
    if isinstance(value, PSObject) and isinstance(value.base, (PSException, ErrorRecord)):
        value = value.base
        if isinstance(value, ErrorRecord):
            return value.exception
    if isinstance(value, PSException):
        exc = value
        if exc.error_record is None:
            rec = ErrorRecord(exc, exc.error_id or exc.message or exc.default_error_id,
                              exc.category or "OperationStopped", None, InvocationInfo(None, extent))
        exc.was_thrown = True
        return exc
    if value is None:
        message = "ScriptHalted"
        exc = RuntimeException(message, was_thrown=True)
        ErrorRecord(exc, "ScriptHalted", "OperationStopped", None, InvocationInfo(None, extent))
        return exc
    message = _conv.to_string(value)
    exc = RuntimeException(message, was_thrown=True)
    ErrorRecord(exc, message, "OperationStopped", value, InvocationInfo(None, extent))
    return exc
