"""[System.Management.Automation.Language.Parser]: ParseInput/ParseFile for scripts that check syntax themselves
(`$errors.Count`, `$errors[0].ErrorId`, `.Extent.StartOffset`), and the ParseError / extent / position objects
they return. The syntax tree itself is pslark's own: the returned ScriptBlockAst only offers its text, extent
and GetScriptBlock()."""
from __future__ import annotations

from typing import Any, Optional

from pslark.runtime.errors import ParseException


class ScriptPositionValue:
    """System.Management.Automation.Language.InternalScriptPosition."""

    type_names = ["System.Management.Automation.Language.InternalScriptPosition", "System.Object"]
    ps_properties = ("File", "LineNumber", "ColumnNumber", "Line", "Offset")

    def __init__(self, source: Any, offset: int):
        self._source = source
        self._offset = offset

    def ps_get(self, name: str) -> Any:
        key = name.casefold()
        src = self._source
        if key == "offset":
            return self._offset
        if key == "file":
            return getattr(src, "path", None)
        line, column = src.position(self._offset) if src is not None else (1, 1)
        if key == "linenumber":
            return line
        if key == "columnnumber":
            return column
        if key == "line":
            return src.line(line).rstrip("\r\n") if src is not None else ""
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return "System.Management.Automation.Language.InternalScriptPosition"


class ScriptExtentValue:
    """System.Management.Automation.Language.InternalScriptExtent: a span of the parsed text."""

    type_names = ["System.Management.Automation.Language.InternalScriptExtent", "System.Object"]
    ps_properties = ("File", "StartScriptPosition", "EndScriptPosition", "StartLineNumber", "StartColumnNumber",
                     "EndLineNumber", "EndColumnNumber", "Text", "StartOffset", "EndOffset")

    def __init__(self, extent: Any):
        self._extent = extent

    def ps_get(self, name: str) -> Any:
        key = name.casefold()
        ext = self._extent
        if key == "text":
            return ext.text
        if key == "file":
            return ext.file
        if key == "startoffset":
            return ext.start
        if key == "endoffset":
            return ext.end
        if key == "startscriptposition":
            return ScriptPositionValue(ext.source, ext.start)
        if key == "endscriptposition":
            return ScriptPositionValue(ext.source, ext.end)
        if key == "startlinenumber":
            return ext.start_line
        if key == "startcolumnnumber":
            return ext.start_column
        if key == "endlinenumber":
            return ext.end_line
        if key == "endcolumnnumber":
            return ext.end_column
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self._extent.text


class ParseErrorValue:
    """System.Management.Automation.Language.ParseError."""

    type_names = ["System.Management.Automation.Language.ParseError", "System.Object"]
    ps_properties = ("Extent", "ErrorId", "Message", "IncompleteInput")

    def __init__(self, error: Any):
        self._error = error

    def ps_get(self, name: str) -> Any:
        key = name.casefold()
        err = self._error
        if key == "extent":
            return ScriptExtentValue(err.extent) if err.extent is not None else None
        if key == "errorid":
            return err.error_id
        if key == "message":
            return err.message
        if key == "incompleteinput":
            return bool(err.incomplete)
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self._error.full_message()


class ScriptBlockAstValue:
    """System.Management.Automation.Language.ScriptBlockAst, reduced to what scripts read from it."""

    type_names = ["System.Management.Automation.Language.ScriptBlockAst",
                  "System.Management.Automation.Language.Ast", "System.Object"]
    ps_properties = ("Extent",)

    def __init__(self, ast: Any, text: str):
        self._ast = ast
        self._text = text

    def ps_get(self, name: str) -> Any:
        if name.casefold() == "extent":
            from pslark.interpreter.ast import Extent
            return ScriptExtentValue(Extent(self._source(), 0, len(self._text)))
        raise AttributeError(name)

    def _source(self):
        from pslark.interpreter.ast import SourceText
        ext = getattr(self._ast, "extent", None)
        return ext.source if ext is not None else SourceText(self._text)

    def ps_invoke(self, name: str, args: list) -> Any:
        if name.casefold() == "getscriptblock" and self._ast is not None:
            from pslark.runtime.scriptblock import ScriptBlock
            return ScriptBlock(self._ast)
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self._text


class TokenValue:
    """System.Management.Automation.Language.Token: its text and extent."""

    type_names = ["System.Management.Automation.Language.Token", "System.Object"]
    ps_properties = ("Text", "Extent")

    def __init__(self, text: str, extent: Any):
        self._text = text
        self._extent = extent

    def ps_get(self, name: str) -> Any:
        key = name.casefold()
        if key == "text":
            return self._text
        if key == "extent":
            return ScriptExtentValue(self._extent)
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self._text


def parse_errors(exc: ParseException) -> list:
    """ParseException.Errors as ParseError objects."""
    return [ParseErrorValue(e) for e in exc.errors]


def parse_input(text: Optional[str], path: Optional[str] = None) -> tuple[Any, list, list]:
    """(ScriptBlockAst, tokens, errors) as Parser.ParseInput gives them: errors are returned, not thrown."""
    from pslark.interpreter import ast as A
    from pslark.interpreter.parser import parse, tokenize
    text = text or ""
    try:
        ast = parse(text, path)
        errors: list = []
    except ParseException as exc:
        ast = None
        errors = parse_errors(exc)
    source = A.SourceText(text, path)
    tokens = []
    for tok in tokenize(text):
        start = getattr(tok, "start_pos", None)
        end = getattr(tok, "end_pos", None)
        if start is None or end is None or end <= start:
            continue
        tokens.append(TokenValue(text[start:end], A.Extent(source, start, end)))
    return ScriptBlockAstValue(ast, text), tokens, errors
