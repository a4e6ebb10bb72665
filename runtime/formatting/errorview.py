"""Error and stream rendering: the ErrorRecord view script of PowerShellCore.format.ps1xml, in Python.

ConciseView (the default): `Reason: message` for command-line errors; for errors in a script file (or parse
errors) the `Reason: path:line` header, the `Line |` box with `~` under the failing extent and the message
wrapped at the window width behind `     | `. NormalView and CategoryView as pwsh 7 prints them.
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional

from pslark.runtime.formatting.style import Style, style_for
from pslark.runtime.formatting.text import cells, strip_ansi

_WS_RE = re.compile(r"\s")


def _attr(obj: Any, *names: str, default=None):
    """First attribute / property of that name that is not None."""
    from pslark.runtime.formatting.values import get_prop
    for n in names:
        try:
            v = getattr(obj, n, None)
        except Exception:
            v = None
        if v is not None and not callable(v):
            return v
    for n in names:
        if "_" in n:
            continue
        found, v = get_prop(obj, n)
        if found and v is not None:
            return v
    return default


class _Err:
    """A uniform read-only view of an ErrorRecord (live, deserialized, or an exception carrying one)."""

    def __init__(self, record: Any):
        rec = record
        inv = _attr(rec, "invocation_info", "InvocationInfo")
        if inv is None:
            inner = _attr(rec, "error_record", "ErrorRecord")
            if inner is not None and inner is not rec:
                rec = inner
                inv = _attr(rec, "invocation_info", "InvocationInfo")
        self.rec = rec
        self.inv = inv
        exc = _attr(rec, "exception", "Exception")
        if exc is None and isinstance(rec, BaseException):
            exc = rec
        self.exc = exc
        self.category = str(_attr(rec, "category", default="") or "")
        if not self.category:
            ci = _attr(rec, "CategoryInfo")
            cat = _attr(ci, "Category") if ci is not None else None
            self.category = "" if cat is None else str(cat)
        self.fqid = str(_attr(rec, "fully_qualified_error_id", "FullyQualifiedErrorId", default="") or "")
        self.details = _attr(rec, "error_details_message")
        if self.details is None:
            ed = _attr(rec, "ErrorDetails")
            if ed is not None and not isinstance(ed, str):
                self.details = _attr(ed, "Message")
            elif isinstance(ed, str):
                self.details = ed
        self.recommended = _attr(rec, "recommended_action")
        self.activity = _attr(rec, "category_activity")
        self.reason = _attr(rec, "category_reason")
        self.parse_errors = list(getattr(exc, "errors", None) or []) if exc is not None else []

    # exception / message ------------------------------------------------------------------
    @property
    def exception_message(self) -> Optional[str]:
        if self.exc is None:
            return None
        m = getattr(self.exc, "message", None)
        if m is None:
            m = _attr(self.exc, "Message")
        if m is None and isinstance(self.exc, BaseException):
            m = str(self.exc)
        return None if m is None else str(m)

    @property
    def message(self) -> str:
        if self.details:
            return str(self.details)
        m = self.exception_message
        if m is not None:
            return m
        m = _attr(self.rec, "message", "Message")
        if m is not None:
            return str(m)
        return str(self.rec)

    @property
    def was_thrown(self) -> bool:
        return bool(getattr(self.exc, "was_thrown", False) or _attr(self.exc, "WasThrownFromThrowStatement")) \
            if self.exc is not None else False

    # invocation info ----------------------------------------------------------------------
    @property
    def extent(self):
        ext = getattr(self.inv, "extent", None) if self.inv is not None else None
        if ext is None and self.parse_errors:
            ext = getattr(self.parse_errors[0], "extent", None)
        return ext

    @property
    def script_name(self) -> str:
        ext = self.extent
        if ext is not None:
            return getattr(ext, "file", None) or ""
        return str(_attr(self.inv, "ScriptName", default="") or "") if self.inv is not None else ""

    @property
    def line_number(self) -> int:
        ext = self.extent
        if ext is not None:
            return int(getattr(ext, "start_line", 0) or 0)
        if self.inv is not None:
            try:
                return int(_attr(self.inv, "ScriptLineNumber", default=0) or 0)
            except (TypeError, ValueError):
                return 0
        return 0

    @property
    def offset_in_line(self) -> int:
        ext = self.extent
        return int(getattr(ext, "start_column", 0) or 0) if ext is not None else 0

    @property
    def my_command(self) -> str:
        if self.inv is None:
            return ""
        v = getattr(self.inv, "my_command", None)
        if v is None:
            v = _attr(self.inv, "MyCommand")
        if v is not None and not isinstance(v, str):
            v = _attr(v, "Name") or ""
        return "" if v is None else str(v)

    @property
    def invocation_name(self) -> str:
        if self.inv is None:
            return ""
        v = getattr(self.inv, "invocation_name", None)
        if v is None:
            v = _attr(self.inv, "InvocationName")
        return "" if v is None else str(v)

    def position_message(self) -> str:
        ext = self.extent
        if ext is not None:
            try:
                from pslark.runtime.errors import position_message
                return position_message(ext)
            except Exception:
                return _position_message(ext)
        if self.inv is not None:
            pm = _attr(self.inv, "PositionMessage")
            if pm is not None:
                return str(pm)
        return ""

    def category_message(self) -> str:
        fn = getattr(self.rec, "category_info_text", None)
        if callable(fn):
            try:
                return str(fn())
            except Exception:
                pass
        ci = _attr(self.rec, "CategoryInfo")
        if ci is not None:
            return str(ci)
        return f"{self.category or 'NotSpecified'}: (:) [], {self.reason or ''}"


def _position_message(ext) -> str:
    line = ext.source.line(ext.start_line)
    start = ext.start_column - 1
    if ext.end_line == ext.start_line:
        length = max(1, ext.end_column - ext.start_column)
    else:
        length = max(1, len(line) - start)
    head = f"At {ext.file}:{ext.start_line} char:{ext.start_column}" if ext.file else \
        f"At line:{ext.start_line} char:{ext.start_column}"
    return f"{head}\n+ {line}\n+ {' ' * start}{'~' * length}"


def _truncated(s: str, length: int) -> str:
    """Get-TruncatedString: cut at `length`, then back to the last whitespace."""
    if len(s) <= length:
        return s
    cut = s[:length]
    last = None
    for m in _WS_RE.finditer(cut):
        last = m
    return cut[:last.start()] if last is not None else cut


def _reason(e: _Err) -> str:
    if e.was_thrown:
        return "Exception"
    if e.my_command:
        return e.my_command
    if e.activity:
        return str(e.activity)
    if e.invocation_name:
        return e.invocation_name
    if e.category and e.category != "NotSpecified":
        return e.category
    if e.reason:
        return str(e.reason)
    return "Error"


def _concise(e: _Err, width: int, st: Style) -> str:
    reset, error, accent = st.reset, st.error, st.error_accent
    is_parse = e.category == "ParserError" and (bool(e.parse_errors) or "Parse" in type(e.exc).__name__)
    script = e.script_name
    line_no = e.line_number
    multi = bool(script) or line_no > 1
    show_detail = (is_parse or multi) and not script.lower().endswith(".psm1") and bool(e.position_message())
    posmsg = ""
    prefix = ""
    message = ""
    if show_detail:
        if script:
            if os.environ.get("TERM_PROGRAM") == "vscode":
                posmsg = f"{reset}{script}:{line_no}:{e.offset_in_line}\n"
            else:
                posmsg = f"{reset}{script}:{line_no}\n"
        else:
            posmsg = "\n"
        num_len = len(str(line_no))
        header_ws = " " * (num_len - 4) if num_len > 4 else ""
        line_ws = " " * (4 - num_len) if num_len < 4 else ""
        posmsg += f"{accent}{header_ws}Line |\n"
        parts = e.position_message().split("\n")
        line = parts[1][1:] if len(parts) > 1 else ""
        highlight = parts[-1][1:] if len(parts) > 1 else ""
        offset_len = len(highlight.strip())
        offset_in = highlight.find("~")
        if not line.endswith("\n"):
            line += "\n"
        if st.on and offset_in >= 0 and offset_len < len(line) - 1:
            line = line[:offset_in + offset_len] + reset + line[offset_in + offset_len:]
            line = line[:offset_in] + accent + line[offset_in:]
        posmsg += f"{accent}{line_ws}{line_no} | {reset}{line}"
        prefix = f"{accent}{header_ws}     | {error}"
        if highlight != "":
            posmsg += f"{prefix}{highlight}\n"
        message = prefix
    if not e.details:
        exc_msg = e.exception_message
        if e.category == "ParserError" and exc_msg is not None and "~\n" in exc_msg:
            message += exc_msg.split("~\n", 1)[1].split("\n\n")[0]
        elif exc_msg is not None:
            message += exc_msg
        else:
            message += e.message
    else:
        message += str(e.details)
    if (e.inv is not None and script) or e.category == "ParserError":
        prefix_len = cells(strip_ansi(prefix))
        prefix_vt = len(prefix) - prefix_len
        message = message.replace("\n", " ").replace("\t", " ")
        if width > 0 and (len(message) - prefix_vt) > width:
            sb = []
            sub = _truncated(message, width + prefix_vt)
            sb.append(sub)
            remaining = message[len(sub):].strip()
            sb.append("\n")
            while len(remaining) + prefix_len > width:
                sub = _truncated(prefix + remaining, width + prefix_vt)
                if len(sub) - len(prefix) > 0:
                    sb.append(sub)
                    sb.append("\n")
                    remaining = remaining[len(sub) - len(prefix):].strip()
                else:
                    break
            sb.append(prefix + remaining.strip())
            message = "".join(sb)
        message += "\n"
    posmsg += error + message
    out = f"{error}{_reason(e)}: {posmsg}{reset}"
    if e.recommended and str(e.recommended).strip():
        out += f"\n{error}  Recommendation: {e.recommended}{reset}"
    return out


def _normal(e: _Err, st: Style) -> str:
    prefix = ""
    if e.my_command:
        name = e.invocation_name
        prefix = (e.my_command if re.fullmatch(r"[&.]?", name or "") else name) + " : "
    elif e.invocation_name:
        prefix = e.invocation_name + " : "
    posmsg = ""
    if e.inv is not None and (e.my_command or e.category != "ParserError"):
        pm = e.position_message()
        if pm:
            posmsg = "\n" + pm
    posmsg += "\n+ CategoryInfo          : " + e.category_message()
    posmsg += "\n+ FullyQualifiedErrorId : " + e.fqid
    return f"{prefix}{st.error}{e.message}{posmsg}{st.reset}"


def render_error(record: Any, view: str = "ConciseView", width: int = 120, ansi: bool = False) -> str:
    """The text pwsh prints for an ErrorRecord under $ErrorView (lines joined by '\\n').

    The boxed ConciseView form ends with a newline, as pwsh's does: split the text on '\\n' and the last line
    is empty, which is the blank line pwsh leaves after such an error.
    """
    st = style_for(ansi)
    try:
        e = _Err(record)
        if e.fqid in ("NativeCommandErrorMessage", "NativeCommandError"):
            return f"{st.error}{e.exception_message or e.message}{st.reset}"
        v = (view or "ConciseView").casefold()
        if v == "categoryview":
            return f"{st.error}{e.category_message()}{st.reset}"
        if v == "conciseview":
            return _concise(e, width, st)
        return _normal(e, st)
    except Exception:
        try:
            return f"{st.error}{record}{st.reset}"
        except Exception:
            return "Error"


def render_error_lines(record: Any, view: str = "ConciseView", width: int = 120, ansi: bool = False) -> list[str]:
    """render_error split into lines (ready for print)."""
    return render_error(record, view, width, ansi).split("\n")


def render_parse_error(exc: Any, width: int = 120, ansi: bool = False) -> str:
    """ConciseView of a ParseException (`ParserError: path:line` and the box), with or without an ErrorRecord."""
    rec = getattr(exc, "error_record", None)
    if rec is None:
        rec = _ParseRecord(exc)
    return render_error(rec, "ConciseView", width, ansi)


class _ParseRecord:
    def __init__(self, exc):
        self.exception = exc
        self.invocation_info = None
        self.category = "ParserError"
        self.fully_qualified_error_id = getattr(exc, "error_id", None) or "ParseException"
        self.error_details_message = None
        self.recommended_action = None
        self.category_activity = None
        self.category_reason = "ParseException"


def _stream_line(prefix: str, message: Any, ansi: bool) -> str:
    text = f"{prefix}{'' if message is None else message}"
    if ansi:
        st = style_for(True)
        return f"{st.stream(prefix)}{text}{st.reset}"
    return text


def render_warning(message: Any, ansi: bool = False) -> str:
    """`WARNING: m` ($PSStyle.Formatting.Warning when ANSI is on)."""
    return _stream_line("WARNING: ", message, ansi)


def render_verbose(message: Any, ansi: bool = False) -> str:
    return _stream_line("VERBOSE: ", message, ansi)


def render_debug(message: Any, ansi: bool = False) -> str:
    return _stream_line("DEBUG: ", message, ansi)
