"""parse(text) -> ScriptBlockAst: the mode-aware lexer feeding an LALR driver over Lark-computed tables.

The tables come from interpreter/parsetables.py (computed by Lark once, cached on disk as plain data); the
lexer is driven here token by token so that it can ask the parser which keywords it accepts at the current
point. Errors become a ParseException carrying pwsh's error ids, messages and positions.
"""
from __future__ import annotations

import functools
import os
import threading
from typing import Optional

from pslark.interpreter import ast as A
from pslark.interpreter.lexer import ARG1, CBODY, CMD, KW, LexError, Lexer
from pslark.interpreter.tokens import Token
from pslark.interpreter.transformer import PSTransformer, SemanticError, current
from pslark.runtime.errors import ParseError, ParseException

__all__ = ["parse", "is_incomplete", "tokenize", "ParseException", "ParseError"]


_lock = threading.Lock()


def _rule_callback(method, expand1: bool, include):
    """What Lark's inline tree builder does for one rule: drop filtered tokens, splice `_rule` results, pass a
    lone child of a `?rule` through, then call the transformer's method (a `_rule` without one yields a list)."""
    if include is not None:
        call = method

        def method(children):
            filtered = []
            for i, splice in include:
                if splice:
                    filtered.extend(children[i])
                else:
                    filtered.append(children[i])
            return call(filtered)
    if expand1:
        inner = method

        def method(children):
            return children[0] if len(children) == 1 else inner(children)
    return method


class _Tables:
    """The LALR tables of one start symbol, recompiled for a tight driver loop.

    Each action is (True, next_state, None, None) for a shift, or (False, rule_size, callback, nonterminal)
    for a reduction (callback None: a one-child `?rule` whose value passes through unchanged).
    """

    __slots__ = ("states", "start", "end")

    def __init__(self, data: dict, start: str):
        self.start, self.end = data["starts"][start]
        transformer = PSTransformer()
        reductions = []
        for origin, size, name, expand1, include in data["rules"]:
            if size == 1 and expand1 and include is None:
                reductions.append((False, 1, None, origin))
                continue
            method = getattr(transformer, name, None)
            if method is None:
                if not name.startswith("_"):
                    raise RuntimeError(f"grammar rule '{name}' has no transformer callback")
                method = list
            reductions.append((False, size, _rule_callback(method, expand1, include), origin))
        shifts: dict = {}
        states = {}
        for state, actions in data["states"].items():
            row = {}
            for term, act in actions.items():
                if act >= 0:
                    row[term] = shifts.get(act) or shifts.setdefault(act, (True, act, None, None))
                else:
                    row[term] = reductions[~act]
            states[state] = row
        self.states = states


_tables: dict = {}


class _Unexpected(Exception):
    def __init__(self, token: Token):
        super().__init__(token)
        self.token = token


class _Driver:
    """Feeds one token stream into a fresh LALR parse; answers the lexer's `accepts` questions."""

    __slots__ = ("states", "stack", "values", "end")

    def __init__(self, start: str):
        tables = _tables.get(start)
        if tables is None:
            with _lock:
                tables = _tables.get(start)
                if tables is None:
                    from pslark.interpreter.parsetables import load_tables
                    tables = _tables[start] = _Tables(load_tables(), start)
        self.states = tables.states
        self.end = tables.end
        self.stack = [tables.start]
        self.values: list = []

    def feed(self, tok: Token) -> None:
        """Shift one token (after the reductions it triggers); _Unexpected if the grammar rejects it."""
        states = self.states
        stack = self.stack
        values = self.values
        ttype = tok.type
        while True:
            act = states[stack[-1]].get(ttype)
            if act is None:
                raise _Unexpected(tok)
            shift, a, callback, origin = act
            if shift:
                stack.append(a)
                values.append(tok)
                return
            if callback is None:
                stack[-1] = states[stack[-2]][origin][1]
                continue
            if a:
                children = values[-a:]
                del stack[-a:]
                del values[-a:]
            else:
                children = []
            values.append(callback(children))
            stack.append(states[stack[-1]][origin][1])

    def finish(self, end_tok: Token):
        """Feed end-of-input and return the start rule's value."""
        states = self.states
        stack = self.stack
        values = self.values
        end_state = self.end
        while True:
            act = states[stack[-1]].get("$END")
            if act is None:
                raise _Unexpected(end_tok)
            shift, a, callback, origin = act
            if shift:  # pragma: no cover - the grammar never shifts $END
                raise _Unexpected(end_tok)
            if callback is None:
                stack[-1] = states[stack[-2]][origin][1]
                if stack[-1] == end_state:  # pragma: no cover
                    return values[-1]
                continue
            if a:
                children = values[-a:]
                del stack[-a:]
                del values[-a:]
            else:
                children = []
            values.append(callback(children))
            stack.append(states[stack[-1]][origin][1])
            if stack[-1] == end_state:
                return values[-1]

    def accepts(self, term: str) -> bool:
        """Would the parser shift `term` now (after any reductions)? Simulated on the state stack only."""
        states = self.states
        stack = self.stack
        height = len(stack)
        pushed: list = []
        for _ in range(10000):
            act = states[pushed[-1] if pushed else stack[height - 1]].get(term)
            if act is None:
                return False
            shift, size, _, origin = act
            if shift:
                return True
            if size:
                if size <= len(pushed):
                    del pushed[-size:]
                else:
                    height -= size - len(pushed)
                    pushed.clear()
            pushed.append(states[pushed[-1] if pushed else stack[height - 1]][origin][1])
        return False  # pragma: no cover

    def expected(self) -> set:
        """Terminals the parser can shift now."""
        return {t for t in self.states[self.stack[-1]] if t.isupper() and self.accepts(t)}


# ----------------------------------------------------------------------------------------------------------
# Error mapping: the unexpected token, the parser's expectations and the lexer's open brackets -> pwsh errors.

_BINARY_OPS = {"DOTDOT", "FORMAT_OP", "MUL_OP", "PLUS", "MINUS", "COALESCE", "CMP_OP", "SPLITJOIN", "BIT_OP",
               "LOGIC_OP", "ASSIGN", "ASSIGN_OP", "QUESTION", "COLON"}
_UNARY_OPS = {"UNARY_OP", "INC", "DEC"}
_EXPR_START = {"NUMBER", "STR_SQ", "STR_DQ", "HERE_SQ", "HERE_DQ", "VARIABLE", "LPAREN", "DOLLAR_LPAREN",
               "AT_LPAREN", "AT_LBRACE", "LBRACE", "TYPE", "ATTR_OPEN", "UNARY_OP", "MINUS", "PLUS", "INC", "DEC",
               "COMMA", "SPLITJOIN"}
_LOOP_NAMES = {"for": "for", "while": "while", "dowhile": "while", "dountil": "until", "foreach": "foreach"}


def _after(tok: Token):
    return (tok.end_pos, tok.end_pos)


def _text(tok: Token) -> str:
    return str(tok) if tok.type != "$END" else ""


def _context_frame(lexer: Lexer, tok: Token):
    """The bracket the rejected token was found in (the lexer has already opened or closed one for it)."""
    if lexer.last is tok:
        if tok.type in ("RPAREN", "RBRACE", "RBRACKET", "ATTR_CLOSE") and lexer.popped is not None:
            return lexer.popped          # the closer already closed its frame
        if len(lexer.frames) > 1 and lexer.frames[-1].open_start == tok.start_pos and tok.end_pos > tok.start_pos:
            return lexer.frames[-2]      # the opener already opened its own frame
    return lexer.frames[-1]


def _map_unexpected(lexer: Lexer, drv: _Driver, tok: Token, prev: Optional[Token]):
    """(start, end, error_id, message, incomplete) for a token the grammar does not accept."""
    at_end = tok.type == "$END"
    ptype = prev.type if prev is not None else ""
    expected = drv.expected()
    frame = _context_frame(lexer, tok)
    where = _after(prev) if prev is not None else (tok.start_pos, tok.start_pos)
    prev_unary = prev is not None and prev.start_pos in lexer.unary_at

    def res(span, eid, msg, incomplete=None):
        return (span[0], span[1], eid, msg, at_end if incomplete is None else incomplete)

    tspan = (tok.start_pos, tok.end_pos)
    if ptype == "UNARY_OP" or (prev_unary and (ptype in _UNARY_OPS or tok.type not in _EXPR_START)):
        return res(where, "MissingExpressionAfterOperator", f"Missing expression after unary operator '{_text(prev)}'.")
    if "COLON" in expected and not ("SEP" in expected) and ptype not in _BINARY_OPS:
        return res((tok.start_pos, tok.end_pos), "MissingColonInTernaryExpression",
                   "Missing ':' in the ternary expression.")
    if ptype == "COMMA" and frame.mode == KW and frame.kw == "catch":
        return res(where, "MissingTypeLiteralToken", "Missing type literal.")
    # Operators missing their right operand
    if ptype in _BINARY_OPS and ptype not in ("ASSIGN", "ASSIGN_OP", "QUESTION", "COLON") or \
            (ptype in ("QUESTION", "COLON") and tok.type not in _EXPR_START):
        return res(where, "ExpectedValueExpression",
                   f"You must provide a value expression following the '{_text(prev)}' operator.")
    if ptype in ("ASSIGN", "ASSIGN_OP"):
        if frame.kind == "hash" or lexer.frames[-1].kind == "hash":
            return res(where, "MissingStatementInHashLiteral", "Missing statement after '=' in hash literal.")
        return res(where, "ExpectedValueExpression",
                   f"You must provide a value expression following the '{_text(prev)}' operator.")
    if ptype == "COMMA" and tok.type not in _EXPR_START:
        if frame.mode in (CMD, ARG1):  # command arguments
            return res(where, "MissingExpression", "Missing expression after ',' in pipeline element.")
        return res(where, "MissingExpressionAfterToken", "Missing expression after ','.")
    if ptype == "ARG_SEP":
        return res(where, "MissingExpressionAfterToken", "Missing expression after ','.")
    if ptype == "PIPE":
        if tok.type in _EXPR_START:
            return res(tspan, "ExpressionsMustBeFirstInPipeline",
                       "Expressions are only allowed as the first element of a pipeline.", False)
        return res(where, "EmptyPipeElement", "An empty pipe element is not allowed.")
    if tok.type == "PIPE" and (ptype in ("", "SEP", "LBRACE", "LPAREN", "DOLLAR_LPAREN", "AT_LPAREN", "PIPE")):
        return res((tok.start_pos, tok.start_pos), "EmptyPipeElement", "An empty pipe element is not allowed.")
    if ptype in ("ANDAND", "OROR"):
        return res(where, "EmptyPipelineChainElement", "A pipeline chain operator must be followed by a pipeline.")
    if ptype == "AMP" and tok.type in ("ANDAND", "OROR"):
        return res(tspan, "BackgroundOperatorInPipelineChain",
                   "Background operators can only be used at the end of a pipeline chain.", False)
    if ptype == "CMD_PARAM_COLON":
        return res(where, "ParameterRequiresArgument", f"Parameter {_text(prev)} requires an argument.")
    if ptype in ("REDIR_FILE",):
        return res(where, "MissingFileSpecification", "Missing file specification after redirection operator.")
    if ptype in ("AMP_CALL", "DOT_SOURCE"):
        return res((prev.start_pos, prev.end_pos), "MissingExpression",
                   f"Missing expression after '{_text(prev)}' in pipeline element.", False)
    if ptype in ("DOT", "STATIC_DOT", "NC_DOT"):
        return res(where, "MissingPropertyName", "Missing property name after reference operator.")
    if tok.type == "SPLAT":
        name = tok.value
        return res(tspan, "SplattingNotPermitted",
                   f"The splatting operator '@' cannot be used to reference variables in an expression. '@{name}' can "
                   f"be used only as an argument to a command. To reference variables in an expression use "
                   f"'${name}'.", False)
    if tok.type == "COMMA" and frame.mode == CMD and ptype not in _BINARY_OPS:
        return res(tspan, "MissingArgument", "Missing argument in parameter list.", False)

    # Keyword statements
    kw_err = _keyword_error(lexer, drv, tok, prev, expected, where)
    if kw_err is not None:
        s, e, eid, msg = kw_err
        return (s, e, eid, msg, at_end)

    # Unclosed brackets (or a closer in the wrong place)
    if frame.kind == "index" and ptype in ("LBRACKET", "NC_LBRACKET"):
        return res(where, "MissingArrayIndexExpression", "Array index expression is missing or not valid.")
    if frame.kind in ("paren", "mparen") and ptype == "LPAREN" and frame.owner is None:
        return res(where, "ExpectedExpression", "An expression was expected after '('.")
    if "RBRACE" in expected or "RPAREN" in expected or "RBRACKET" in expected or "ATTR_CLOSE" in expected:
        f = frame
        if f.kind == "index" and "RBRACKET" in expected:
            if ptype in ("LBRACKET", "NC_LBRACKET"):
                return res(where, "MissingArrayIndexExpression", "Array index expression is missing or not valid.")
            return res(where, "MissingEndSquareBracket", "Missing ']' after array index expression.")
        if f.kind == "call" and "RPAREN" in expected:
            return res(where, "MissingEndParenthesisInMethodCall", "Missing ')' in method call.")
        if f.kind == "params" and "RPAREN" in expected:
            return res(where, "MissingEndParenthesisInFunctionParameterList", "Missing ')' in function parameter list.")
        if f.kind == "attr":
            return res(where, "MissingEndParenthesisInExpression", "Missing closing ')' in expression.")
        if f.kind == "sub" and "RPAREN" in expected:
            if ptype == "DOLLAR_LPAREN" or at_end or tok.type in ("RBRACE", "RBRACKET"):
                return res(where, "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.")
        if f.kind == "arr" and "RPAREN" in expected:
            if at_end or tok.type in ("RBRACE", "RBRACKET"):
                return res(where, "MissingEndParenthesisInExpression", "Missing closing ')' in expression.")
        if f.kind in ("paren", "mparen") and "RPAREN" in expected:
            if ptype == "LPAREN":
                return res(where, "ExpectedExpression", "An expression was expected after '('.")
            return res(where, "MissingEndParenthesisInExpression", "Missing closing ')' in expression.")
        if f.kind == "hash" and "RBRACE" in expected and (at_end or tok.type in ("RPAREN", "RBRACKET")):
            return res((f.open_end, f.open_end), "MissingEndCurlyBrace",
                       "Missing closing '}' in statement block or type definition.")
        if f.kind in ("block", "switch") and "RBRACE" in expected and (at_end or tok.type in ("RPAREN", "RBRACKET")):
            return res((f.open_start, f.open_end), "MissingEndCurlyBrace",
                       "Missing closing '}' in statement block or type definition.")
    if lexer.frames[-1].kind == "hash" and "ASSIGN" in expected:
        return res(where, "MissingEqualsInHashLiteral", "Missing '=' operator after key in hash literal.")
    if "BEGIN" in expected and "GENERIC" not in expected and not at_end:
        return res(tspan, "MissingNamedBlocks",
                   f"unexpected token '{_text(tok)}', expected 'begin', 'process', 'end', or 'dynamicparam'.", False)
    if at_end:
        # an unclosed bracket further out
        for f in reversed(lexer.frames[1:]):
            if f.kind in ("block", "switch"):
                return res((f.open_start, f.open_end), "MissingEndCurlyBrace",
                           "Missing closing '}' in statement block or type definition.")
            if f.kind == "hash":
                return res((f.open_end, f.open_end), "MissingEndCurlyBrace",
                           "Missing closing '}' in statement block or type definition.")
            if f.kind in ("paren", "arr", "sub"):
                return res(where, "MissingEndParenthesisInExpression", "Missing closing ')' in expression.")
        return res(where, "IncompleteInput", "The statement is incomplete.")
    text = _text(tok)
    if tok.type == "SEP":
        text = "\n" if text in ("\r\n", "\r") else text
    return res(tspan, "UnexpectedToken", f"Unexpected token '{text}' in expression or statement.", False)


def _keyword_error(lexer, drv, tok, prev, expected, where):
    """Errors inside `if`/`for`/`function`/`try`... headers: (start, end, id, message) or None."""
    ptype = prev.type if prev is not None else ""
    frame = _context_frame(lexer, tok)
    paren_kw = frame.owner if frame.kind == "paren" else None
    kw = frame.kw if frame.mode == KW else None
    pv = str(prev).lower() if prev is not None else ""

    # Missing `(` after a keyword
    if ptype in ("IF", "ELSEIF") and "LPAREN" in expected:
        return (*where, "MissingOpenParenthesisInIfStatement", f"Missing '(' after '{pv}' in if statement.")
    if ptype in ("WHILE", "FOR", "FOREACH", "UNTIL") and "LPAREN" in expected:
        return (*where, "MissingOpenParenthesisAfterKeyword", f"Missing opening '(' after keyword '{pv}'.")
    if ptype == "SWITCH" or (ptype == "SWITCH_OPT" and "LPAREN" in expected):
        return (*where, "PipelineValueRequired",
                "A switch statement must have one of the following:  '-file file_name' or '( expression )'.")
    if ptype == "SWITCH_FILE":
        return (*where, "MissingFilenameOption",
                "Cannot process the 'switch' statement because of a missing file name argument to the -file "
                "option.")
    # Empty conditions
    if ptype == "LPAREN" and paren_kw in ("if", "elseif"):
        return (*where, "IfStatementMissingCondition", f"Missing condition in if statement after '{paren_kw} ('.")
    if ptype == "LPAREN" and paren_kw in ("while", "dowhile", "dountil"):
        name = _LOOP_NAMES[paren_kw]
        return (*where, "MissingExpressionAfterKeyword", f"Missing expression after '{name}' in loop.")
    if ptype == "LPAREN" and paren_kw == "switch":
        return (*where, "PipelineValueRequired",
                "A switch statement must have one of the following:  '-file file_name' or '( expression )'.")
    if paren_kw == "foreach":
        if ptype == "LPAREN":
            return (*where, "MissingVariableNameAfterForeach",
                    "Missing variable name after foreach.\nThe correct form is: foreach ($a in $b) {...}")
        if "IN" in expected:
            return (*where, "MissingInInForeach",
                    "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}")
        if ptype == "IN":
            return (*where, "MissingForeachExpression",
                    "Missing expression in foreach loop.\nThe correct form is: foreach ($a in $b) {...}")
        if "RPAREN" in expected:
            return (*where, "MissingEndParenthesisAfterForeach",
                    "Missing closing ')' after expression part of foreach loop.\n"
                    "The correct form is: foreach ($a in $b) {...}")
    if paren_kw in ("if", "elseif", "while", "for", "dowhile", "dountil") and "RPAREN" in expected:
        name = {"dowhile": "while", "dountil": "until"}.get(paren_kw, paren_kw)
        return (*where, "MissingEndParenthesisAfterStatement",
                f"Missing closing ')' after expression in '{name}' statement.")
    if paren_kw == "switch" and "RPAREN" in expected:
        return (*where, "MissingEndParenthesisInSwitchStatement", "Missing ')' after expression in switch statement.")
    # Missing statement blocks right after a keyword
    if "LBRACE" in expected:
        if ptype in ("BEGIN", "PROCESS", "END", "CLEAN", "DYNAMICPARAM"):
            return (*where, "MissingNamedStatementBlock", f"Missing statement block after '{pv}'.")
        if ptype == "ELSE":
            return (*where, "MissingStatementBlockAfterElse", "Missing statement block after 'else' keyword.")
        if ptype == "TRY":
            return (*where, "MissingTryStatementBlock", "The Try statement is missing its statement block.")
        if ptype == "FINALLY":
            return (*where, "MissingFinallyStatementBlock", "The Finally block is missing its statement block.")
        if ptype == "CATCH":
            return (*where, "MissingCatchHandlerBlock", "The Catch block is missing its statement block.")
        if ptype == "TRAP":
            return (*where, "MissingTrapStatement",
                    "The 'trap' statement was incomplete. A trap statement requires a body.")
        if ptype == "DO":
            return (*where, "MissingLoopStatement", "Missing statement body in do loop.")
    # Missing statement blocks after a header
    if "LBRACE" in expected and kw is not None:
        if kw in ("if", "elseif") and ptype == "RPAREN":
            return (*where, "MissingStatementBlock", f"Missing statement block after {kw} ( condition ).")
        if kw == "else":
            return (*where, "MissingStatementBlockAfterElse", "Missing statement block after 'else' keyword.")
        if kw == "foreach" and ptype == "RPAREN":
            return (*where, "MissingForeachStatement",
                    "Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}")
        if kw in ("for", "while") and ptype == "RPAREN":
            return (*where, "MissingLoopStatement", f"Missing statement body in {kw} loop.")
        if kw == "do":
            return (*where, "MissingLoopStatement", "Missing statement body in do loop.")
        if kw == "try":
            return (*where, "MissingTryStatementBlock", "The Try statement is missing its statement block.")
        if kw == "catch":
            return (*where, "MissingCatchHandlerBlock", "The Catch block is missing its statement block.")
        if kw == "finally":
            return (*where, "MissingFinallyStatementBlock", "The Finally block is missing its statement block.")
        if kw == "trap":
            return (*where, "MissingTrapStatement",
                    "The 'trap' statement was incomplete. A trap statement requires a body.")
        if kw == "switch":
            if tok.type == "LPAREN":       # `switch -file a (1)`: a file and a value expression both
                return (tok.start_pos, tok.end_pos, "PipelineValueRequired",
                        "A switch statement must have one of the following:  '-file file_name' or '( expression )'.")
            return (*where, "MissingCurlyBraceInSwitchStatement", "Missing '{' in switch statement.")
        if kw == "function":
            if ptype in ("FUNCTION", "FILTER"):
                return (*where, "MissingNameAfterKeyword", f"Missing name after {pv} keyword.")
            return (*where, "MissingFunctionBody", "Missing function body in function declaration.")
        if kw in ("begin", "process", "end", "clean", "dynamicparam"):
            return (*where, "MissingNamedStatementBlock", f"Missing statement block after '{kw}'.")
    if ptype in ("FUNCTION", "FILTER"):
        return (*where, "MissingNameAfterKeyword", f"Missing name after {pv} keyword.")
    if ptype == "RBRACE" and ("WHILE" in expected or "UNTIL" in expected) and not ("SEP" in expected):
        return (*where, "MissingWhileOrUntilInDoWhile", "Missing while or until keyword in do loop.")
    if ptype == "RBRACE" and "CATCH" in expected and "FINALLY" in expected and "SEP" not in expected:
        return (*where, "MissingCatchOrFinally", "The Try statement is missing its Catch or Finally block.")
    if ptype == "TYPE" and kw == "catch" and "LBRACE" in expected:
        return (*where, "MissingCatchHandlerBlock", "The Catch block is missing its statement block.")
    if ptype == "COMMA" and kw == "catch":
        return (*where, "MissingTypeLiteralToken", "Missing type literal.")
    if frame.kind == "switch" and frame.mode == CBODY:   # a clause without a block
        return (*where, "MissingSwitchStatementClause", "Missing statement block in switch statement clause.")
    if frame.kind == "switch" and ptype == "LBRACE" and tok.type == "$END":
        return (*where, "MissingSwitchConditionExpression", "Missing condition in switch statement clause.")
    return None


# ----------------------------------------------------------------------------------------------------------

def _run(source: A.SourceText, start: int, end: int, initial: str, start_rule: str, line_starts=None):
    drv = _Driver(start_rule)
    lexer = Lexer(source.text, start, end, drv.accepts, line_starts, initial=initial,
                  outer=(initial == "top"))
    feed = drv.feed
    prev: Optional[Token] = None
    try:
        for tok in lexer.tokens():
            feed(tok)
            prev = tok
        result = drv.finish(Token("$END", "", end, 0, 0, 0, 0, end))
    except _Unexpected as e:
        s, en, eid, msg, inc = _map_unexpected(lexer, drv, e.token, prev)
        raise ParseException([_error(source, s, en, eid, msg, inc)]) from None
    except (LexError, SemanticError) as e:
        raise ParseException([_error(source, e.start, e.end, e.error_id, e.message, e.incomplete)]) from None
    return result, lexer


def _error(source: A.SourceText, start: int, end: int, error_id: str, message: str, incomplete: bool) -> ParseError:
    n = len(source.text)
    start = min(max(start, 0), n)
    end = min(max(end, start), n)
    return ParseError(A.Extent(source, start, end), error_id, message, incomplete)


def _subparse(source: A.SourceText, start: int, end: int) -> A.SubExpr:
    """Parse `$( ... )` found inside an expandable string or bareword (text[start:end])."""
    result, _ = _run(source, start, end, "substart", "substart", source.line_starts())
    return result


def _requires(source: A.SourceText, items) -> tuple:
    out = []
    for start, end, text in items:
        opts = []
        words = text.split()
        name = None
        vals: list = []
        for w in words:
            if w[:1] in "-\u2013\u2014\u2015" and len(w) > 1 and not w[1:].replace(".", "").isdigit():
                if name is not None:
                    opts.append((name, " ".join(vals)))
                name = w[1:]
                vals = []
            else:
                vals.append(w)
        if name is not None:
            opts.append((name, " ".join(vals)))
        out.append(A.RequiresAst(A.Extent(source, start, end), tuple(opts)))
    return tuple(out)


def _parse_uncached(text: str, path: Optional[str]) -> A.ScriptBlockAst:
    source = A.SourceText(text, path)
    saved = (current.source, current.subparse, current.deferred)
    current.source = source
    current.subparse = _subparse
    current.deferred = {}
    try:
        try:
            result, lexer = _run(source, 0, len(text), "top", "start", source.line_starts())
        except RecursionError:
            raise ParseException([ParseError(A.Extent(source, 0, 0), "ScriptTooComplicated",
                                             "Processing was stopped because the script is too complex.")]) from None
        if current.deferred:
            e = min(current.deferred.values(), key=lambda err: err.start)
            raise ParseException([_error(source, e.start, e.end, e.error_id, e.message, e.incomplete)])
        if lexer.requires:
            result = A.replace(result, requires=_requires(source, lexer.requires))
        return result
    finally:
        current.source, current.subparse, current.deferred = saved


@functools.lru_cache(maxsize=256)
def _parse_cached(text: str, path: Optional[str]):
    try:
        return _parse_uncached(text, path), None
    except ParseException as e:
        return None, e.errors


def parse(text: str, path: Optional[str] = None) -> A.ScriptBlockAst:
    """Parse a script (file, -Command text, REPL input). Raises ParseException for syntax errors."""
    if not isinstance(text, str):
        raise TypeError("parse() needs a str")
    try:
        result, errors = _parse_cached(text, path)
    except ParseException:  # pragma: no cover
        raise
    except Exception as exc:  # defensive: a parser bug must not escape as a Python traceback
        if os.environ.get("PSLARK_DEBUG"):
            raise
        source = A.SourceText(text, path)
        raise ParseException([ParseError(A.Extent(source, 0, 0), "InternalParserError",
                                         f"Internal parser error: {type(exc).__name__}: {exc}")]) from exc
    if errors is not None:
        raise ParseException(list(errors))
    return result


def tokenize(text: str) -> list:
    """The tokens the parser sees for `text` (keywords decided with parser feedback), up to the first error.

    For tests and tools such as syntax colouring; each token has `.type`, `.value` (payload), offsets and lines.
    """
    source = A.SourceText(text)
    drv = _Driver("start")
    lexer = Lexer(text, 0, len(text), drv.accepts, source.line_starts())
    out = []
    saved = (current.source, current.subparse)
    current.source, current.subparse = source, _subparse
    try:
        for tok in lexer.tokens():
            drv.feed(tok)
            out.append(tok)
    except (_Unexpected, LexError, SemanticError, ParseException):
        pass
    finally:
        current.source, current.subparse = saved
    return out


def is_incomplete(text: str) -> bool:
    """True when the text only fails because more input is needed (open brackets, quotes, trailing `|`...)."""
    try:
        parse(text)
    except ParseException as e:
        return bool(e.errors) and all(err.incomplete for err in e.errors)
    return False
