"""A compact s-expression view of pslark ASTs, for readable parser tests."""
from __future__ import annotations

from pslark.interpreter import ast as A


def sx(node) -> str:  # noqa: C901 - one case per node type
    """Render a node (or a tuple/list of nodes) as a short s-expression."""
    if node is None:
        return "nil"
    if isinstance(node, (list, tuple)):
        return "[" + " ".join(sx(n) for n in node) + "]"
    if isinstance(node, str):
        return repr(node)
    if isinstance(node, A.ScriptBlockAst):
        parts = []
        if node.param_block is not None:
            parts.append(sx(node.param_block))
        for kind in ("dynamicparam", "begin", "process", "end", "clean"):
            nb = getattr(node, kind)
            if nb is not None:
                if nb.unnamed:
                    parts.append(("process:" if kind == "process" else "") + _stmts(nb.body))
                else:
                    parts.append(f"({kind} {_stmts(nb.body)})")
        return " ".join(parts)
    if isinstance(node, A.StatementListAst):
        return _stmts(node)
    if isinstance(node, A.PipelineAst):
        inner = " | ".join(sx(e) for e in node.elements)
        if len(node.elements) == 1 and not node.background:
            return inner
        return f"(pipe{'&' if node.background else ''} {inner})"
    if isinstance(node, A.PipelineChainAst):
        return f"({node.operator}{'&' if node.background else ''} {sx(node.left)} {sx(node.right)})"
    if isinstance(node, A.CommandExpressionAst):
        if node.redirections:
            return f"(expr {sx(node.expression)} {' '.join(sx(r) for r in node.redirections)})"
        return sx(node.expression)
    if isinstance(node, A.CommandAst):
        op = node.invocation_operator or ""
        items = [sx(e) for e in node.elements] + [sx(r) for r in node.redirections]
        if node.verbatim is not None:
            items.append(f"--%{node.verbatim!r}")
        return f"(cmd{op} " + " ".join(items) + ")"
    if isinstance(node, A.CommandParameterAst):
        if node.used_colon:
            return f"-{node.name}:{sx(node.argument)}"
        return f"-{node.name}"
    if isinstance(node, A.RedirectionAst):
        if node.merge_to is not None:
            return f"{node.from_stream}>&{node.merge_to}"
        return f"{node.from_stream}{'>>' if node.append else '>'}{sx(node.target)}"
    if isinstance(node, A.AssignmentAst):
        return f"({node.operator} {sx(node.target)} {sx(node.value)})"
    if isinstance(node, A.IfAst):
        s = "(if " + " ".join(f"{sx(c)} {_stmts(b)}" for c, b in node.clauses)
        if node.else_body is not None:
            s += " else " + _stmts(node.else_body)
        return s + ")"
    if isinstance(node, A.SwitchAst):
        flags = "".join("-" + f for f in sorted(node.flags))
        cond = sx(node.condition) if node.condition is not None else "file:" + sx(node.file)
        cl = " ".join(f"{sx(c.condition)} {_stmts(c.body)}" for c in node.clauses)
        d = f" default {_stmts(node.default)}" if node.default is not None else ""
        lab = f":{node.label} " if node.label else ""
        return f"({lab}switch{flags} {cond} {cl}{d})"
    if isinstance(node, A.ForEachAst):
        lab = f":{node.label} " if node.label else ""
        return f"({lab}foreach {sx(node.variable)} {sx(node.iterable)} {_stmts(node.body)})"
    if isinstance(node, A.ForAst):
        lab = f":{node.label} " if node.label else ""
        return f"({lab}for {sx(node.init)} {sx(node.condition)} {sx(node.iterator)} {_stmts(node.body)})"
    if isinstance(node, A.WhileAst):
        lab = f":{node.label} " if node.label else ""
        return f"({lab}while {sx(node.condition)} {_stmts(node.body)})"
    if isinstance(node, A.DoLoopAst):
        lab = f":{node.label} " if node.label else ""
        return f"({lab}do {_stmts(node.body)} {'until' if node.until else 'while'} {sx(node.condition)})"
    if isinstance(node, A.FunctionDefinitionAst):
        kw = "filter" if node.is_filter else "function"
        ps = f" {sx(node.parameters)}" if node.parameters else ""
        return f"({kw} {node.name}{ps} {{{sx(node.body)}}})"
    if isinstance(node, A.ReturnAst):
        return f"(return {sx(node.pipeline)})" if node.pipeline is not None else "(return)"
    if isinstance(node, A.ThrowAst):
        return f"(throw {sx(node.pipeline)})" if node.pipeline is not None else "(throw)"
    if isinstance(node, A.ExitAst):
        return f"(exit {sx(node.pipeline)})" if node.pipeline is not None else "(exit)"
    if isinstance(node, A.BreakAst):
        return f"(break {sx(node.label)})" if node.label is not None else "(break)"
    if isinstance(node, A.ContinueAst):
        return f"(continue {sx(node.label)})" if node.label is not None else "(continue)"
    if isinstance(node, A.TryAst):
        s = "(try " + _stmts(node.body)
        for c in node.catches:
            s += " catch" + "".join(f"[{t.full_text}]" for t in c.types) + " " + _stmts(c.body)
        if node.finally_body is not None:
            s += " finally " + _stmts(node.finally_body)
        return s + ")"
    if isinstance(node, A.TrapAst):
        t = f"[{node.type_name.full_text}] " if node.type_name else ""
        return f"(trap {t}{_stmts(node.body)})"
    if isinstance(node, A.ParamBlockAst):
        attrs = "".join(sx(a) for a in node.attributes)
        return f"(param{attrs} {sx(node.parameters)})"
    if isinstance(node, A.ParameterAst):
        attrs = "".join(sx(a) for a in node.attributes)
        d = f"={sx(node.default)}" if node.default is not None else ""
        return f"{attrs}${node.name}{d}"
    if isinstance(node, A.AttributeAst):
        args = [sx(p) for p in node.positional] + [
            (f"{k}={sx(v)}" if v is not None else k) for k, v in node.named]
        return f"[{node.type_name.full_text}({', '.join(args)})]"
    if isinstance(node, A.TypeConstraintAst):
        return f"[{node.type_name.full_text}]"
    if isinstance(node, A.ConstantExpr):
        v = node.value
        return f"{type(v).__name__}:{v}" if type(v) not in (int,) else str(v)
    if isinstance(node, A.StringConstantExpr):
        return {"bare": "b", "single": "s", "double": "d", "here_single": "hs", "here_double": "hd"}[node.kind] \
            + repr(node.value)
    if isinstance(node, A.ExpandableStringExpr):
        return "(x" + node.kind[0] + " " + " ".join(sx(p) for p in node.parts) + ")"
    if isinstance(node, A.VariableExpr):
        return ("@" if node.splatted else "$") + node.name
    if isinstance(node, A.UsingExpr):
        return f"(using {sx(node.variable)})"
    if isinstance(node, A.TypeExpr):
        return f"[{node.type_name.full_text}]"
    if isinstance(node, A.ConvertExpr):
        return f"(cast [{node.type_name.full_text}] {sx(node.operand)})"
    if isinstance(node, A.AttributedExpr):
        return f"(attr {sx(node.attribute)} {sx(node.operand)})"
    if isinstance(node, A.UnaryExpr):
        return f"({node.operator} {sx(node.operand)})"
    if isinstance(node, A.PostfixExpr):
        return f"(post{node.operator} {sx(node.operand)})"
    if isinstance(node, A.BinaryExpr):
        return f"({node.operator} {sx(node.left)} {sx(node.right)})"
    if isinstance(node, A.TernaryExpr):
        return f"(? {sx(node.condition)} {sx(node.if_true)} {sx(node.if_false)})"
    if isinstance(node, A.ArrayLiteralExpr):
        return "(, " + " ".join(sx(e) for e in node.elements) + ")"
    if isinstance(node, A.ArrayExpr):
        return f"@({_stmts(node.body)})"
    if isinstance(node, A.SubExpr):
        return f"$({_stmts(node.body)})"
    if isinstance(node, A.ParenExpr):
        return f"({sx(node.pipeline)})"
    if isinstance(node, A.HashtableExpr):
        return "@{" + "; ".join(f"{sx(k)}={sx(v)}" for k, v in node.pairs) + "}"
    if isinstance(node, A.ScriptBlockExpr):
        return "{" + sx(node.script_block) + "}"
    if isinstance(node, (A.MemberExpr, A.InvokeMemberExpr)):
        op = "::" if node.static else ("?." if node.null_conditional else ".")
        m = node.member if isinstance(node.member, str) else sx(node.member)
        s = f"{sx(node.obj)}{op}{m}"
        if isinstance(node, A.InvokeMemberExpr):
            s += "(" + ", ".join(sx(a) for a in node.arguments) + ")"
        return s
    if isinstance(node, A.IndexExpr):
        return f"{sx(node.obj)}{'?' if node.null_conditional else ''}[{sx(node.index)}]"
    if isinstance(node, A.BlockStatementAst):
        return f"(block {_stmts(node.body)})"
    raise TypeError(type(node))


def _stmts(sl) -> str:
    items = [sx(s) for s in sl.statements] + [sx(t) for t in sl.traps]
    return "{" + "; ".join(items) + "}" if len(items) != 1 else items[0]


def psx(text: str) -> str:
    """Parse and render; a one-statement script renders as that statement."""
    from pslark.interpreter.parser import parse
    return sx(parse(text))
