"""Lark parse callbacks -> interpreter/ast.py nodes, with source extents.

The callbacks run inline while the LALR parser reduces (no intermediate parse tree), so every method gets the
rule's children: Tokens from interpreter/lexer.py (whose `.value` carries the already-scanned payload) and
the nodes built by earlier callbacks. The current SourceText is per thread (parses may run on several threads).
"""
from __future__ import annotations

import threading
from typing import Optional


from pslark.interpreter import ast as A
from pslark.interpreter.tokens import Token

__all__ = ["PSTransformer", "SemanticError", "current"]


class SemanticError(Exception):
    """A parse error found while building the AST (invalid assignment target, duplicate default clause...)."""

    def __init__(self, start: int, end: int, error_id: str, message: str, incomplete: bool = False):
        super().__init__(message)
        self.start = start
        self.end = end
        self.error_id = error_id
        self.message = message
        self.incomplete = incomplete


class _Context(threading.local):
    source: Optional[A.SourceText] = None
    subparse = None     # callable(source, start, end) -> SubExpr, installed by the parser module
    # errors that depend on what an expression turns out to be (an attribute or [ref] cast is fine as an
    # assignment target): id(node) -> SemanticError; the parser raises the first one left at the end
    deferred: Optional[dict] = None


def _defer(node, error: "SemanticError") -> None:
    if current.deferred is not None:
        current.deferred.setdefault(id(node), error)


def _is_ref(tn: A.TypeName) -> bool:
    return not tn.array_rank and not tn.generic_args and \
        tn.name.casefold() in ("ref", "system.management.automation.psreference")


def _type_span(conv: A.ConvertExpr) -> tuple[int, int]:
    """`[ref]` including its brackets."""
    return conv.extent.start, conv.type_name.extent.end + 1


current = _Context()


class _Body:
    """A script-block body before its extent is known (the braces belong to the caller)."""

    __slots__ = ("param_block", "statements", "named", "start", "end")

    def __init__(self, param_block, statements, named, start, end):
        self.param_block = param_block
        self.statements = statements      # list of statements (unnamed end block) or None
        self.named = named                # list of NamedBlockAst or None
        self.start = start
        self.end = end


class _Tagged:
    """An intermediate value (e.g. an else clause) with the offsets it covers."""

    __slots__ = ("tag", "items", "start", "end")

    def __init__(self, tag, items, start, end):
        self.tag = tag
        self.items = items
        self.start = start
        self.end = end


def _start(x) -> int:
    if isinstance(x, Token):
        return x.start_pos
    if isinstance(x, A.Node):
        return x.extent.start
    if isinstance(x, (_Body, _Tagged)):
        return x.start
    if isinstance(x, (list, tuple)):
        for item in x:
            s = _start(item)
            if s >= 0:
                return s
    return -1


def _end(x) -> int:
    if isinstance(x, Token):
        return x.end_pos
    if isinstance(x, A.Node):
        return x.extent.end
    if isinstance(x, (_Body, _Tagged)):
        return x.end
    if isinstance(x, (list, tuple)):
        for item in reversed(x):
            e = _end(item)
            if e >= 0:
                return e
    return -1


def _ext(start: int, end: int) -> A.Extent:
    return A.Extent(current.source, start, end)


def _span(children) -> A.Extent:
    return _ext(_start(children), _end(children))


def _tok(x, type_: str) -> bool:
    return isinstance(x, Token) and x.type == type_


def _nodes(children):
    return [c for c in children if not isinstance(c, Token)]


_VALID_TARGETS = (A.VariableExpr, A.MemberExpr, A.IndexExpr)


def _constraint_errors(target) -> None:
    """Attributes and casts on an assignment target are a type constraint: attributes are allowed there, and
    [ref] must be the only type (ReferenceNeedsToBeByItselfInTypeConstraint)."""
    deferred = current.deferred
    if deferred is None or not isinstance(target, (A.ConvertExpr, A.AttributedExpr)):
        return
    chain = []
    node = target
    while isinstance(node, (A.ConvertExpr, A.AttributedExpr)):
        chain.append(node)
        deferred.pop(id(node), None)
        node = node.operand
    casts = [n for n in chain if isinstance(n, A.ConvertExpr)]
    refs = [n for n in casts if _is_ref(n.type_name)]
    if refs and len(casts) > 1:
        s, e = _type_span(refs[0])
        deferred[id(refs[0])] = SemanticError(s, e, "ReferenceNeedsToBeByItselfInTypeConstraint",
                                              "Cannot use [ref] with other types in a type constraint.")


def _check_finally(node, in_loop: bool) -> None:
    """`return`, or `break`/`continue` outside a loop of its own, may not leave a finally block (pwsh's
    ControlLeavingFinally); script blocks and functions inside it are their own."""
    if isinstance(node, (tuple, list)):
        for x in node:
            _check_finally(x, in_loop)
        return
    if not isinstance(node, A.Node) or isinstance(node, (A.ScriptBlockExpr, A.FunctionDefinitionAst)):
        return
    if isinstance(node, A.ReturnAst) or (not in_loop and isinstance(node, (A.BreakAst, A.ContinueAst))):
        raise SemanticError(node.extent.start, node.extent.end, "ControlLeavingFinally",
                            "Flow of control cannot leave a Finally block.")
    in_loop = in_loop or isinstance(node, (A.ForEachAst, A.ForAst, A.WhileAst, A.DoLoopAst, A.SwitchAst))
    for name in node._fields:
        if name != "extent":
            _check_finally(getattr(node, name), in_loop)


def _check_target(target, op: str):
    ok = False
    if isinstance(target, _VALID_TARGETS):
        ok = not (isinstance(target, (A.MemberExpr, A.IndexExpr)) and target.null_conditional)
        if isinstance(target, A.VariableExpr) and target.splatted:
            ok = False
    elif isinstance(target, A.ConvertExpr):
        inner = target.operand
        while isinstance(inner, (A.ConvertExpr, A.AttributedExpr)):
            inner = inner.operand
        ok = isinstance(inner, _VALID_TARGETS) and op == "="
    elif isinstance(target, A.AttributedExpr):
        inner = target.operand
        while isinstance(inner, (A.ConvertExpr, A.AttributedExpr)):
            inner = inner.operand
        ok = isinstance(inner, A.VariableExpr) and op == "="
    elif isinstance(target, A.ArrayLiteralExpr) and op == "=":
        ok = all(isinstance(e, _VALID_TARGETS) or (isinstance(e, A.ConvertExpr) and
                                                   isinstance(e.operand, A.VariableExpr))
                 for e in target.elements)
    if not ok:
        raise SemanticError(target.extent.start, target.extent.end, "InvalidLeftHandSide",
                            "The assignment expression is not valid. The input to an assignment operator must be an "
                            "object that is able to accept assignments, such as a variable or a property.")


_STREAM_NAMES = {"*": "* stream", "1": "output stream", "2": "error stream", "3": "warning stream",
                 "4": "verbose stream", "5": "debug stream", "6": "information stream"}


def _check_redirections(redirs):
    seen = set()
    for r in redirs:
        if r.from_stream in seen:
            raise SemanticError(r.extent.start, r.extent.end, "StreamAlreadyRedirected",
                                f"The {_STREAM_NAMES[r.from_stream]} for this command is already redirected.")
        seen.add(r.from_stream)


def type_name_node(tn) -> A.TypeName:
    """The lexer's type tuple (name, args, rank, start, end) -> TypeName."""
    name, args, rank, start, end = tn
    return A.TypeName(_ext(start, end), name, tuple(type_name_node(a) for a in args), rank)


def variable_node(tok_or_payload, start: int, end: int, splatted: bool = False):
    """VariableExpr, or UsingExpr for `$using:x`."""
    name = tok_or_payload[0] if isinstance(tok_or_payload, tuple) else tok_or_payload
    if name[:6].lower() == "using:" and len(name) > 6:
        inner = A.VariableExpr(_ext(start, end), name[6:], splatted)
        return A.UsingExpr(_ext(start, end), inner)
    return A.VariableExpr(_ext(start, end), name, splatted)


def expand_parts(parts) -> tuple:
    """String/bareword parts from the lexer -> str and Expr nodes."""
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        elif p[0] == "var":
            _, name, s, e, _braced = p
            out.append(variable_node(name, s, e))
        else:  # ('sub', inner_start, inner_end)
            _, s, e = p
            out.append(current.subparse(current.source, s - 2, e + 1))
    return tuple(out)


def string_node(tok: Token):
    t = tok.type
    ext = _ext(tok.start_pos, tok.end_pos)
    if t == "STR_SQ":
        return A.StringConstantExpr(ext, tok.value, "single")
    if t == "HERE_SQ":
        return A.StringConstantExpr(ext, tok.value, "here_single")
    kind = "double" if t == "STR_DQ" else "here_double"
    parts = tok.value
    if all(isinstance(p, str) for p in parts):
        return A.StringConstantExpr(ext, "".join(parts), kind)
    return A.ExpandableStringExpr(ext, expand_parts(parts), kind)


def bareword_node(tok: Token, expand: bool = True):
    value, parts = tok.value
    ext = _ext(tok.start_pos, tok.end_pos)
    if parts is not None and expand:
        return A.ExpandableStringExpr(ext, expand_parts(parts), "bare")
    return A.StringConstantExpr(ext, value, "bare")


def token_expr(tok: Token):
    """A command-argument or member-name token as an expression."""
    t = tok.type
    if t in ("STR_SQ", "STR_DQ", "HERE_SQ", "HERE_DQ"):
        return string_node(tok)
    if t == "VARIABLE":
        return variable_node(tok.value, tok.start_pos, tok.end_pos)
    if t == "GENERIC":
        return bareword_node(tok)
    if t == "NUMBER":
        return A.ConstantExpr(_ext(tok.start_pos, tok.end_pos), tok.value)
    if t == "TYPE":
        return A.TypeExpr(_ext(tok.start_pos, tok.end_pos), type_name_node(tok.value))
    raise AssertionError(t)  # pragma: no cover


def _statement_list(items, start: int, end: int) -> A.StatementListAst:
    stmts = []
    traps = []
    for s in items:
        if isinstance(s, A.TrapAst):
            traps.append(s)
        elif isinstance(s, A.Node):
            stmts.append(s)
    return A.StatementListAst(_ext(start, end), tuple(stmts), tuple(traps))


class PSTransformer:
    """Inline callbacks, one per grammar rule / alias (see grammar/pslark.lark)."""

    # -- entry points ---------------------------------------------------------------------------------------

    def start(self, c):
        src = current.source
        return self.make_script_block(c[0], 0, len(src.text))

    def substart(self, c):
        lp, items, rp = c[0], c[1], c[2]
        body = _statement_list(items, lp.end_pos, rp.start_pos)
        return A.SubExpr(_ext(lp.start_pos, rp.end_pos), body)

    def make_script_block(self, body: _Body, start: int, end: int, is_filter: bool = False) -> A.ScriptBlockAst:
        ext = _ext(start, end)
        if body.named is not None:
            blocks = {}
            for nb in body.named:
                if nb.kind in blocks:
                    raise SemanticError(nb.extent.start, nb.extent.end, "DuplicateScriptCommandClause",
                                        f"Script command clause '{nb.kind}' has already been defined.")
                blocks[nb.kind] = nb
            return A.ScriptBlockAst(ext, body.param_block, begin=blocks.get("begin"), process=blocks.get("process"),
                                    end=blocks.get("end"), clean=blocks.get("clean"),
                                    dynamicparam=blocks.get("dynamicparam"))
        stmts = body.statements
        if body.param_block is not None:
            bstart = body.param_block.extent.end
            s = _start(stmts)
            bstart = s if s >= 0 else bstart
            bend = max(_end(stmts), bstart)
        else:
            bstart, bend = start, end
        sl = _statement_list(stmts, bstart, bend)
        kind = "process" if is_filter else "end"
        nb = A.NamedBlockAst(_ext(bstart, bend), kind, sl, unnamed=True)
        if is_filter:
            return A.ScriptBlockAst(ext, body.param_block, process=nb)
        return A.ScriptBlockAst(ext, body.param_block, end=nb)

    # -- script blocks ------------------------------------------------------------------------------------

    def body_statements(self, c):
        pb = c[0] if len(c) == 2 else None
        items = c[-1]
        start = _start(c)
        return _Body(pb, items, None, start, _end(c))

    def body_named(self, c):
        pb = c[0] if len(c) == 2 else None
        return _Body(pb, None, c[-1], _start(c), _end(c))

    def param_block(self, c):
        attrs = tuple(x for x in c if isinstance(x, A.AttributeAst))
        params = c[-2]
        return A.ParamBlockAst(_span(c), attrs, tuple(params))

    def pb_attribute(self, c):
        return self.attribute(c)

    def attribute(self, c):
        open_tok, args, close = c
        positional = []
        named = []
        for a in args:
            if a.tag == "pos":
                positional.append(a.items)
            else:
                named.append(a.items)
        return A.AttributeAst(_ext(open_tok.start_pos, close.end_pos), type_name_node(open_tok.value),
                              tuple(positional), tuple(named))

    def attr_args(self, c):
        return [x for x in c if not _tok(x, "ARG_SEP")]

    def attr_positional(self, c):
        return _Tagged("pos", c[0], _start(c), _end(c))

    def attr_named(self, c):
        name, _, value = c
        return _Tagged("named", (str(name.value), value), _start(c), _end(c))

    def attr_flag(self, c):
        return _Tagged("named", (str(c[0].value), None), _start(c), _end(c))

    def named_blocks(self, c):
        return [x for x in c if isinstance(x, A.NamedBlockAst)]

    def named_block(self, c):
        kw, lb, items, rb = c
        body = _statement_list(items, lb.start_pos, rb.end_pos)
        return A.NamedBlockAst(_ext(kw.start_pos, rb.end_pos), kw.value.lower(), body, unnamed=False)

    def param_list(self, c):
        params = [x for x in c if isinstance(x, _Tagged)]
        seen = set()
        for p in params:
            key = p.items.name.lower()
            if key in seen:
                raise SemanticError(p.start, p.end, "DuplicateFormalParameter",
                                    f"Duplicate parameter ${p.items.name} in parameter list.")
            seen.add(key)
        return [p.items for p in params]

    def parameter(self, c):
        attrs = []
        var = None
        default = None
        seen_var = False
        for x in c:
            if isinstance(x, Token):
                if x.type == "TYPE" and not seen_var:
                    attrs.append(A.TypeConstraintAst(_ext(x.start_pos, x.end_pos), type_name_node(x.value)))
                elif x.type == "VARIABLE":
                    var = x
                    seen_var = True
            elif isinstance(x, A.AttributeAst):
                attrs.append(x)
            elif seen_var:
                default = x
        name = var.value[0]
        if var.type != "VARIABLE":  # pragma: no cover
            raise AssertionError(var)
        # the variable's offsets travel with the node, for duplicate-parameter errors
        return _Tagged("param", A.ParameterAst(_span(c), name, tuple(attrs), default), var.start_pos, var.end_pos)

    # -- statement lists ----------------------------------------------------------------------------------

    def stmt_list(self, c):
        out = []
        for x in c:
            if isinstance(x, Token):
                continue
            out.append(x)
        return out

    def stmt_item(self, c):
        return c[0]

    def hash_item(self, c):
        return c[0]

    def block(self, c):
        lb, items, rb = c
        return _statement_list(items, lb.start_pos, rb.end_pos)

    def labeled(self, c):
        label, stmt = c
        return A.replace(stmt, label=label.value, extent=_ext(label.start_pos, stmt.extent.end))

    def background(self, c):
        stmt, amp = c
        if isinstance(stmt, A.PipelineChainAst) or isinstance(stmt, A.PipelineAst):
            return A.replace(stmt, background=True, extent=_ext(stmt.extent.start, amp.end_pos))
        return stmt  # pragma: no cover

    def _flow(self, cls, c):
        return cls(_span(c), c[1] if len(c) > 1 else None)

    def return_stmt(self, c):
        return self._flow(A.ReturnAst, c)

    def throw_stmt(self, c):
        return self._flow(A.ThrowAst, c)

    def exit_stmt(self, c):
        return self._flow(A.ExitAst, c)

    def _label(self, x):
        if x is None:
            return None
        if isinstance(x, Token):
            return token_expr(x)
        return x

    def break_stmt(self, c):
        return A.BreakAst(_span(c), self._label(c[1] if len(c) > 1 else None))

    def continue_stmt(self, c):
        return A.ContinueAst(_span(c), self._label(c[1] if len(c) > 1 else None))

    def assignment(self, c):
        target, op, value = c
        _check_target(target, op.value)
        _constraint_errors(target)
        return A.AssignmentAst(_span(c), target, op.value, value)

    # -- keyword statements -------------------------------------------------------------------------------

    def if_stmt(self, c):
        clauses = [(c[2], c[4])]
        else_body = None
        for x in c[5:]:
            if x.tag == "elseif":
                clauses.append(x.items)
            else:
                else_body = x.items
        return A.IfAst(_span(c), tuple(clauses), else_body)

    def elseif_clause(self, c):
        return _Tagged("elseif", (c[2], c[4]), _start(c), _end(c))

    def else_clause(self, c):
        return _Tagged("else", c[1], _start(c), _end(c))

    def foreach_stmt(self, c):
        var = c[2]
        variable = A.VariableExpr(_ext(var.start_pos, var.end_pos), var.value[0])
        return A.ForEachAst(_span(c), None, variable, c[4], c[6])

    def for_stmt(self, c):
        init, cond, it = c[2]
        return A.ForAst(_span(c), None, init, cond, it, c[4])

    def for_parts(self, c):
        parts = [None, None, None]
        i = 0
        for x in c:
            if _tok(x, "SEP"):
                i += 1
            else:
                parts[i] = x
        return tuple(parts)

    def while_stmt(self, c):
        return A.WhileAst(_span(c), None, c[2], c[4])

    def do_while(self, c):
        return A.DoLoopAst(_span(c), None, c[1], c[4], until=False)

    def do_until(self, c):
        return A.DoLoopAst(_span(c), None, c[1], c[4], until=True)

    def switch_stmt(self, c):
        flags = set()
        cond = None
        file = None
        clauses = []
        default = None
        for x in c[1:]:
            if _tok(x, "SWITCH_OPT"):
                flags.add(x.value)
            elif isinstance(x, _Tagged) and x.tag == "pipe":
                cond = x.items
            elif isinstance(x, _Tagged) and x.tag == "file":
                file = x.items
                flags.add("file")
            elif isinstance(x, _Tagged) and x.tag == "clauses":
                for cl in x.items:
                    cv = cl.condition
                    if isinstance(cv, A.StringConstantExpr) and cv.kind == "bare" and cv.value.lower() == "default":
                        if default is not None:
                            raise SemanticError(cv.extent.start, cv.extent.end, "MultipleSwitchDefaultClauses",
                                                "A switch statement can have only one default clause.")
                        default = cl.body
                    else:
                        clauses.append(cl)
        return A.SwitchAst(_span(c), None, frozenset(flags), cond, file, tuple(clauses), default)

    def switch_pipeline(self, c):
        return _Tagged("pipe", c[1], _start(c), _end(c))

    def switch_file(self, c):
        v = c[1]
        if isinstance(v, Token):
            v = token_expr(v)
        return _Tagged("file", v, _start(c), _end(c))

    def switch_body(self, c):
        return _Tagged("clauses", [x for x in c if isinstance(x, A.SwitchClauseAst)], _start(c), _end(c))

    def switch_clause(self, c):
        cond, body = c
        if isinstance(cond, Token):
            cond = token_expr(cond)
        return A.SwitchClauseAst(_span(c), cond, body)

    def function_def(self, c):
        kw, name = c[0], c[1]
        params = []
        i = 2
        if isinstance(c[2], _Tagged):
            params = c[2].items
            i = 3
        lb, body, rb = c[i], c[i + 1], c[i + 2]
        is_filter = kw.type == "FILTER"
        if params and body.param_block is not None:
            pb = body.param_block
            raise SemanticError(pb.extent.start, pb.extent.end, "OnlyOneParameterListAllowed",
                                "The param statement cannot be used if arguments were specified in the function "
                                "declaration.")
        sb = self.make_script_block(body, lb.end_pos, rb.start_pos, is_filter=is_filter)
        return A.FunctionDefinitionAst(_span(c), name.value, is_filter, tuple(params), sb)

    def func_params(self, c):
        return _Tagged("params", c[1], _start(c), _end(c))

    def try_stmt(self, c):
        body = c[1]
        catches = []
        fin = None
        for x in c[2:]:
            if isinstance(x, A.CatchClauseAst):
                catches.append(x)
            elif isinstance(x, _Tagged):
                fin = x.items
        seen_catch_all = False
        for cc in catches:
            if seen_catch_all:
                prev = cc
                raise SemanticError(prev.extent.start, prev.extent.end, "EmptyCatchNotLast",
                                    "Catch block must be the last catch block.")
            if not cc.types:
                seen_catch_all = True
        return A.TryAst(_span(c), body, tuple(catches), fin)

    def catch_clause(self, c):
        types = ()
        if isinstance(c[1], list):
            types = tuple(c[1])
        return A.CatchClauseAst(_span(c), types, c[-1])

    def catch_types(self, c):
        return [type_name_node(x.value) for x in c if _tok(x, "TYPE")]

    def finally_clause(self, c):
        _check_finally(c[1], False)
        return _Tagged("finally", c[1], _start(c), _end(c))

    def trap_stmt(self, c):
        tn = None
        if _tok(c[1], "TYPE"):
            tn = type_name_node(c[1].value)
        return A.TrapAst(_span(c), tn, c[-1])

    # -- pipelines ------------------------------------------------------------------------------------------

    def chain_op(self, c):
        left, op, right = c
        return A.PipelineChainAst(_span(c), left, op.value, right)

    def pipeline(self, c):
        elements = tuple(x for x in c if not isinstance(x, Token))
        return A.PipelineAst(_span(c), elements)

    def expr_element(self, c):
        expr = c[0]
        redirs = tuple(c[1:])
        _check_redirections(redirs)
        return A.CommandExpressionAst(_span(c), expr, redirs)

    def command(self, c):
        op, name = c[0][:2]
        op_start = c[0][2] if len(c[0]) > 2 else None     # `& x` / `. x`: the command's extent starts at the operator
        elements = [name]
        redirs = []
        verbatim = None
        for x in c[1:]:
            if isinstance(x, A.RedirectionAst):
                redirs.append(x)
            elif isinstance(x, _Tagged):
                verbatim = x.items
            else:
                elements.append(x)
        # a second `--` is an ordinary argument
        seen = False
        for i, e in enumerate(elements):
            if isinstance(e, A.CommandParameterAst) and e.name == "-" and not e.used_colon:
                if seen:
                    elements[i] = A.StringConstantExpr(e.extent, "--", "bare")
                seen = True
        _check_redirections(redirs)
        extent = _span(c) if op_start is None else _ext(op_start, _end(c))
        return A.CommandAst(extent, tuple(elements), op, tuple(redirs), verbatim)

    def cmd_name_bare(self, c):
        return (None, bareword_node(c[0], expand=False))

    def cmd_name_invoke(self, c):
        op, value = c
        if isinstance(value, Token):
            value = token_expr(value)
        return (op.value, value, op.start_pos)

    def cmd_param(self, c):
        t = c[0]
        name = t.value[0]
        return A.CommandParameterAst(_ext(t.start_pos, t.end_pos), name, None, False)

    def cmd_param_colon(self, c):
        t, arg = c
        if isinstance(arg, Token):
            arg = token_expr(arg)
        return A.CommandParameterAst(_span(c), t.value, arg, True)

    def cmd_dashdash(self, c):
        t = c[0]
        return A.CommandParameterAst(_ext(t.start_pos, t.end_pos), "-", None, False)

    def cmd_verbatim(self, c):
        t = c[0]
        return _Tagged("verbatim", t.value, t.start_pos, t.end_pos)

    def cmd_array(self, c):
        elems = tuple(token_expr(x) if isinstance(x, Token) else x for x in c if not _tok(x, "COMMA"))
        for e in elems:
            if isinstance(e, A.VariableExpr) and e.splatted:
                raise SemanticError(e.extent.start, e.extent.end, "SplattingNotPermittedInArgumentList",
                                    f"Splatted variables like '@{e.name}' cannot be part of a comma-separated list "
                                    "of arguments.")
        return A.ArrayLiteralExpr(_span(c), elems)

    def bareword(self, c):
        return bareword_node(c[0])

    def splat(self, c):
        t = c[0]
        return variable_node(t.value, t.start_pos, t.end_pos, splatted=True)

    def redirection(self, c):
        t = c[0]
        stream, append, merge = t.value
        if t.type == "REDIR_MERGE":
            if merge != 1 or stream == str(merge):
                raise SemanticError(t.start_pos, t.end_pos, "RedirectionNotSupported",
                                    f"The '{t}' operator is reserved for future use.")
            return A.RedirectionAst(_span(c), stream, None, merge, False)
        target = c[1]
        if isinstance(target, Token):
            target = token_expr(target)
        return A.RedirectionAst(_span(c), stream, target, None, append)

    # -- expressions ----------------------------------------------------------------------------------------

    def ternary(self, c):
        return A.TernaryExpr(_span(c), c[0], c[2], c[4])

    def binop(self, c):
        left, op, right = c
        return A.BinaryExpr(_span(c), op.value, left, right)

    def array_literal(self, c):
        return A.ArrayLiteralExpr(_span(c), tuple(x for x in c if not _tok(x, "COMMA")))

    def unary_op(self, c):
        op, operand = c
        return A.UnaryExpr(_span(c), op.value, operand)

    def cast(self, c):
        t, operand = c
        type_name = type_name_node(t.value)
        if type_name.name.casefold() == "ordered" and not type_name.array_rank and \
                not isinstance(operand, A.HashtableExpr):
            raise SemanticError(t.start_pos, t.end_pos, "OrderedAttributeOnlyOnHashLiteralNode",
                                "The ordered attribute can be specified only on a hash literal node.")
        child = operand
        while isinstance(child, (A.ConvertExpr, A.AttributedExpr)):
            if isinstance(child, A.ConvertExpr) and _is_ref(child.type_name):
                s, e = _type_span(child)
                if _is_ref(type_name):
                    _defer(child, SemanticError(s, e, "ReferenceNeedsToBeByItselfInTypeSequence",
                                                "Cannot have two occurrences of [ref] in a type sequence."))
                else:
                    _defer(child, SemanticError(s, e, "ReferenceNeedsToBeLastTypeInTypeConversion",
                                                "[ref] can only be the final type in type conversion sequence."))
            child = child.operand
        return A.ConvertExpr(_span(c), type_name, operand)

    def attributed(self, c):
        attr, operand = c
        node = A.AttributedExpr(_span(c), attr, operand)
        inner = operand
        while isinstance(inner, (A.ConvertExpr, A.AttributedExpr)):
            inner = inner.operand
        if not isinstance(inner, A.VariableExpr):     # an attribute only goes on a variable ([ValidateX()]$v)
            raise SemanticError(attr.extent.start, attr.extent.end, "UnexpectedAttribute",
                                f"Unexpected attribute '{attr.type_name.name}'.")
        return node

    def _member_value(self, m):
        if isinstance(m, Token):
            if m.type == "MEMBER":
                return str(m.value)
            if m.type == "STR_SQ":
                return m.value
            e = token_expr(m)
            if isinstance(e, A.StringConstantExpr):
                return e.value
            return e
        return m

    def member(self, c):
        obj, op, m = c
        return A.MemberExpr(_span(c), obj, self._member_value(m), static=op.type == "STATIC_DOT",
                            null_conditional=op.type == "NC_DOT")

    def member_paren(self, c):
        lp, inner, rp = c
        return A.ParenExpr(_span(c), inner)

    def invoke(self, c):
        obj, op, m = c[0], c[1], c[2]
        args = c[4]
        return A.InvokeMemberExpr(_span(c), obj, self._member_value(m), tuple(args), static=op.type == "STATIC_DOT",
                                  null_conditional=op.type == "NC_DOT")

    def call_args(self, c):
        return [x for x in c if not _tok(x, "ARG_SEP")]

    def invoke_block(self, c):
        obj, op, m, lb, body, rb = c
        sb = self.make_script_block(body, lb.end_pos, rb.start_pos)
        arg = A.ScriptBlockExpr(_ext(lb.start_pos, rb.end_pos), sb)
        return A.InvokeMemberExpr(_span(c), obj, self._member_value(m), (arg,), static=op.type == "STATIC_DOT",
                                  null_conditional=op.type == "NC_DOT")

    def index(self, c):
        obj, lb, idx, rb = c
        return A.IndexExpr(_span(c), obj, idx, null_conditional=lb.type == "NC_LBRACKET")

    def postfix_op(self, c):
        operand, op = c
        return A.PostfixExpr(_span(c), op.value, operand)

    def number(self, c):
        t = c[0]
        return A.ConstantExpr(_ext(t.start_pos, t.end_pos), t.value)

    def string(self, c):
        return string_node(c[0])

    def variable(self, c):
        t = c[0]
        return variable_node(t.value, t.start_pos, t.end_pos)

    def type_expr(self, c):
        t = c[0]
        return A.TypeExpr(_ext(t.start_pos, t.end_pos), type_name_node(t.value))

    def paren(self, c):
        return A.ParenExpr(_span(c), c[1])

    def subexpr(self, c):
        lp, items, rp = c
        return A.SubExpr(_span(c), _statement_list(items, lp.end_pos, rp.start_pos))

    def array_expr(self, c):
        lp, items, rp = c
        return A.ArrayExpr(_span(c), _statement_list(items, lp.end_pos, rp.start_pos))

    def hashtable(self, c):
        lb, pairs, rb = c
        seen = set()
        for key, _ in pairs:
            # pwsh's semantic check: constant keys must differ, ignoring case (a parse error, nothing runs)
            if isinstance(key, A.StringConstantExpr) or (isinstance(key, A.ConstantExpr) and type(key.value) is int):
                text = str(key.value)
                if text.casefold() in seen:
                    raise SemanticError(key.extent.start, key.extent.end, "DuplicateKeyInHashLiteral",
                                        f"Duplicate keys '{text}' are not allowed in hash literals.")
                seen.add(text.casefold())
        return A.HashtableExpr(_span(c), tuple(pairs))

    def hash_body(self, c):
        return [x for x in c if isinstance(x, tuple)]

    def hash_pair(self, c):
        key, _, value = c
        if isinstance(key, Token):
            if key.type == "NAME":
                key = A.StringConstantExpr(_ext(key.start_pos, key.end_pos), str(key.value), "bare")
            else:
                key = token_expr(key)
        return (key, value)

    def script_block(self, c):
        lb, body, rb = c
        sb = self.make_script_block(body, lb.end_pos, rb.start_pos)
        return A.ScriptBlockExpr(_span(c), sb)
