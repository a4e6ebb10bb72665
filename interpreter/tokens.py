"""The token type the lexer produces and the parse callbacks receive.

A `str` holding the token's source text, with the attributes Lark's Token has (`type`, `value`, offsets, lines),
so the grammar's terminals keep their Lark meaning without importing Lark at run time (start-up cost).
"""
from __future__ import annotations

__all__ = ["Token"]


class Token(str):
    """One token: the source text, `type` (terminal name), `value` (payload) and its position."""

    def __new__(cls, type_, value, start_pos=None, line=None, column=None, end_line=None, end_column=None,
                end_pos=None):
        tok = str.__new__(cls, value)
        tok.type = type_
        tok.value = value
        tok.start_pos = start_pos
        tok.line = line
        tok.column = column
        tok.end_line = end_line
        tok.end_column = end_column
        tok.end_pos = end_pos
        return tok

    def __repr__(self):
        return f"Token({self.type!r}, {self.value!r})"

    def __reduce__(self):
        return (Token, (self.type, self.value, self.start_pos, self.line, self.column, self.end_line,
                        self.end_column, self.end_pos))
