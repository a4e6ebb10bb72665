"""The switch statement: -Wildcard, -Regex, -Exact, -CaseSensitive, -File, script-block clauses,
array input, `$_`, break/continue, default."""
from __future__ import annotations

from pslark.interpreter import ast as A
from pslark.interpreter.values import to_null
from pslark.runtime.errors import BreakSignal, ContinueSignal, ItemNotFoundException
from pslark.runtime.objects import AUTOMATION_NULL, enumerate_value
from pslark.runtime.scriptblock import ScriptBlock


def compile_switch(compiler, node: A.SwitchAst):
    from pslark.interpreter.compiler import LoopControl
    from pslark.runtime import conversion, operators
    flags = node.flags
    regex = "regex" in flags
    wildcard = "wildcard" in flags and not regex
    case = "casesensitive" in flags
    label = node.label
    subject = compiler.compile_value_statement(node.condition) if node.condition is not None else None
    file_fn = compiler.compile_expr(node.file) if node.file is not None else None
    clauses = []
    for clause in node.clauses:
        cond = clause.condition
        if isinstance(cond, A.ScriptBlockExpr):
            kind = "script"
            cond_fn = cond.script_block
        else:
            kind = "value"
            cond_fn = compiler.compile_expr(cond)
        clauses.append((kind, cond_fn, compiler.compile_statement_list(clause.body)))
    default = compiler.compile_statement_list(node.default) if node.default is not None else None

    def matches(ctx, kind, cond, value):
        if kind == "script":
            sb = ScriptBlock(cond)
            result = sb.invoke_with([], None, value, value, False)
            return any(conversion.to_bool(r) for r in result) if result else False
        pattern = to_null(cond(ctx))
        if regex:
            op = "-cmatch" if case else "-imatch"
            session = ctx.session
            return conversion.to_bool(operators.binary(op, _text(value), _text(pattern),
                                                       lambda m: session.set_local("Matches", m)))
        if wildcard:
            return conversion.to_bool(operators.binary("-clike" if case else "-ilike", _text(value), _text(pattern)))
        if isinstance(pattern, str) or isinstance(value, str):
            if value is None:
                return pattern is None or pattern == ""
            return conversion.to_bool(operators.binary("-ceq" if case else "-ieq", _text(value), _text(pattern)))
        return conversion.to_bool(operators.binary("-ceq" if case else "-ieq", value, pattern))

    def _text(v):
        return "" if v is None else conversion.to_string(v)

    def values(ctx):
        if file_fn is not None:
            path = ctx.session.resolve_path(conversion.to_string(to_null(file_fn(ctx))))
            try:
                with open(path, encoding="utf-8") as fh:
                    return [line.rstrip("\n").rstrip("\r") for line in fh]
            except OSError:
                raise ItemNotFoundException(f"Cannot find path '{path}' because it does not exist.",
                                            error_id="PathNotFound", target=path)
        v = subject(ctx)
        if v is AUTOMATION_NULL:
            return []
        if isinstance(v, list):
            return v
        return list(enumerate_value(v))

    def run(ctx, out):
        session = ctx.session
        old = session.current.variables.get("_")
        old_value = old.value if old is not None else None
        try:
            for value in values(ctx):
                session.set_local("_", value)
                session.set_local("PSItem", value)
                matched = False
                try:
                    for kind, cond, body in clauses:
                        if matches(ctx, kind, cond, value):
                            matched = True
                            body(ctx, out)
                    if not matched and default is not None:
                        default(ctx, out)
                except ContinueSignal as c:
                    if LoopControl.matches(c.label, label):
                        continue
                    raise
        except BreakSignal as b:
            if not LoopControl.matches(b.label, label):
                raise
        finally:
            if old is not None:
                session.set_local("_", old_value)
    return run
