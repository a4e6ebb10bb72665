"""The mode-aware PowerShell tokenizer that feeds the Lark LALR parser.

PowerShell tokenizes differently in command mode (`Get-Item -Path a*`: barewords, parameters) and expression
mode (`$a -eq 5`, `1..5`), and the real parser switches the mode as it goes. Here the lexer carries that state
itself: a stack of frames (one per open `{ ( [ $( @( @{`), each with a mode (statement start, command
arguments, expression operand / operator, keyword header, hashtable key, switch clause ...). The parser gives
one piece of feedback: `accepts(terminal)`, used to decide whether a word such as `else`, `param` or `begin`
is a keyword here, and whether a newline may be skipped before `else`/`catch`/`|`.
See shared/reference/pwsh-syntax.md for the rules implemented here.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterator, Optional

from pslark.interpreter.tokens import Token

__all__ = ["LexError", "Lexer", "tokenize", "KEYWORDS"]


class LexError(Exception):
    """A syntax error found while scanning: offsets, pwsh's error id and message, and whether more input could fix it."""

    def __init__(self, start: int, end: int, error_id: str, message: str, incomplete: bool = False):
        super().__init__(message)
        self.start = start
        self.end = end
        self.error_id = error_id
        self.message = message
        self.incomplete = incomplete


# ------------------------------------------------------------------------------------------------------------
# Character classes

DASHES = "-\u2013\u2014\u2015"
SQUOTES = "'\u2018\u2019\u201a\u201b"
DQUOTES = '"\u201c\u201d\u201e'
QUOTES = SQUOTES + DQUOTES
NEWLINES = "\r\n"
# ForceStartNewToken: whitespace, newlines and `{ } ( ) ; , | &` end a bareword in command mode.
_HWS = " \t\v\f\u00a0\u0085\ufeff"
FORCE_NEW = frozenset(_HWS + NEWLINES + "{}();,|&")
# A number in expression mode also ends at these (ForceStartNewTokenAfterNumber).
NUM_END_EXPR = frozenset(FORCE_NEW | set("!#%*+-./<=>]") | set(DASHES))
NUM_END_TERNARY = frozenset(NUM_END_EXPR | set("?:"))
CLOSERS = ")}]"

_WS_RE = re.compile(r"[ \t\v\f\u00a0\u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_SIMPLE_GENERIC_RE = re.compile(
    r"[^ \t\v\f\u00a0\u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\r\n{}();,|&`'\"$\u2018-\u201e]+")
_TOKEN_EXTENT_RE = re.compile(
    r"[^ \t\v\f\u00a0\u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\r\n{}();,|&]*")
_WORD_RE = re.compile(r"\w+")
_TO_EOL_RE = re.compile(r"[^\r\n]*")
_LETTERS_RE = re.compile(r"[A-Za-z]+")
_VARNAME_RE = re.compile(r"[\w?]*")
_TYPENAME_RE = re.compile(r"[\w.`+#\\]+")
_DIGITS_RE = re.compile(r"[0-9]+")
_HEX_RE = re.compile(r"[0-9a-fA-F]+")
_BIN_RE = re.compile(r"[01]+")
_SUFFIX_RE = re.compile(r"(?:[uU][lLyYsS]?|[yYsSlLnNdD])?(?:[kKmMgGtTpP][bB])?")
_DQ_PLAIN_RE = re.compile(r"[^`$\"\u201c\u201d\u201e]+")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_HERE_PLAIN_RE = re.compile(r"[^`$]+")
_SQ_PLAIN_RE = re.compile(r"[^'\u2018\u2019\u201a\u201b]+")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _is_ws(c: str) -> bool:
    return c in _HWS or (c > "\x7f" and unicodedata.category(c) in ("Zs", "Zl", "Zp"))


def _force_new(c: str) -> bool:
    return c in FORCE_NEW or (c > "\x7f" and unicodedata.category(c) in ("Zs", "Zl", "Zp"))


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _is_var_start(c: str) -> bool:
    return c.isalnum() or c in "_$?^:"


def _is_ident_start(c: str) -> bool:
    return c.isalpha() or c == "_"


ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}

# ------------------------------------------------------------------------------------------------------------
# Keywords and operators

KEYWORDS = {
    "if": "IF", "elseif": "ELSEIF", "else": "ELSE", "switch": "SWITCH", "foreach": "FOREACH", "for": "FOR",
    "while": "WHILE", "do": "DO", "until": "UNTIL", "in": "IN", "function": "FUNCTION", "filter": "FILTER",
    "return": "RETURN", "throw": "THROW", "exit": "EXIT", "break": "BREAK", "continue": "CONTINUE",
    "trap": "TRAP", "try": "TRY", "catch": "CATCH", "finally": "FINALLY", "param": "PARAM", "begin": "BEGIN",
    "process": "PROCESS", "end": "END", "clean": "CLEAN", "dynamicparam": "DYNAMICPARAM",
}
UNSUPPORTED_KEYWORDS = {"class", "enum", "using", "data", "workflow", "configuration", "parallel", "sequence"}
RESERVED_KEYWORDS = {"from", "define", "var"}

_CMP_WORDS = (
    "eq ieq ceq ne ine cne ge ige cge gt igt cgt lt ilt clt le ile cle like ilike clike notlike inotlike cnotlike "
    "match imatch cmatch notmatch inotmatch cnotmatch replace ireplace creplace contains icontains ccontains "
    "notcontains inotcontains cnotcontains in iin cin notin inotin cnotin isnot is as shl shr").split()
OPERATOR_WORDS: dict[str, str] = {w: "CMP_OP" for w in _CMP_WORDS}
OPERATOR_WORDS.update({w: "SPLITJOIN" for w in ("split", "isplit", "csplit", "join")})
OPERATOR_WORDS.update({w: "BIT_OP" for w in ("band", "bor", "bxor")})
OPERATOR_WORDS.update({w: "LOGIC_OP" for w in ("and", "or", "xor")})
OPERATOR_WORDS.update({"f": "FORMAT_OP", "not": "UNARY_OP", "bnot": "UNARY_OP"})
UNARY_WORDS = {"not", "bnot", "split", "isplit", "csplit", "join"}

SWITCH_OPTIONS = ("regex", "wildcard", "exact", "casesensitive", "parallel", "file")

# Modes of a frame
STMT, CMD, EOP, EAFT, KW, FNAME, HKEY, CLAUSE, CBODY, BLABEL, ARG1 = range(11)

# Frames whose statement lists make a newline significant (a separator).
_NL_FRAMES = frozenset(("top", "block", "sub", "arr", "hash", "paren"))

# After these tokens a newline never ends the statement.
CONTINUATION_TYPES = frozenset((
    "LBRACE", "LPAREN", "DOLLAR_LPAREN", "AT_LPAREN", "AT_LBRACE", "CALL_LPAREN", "CALL_LBRACE", "LBRACKET",
    "NC_LBRACKET", "SEP", "COMMA", "ARG_SEP", "DOTDOT", "FORMAT_OP", "MUL_OP", "PLUS", "MINUS", "COALESCE",
    "CMP_OP", "SPLITJOIN", "BIT_OP", "LOGIC_OP", "QUESTION", "COLON", "UNARY_OP", "ASSIGN", "ASSIGN_OP", "DOT",
    "STATIC_DOT", "NC_DOT", "PIPE", "ANDAND", "OROR", "ATTR_CLOSE", "ATTR_OPEN", "PB_ATTR_OPEN", "LABEL",
    "AMP_CALL", "DOT_SOURCE", "CMD_PARAM_COLON", "REDIR_FILE", "IN",
))
OPENER_TYPES = frozenset(("LBRACE", "LPAREN", "DOLLAR_LPAREN", "AT_LPAREN", "AT_LBRACE", "CALL_LPAREN",
                          "CALL_LBRACE", "LBRACKET", "NC_LBRACKET"))


class Frame:
    """One open bracket (or the whole text): what it is, and the lexer mode inside it."""

    __slots__ = ("kind", "mode", "kw", "owner", "open_start", "open_end", "ret", "dashdash", "preamble",
                 "stop", "ternary", "open_type")

    def __init__(self, kind: str, mode: int, open_start: int = 0, open_end: int = 0, kw: Optional[str] = None,
                 open_type: str = ""):
        self.kind = kind
        self.mode = mode
        self.kw = kw                 # the keyword whose header is being lexed (KW mode)
        self.owner = kw              # the keyword that opened this bracket ('if', 'for', 'switch', 'do'...)
        self.open_start = open_start
        self.open_end = open_end
        self.open_type = open_type
        self.ret = CMD               # the mode after a single command argument (ARG1)
        self.dashdash = False        # `--` seen in the current command
        self.preamble = False        # attributes before `param(` at a script-block start
        self.stop = False            # nested scan of `$(` in a string: stop when this frame closes
        self.ternary = False         # numbers end at `?`/`:` in the current expression

    def __repr__(self):
        return f"Frame({self.kind}, mode={self.mode}, kw={self.kw})"


def _always(term: str) -> bool:
    return True


# ------------------------------------------------------------------------------------------------------------
# Numbers

def _numbers_module():
    try:
        from pslark.runtime import numbers
        return numbers
    except Exception:  # pragma: no cover - the value layer is optional for the parser
        return None


_MULTIPLIERS = {"kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3, "tb": 1024 ** 4, "pb": 1024 ** 5}
_INT32 = (-2 ** 31, 2 ** 31 - 1)
_INT64 = (-2 ** 63, 2 ** 63 - 1)
_SUFFIX_TYPES = {
    "l": ("Int64", -2 ** 63, 2 ** 63 - 1), "ul": ("UInt64", 0, 2 ** 64 - 1),
    "y": ("SByte", -128, 127), "uy": ("Byte", 0, 255),
    "s": ("Int16", -32768, 32767), "us": ("UInt16", 0, 65535),
    "n": ("BigInteger", None, None),
}


def _wrap(typename: str, value: int):
    mod = _numbers_module()
    cls = getattr(mod, typename, None) if mod is not None else None
    return cls(value) if cls is not None else value


def number_value(body: str, suffix: str, mult: str, negative: bool = False):
    """Convert a scanned numeric literal to a Python value (None when it is malformed / out of range)."""
    m = _MULTIPLIERS[mult.lower()] if mult else 1
    suffix = suffix.lower()
    low = body.lower()
    if low.startswith("0x") or low.startswith("0b"):
        digits = body[2:]
        if suffix == "d":
            return None
        base = 16 if low.startswith("0x") else 2
        v = int(digits, base)
        unsigned = suffix.startswith("u")
        if base == 16:
            # pwsh's tokenizer: as many hex digits as the target type's width are two's complement
            # (0xFFFFFFFF is -1, 0xFFs is 255 but 0xFFFFs is -1); 16 digits always make an Int64
            if not unsigned:
                width = {"y": 2, "s": 4, "l": 16}.get(suffix, 8 if len(digits) < 16 else 16)
                if len(digits) == width and v >= 2 ** (4 * width - 1):
                    v -= 2 ** (4 * width)
            if len(digits) == 16 and suffix in ("", "u"):
                suffix += "l"
        else:
            # 8, 16, 32 or 64 binary digits starting with 1 are negative (0b11111111 is -1) unless unsigned
            if not unsigned and len(digits) in (8, 16, 32, 64) and digits[0] == "1":
                v -= 2 ** len(digits)
            if len(digits) == 64 and suffix in ("", "u"):
                suffix += "l"
        v *= m
        if negative:
            v = -v
        return _typed_int(v, suffix, allow_decimal=False)
    is_real = "." in body or "e" in low
    if is_real:
        if suffix == "d":
            try:
                v = Decimal(body) * m
            except InvalidOperation:
                return None
            return -v if negative else v
        if suffix:
            if suffix in ("l", "ul", "u", "y", "uy", "s", "us", "n"):
                # an integer suffix on a real literal rounds it to even, as pwsh does (3.72y is 4, 2.5l is 2)
                try:
                    f = float(body) * m
                    v = round(-f if negative else f)
                except (ValueError, OverflowError):
                    return None
                return _typed_int(v, suffix, allow_decimal=False)
            return None
        try:
            f = float(body) * m
        except (ValueError, OverflowError):
            return None
        return -f if negative else f
    v = int(body) * m
    if negative:
        v = -v
    if suffix == "d":
        return Decimal(v)
    return _typed_int(v, suffix, allow_decimal=True)


def _typed_int(v: int, suffix: str, allow_decimal: bool):
    if not suffix:
        if _INT64[0] <= v <= _INT64[1]:
            return v
        if allow_decimal:
            if abs(v) < 79228162514264337593543950336:
                return Decimal(v)
            return float(v)
        return None
    if suffix == "u":
        if 0 <= v <= 2 ** 32 - 1:
            return _wrap("UInt32", v)
        if 0 <= v <= 2 ** 64 - 1:
            return _wrap("UInt64", v)
        return None
    name, lo, hi = _SUFFIX_TYPES[suffix]
    if lo is not None and not (lo <= v <= hi):
        return None
    return _wrap(name, v)


# ------------------------------------------------------------------------------------------------------------

class Lexer:
    """Tokenizes text[start:end] into lark Tokens. `accepts(terminal)` asks the parser about keywords."""

    def __init__(self, text: str, start: int = 0, end: Optional[int] = None,
                 accepts: Callable[[str], bool] = _always, line_starts: Optional[list] = None,
                 initial: str = "top", outer: bool = True):
        self.text = text
        self.pos = start
        self.end = len(text) if end is None else end
        self.accepts = accepts
        self.line_starts = line_starts if line_starts is not None else _line_starts(text)
        self.outer = outer                  # `#requires` only counts in the outermost text
        if initial == "top":
            self.frames = [Frame("top", STMT, start, start)]
        elif initial == "substart":        # `$( ... )` parsed on its own: starts with the `$(` token
            self.frames = [Frame("top", EOP, start, start)]
        elif initial == "sub":             # scanning `$( ...` inside a string to find its end
            f = Frame("sub", STMT, start - 2, start)
            f.stop = True
            self.frames = [Frame("top", STMT, start, start), f]
        else:  # pragma: no cover
            raise ValueError(initial)
        self.last: Optional[Token] = None   # the last token produced
        self.last_type = ""
        self.postfix_pos = -1               # end of a primary: a glued `.`, `[`, `::` continues it
        self.postfix_type_only = False      # after a type literal only `.`/`::` continue it
        self.last_member = False            # the last token is a member name (a glued `(` is a call)
        self.expect_member = False          # after `.`, `::`, `?.`
        self.after_do = False               # the `}` of a do-loop body was just closed
        self.stopped_at = -1                # for initial='sub': offset of the closing `)`
        self.requires: list[tuple[int, int, str]] = []
        self.popped: Optional[Frame] = None   # the frame the last closer token closed (for error messages)
        self.unary_at: set = set()             # offsets of `-`/`+`/`-split`... used as prefix operators

    # -- helpers -----------------------------------------------------------------------------------------

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    def error(self, start: int, end: int, error_id: str, message: str, incomplete: bool = False):
        raise LexError(start, end, error_id, message, incomplete)

    def make(self, type_: str, start: int, end: int, value=None) -> Token:
        text = self.text
        tok = str.__new__(Token, text[start:end])
        tok.type = type_
        tok.start_pos = start
        tok.end_pos = end
        tok.value = text[start:end] if value is None else value
        ls = self.line_starts
        li = bisect.bisect_right(ls, start) - 1
        tok.line = li + 1
        tok.column = start - ls[li] + 1
        if end > start:
            lj = bisect.bisect_right(ls, end, li) - 1
            tok.end_line = lj + 1
            tok.end_column = end - ls[lj] + 1
        else:
            tok.end_line = tok.line
            tok.end_column = tok.column
        self.last = tok
        self.last_type = type_
        self.postfix_pos = -1
        self.postfix_type_only = False
        self.last_member = False
        self.after_do = False
        self.pos = end
        return tok

    def primary(self, tok: Token, type_only: bool = False) -> Token:
        """Mark the end of a primary expression: a glued `.name`, `[i]`, `::name` continues it."""
        self.postfix_pos = tok.end_pos
        self.postfix_type_only = type_only
        return tok

    def push(self, kind: str, mode: int, tok: Token, parent_mode: Optional[int] = None, kw: Optional[str] = None):
        if parent_mode is not None:
            self.frames[-1].mode = parent_mode
        self.frames.append(Frame(kind, mode, tok.start_pos, tok.end_pos, kw, tok.type))

    # -- main loop --------------------------------------------------------------------------------------

    def tokens(self) -> Iterator[Token]:
        while True:
            tok = self.next_token()
            if tok is None:
                return
            yield tok

    def next_token(self) -> Optional[Token]:
        text = self.text
        n = self.end
        while True:
            pos = self.pos
            if pos < n and (text[pos] in _HWS or text[pos] > "\x7f"):
                m = _WS_RE.match(text, pos)
                if m:
                    pos = self.pos = m.end()
            if pos >= n:
                return None
            c = text[pos]
            if c == "`":
                nxt = text[pos + 1] if pos + 1 < n else ""
                if nxt == "":
                    self.error(pos, pos + 1, "IncompleteLineContinuation",
                               "Missing text after the line continuation character '`'.", incomplete=True)
                if nxt in NEWLINES:
                    self.pos = pos + (3 if text.startswith("\r\n", pos + 1) else 2)
                    continue
            elif c == "#":
                self.pos = self.skip_line_comment(pos)
                continue
            elif c == "<" and pos + 1 < n and text[pos + 1] == "#":
                self.pos = self.skip_block_comment(pos)
                continue
            elif c in NEWLINES:
                tok = self.on_newline(pos)
                if tok is not None:
                    return tok
                continue
            elif c == ";":
                tok = self.on_semicolon(pos)
                if tok is not None:
                    return tok
                continue
            if self.expect_member:
                return self.lex_member(pos, c)
            if pos == self.postfix_pos:
                tok = self.lex_postfix(pos, c)
                if tok is not None:
                    return tok
            if c in CLOSERS:
                return self.lex_closer(pos, c)
            mode = self.frames[-1].mode
            if mode == STMT:
                tok = self.lex_statement_start(pos, c)
            elif mode == EAFT:
                tok = self.lex_after_operand(pos, c)
            elif mode == EOP:
                tok = self.lex_operand(pos, c)
            elif mode == CMD:
                tok = self.lex_command_arg(pos, c, CMD)
            elif mode == KW:
                tok = self.lex_keyword_header(pos, c)
            elif mode == HKEY:
                tok = self.lex_hash_key(pos, c)
            elif mode == CLAUSE:
                tok = self.lex_command_arg(pos, c, CBODY)
            elif mode == CBODY:
                tok = self.lex_clause_body(pos, c)
            elif mode == ARG1:
                tok = self.lex_command_arg(pos, c, self.frames[-1].ret)
            elif mode == FNAME:
                tok = self.lex_function_name(pos, c)
            elif mode == BLABEL:
                tok = self.lex_break_label(pos, c)
            else:  # pragma: no cover
                raise AssertionError(mode)
            if tok is not None:
                return tok

    # -- comments, newlines, separators ----------------------------------------------------------------

    def skip_line_comment(self, pos: int) -> int:
        text = self.text
        i = pos + 1
        e = _TO_EOL_RE.match(text, i, self.end).end()
        if self.outer and text[i:i + 8].lower() == "requires":
            self.requires.append((pos, e, text[i + 8:e]))
        return e

    def skip_block_comment(self, pos: int) -> int:
        i = self.text.find("#>", pos + 2, self.end)
        if i < 0:
            self.error(pos, self.end, "MissingTerminatorMultiLineComment",
                       "The terminator '#>' is missing from the multiline comment.", incomplete=True)
        return i + 2

    def skip_trivia(self, i: int) -> tuple[int, bool]:
        """Skip whitespace, newlines and comments from i; return (next offset, whether a blank line was seen)."""
        text = self.text
        n = self.end
        blank = False
        line_has_content = True  # the line we start on had a token before the newline
        while i < n:
            c = text[i]
            if c in NEWLINES:
                if not line_has_content:
                    blank = True
                line_has_content = False
                i += 2 if text.startswith("\r\n", i) else 1
            elif c in _HWS or (c > "\x7f" and _is_ws(c)):
                i += 1
            elif c == "#":
                line_has_content = True
                i = self.skip_line_comment(i)
            elif c == "<" and i + 1 < n and text[i + 1] == "#":
                line_has_content = True
                i = self.skip_block_comment(i)
            elif c == "`" and i + 1 < n and text[i + 1] in NEWLINES:
                i += 3 if text.startswith("\r\n", i + 1) else 2
            else:
                break
        return i, blank

    def newline_significant(self) -> bool:
        f = self.frames[-1]
        if f.kind not in _NL_FRAMES or self.expect_member or f.preamble:
            return False
        if f.mode in (KW, FNAME, HKEY, CLAUSE, CBODY):
            return False
        lt = self.last_type
        return not (lt == "" or lt in CONTINUATION_TYPES)

    def on_newline(self, pos: int) -> Optional[Token]:
        significant = self.newline_significant()
        nxt, blank = self.skip_trivia(pos)
        self.pos = nxt
        if not significant:
            return None
        text = self.text
        if nxt >= self.end:
            return None
        c = text[nxt]
        if c in CLOSERS:
            return None
        if c == "|" and not text.startswith("||", nxt) and not blank and self.accepts("PIPE"):
            return None
        if c.isalpha():
            m = _WORD_RE.match(text, nxt)
            word = m.group().lower()
            if word in ("else", "elseif", "catch", "finally", "while", "until"):
                if self.accepts(KEYWORDS[word]):
                    return None
        return self.emit_sep(pos, pos + (2 if text.startswith("\r\n", pos) else 1))

    def on_semicolon(self, pos: int) -> Optional[Token]:
        f = self.frames[-1]
        if f.kind == "paren" and f.owner == "for":
            return self.emit_sep(pos, pos + 1)
        if f.mode in (CLAUSE, CBODY) and f.kind == "switch":
            self.pos = pos + 1
            return None
        if self.last_type == "SEP" or (f.mode == HKEY and self.last_type in ("AT_LBRACE", "SEP")):
            self.pos = pos + 1
            return None
        return self.emit_sep(pos, pos + 1)

    def emit_sep(self, start: int, end: int) -> Token:
        pos = self.pos
        tok = self.make("SEP", start, end)
        self.pos = max(pos, end)
        f = self.frames[-1]
        f.mode = HKEY if f.kind == "hash" else STMT
        f.dashdash = False
        f.ternary = False
        return tok

    # -- closers ---------------------------------------------------------------------------------------

    _CLOSES = {")": ("paren", "sub", "arr", "call", "params", "attr", "mparen"), "}": ("block", "hash", "switch"),
               "]": ("index",)}
    _CLOSER_TYPES = {")": "RPAREN", "}": "RBRACE", "]": "RBRACKET"}

    def lex_closer(self, pos: int, c: str) -> Token:
        f = self.frames[-1]
        if c == "}" and f.kind == "switch" and f.mode == CBODY:
            end = self.last.end_pos if self.last is not None else pos
            self.error(end, end, "MissingSwitchStatementClause",
                       "Missing statement block in switch statement clause.")
        if len(self.frames) > 1 and f.kind in self._CLOSES[c]:
            if f.kind == "attr":
                i, _ = self.skip_trivia(pos + 1)
                if i >= self.end or self.text[i] != "]":
                    self.error(pos, pos + 1, "EndSquareBracketExpectedAtEndOfAttribute",
                               "Missing ] at end of attribute or type literal.", incomplete=i >= self.end)
                tok = self.make("ATTR_CLOSE", pos, i + 1)
                self.frames.pop()
                self.popped = f
                return tok
            tok = self.make(self._CLOSER_TYPES[c], pos, pos + 1)
            self.frames.pop()
            self.popped = f
            if f.stop:
                self.stopped_at = pos
                self.pos = self.end
                return tok
            if f.kind == "block" and f.owner == "do":
                self.after_do = True
            if f.kind in ("paren", "sub", "arr", "index", "call", "hash", "mparen") or \
                    (f.kind == "block" and f.owner is None):
                self.primary(tok)
                if f.kind == "mparen":
                    self.last_member = True
            return tok
        # A closer that does not match the open bracket: the parser reports it.
        self.popped = None
        return self.make(self._CLOSER_TYPES[c], pos, pos + 1)

    # -- glued postfix operators -----------------------------------------------------------------------

    def lex_postfix(self, pos: int, c: str) -> Optional[Token]:
        text = self.text
        n1 = text[pos + 1] if pos + 1 < self.end else ""
        if c == ".":
            if n1 == ".":
                return None
            tok = self.make("DOT", pos, pos + 1)
            self.expect_member = True
            return tok
        if c == ":" and n1 == ":":
            tok = self.make("STATIC_DOT", pos, pos + 2)
            self.expect_member = True
            return tok
        if self.postfix_type_only:
            return None
        if c == "?" and n1 == ".":
            tok = self.make("NC_DOT", pos, pos + 2)
            self.expect_member = True
            return tok
        if c == "[" or (c == "?" and n1 == "["):
            end = pos + (1 if c == "[" else 2)
            tok = self.make("LBRACKET" if c == "[" else "NC_LBRACKET", pos, end)
            self.operand_done()
            self.push("index", EOP, tok)
            return tok
        if self.last_member and c == "(":
            tok = self.make("CALL_LPAREN", pos, pos + 1)
            self.operand_done()
            self.push("call", EOP, tok)
            return tok
        if self.last_member and c == "{":
            tok = self.make("CALL_LBRACE", pos, pos + 1)
            self.operand_done()
            self.push("block", STMT, tok)
            return tok
        mode = self.frames[-1].mode
        if mode == EAFT and (c == "+" and n1 == "+" or c in DASHES and n1 and n1 in DASHES):
            return self.make("INC" if c == "+" else "DEC", pos, pos + 2, "++" if c == "+" else "--")
        return None

    def lex_member(self, pos: int, c: str) -> Token:
        """The member name after `.`, `::` or `?.` (newlines before it are allowed)."""
        text = self.text
        if c in NEWLINES or c == "#":
            self.pos, _ = self.skip_trivia(pos)
            if self.pos >= self.end:
                self.error(pos, pos, "MissingPropertyName", "Missing property name after reference operator.",
                           incomplete=True)
            return self.next_token()
        self.expect_member = False
        if _is_word(c):
            m = _WORD_RE.match(text, pos)
            tok = self.make("MEMBER", pos, m.end(), m.group())
        elif c in SQUOTES:
            tok = self.scan_single_quoted(pos)
        elif c in DQUOTES:
            tok = self.scan_double_quoted(pos)
        elif c == "$" and pos + 1 < self.end and (_is_var_start(text[pos + 1]) or text[pos + 1] == "{"):
            tok = self.scan_variable_token(pos)
        elif c == "(":
            tok = self.make("LPAREN", pos, pos + 1)
            self.operand_done()
            self.push("mparen", STMT, tok)
            return tok
        else:
            self.error(pos, pos + 1, "MissingPropertyName", "Missing property name after reference operator.")
        self.operand_done()
        self.primary(tok)
        self.last_member = True
        return tok

    def operand_done(self):
        """A postfix operation completed an operand: in expression mode an operator comes next."""
        f = self.frames[-1]
        if f.mode == EOP:
            f.mode = EAFT

    # -- statement start ---------------------------------------------------------------------------------

    def lex_statement_start(self, pos: int, c: str) -> Optional[Token]:
        text = self.text
        n = self.end
        f = self.frames[-1]
        f.dashdash = False
        f.ternary = False
        f.kw = None
        n1 = text[pos + 1] if pos + 1 < n else ""
        if c.isalpha() or c == "_":
            m = _TOKEN_EXTENT_RE.match(text, pos)
            word = m.group()
            if word.isalpha():
                lw = word.lower()
                tok = self.try_keyword(pos, pos + len(word), lw)
                if tok is not None:
                    return tok
                if lw in UNSUPPORTED_KEYWORDS or lw in RESERVED_KEYWORDS:
                    self.check_unsupported(pos, pos + len(word), lw)
            return self.lex_command_name(pos)
        if c == "$":
            if n1 and (_is_var_start(n1) or n1 in "({"):
                f.mode = EOP
                return self.lex_operand(pos, c)
            return self.lex_command_name(pos)
        if c.isdigit() or (c == "." and n1.isdigit()):
            if self.scan_number(pos, NUM_END_EXPR) is not None:
                f.mode = EOP
                return self.lex_operand(pos, c)
            return self.lex_command_name(pos)
        if c == ".":
            if n1 == "" or _is_ws(n1) or n1 in "$({'\"" or n1 in QUOTES or n1 in NEWLINES:
                tok = self.make("DOT_SOURCE", pos, pos + 1, ".")
                f.mode = ARG1
                f.ret = CMD
                return tok
            return self.lex_command_name(pos)
        if c in QUOTES or c in "({[,":
            if c == "[" and not f.preamble and self.accepts("PARAM") and self.param_preamble_follows(pos):
                f.preamble = True
            f.mode = EOP
            return self.lex_operand(pos, c)
        if c == "@":
            f.mode = EOP
            return self.lex_operand(pos, c)
        if c in DASHES:
            if n1.isdigit() or (n1 == "." and pos + 2 < n and text[pos + 2].isdigit()):
                f.mode = EOP
                return self.lex_operand(pos, c)
            if n1 and n1 in DASHES:
                n2 = text[pos + 2] if pos + 2 < n else ""
                if n2 == "$" or n2 == "(" or (n2 and _is_ws(n2)):
                    f.mode = EOP
                    return self.lex_operand(pos, c)
                return self.lex_command_name(pos)
            if n1.isalpha():
                m = _LETTERS_RE.match(text, pos + 1)
                if m.group().lower() in UNARY_WORDS:
                    f.mode = EOP
                    return self.lex_operand(pos, c)
                return self.lex_command_name(pos)
            f.mode = EOP
            return self.lex_operand(pos, c)
        if c == "+":
            f.mode = EOP
            return self.lex_operand(pos, c)
        if c == "!":
            if n1 and _is_ident_start(n1):
                return self.lex_command_name(pos)
            f.mode = EOP
            return self.lex_operand(pos, c)
        if c == "&":
            if n1 == "&":
                tok = self.make("ANDAND", pos, pos + 2)
                return tok
            tok = self.make("AMP_CALL", pos, pos + 1, "&")
            f.mode = ARG1
            f.ret = CMD
            return tok
        if c == "|":
            if n1 == "|":
                return self.make("OROR", pos, pos + 2)
            return self.make("PIPE", pos, pos + 1)
        if c == ":" and n1 and _is_word(n1):
            m = _WORD_RE.match(text, pos + 1)
            # A label only counts before a loop or switch; otherwise `:name` is re-read as a command.
            j, _ = self.skip_trivia(m.end())
            m2 = _WORD_RE.match(text, j)
            if m.end() < n and not _force_new(text[m.end()]):
                return self.lex_command_name(pos)
            if m2 and m2.group().lower() in ("foreach", "for", "while", "do", "switch") and \
                    (m2.end() >= n or not _is_word(text[m2.end()])):
                return self.make("LABEL", pos, m.end(), m.group())
            return self.lex_command_name(pos)
        if c == "<":
            self.error(pos, pos + 1, "RedirectionNotSupported", "The '<' operator is reserved for future use.")
        return self.lex_command_name(pos)

    def try_keyword(self, start: int, end: int, lw: str) -> Optional[Token]:
        term = KEYWORDS.get(lw)
        if term is None or not self.accepts(term):
            return None
        f = self.frames[-1]
        was_do = self.after_do
        tok = self.make(term, start, end, lw)
        if term in ("IF", "ELSEIF", "SWITCH", "FOREACH", "FOR", "ELSE", "TRY", "FINALLY", "CATCH", "TRAP",
                    "BEGIN", "PROCESS", "END", "CLEAN", "DYNAMICPARAM", "PARAM", "DO"):
            f.mode = KW
            f.kw = lw
        elif term in ("WHILE", "UNTIL"):
            f.mode = KW
            f.kw = ("do" + lw) if (term == "UNTIL" or was_do) else "while"
        elif term in ("FUNCTION", "FILTER"):
            f.mode = FNAME
            f.kw = "function"
        elif term in ("BREAK", "CONTINUE"):
            f.mode = BLABEL
        elif term == "IN":
            f.mode = STMT
        else:  # RETURN THROW EXIT
            f.mode = STMT
        if term == "PARAM":
            f.preamble = False
        return tok

    def check_unsupported(self, start: int, end: int, lw: str):
        if not self.accepts("IF"):
            return
        if lw in RESERVED_KEYWORDS:
            self.error(start, end, "ReservedKeywordNotAllowed",
                       f"The '{lw}' keyword is not supported in this version of the language.")
        nxt = self.text[end] if end < self.end else ""
        if lw in ("parallel", "sequence") and nxt not in "{" and not (nxt and _is_ws(nxt)):
            return
        self.error(start, end, "NotSupportedByPslark", f"'{lw}' is not supported by pslark.")

    def param_preamble_follows(self, pos: int) -> bool:
        """At a script-block start: do attributes `[...]` lead to a `param(` block?"""
        text = self.text
        n = self.end
        i = pos
        while i < n and text[i] == "[":
            i = self.skip_balanced(i)
            if i < 0:
                return False
            i, _ = self.skip_trivia(i)
        m = _WORD_RE.match(text, i)
        if not m or m.group().lower() != "param":
            return False
        j, _ = self.skip_trivia(m.end())
        return j < n and text[j] == "("

    def skip_balanced(self, i: int) -> int:
        """Skip a bracketed group from text[i] (approximately: quotes and nesting); -1 if it does not close."""
        text = self.text
        n = self.end
        depth = 0
        while i < n:
            c = text[i]
            if c in "[({":
                depth += 1
            elif c in "])}":
                depth -= 1
                if depth == 0:
                    return i + 1
            elif c in SQUOTES:
                j = i + 1
                while j < n and text[j] not in SQUOTES:
                    j += 1
                i = j
            elif c in DQUOTES:
                j = i + 1
                while j < n and text[j] not in DQUOTES:
                    j += 2 if text[j] == "`" else 1
                i = j
            elif c == "`":
                i += 1
            i += 1
        return -1

    def lex_command_name(self, pos: int) -> Token:
        """A command name at statement start: a bareword, not expanded."""
        f = self.frames[-1]
        tok = self.scan_generic(pos, name=True)
        f.mode = CMD
        f.dashdash = False
        return tok

    # -- expression mode ------------------------------------------------------------------------------------

    def lex_operand(self, pos: int, c: str) -> Token:
        """Expression mode, where an operand is expected (after an operator, `(`, at an expression start)."""
        text = self.text
        n = self.end
        f = self.frames[-1]
        n1 = text[pos + 1] if pos + 1 < n else ""
        if c == "$":
            if n1 == "(":
                tok = self.make("DOLLAR_LPAREN", pos, pos + 2)
                self.push("sub", STMT, tok, parent_mode=EAFT)
                return tok
            if n1 and (_is_var_start(n1) or n1 == "{"):
                tok = self.scan_variable_token(pos)
                f.mode = EAFT
                return self.primary(tok)
            tok = self.scan_generic(pos)
            f.mode = EAFT
            return tok
        if c in SQUOTES:
            tok = self.scan_single_quoted(pos)
            f.mode = EAFT
            return self.primary(tok)
        if c in DQUOTES:
            tok = self.scan_double_quoted(pos)
            f.mode = EAFT
            return self.primary(tok)
        if c == "(":
            tok = self.make("LPAREN", pos, pos + 1)
            self.push("paren", STMT, tok, parent_mode=EAFT)
            return tok
        if c == "{":
            tok = self.make("LBRACE", pos, pos + 1)
            self.push("block", STMT, tok, parent_mode=EAFT)
            return tok
        if c == "[":
            return self.scan_type_literal(pos)
        if c == "@":
            return self.lex_at(pos, EAFT)
        if c.isdigit() or (c == "." and n1.isdigit()):
            r = self.scan_number(pos, NUM_END_TERNARY if f.ternary else NUM_END_EXPR)
            if r is None:
                tok = self.scan_generic(pos)
                f.mode = EAFT
                return tok
            value, end = r
            if value is None:
                self.error(pos, end, "BadNumericConstant", f"The numeric constant {text[pos:end]} is not valid.")
            tok = self.make("NUMBER", pos, end, value)
            f.mode = EAFT
            return self.primary(tok)
        if c in DASHES:
            if n1.isdigit() or (n1 == "." and pos + 2 < n and text[pos + 2].isdigit()):
                r = self.scan_number(pos + 1, NUM_END_TERNARY if f.ternary else NUM_END_EXPR, negative=True)
                if r is not None:
                    value, end = r
                    if value is None:
                        self.error(pos, end, "BadNumericConstant",
                                   f"The numeric constant {text[pos:end]} is not valid.")
                    tok = self.make("NUMBER", pos, end, value)
                    f.mode = EAFT
                    return self.primary(tok)
            if n1 and n1 in DASHES:
                tok = self.make("DEC", pos, pos + 2, "--")
                self.unary_at.add(pos)
                f.mode = EOP
                return tok
            if n1 == "=":
                tok = self.make("ASSIGN_OP", pos, pos + 2, "-=")
                self.after_assign()
                return tok
            if n1.isalpha():
                self.unary_at.add(pos)
                return self.lex_dash_word(pos, operand=True)
            tok = self.make("MINUS", pos, pos + 1, "-")
            self.unary_at.add(pos)
            f.mode = EOP
            return tok
        if c == "+":
            if n1 == "+":
                tok = self.make("INC", pos, pos + 2, "++")
                self.unary_at.add(pos)
                f.mode = EOP
                return tok
            if n1 == "=":
                tok = self.make("ASSIGN_OP", pos, pos + 2, "+=")
                self.after_assign()
                return tok
            if n1.isdigit() or (n1 == "." and pos + 2 < n and text[pos + 2].isdigit()):
                r = self.scan_number(pos + 1, NUM_END_TERNARY if f.ternary else NUM_END_EXPR)
                if r is not None and r[0] is not None:
                    tok = self.make("NUMBER", pos, r[1], r[0])
                    f.mode = EAFT
                    return self.primary(tok)
            tok = self.make("PLUS", pos, pos + 1, "+")
            self.unary_at.add(pos)
            f.mode = EOP
            return tok
        if c == "!":
            if n1 and _is_ident_start(n1):
                tok = self.scan_generic(pos)
                f.mode = EAFT
                return tok
            tok = self.make("UNARY_OP", pos, pos + 1, "!")
            f.mode = EOP
            return tok
        if c == ",":
            # after a type literal ([Enum]::GetNames([DayOfWeek], 1)) the comma ends the type expression: it
            # separates arguments rather than starting a unary comma for a cast
            after_type = getattr(self.last, "type", None) == "TYPE" and f.kind in ("call", "attr", "params")
            tok = self.make("ARG_SEP" if after_type else "COMMA", pos, pos + 1, ",")
            f.mode = EOP
            return tok
        if c.isalpha() or c == "_":
            if f.kind == "attr":
                # a named attribute argument: `Mandatory`, `Position = 0`
                m = _WORD_RE.match(text, pos)
                tok = self.make("NAME", pos, m.end(), m.group())
                f.mode = EAFT
                return tok
            m = _TOKEN_EXTENT_RE.match(text, pos)
            word = m.group()
            if word.isalpha():
                lw = word.lower()
                if lw in ("param", "in"):
                    tok = self.try_keyword(pos, pos + len(word), lw)
                    if tok is not None:
                        return tok
            tok = self.scan_generic(pos)
            f.mode = EAFT
            return tok
        return self.lex_operator_char(pos, c)

    def after_assign(self):
        f = self.frames[-1]
        f.mode = EOP if f.kind in ("attr", "params") else STMT
        f.ternary = False

    def lex_dash_word(self, pos: int, operand: bool) -> Token:
        """`-word` in expression mode: an operator, or a parameter token (an error in an expression)."""
        text = self.text
        f = self.frames[-1]
        m = _LETTERS_RE.match(text, pos + 1)
        word = m.group()
        lw = word.lower()
        term = OPERATOR_WORDS.get(lw)
        end = m.end()
        if term is None:
            tok = self.make("CMD_PARAM", pos, end, (word, False))
            f.mode = EOP
            return tok
        tok = self.make(term, pos, end, "-" + lw)
        f.mode = EOP
        if term not in ("UNARY_OP",):
            f.ternary = True
        return tok

    def lex_after_operand(self, pos: int, c: str) -> Optional[Token]:
        """Expression mode after an operand: binary operators, assignment, pipes, redirections."""
        text = self.text
        n = self.end
        f = self.frames[-1]
        n1 = text[pos + 1] if pos + 1 < n else ""
        if c in DASHES:
            if n1.isalpha():
                return self.lex_dash_word(pos, operand=False)
            if n1 and n1 in DASHES:
                tok = self.make("DEC", pos, pos + 2, "--")
                return tok
            if n1 == "=":
                tok = self.make("ASSIGN_OP", pos, pos + 2, "-=")
                self.after_assign()
                return tok
            tok = self.make("MINUS", pos, pos + 1, "-")
            f.mode = EOP
            f.ternary = True
            return tok
        if c == "+":
            if n1 == "+":
                return self.make("INC", pos, pos + 2, "++")
            if n1 == "=":
                tok = self.make("ASSIGN_OP", pos, pos + 2, "+=")
                self.after_assign()
                return tok
            tok = self.make("PLUS", pos, pos + 1, "+")
            f.mode = EOP
            f.ternary = True
            return tok
        if c.isdigit() and n1 == ">" and c in "123456" or c in "*>":
            tok = self.try_redirection(pos)
            if tok is not None:
                return tok
        if c.isalpha() or c == "_":
            m = _TOKEN_EXTENT_RE.match(text, pos)
            word = m.group()
            if word.isalpha() and word.lower() in ("in",):
                tok = self.try_keyword(pos, pos + len(word), word.lower())
                if tok is not None:
                    return tok
            return self.lex_operand(pos, c)
        if c in "$'\"({[@" or c.isdigit() or c in QUOTES:
            return self.lex_operand(pos, c)
        if c == ".":
            if n1 == ".":
                tok = self.make("DOTDOT", pos, pos + 2, "..")
                f.mode = EOP
                f.ternary = True
                return tok
            if n1.isdigit():
                return self.lex_operand(pos, c)
            tok = self.scan_generic(pos)
            return tok
        return self.lex_operator_char(pos, c)

    def lex_operator_char(self, pos: int, c: str) -> Token:
        """Punctuation operators, valid in both expression sub-modes (the parser rejects misplaced ones)."""
        text = self.text
        n = self.end
        f = self.frames[-1]
        n1 = text[pos + 1] if pos + 1 < n else ""
        if c in "*/%":
            if c == "*" and n1 == ">":
                tok = self.try_redirection(pos)
                if tok is not None:
                    return tok
            if n1 == "=":
                tok = self.make("ASSIGN_OP", pos, pos + 2, c + "=")
                self.after_assign()
                return tok
            tok = self.make("MUL_OP", pos, pos + 1, c)
            f.mode = EOP
            f.ternary = True
            return tok
        if c == "=":
            tok = self.make("ASSIGN", pos, pos + 1, "=")
            self.after_assign()
            return tok
        if c == "?":
            if n1 == "?":
                if pos + 2 < n and text[pos + 2] == "=":
                    tok = self.make("ASSIGN_OP", pos, pos + 3, "??=")
                    self.after_assign()
                    return tok
                tok = self.make("COALESCE", pos, pos + 2, "??")
                f.mode = EOP
                f.ternary = True
                return tok
            tok = self.make("QUESTION", pos, pos + 1, "?")
            f.mode = EOP
            f.ternary = True
            return tok
        if c == ":":
            if n1 == ":":
                tok = self.make("STATIC_DOT", pos, pos + 2)
                self.expect_member = True
                return tok
            tok = self.make("COLON", pos, pos + 1, ":")
            f.mode = EOP
            f.ternary = True
            return tok
        if c == ",":
            tok = self.make("ARG_SEP" if f.kind in ("call", "attr", "params") else "COMMA", pos, pos + 1, ",")
            f.mode = EOP
            return tok
        if c == ">" or (c.isdigit() and n1 == ">"):
            tok = self.try_redirection(pos)
            if tok is not None:
                return tok
        if c == "<":
            self.error(pos, pos + 1, "RedirectionNotSupported", "The '<' operator is reserved for future use.")
        if c == "|":
            if n1 == "|":
                tok = self.make("OROR", pos, pos + 2, "||")
            else:
                tok = self.make("PIPE", pos, pos + 1, "|")
            f.mode = STMT
            return tok
        if c == "&":
            if n1 == "&":
                tok = self.make("ANDAND", pos, pos + 2, "&&")
                f.mode = STMT
                return tok
            tok = self.make("AMP", pos, pos + 1, "&")
            f.mode = STMT
            return tok
        if c == "!":
            tok = self.make("UNARY_OP", pos, pos + 1, "!")
            f.mode = EOP
            return tok
        if c == "." and n1 == ".":
            tok = self.make("DOTDOT", pos, pos + 2, "..")
            f.mode = EOP
            return tok
        if c in "$'\"({[@" or c.isdigit() or c in QUOTES or c in DASHES or c == "+" or c == ",":
            return self.lex_operand(pos, c)
        # anything else: a bareword, which the parser will report as unexpected
        tok = self.scan_generic(pos)
        f.mode = EAFT
        return tok

    def lex_at(self, pos: int, after_mode: int) -> Token:
        text = self.text
        f = self.frames[-1]
        n1 = text[pos + 1] if pos + 1 < self.end else ""
        if n1 == "(":
            tok = self.make("AT_LPAREN", pos, pos + 2)
            self.push("arr", STMT, tok, parent_mode=after_mode)
            return tok
        if n1 == "{":
            tok = self.make("AT_LBRACE", pos, pos + 2)
            self.push("hash", HKEY, tok, parent_mode=after_mode)
            return tok
        if n1 and n1 in QUOTES:
            tok = self.scan_here_string(pos)
            f.mode = after_mode
            return self.primary(tok)
        if n1 and (_is_var_start(n1) and n1 not in ":^$?" or n1 == "{"):
            r = self.scan_variable(pos)
            name, end, braced = r
            tok = self.make("SPLAT", pos, end, name)
            f.mode = after_mode
            return tok
        self.error(pos, pos + 1, "UnrecognizedToken", "Unrecognized token in source text.")

    # -- keyword headers --------------------------------------------------------------------------------

    def lex_keyword_header(self, pos: int, c: str) -> Optional[Token]:
        text = self.text
        f = self.frames[-1]
        kw = f.kw
        if c == "(":
            tok = self.make("LPAREN", pos, pos + 1)
            if kw in ("param", "function"):
                self.push("params", EOP, tok, parent_mode=KW if kw == "function" else STMT)
            else:
                after = STMT if kw in ("dowhile", "dountil") else KW
                self.push("paren", STMT, tok, parent_mode=after, kw=kw)
            return tok
        if c == "{":
            tok = self.make("LBRACE", pos, pos + 1)
            if kw == "switch":
                self.push("switch", CLAUSE, tok, parent_mode=STMT, kw="switch")
            else:
                self.push("block", STMT, tok, parent_mode=STMT, kw=kw if kw == "do" else "stmt")
            return tok
        if c == "[":
            return self.scan_type_literal(pos, in_header=True)
        if c == ",":
            return self.make("COMMA", pos, pos + 1, ",")
        if c in DASHES and pos + 1 < self.end and (text[pos + 1].isalpha()):
            m = _LETTERS_RE.match(text, pos + 1)
            word = m.group()
            lw = word.lower()
            if kw == "switch":
                for opt in SWITCH_OPTIONS:
                    if opt.startswith(lw):
                        if opt == "file":
                            tok = self.make("SWITCH_FILE", pos, m.end(), "file")
                            f.mode = ARG1
                            f.ret = KW
                            return tok
                        return self.make("SWITCH_OPT", pos, m.end(), opt)
                self.error(pos, m.end(), "InvalidSwitchFlag",
                           f"The parameter {text[pos:m.end()]} is not valid for the switch statement.")
            if kw == "foreach":
                if "parallel".startswith(lw) or "throttlelimit".startswith(lw):
                    self.error(pos, m.end(), "NotSupportedByPslark",
                               f"'foreach {text[pos:m.end()]}' is not supported by pslark.")
                self.error(pos, m.end(), "InvalidForeachFlag",
                           f"The parameter {text[pos:m.end()]} is not valid for the foreach statement.")
            return self.make("CMD_PARAM", pos, m.end(), (word, False))
        # Something else where the keyword wants `(` or `{`: let the parser report it.
        f.mode = CMD
        return self.lex_command_arg(pos, c, CMD)

    def lex_function_name(self, pos: int, c: str) -> Optional[Token]:
        f = self.frames[-1]
        if c in NEWLINES:  # pragma: no cover - newlines are skipped before we get here
            self.pos = pos + 1
            return None
        f.mode = KW
        f.kw = "function"
        if c in "{(":
            return self.lex_keyword_header(pos, c)
        tok = self.scan_generic(pos, name=True)
        return self.make("FUNCNAME", tok.start_pos, tok.end_pos, tok.value[0])

    def lex_break_label(self, pos: int, c: str) -> Optional[Token]:
        f = self.frames[-1]
        if _is_ident_start(c):
            m = _WORD_RE.match(self.text, pos)
            tok = self.make("GENERIC", pos, m.end(), (m.group(), None))
            f.mode = STMT
            return tok
        f.mode = EOP
        return self.lex_operand(pos, c)

    def lex_hash_key(self, pos: int, c: str) -> Optional[Token]:
        f = self.frames[-1]
        if _is_ident_start(c):
            m = _WORD_RE.match(self.text, pos)
            tok = self.make("NAME", pos, m.end(), m.group())
            f.mode = EAFT
            return tok
        f.mode = EOP
        return self.lex_operand(pos, c)

    def lex_clause_body(self, pos: int, c: str) -> Optional[Token]:
        if c == "{":
            tok = self.make("LBRACE", pos, pos + 1)
            self.push("block", STMT, tok, parent_mode=CLAUSE, kw="stmt")
            return tok
        f = self.frames[-1]
        f.mode = CLAUSE
        return self.lex_command_arg(pos, c, CBODY)

    # -- command mode -------------------------------------------------------------------------------------

    def lex_command_arg(self, pos: int, c: str, ret: int) -> Optional[Token]:
        """One element of a command in command (argument) mode; afterwards the frame's mode is `ret`."""
        text = self.text
        n = self.end
        f = self.frames[-1]
        n1 = text[pos + 1] if pos + 1 < n else ""
        # `-x` is a parameter only as a separate command element: not glued to the previous argument
        # (`$x.Length-more` is two arguments, the second the string `-more`), not as the value of `-p:`
        # or a redirection target, not as a switch clause condition.
        glued = self.last is not None and self.last.end_pos == pos
        if c in DASHES and not f.dashdash and f.mode == CMD and not glued:
            if n1 and n1 in DASHES:
                n2 = text[pos + 2] if pos + 2 < n else ""
                if n2 == "%":
                    return self.scan_verbatim(pos)
                if n2 == "" or _force_new(n2):
                    tok = self.make("DASHDASH", pos, pos + 2, "--")
                    f.dashdash = True
                    f.mode = ret
                    return tok
            elif n1 and (n1.isalpha() or n1 in "_?"):
                return self.scan_parameter(pos, ret)
            tok = self.scan_generic(pos)
            f.mode = ret
            return tok
        if c == "$":
            if n1 == "(":
                tok = self.make("DOLLAR_LPAREN", pos, pos + 2)
                self.push("sub", STMT, tok, parent_mode=ret)
                return tok
            if n1 and (_is_var_start(n1) or n1 == "{"):
                r = self.scan_variable(pos)
                name, end, braced = r
                nxt = text[end] if end < n else ""
                if nxt == "" or _force_new(nxt) or nxt in ".[" or (nxt == ":" and end + 1 < n
                                                                   and text[end + 1] == ":"):
                    tok = self.make("VARIABLE", pos, end, (name, braced))
                    f.mode = ret
                    return self.primary(tok)
            tok = self.scan_generic(pos)
            f.mode = ret
            return tok
        if c in SQUOTES:
            tok = self.scan_single_quoted(pos)
            f.mode = ret
            return self.primary(tok)
        if c in DQUOTES:
            tok = self.scan_double_quoted(pos)
            f.mode = ret
            return self.primary(tok)
        if c == "@":
            return self.lex_at(pos, ret)
        if c == "(":
            tok = self.make("LPAREN", pos, pos + 1)
            self.push("paren", STMT, tok, parent_mode=ret)
            return tok
        if c == "{":
            tok = self.make("LBRACE", pos, pos + 1)
            self.push("block", STMT, tok, parent_mode=ret)
            return tok
        if c.isdigit():
            if n1 == ">" and c in "123456":
                tok = self.try_redirection(pos)
                if tok is not None:
                    return tok
            r = self.scan_number(pos, FORCE_NEW)
            if r is not None and r[0] is not None:
                tok = self.make("NUMBER", pos, r[1], r[0])
                f.mode = ret
                return self.primary(tok)
            tok = self.scan_generic(pos)
            f.mode = ret
            return tok
        if c == "." and n1.isdigit():
            r = self.scan_number(pos, FORCE_NEW)
            if r is not None and r[0] is not None:
                tok = self.make("NUMBER", pos, r[1], r[0])
                f.mode = ret
                return self.primary(tok)
        if c == ">" or (c == "*" and n1 == ">"):
            tok = self.try_redirection(pos)
            if tok is not None:
                return tok
        if c == "<":
            self.error(pos, pos + 1, "RedirectionNotSupported", "The '<' operator is reserved for future use.")
        if c == "&":
            if n1 == "&":
                tok = self.make("ANDAND", pos, pos + 2, "&&")
            else:
                tok = self.make("AMP", pos, pos + 1, "&")
            f.mode = STMT
            return tok
        if c == "|":
            if n1 == "|":
                tok = self.make("OROR", pos, pos + 2, "||")
            else:
                tok = self.make("PIPE", pos, pos + 1, "|")
            f.mode = STMT
            return tok
        if c == ",":
            tok = self.make("COMMA", pos, pos + 1, ",")
            return tok
        tok = self.scan_generic(pos)
        f.mode = ret
        return tok

    def scan_parameter(self, pos: int, ret: int) -> Token:
        text = self.text
        n = self.end
        f = self.frames[-1]
        i = pos + 1
        while i < n:
            c = text[i]
            if _force_new(c) or c in ".[:":
                break
            if c in QUOTES or c == "`" or c == "$":
                tok = self.scan_generic(pos)
                f.mode = ret
                return tok
            i += 1
        name = text[pos + 1:i]
        if i < n and text[i] == ":":
            tok = self.make("CMD_PARAM_COLON", pos, i + 1, name)
            f.mode = ARG1
            f.ret = ret
            return tok
        tok = self.make("CMD_PARAM", pos, i, (name, False))
        f.mode = ret
        return tok

    def scan_verbatim(self, pos: int) -> Token:
        """`--%`: the rest of the line is passed as is (up to an unquoted `|` or `&&`)."""
        text = self.text
        n = self.end
        i = pos + 3
        in_quotes = False
        while i < n:
            c = text[i]
            if c in NEWLINES:
                break
            if c == '"':
                in_quotes = not in_quotes
            elif not in_quotes and (c == "|" or text.startswith("&&", i)):
                break
            i += 1
        value = text[pos + 3:i].strip()
        tok = self.make("VERBATIM", pos, i, value)
        self.frames[-1].mode = CMD
        return tok

    def try_redirection(self, pos: int) -> Optional[Token]:
        """`>`, `>>`, `2>`, `2>>`, `2>&1`, `*>`, `*>&1` ... in either mode."""
        text = self.text
        n = self.end
        f = self.frames[-1]
        i = pos
        stream = "1"
        c = text[pos]
        if c != ">":
            stream = c
            i += 1
        if i >= n or text[i] != ">":
            return None
        i += 1
        if i < n and text[i] == ">":
            tok = self.make("REDIR_FILE", pos, i + 1, (stream, True, None))
            f.mode = ARG1
            f.ret = CMD
            return tok
        if i + 1 < n and text[i] == "&" and text[i + 1] in "12":
            target = int(text[i + 1])
            tok = self.make("REDIR_MERGE", pos, i + 2, (stream, False, target))
            f.mode = CMD
            return tok
        tok = self.make("REDIR_FILE", pos, i, (stream, False, None))
        f.mode = ARG1
        f.ret = CMD
        return tok

    # -- scanners -------------------------------------------------------------------------------------------

    def scan_number(self, pos: int, terminators, negative: bool = False):
        """Scan a number at pos. None if the text there is not a number (e.g. `1abc`, `1..` in command mode);
        (value, end) otherwise, with value None when it is malformed (out of range)."""
        text = self.text
        n = self.end
        i = pos
        c = text[i]
        if c == "0" and i + 1 < n and text[i + 1] in "xXbB":
            is_hex = text[i + 1] in "xX"
            m = (_HEX_RE if is_hex else _BIN_RE).match(text, i + 2)
            if not m:
                return None
            i = m.end()
            body = text[pos:i]
            # a hex number ending in a suffix-looking letter: `d` is a hex digit, so only `l`, `u`, `n`, `s`, `y`
        else:
            m = _DIGITS_RE.match(text, i)
            if m:
                i = m.end()
            if i < n and text[i] == ".":
                nxt = text[i + 1] if i + 1 < n else ""
                if nxt == ".":
                    if not m:
                        return None
                    # `1..5`: the number ends before the range operator
                elif nxt.isdigit():
                    i = _DIGITS_RE.match(text, i + 1).end()
                elif m:
                    i += 1  # `1.` is 1.0 when a terminator follows (checked below)
                else:
                    return None
            if i == pos:
                return None
            if i < n and text[i] in "eE":
                j = i + 1
                if j < n and text[j] in "+-" + DASHES[1:]:
                    j += 1
                m2 = _DIGITS_RE.match(text, j)
                if m2:
                    i = m2.end()
            body = text[pos:i]
        m = _SUFFIX_RE.match(text, i)
        suffix_all = m.group()
        j = m.end()
        if j < n and not (text[j] in terminators or (text[j] > "\x7f" and _force_new(text[j]))):
            return None
        mult = ""
        suffix = suffix_all
        if len(suffix_all) >= 2 and suffix_all[-1] in "bB" and suffix_all[-2] in "kKmMgGtTpP":
            mult = suffix_all[-2:]
            suffix = suffix_all[:-2]
        body = body.replace("\u2013", "-").replace("\u2014", "-").replace("\u2015", "-")
        if body.endswith("."):
            body = body + "0"
        try:
            value = number_value(body, suffix, mult, negative)
        except (ValueError, OverflowError):
            value = None
        return value, j

    def scan_variable(self, pos: int):
        """`$name`, `$scope:name`, `${any}`, `$$`, `$?`, `$^` at pos (also `@name`): (name, end, braced)."""
        text = self.text
        n = self.end
        i = pos + 1
        c = text[i]
        if c == "{":
            j = i + 1
            buf = []
            while True:
                if j >= n:
                    self.error(pos, n, "IncompleteDollarVariableReference",
                               "${variable} reference starting is missing the closing '}'.", incomplete=True)
                ch = text[j]
                if ch == "}":
                    break
                if ch == "`" and j + 1 < n:
                    if text[j + 1] == "u" and j + 2 < n and text[j + 2] == "{":     # ${name`u{2195}}
                        char, j = self.scan_escape(j, n)
                        buf.append(char)
                        continue
                    buf.append(ESCAPES.get(text[j + 1], text[j + 1]))
                    j += 2
                    continue
                if ch == "{":
                    self.error(j, j + 1, "OpenBraceNeedsToBeBackTickedInVariableName",
                               "Use `{ instead of { in variable names.")
                buf.append(ch)
                j += 1
            name = "".join(buf)
            if not name:
                self.error(pos, j + 1, "EmptyVariableReference",
                           "An empty ${} variable reference was found. A name is required inside the braces.")
            return name, j + 1, True
        if c in "$?^":
            return c, i + 1, False
        j = i
        while True:
            m = _VARNAME_RE.match(text, j)
            j = m.end()
            if j < n and text[j] == ":" and not (j + 1 < n and text[j + 1] == ":"):
                j += 1
                continue
            break
        name = text[i:j]
        if name.endswith(":") and name != ":":
            # `$name:` with nothing after the colon
            self.error(pos, j, "InvalidVariableReferenceWithDrive",
                       "Variable reference is not valid. ':' was not followed by a valid variable name character. "
                       "Consider using ${} to delimit the name.")
        return name, j, False

    def scan_variable_token(self, pos: int) -> Token:
        name, end, braced = self.scan_variable(pos)
        return self.make("VARIABLE", pos, end, (name, braced))

    def scan_single_quoted(self, pos: int) -> Token:
        text = self.text
        n = self.end
        i = pos + 1
        buf = []
        while True:
            m = _SQ_PLAIN_RE.match(text, i)
            if m:
                buf.append(m.group())
                i = m.end()
            if i >= n:
                self.error(pos, n, "TerminatorExpectedAtEndOfString",
                           "The string is missing the terminator: '.", incomplete=True)
            if i + 1 < n and text[i + 1] in SQUOTES:
                buf.append(text[i])
                i += 2
                continue
            break
        return self.make("STR_SQ", pos, i + 1, "".join(buf))

    def scan_double_quoted(self, pos: int) -> Token:
        parts, end = self.scan_expandable(pos + 1, here=False, start=pos)
        return self.make("STR_DQ", pos, end, parts)

    def scan_expandable(self, i: int, here: bool, start: int, stop: Optional[int] = None):
        """Scan the body of "..." (or of a @"..."@ body up to `stop`). Returns (parts, end)."""
        text = self.text
        n = self.end if stop is None else stop
        parts: list = []
        buf: list = []
        plain = _HERE_PLAIN_RE if here else _DQ_PLAIN_RE
        while True:
            m = plain.match(text, i, n)
            if m:
                buf.append(m.group())
                i = m.end()
            if i >= n:
                if here:
                    break
                self.error(start, self.end, "TerminatorExpectedAtEndOfString",
                           'The string is missing the terminator: ".', incomplete=True)
            c = text[i]
            if c == "`":
                if i + 1 >= n:
                    if here:
                        buf.append("`")
                        i += 1
                        continue
                    self.error(start, self.end, "TerminatorExpectedAtEndOfString",
                               'The string is missing the terminator: ".', incomplete=True)
                ch, i = self.scan_escape(i, n)
                buf.append(ch)
                continue
            if c == "$":
                r = self.scan_dollar_in_string(i, n, start)
                if r is None:
                    buf.append("$")
                    i += 1
                    continue
                part, i = r
                if buf:
                    parts.append("".join(buf))
                    buf = []
                parts.append(part)
                continue
            # a double quote
            if i + 1 < n and text[i + 1] in DQUOTES:
                buf.append(c)
                i += 2
                continue
            i += 1
            break
        if buf:
            parts.append("".join(buf))
        return parts, i

    def scan_escape(self, i: int, n: int) -> tuple[str, int]:
        """A backtick escape at text[i] == '`': (character(s), next offset)."""
        text = self.text
        ch = text[i + 1]
        if ch == "u":
            if i + 2 < n and text[i + 2] == "{":
                j = i + 3
                k = j
                while k < n and text[k] in _HEX_DIGITS:
                    k += 1
                if k - j > 6:
                    self.error(j + 6, j + 7, "TooManyDigitsInUnicodeEscapeSequence",
                               "The Unicode escape sequence contains more than the maximum of six hex digits "
                               "between braces.")
                if k >= n:
                    if k - j == 6:
                        self.error(k, k, "MissingUnicodeEscapeSequenceTerminator",
                                   "The Unicode escape sequence is missing the closing '}'.", incomplete=True)
                    self.error(k, k, "InvalidUnicodeEscapeSequence",
                               "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one "
                               "to six hex digits and a closing '}'.", incomplete=True)
                if text[k] != "}" or k == j:
                    self.error(i if k == j else k, k + 1, "InvalidUnicodeEscapeSequence",
                               "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one "
                               "to six hex digits and a closing '}'.")
                cp = int(text[j:k], 16)
                if cp > 0x10FFFF:
                    self.error(j, k, "InvalidUnicodeEscapeSequenceValue",
                               "The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF.")
                return chr(cp), k + 1
            self.error(i, i + 2, "InvalidUnicodeEscapeSequence",
                       "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one "
                       "to six hex digits and a closing '}'.")
        if ch == "\r" and text.startswith("\r\n", i + 1):
            return "\r\n", i + 3
        return ESCAPES.get(ch, ch), i + 2

    def scan_dollar_in_string(self, i: int, n: int, start: int):
        """`$` inside an expandable string / bareword: a part tuple and the next offset, or None (a literal `$`)."""
        text = self.text
        n1 = text[i + 1] if i + 1 < n else ""
        if n1 == "(":
            end = self.find_subexpression_end(i + 2, start)
            return ("sub", i + 2, end), end + 1
        if n1 == "{" or (n1 and _is_var_start(n1)):
            if n1 == ":" :
                # `$:` is only a variable when a name follows
                if not (i + 2 < n and _is_word(text[i + 2])):
                    return None
            saved = self.end
            self.end = n
            try:
                name, end, braced = self.scan_variable(i)
            finally:
                self.end = saved
            return ("var", name, i, end, braced), end
        return None

    def find_subexpression_end(self, i: int, string_start: int) -> int:
        """Offset of the `)` that closes a `$(` whose body starts at i (scanning nested tokens)."""
        sub = Lexer(self.text, i, self.end, _always, self.line_starts, initial="sub", outer=False)
        try:
            for _ in sub.tokens():
                pass
        except LexError as e:
            if e.incomplete:
                raise LexError(string_start, self.end, e.error_id, e.message, True) from None
            raise
        if sub.stopped_at < 0:
            raise LexError(i - 2, self.end, "IncompleteDollarSubexpressionReference",
                           "$(subexpression) is missing the closing ')'.", incomplete=True)
        return sub.stopped_at

    def scan_here_string(self, pos: int) -> Token:
        """`@'...'@` / `@"..."@`: the terminator must start a line."""
        text = self.text
        n = self.end
        q = text[pos + 1]
        single = q in SQUOTES
        family = SQUOTES if single else DQUOTES
        i = pos + 2
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] not in NEWLINES:
            self.error(i, i + 1, "UnexpectedCharactersAfterHereStringHeader",
                       "No characters are allowed after a here-string header but before the end of the line.")
        if i >= n:
            self.error(pos, n, "TerminatorExpectedAtEndOfString",
                       f"The string is missing the terminator: {q}@.", incomplete=True)
        i += 2 if text.startswith("\r\n", i) else 1
        body_start = i
        # find a line starting with <quote>@
        j = body_start
        end_body = -1
        while j < n:
            if text[j] in family and j + 1 < n and text[j + 1] == "@":
                end_body = j
                break
            # the next line: after \n, \r\n or a lone \r (a file with old Mac line endings)
            m = _LINE_BREAK_RE.search(text, j, n)
            if m is None:
                break
            j = m.end()
        if end_body < 0:
            # whitespace before a terminator?
            m = re.search(r"^[ \t]+[" + re.escape(family) + r"]@", text[body_start:n], re.M)
            if m:
                off = body_start + m.start()
                self.error(off, off + len(m.group()), "WhitespaceBeforeHereStringFooter",
                           "White space is not allowed before the string terminator.", incomplete=True)
            self.error(pos, n, "TerminatorExpectedAtEndOfString",
                       f"The string is missing the terminator: {q}@.", incomplete=True)
        content_end = end_body
        if content_end > body_start:
            content_end -= 1
            if text[content_end] == "\n" and content_end > body_start and text[content_end - 1] == "\r":
                content_end -= 1
        else:
            content_end = body_start
        end = end_body + 2
        if single:
            return self.make("HERE_SQ", pos, end, text[body_start:content_end])
        parts, _ = self.scan_expandable(body_start, here=True, start=pos, stop=content_end)
        return self.make("HERE_DQ", pos, end, parts)

    def scan_generic(self, pos: int, name: bool = False) -> Token:
        """A bareword (generic token): up to whitespace or `{ } ( ) ; , | &`; quotes are spliced in,
        `$x` / `$(...)` make it expandable. value = (text, parts or None)."""
        text = self.text
        n = self.end
        i = pos
        buf: list = []
        parts: list = []
        expandable = False
        while i < n:
            m = _SIMPLE_GENERIC_RE.match(text, i)
            if m:
                buf.append(m.group())
                i = m.end()
                if i >= n:
                    break
            c = text[i]
            if _force_new(c):
                break
            if c == "`":
                if i + 1 >= n or text[i + 1] in NEWLINES:
                    break
                ch, i = self.scan_escape(i, n)
                buf.append(ch)
            elif c in SQUOTES:
                j = i + 1
                while True:
                    m2 = _SQ_PLAIN_RE.match(text, j)
                    if m2:
                        buf.append(m2.group())
                        j = m2.end()
                    if j >= n:
                        self.error(i, n, "TerminatorExpectedAtEndOfString",
                                   "The string is missing the terminator: '.", incomplete=True)
                    if j + 1 < n and text[j + 1] in SQUOTES:
                        buf.append(text[j])
                        j += 2
                        continue
                    break
                i = j + 1
            elif c in DQUOTES:
                sub_parts, j = self.scan_expandable(i + 1, here=False, start=i)
                for p in sub_parts:
                    if isinstance(p, str):
                        buf.append(p)
                    else:
                        expandable = True
                        if buf:
                            parts.append("".join(buf))
                            buf = []
                        parts.append(p)
                i = j
            elif c == "$":
                r = self.scan_dollar_in_string(i, n, pos)
                if r is None:
                    buf.append("$")
                    i += 1
                else:
                    part, i = r
                    expandable = True
                    if buf:
                        parts.append("".join(buf))
                        buf = []
                    parts.append(part)
            else:  # pragma: no cover - the regex covers everything else
                buf.append(c)
                i += 1
        if i == pos:  # never produce an empty token
            i = pos + 1
            buf.append(text[pos])
        if buf:
            parts.append("".join(buf))
        if name:
            # A command name is not expanded: keep `$...` as written.
            if expandable:
                literal = []
                for p in parts:
                    if isinstance(p, str):
                        literal.append(p)
                    elif p[0] == "sub":
                        literal.append(text[p[1] - 2:p[2] + 1])
                    else:
                        literal.append(text[p[2]:p[3]])
                return self.make("GENERIC", pos, i, ("".join(literal), None))
            return self.make("GENERIC", pos, i, ("".join(parts), None))
        if expandable:
            literal = "".join(p if isinstance(p, str) else "" for p in parts)
            return self.make("GENERIC", pos, i, (literal, parts))
        return self.make("GENERIC", pos, i, ("".join(parts), None))

    def scan_type_literal(self, pos: int, in_header: bool = False) -> Token:
        """`[int]`, `[int[]]`, `[List[string]]` -> TYPE; `[Name(` -> ATTR_OPEN (attribute arguments follow)."""
        text = self.text
        f = self.frames[-1]
        i, _ = self.skip_trivia(pos + 1)
        tn, i = self.scan_type_name(i)
        i, _ = self.skip_trivia(i)
        if i < self.end and text[i] == "]":
            tok = self.make("TYPE", pos, i + 1, tn)
            if not in_header:
                f.mode = EOP
                self.primary(tok, type_only=True)
            return tok
        if i < self.end and text[i] == "(" and not in_header:
            tok = self.make("PB_ATTR_OPEN" if f.preamble else "ATTR_OPEN", pos, i + 1, tn)
            self.push("attr", EOP, tok, parent_mode=STMT if f.preamble else EOP)
            return tok
        self.error(pos, i, "EndSquareBracketExpectedAtEndOfType", "Missing ] at end of type token.",
                   incomplete=i >= self.end)

    def scan_type_name(self, i: int):
        """A type name with generic arguments and array ranks: (name, args, rank, start, end), next offset."""
        text = self.text
        n = self.end
        start = i
        m = _TYPENAME_RE.match(text, i)
        if not m:
            self.error(i, i + 1, "MissingTypename", "Missing type name after '['.", incomplete=i >= n)
        name = m.group().replace("``", "`")   # `Collection``1[T]`: an escaped backtick is the generic arity's
        i = m.end()
        args: list = []
        rank = 0
        while i < n and text[i] == "[":
            j, _ = self.skip_trivia(i + 1)
            if j < n and text[j] in "],":
                r = 1
                while j < n and text[j] == ",":
                    r += 1
                    j, _ = self.skip_trivia(j + 1)
                if j >= n or text[j] != "]":
                    self.error(j, j + 1, "EndSquareBracketExpectedAtEndOfType", "Missing ] at end of type token.",
                               incomplete=j >= n)
                rank = r  # (a jagged `[int[][]]` keeps only the last rank: TypeName has no room for more)
                i = j + 1
                continue
            if args or rank:
                self.error(i, i + 1, "EndSquareBracketExpectedAtEndOfType", "Missing ] at end of type token.")
            while True:
                j, _ = self.skip_trivia(j)
                if j < n and text[j] == "[":
                    # assembly-qualified argument: [[System.String, mscorlib]]
                    k, _ = self.skip_trivia(j + 1)
                    arg, k = self.scan_type_name(k)
                    k, _ = self.skip_trivia(k)
                    while k < n and text[k] == ",":
                        k = self.skip_balanced_until(k, "]")
                    if k >= n or text[k] != "]":
                        self.error(k, k + 1, "EndSquareBracketExpectedAtEndOfType",
                                   "Missing ] at end of type token.", incomplete=k >= n)
                    j = k + 1
                else:
                    arg, j = self.scan_type_name(j)
                args.append(arg)
                j, _ = self.skip_trivia(j)
                if j < n and text[j] == ",":
                    j += 1
                    continue
                if j < n and text[j] == "]":
                    i = j + 1
                    break
                self.error(j, j + 1, "EndSquareBracketExpectedAtEndOfType", "Missing ] at end of type token.",
                           incomplete=j >= n)
        return (name, tuple(args), rank, start, i), i

    def skip_balanced_until(self, k: int, closer: str) -> int:
        text = self.text
        while k < self.end and text[k] != closer:
            k += 1
        return k


def _line_starts(text: str) -> list:
    starts = [0]
    if "\r" not in text:
        i = text.find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        return starts
    # \r\n, \n and a lone \r each end a line, as in pwsh
    starts.extend(m.end() for m in _LINE_BREAK_RE.finditer(text))
    return starts


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` without parser feedback (every keyword at statement start counts). For tests/tools."""
    return list(Lexer(text).tokens())
