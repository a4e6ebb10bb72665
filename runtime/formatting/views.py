"""Registered views, declared as data (pwsh's DefaultFormatters/*.cs, the parts pslark needs).

A view applies to type names (`PSObject.TypeNames`, most derived first). `view_for` walks the chain and returns
the first view defined for the first type that has one; `Deserialized.X` falls back to X's view. Adding a view
is a few lines: append a TableView / ListView / WideView / CustomView to `VIEWS` (or call `register_view`).

Column / item `prop` is a property name or a callable `(obj, ctx) -> value`; `ctx` is a `RenderContext`
(culture, style, width, location). `width` may be a callable `(ctx) -> int` when it depends on the culture.
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Callable, Optional, Union

from pslark.runtime import dotnet_format
from pslark.runtime.formatting.values import get_prop, mask_deserialized, prop_value

Prop = Union[str, Callable[[Any, Any], Any], None]

LEFT = "left"
RIGHT = "right"
CENTER = "center"


class _Record:
    """A small immutable record (plain class: dataclasses cost start-up time)."""

    __slots__ = ()

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only")

    def _set(self, **values):
        for k, v in values.items():
            object.__setattr__(self, k, v)

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{k}={getattr(self, k)!r}' for k in self.__slots__)})"


class Column(_Record):
    """One table column: header label (None = the property name), value, alignment (None = left), width (0 = auto)."""

    __slots__ = ("label", "prop", "align", "width", "format")

    def __init__(self, label: Optional[str] = None, prop: Prop = None, align: Optional[str] = None,
                 width: Union[int, Callable[[Any], int]] = 0, format: Optional[str] = None):
        self._set(label=label, prop=prop, align=align, width=width, format=format)


class ListItem(_Record):
    __slots__ = ("label", "prop", "format")

    def __init__(self, label: Optional[str] = None, prop: Prop = None, format: Optional[str] = None):
        self._set(label=label, prop=prop, format=format)


class GroupBy(_Record):
    """Group-by: `prop` gives the key; the header is `   {label}: value`, or `render(value, obj, ctx)` if given."""

    __slots__ = ("prop", "label", "render")

    def __init__(self, prop: Prop, label: Optional[str] = None, render: Optional[Callable[[Any, Any, Any], str]] = None):
        self._set(prop=prop, label=label, render=render)


class TableView(_Record):
    __slots__ = ("name", "types", "columns", "autosize", "wrap", "hide_header", "group_by", "shape")

    def __init__(self, name: str, types: tuple, columns: tuple, autosize: bool = False, wrap: bool = False,
                 hide_header: bool = False, group_by: Optional[GroupBy] = None):
        self._set(name=name, types=tuple(types), columns=tuple(columns), autosize=autosize, wrap=wrap,
                  hide_header=hide_header, group_by=group_by, shape="table")


class ListView(_Record):
    """`by_type`: ((type names...), (ListItem...)) entries chosen before the default `items`."""

    __slots__ = ("name", "types", "items", "by_type", "group_by", "shape")

    def __init__(self, name: str, types: tuple, items: tuple, by_type: tuple = (),
                 group_by: Optional[GroupBy] = None):
        self._set(name=name, types=tuple(types), items=tuple(items), by_type=tuple(by_type), group_by=group_by,
                  shape="list")


class WideView(_Record):
    """`by_type`: ((type names...), prop, format) entries chosen before the default `prop`."""

    __slots__ = ("name", "types", "prop", "format", "by_type", "columns", "group_by", "shape")

    def __init__(self, name: str, types: tuple, prop: Prop, format: Optional[str] = None, by_type: tuple = (),
                 columns: int = 0, group_by: Optional[GroupBy] = None):
        self._set(name=name, types=tuple(types), prop=prop, format=format, by_type=tuple(by_type), columns=columns,
                  group_by=group_by, shape="wide")


class CustomView(_Record):
    """A custom control: `render(obj, ctx) -> str`. Out-of-band views print on their own, never in a document."""

    __slots__ = ("name", "types", "render", "out_of_band", "shape")

    def __init__(self, name: str, types: tuple, render: Callable[[Any, Any], str], out_of_band: bool = False):
        self._set(name=name, types=tuple(types), render=render, out_of_band=out_of_band, shape="custom")


View = Union[TableView, ListView, WideView, CustomView]


class RenderContext:
    """What view callables may use."""

    __slots__ = ("culture", "style", "width", "enumeration_limit", "location", "error_view", "error_width")

    def __init__(self, culture: Any = None, style: Any = None, width: int = 79, enumeration_limit: int = 4,
                 location: Optional[str] = None, error_view: str = "ConciseView", error_width: int = 120):
        self.culture = culture
        self.style = style
        self.width = width
        self.enumeration_limit = enumeration_limit
        self.location = location
        self.error_view = error_view
        self.error_width = error_width


# ----------------------------------------------------------------------------------------------
# Helpers used by view callables

def _num(obj, *names, default=0.0):
    for n in names:
        found, v = get_prop(obj, n)
        if found and v is not None:
            try:
                return float(v)
            except (TypeError, ValueError):
                return default
    return default


def _round_half_even(x: float) -> int:
    return int(round(x))


def _process_npm(o, ctx):
    return _round_half_even(_num(o, "NPM", "NonpagedSystemMemorySize64") / 1024)


def _single(x: float):
    """[float]$x: the view casts memory sizes and CPU time to Single before `{0:N2}`."""
    from pslark.runtime.numbers import Single
    return Single(x)


def _process_pm(o, ctx):
    return _single(_num(o, "PM", "PagedMemorySize64") / 1048576)


def _process_ws(o, ctx):
    return _single(_num(o, "WS", "WorkingSet64") / 1048576)


def _process_cpu(o, ctx):
    return _single(_num(o, "CPU"))


def _lastwrite_width(ctx) -> int:
    try:
        return len(dotnet_format.composite_format("{0:d} {0:HH}:{0:mm}", [_dt.datetime(9999, 12, 31, 23, 59, 59)],
                                                  ctx.culture))
    except Exception:
        return 16


def _lastwrite(o, ctx):
    found, v = get_prop(o, "LastWriteTime")
    if isinstance(v, _dt.datetime):
        return dotnet_format.composite_format("{0:d} {0:HH}:{0:mm}", [v], ctx.culture)
    return v


def _is_dir(o) -> bool:
    from pslark.runtime.formatting.values import type_names
    return any(mask_deserialized(t) == "System.IO.DirectoryInfo" for t in type_names(o))


def _is_executable(o) -> bool:
    """Platform.NonWindowsIsExecutable: access(path, X_OK) on a file of this machine."""
    from pslark.runtime.fsobjects import FileInfo
    base = getattr(o, "base", o)
    if not isinstance(base, FileInfo):
        return False
    try:
        return os.access(base.full_name, os.X_OK)
    except (OSError, ValueError):
        return False


def _file_name(o, ctx):
    """NameString: the name ($PSStyle.FileInfo colours when ANSI is on; `name -> target` for links)."""
    found, ns = get_prop(o, "NameString")
    if found and ns is not None:
        return ns
    name = prop_value(o, "Name")
    name = "" if name is None else str(name)
    target = prop_value(o, "LinkTarget") or prop_value(o, "Target")
    link_type = prop_value(o, "LinkType")
    style = getattr(ctx, "style", None)
    if style is not None and style.on:
        if link_type and str(link_type) == "SymbolicLink":
            name = f"{style.symbolic_link}{name}{style.reset}"
        elif _is_dir(o):
            name = f"{style.directory}{name}{style.reset}"
        else:
            ext = name[name.rfind("."):].casefold() if "." in name else ""
            colour = style.extensions.get(ext) if ext else None
            if colour is None and _is_executable(o):
                colour = style.executable
            if colour is not None:
                name = f"{colour}{name}{style.reset}"
    if link_type and str(link_type) == "SymbolicLink" and target:
        if isinstance(target, (list, tuple)):
            target = target[0] if target else ""
        name = f"{name} -> {target}"
    return name


def _parent_path(o, ctx):
    v = prop_value(o, "PSParentPath")
    if v is None:
        v = prop_value(o, "DirectoryName") or prop_value(o, "Parent")
        if v is not None and not isinstance(v, str):
            v = prop_value(v, "FullName") or str(v)
    return v


def _directory_header(value, obj, ctx) -> str:
    text = "" if value is None else str(value)
    text = text.replace("Microsoft.PowerShell.Core\\FileSystem::", "")
    return "    Directory: " + text


def _alias_aware_name(o, ctx):
    ct = prop_value(o, "CommandType")
    if ct is not None and str(ct) == "Alias":
        dn = prop_value(o, "DisplayName")
        if dn is not None:
            return dn
    return prop_value(o, "Name")


def _datetime_view(o, ctx) -> str:
    from pslark.runtime.formatting.values import base_of
    b = base_of(o)
    hint = prop_value(o, "DisplayHint") if b is not o else None
    if isinstance(b, _dt.datetime):
        # the DateTime ETS property: ToLongDateString() + ' ' + ToLongTimeString(), or one of them for DisplayHint
        h = str(hint).casefold() if hint is not None else ""
        parts = {"date": ("D",), "time": ("T",)}.get(h, ("D", "T"))
        return " ".join(dotnet_format.format_datetime(b, spec, ctx.culture) for spec in parts)
    v = prop_value(o, "DateTime")
    return "" if v is None else str(v)


def _match_info(o, ctx) -> str:
    """MatchInfo.ToEmphasizedString(location): `path:line:text`, context lines with `> ` / `  ` prefixes."""
    fn = getattr(o, "to_emphasized_string", None)
    if callable(fn):
        try:
            return str(fn(ctx.location))
        except Exception:
            pass
    line = prop_value(o, "Line")
    line = "" if line is None else str(line)
    if ctx.style is not None and ctx.style.on and getattr(o, "emphasize", True):   # Select-String -NoEmphasis
        matches = prop_value(o, "Matches") or []
        spans = []
        for m in matches if isinstance(matches, (list, tuple)) else []:
            idx = prop_value(m, "Index") if not hasattr(m, "start") else m.start()
            length = prop_value(m, "Length") if not hasattr(m, "end") else m.end() - m.start()
            if isinstance(idx, int) and isinstance(length, int) and length > 0:
                spans.append((idx, length))
        for idx, length in sorted(spans, reverse=True):
            line = line[:idx] + "\x1b[7m" + line[idx:idx + length] + "\x1b[0m" + line[idx + length:]
    path = prop_value(o, "Path")
    filename = prop_value(o, "Filename")
    has_path = path is not None and str(path) not in ("", "InputStream") and filename != "InputStream"
    number = prop_value(o, "LineNumber")
    from pslark.runtime.paths import under_directory
    display_path = under_directory(str(path), ctx.location) if has_path else ""

    def fmt(text, num, prefix):
        return f"{prefix}{display_path}:{num}:{text}" if has_path else f"{prefix}{text}"

    context = prop_value(o, "Context")
    if context is None:
        return fmt(line, number, "")
    pre = prop_value(context, "DisplayPreContext") or []
    post = prop_value(context, "DisplayPostContext") or []
    lines = []
    n = number if isinstance(number, int) else 0
    for i, t in enumerate(pre):
        lines.append(fmt(t, n - len(pre) + i, "  "))
    lines.append(fmt(line, number, "> "))
    for i, t in enumerate(post):
        lines.append(fmt(t, n + 1 + i, "  "))
    return "\n".join(lines)


def _error_record_view(o, ctx) -> str:
    from pslark.runtime.formatting.errorview import render_error
    return render_error(o, view=ctx.error_view, width=ctx.error_width, ansi=bool(ctx.style and ctx.style.on))


def _stream_record_view(prefix: str):
    """Warning/Verbose/Debug records in the output: the message, written by the host as `PREFIX: message`."""
    def render(o, ctx) -> str:
        v = prop_value(o, "Message")
        if v is None:
            v = prop_value(o, "InformationalRecord_Message")
        text = prefix + ("" if v is None else str(v))
        if ctx.style is not None and ctx.style.on:
            return f"{ctx.style.stream(prefix)}{text}{ctx.style.reset}"
        return text
    return render


def _information_view(o, ctx) -> str:
    from pslark.runtime.formatting.values import to_text
    fn = getattr(o, "ps_to_string", None)
    if callable(fn):
        return str(fn())
    v = prop_value(o, "MessageData")
    return to_text(v, ctx.culture)


def _exception_view(o, ctx) -> str:
    v = getattr(o, "message", None)
    if v is None:
        v = prop_value(o, "Message")
    return "" if v is None else str(v)


def _overload_definitions(o, ctx) -> str:
    """`$_.OverloadDefinitions | Out-String`: one overload per line."""
    defs = prop_value(o, "OverloadDefinitions")
    if isinstance(defs, (list, tuple)):
        return "\n".join(str(d) for d in defs)
    return "" if defs is None else str(defs)


def _scriptblock_view(o, ctx) -> str:
    from pslark.runtime.formatting.values import to_text
    return to_text(o, ctx.culture)


# ----------------------------------------------------------------------------------------------
# The views

def _sgr_sample(*path: str):
    """A $PSStyle setting as pwsh's PSStyle views show it: its escape text (`e[32;1m) drawn in its own style."""
    def value(o, ctx) -> str:
        v = o
        for name in path:
            v = prop_value(v, name)
        text = "" if v is None else str(v)
        shown = text.replace("\x1b", "`e")
        if ctx.style is not None and ctx.style.on:
            return f"{text}{shown}\x1b[0m"
        return shown
    return value


def _extension_styles(o, ctx) -> str:
    """FileInfo.Extension in the FileInfoFormatting view: `.ext = "`e[31;1m"` lines."""
    ext = prop_value(o, "Extension")
    keys = [str(k) for k in (prop_value(ext, "Keys") or [])]
    width = max((len(k) for k in keys), default=0)
    sample = _sgr_sample()
    lines = []
    for k in keys:
        lines.append(f'{k.ljust(width)} = "{sample(ext.ps_index(k), ctx)}"\n')
    return "".join(lines)


def _extension_keys(o, ctx) -> str:
    return ",".join(str(k) for k in (prop_value(prop_value(o, "FileInfo"), "Extension").Keys or []))


_PSSTYLE = "System.Management.Automation.PSStyle"
_SGR_NAMES = ("Reset", "BlinkOff", "Blink", "BoldOff", "Bold", "DimOff", "Dim", "Hidden", "HiddenOff", "Reverse",
              "ReverseOff", "ItalicOff", "Italic", "UnderlineOff", "Underline", "StrikethroughOff", "Strikethrough")
_FORMATTING_NAMES = ("FormatAccent", "ErrorAccent", "Error", "Warning", "Verbose", "Debug", "TableHeader",
                     "CustomTableHeaderLabel", "FeedbackName", "FeedbackText", "FeedbackAction")
_COLOR_ORDER = ("Black", "BrightBlack", "White", "BrightWhite", "Red", "BrightRed", "Magenta", "BrightMagenta", "Blue",
                "BrightBlue", "Cyan", "BrightCyan", "Green", "BrightGreen", "Yellow", "BrightYellow")
_PSSTYLE_ITEMS = (
    tuple(ListItem(n, _sgr_sample(n)) for n in _SGR_NAMES) + (ListItem(None, "OutputRendering"),)
    + tuple(ListItem(f"Formatting.{n}", _sgr_sample("Formatting", n)) for n in _FORMATTING_NAMES)
    + (ListItem("Progress.Style", _sgr_sample("Progress", "Style")),)
    + tuple(ListItem(f"Progress.{n}", lambda o, ctx, n=n: str(prop_value(prop_value(o, "Progress"), n)))
            for n in ("MaxWidth", "View", "UseOSCIndicator"))
    + tuple(ListItem(f"FileInfo.{n}", _sgr_sample("FileInfo", n)) for n in ("Directory", "SymbolicLink", "Executable"))
    + (ListItem("FileInfo.Extension", _extension_keys),)
    + tuple(ListItem(f"{part}.{n}", _sgr_sample(part, n)) for part in ("Foreground", "Background") for n in _COLOR_ORDER))


_FILE_TYPES = ("System.IO.DirectoryInfo", "System.IO.FileInfo")
_FILE_GROUP = GroupBy(_parent_path, render=_directory_header)
_COMMAND_TYPES = tuple(f"System.Management.Automation.{t}" for t in (
    "AliasInfo", "ApplicationInfo", "CmdletInfo", "ExternalScriptInfo", "FilterInfo", "FunctionInfo", "ScriptInfo"))
_JOB_TYPES = ("System.Management.Automation.Job",)

VIEWS: list = [
    # DotNetTypes.format.ps1xml
    TableView("Dictionary", ("System.Collections.DictionaryEntry",), (
        Column(None, "Name", width=30),
        Column(None, "Value"),
    )),
    ListView("System.Collections.DictionaryEntry", ("System.Collections.DictionaryEntry",), (
        ListItem(None, "Name"), ListItem(None, "Value"))),
    TableView("process", ("System.Diagnostics.Process",), (
        Column("NPM(K)", _process_npm, RIGHT, 7),
        Column("PM(M)", _process_pm, RIGHT, 8, "{0:N2}"),
        Column("WS(M)", _process_ws, RIGHT, 10, "{0:N2}"),
        Column("CPU(s)", _process_cpu, RIGHT, 10, "{0:N2}"),
        Column(None, "Id", RIGHT, 7),
        Column(None, "SI", RIGHT, 3),
        Column(None, "ProcessName"),
    )),
    WideView("process", ("System.Diagnostics.Process",), "ProcessName"),
    TableView("service", ("System.ServiceProcess.ServiceController",), (
        Column(None, "Status", width=8),
        Column(None, "Name", width=18),
        Column(None, "DisplayName", width=38),
    )),
    ListView("System.ServiceProcess.ServiceController", ("System.ServiceProcess.ServiceController",), tuple(
        ListItem(None, p) for p in ("Name", "DisplayName", "Status", "DependentServices", "ServicesDependedOn",
                                    "CanPauseAndContinue", "CanShutdown", "CanStop", "ServiceType"))),
    ListView("System.TimeSpan", ("System.TimeSpan",), tuple(
        ListItem(None, p) for p in ("Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks", "TotalDays",
                                    "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds"))),
    TableView("System.TimeSpan", ("System.TimeSpan",), tuple(
        Column(None, p) for p in ("Days", "Hours", "Minutes", "Seconds", "Milliseconds"))),
    WideView("System.TimeSpan", ("System.TimeSpan",), "TotalMilliseconds"),
    ListView(_PSSTYLE, (_PSSTYLE,), _PSSTYLE_ITEMS),
    ListView(f"{_PSSTYLE}+FormattingData", (f"{_PSSTYLE}+FormattingData",),
             tuple(ListItem(n, _sgr_sample(n)) for n in _FORMATTING_NAMES)),
    ListView(f"{_PSSTYLE}+ProgressConfiguration", (f"{_PSSTYLE}+ProgressConfiguration",),
             (ListItem("Style", _sgr_sample("Style")),) + tuple(ListItem(None, n) for n in
                                                               ("MaxWidth", "View", "UseOSCIndicator"))),
    ListView(f"{_PSSTYLE}+FileInfoFormatting", (f"{_PSSTYLE}+FileInfoFormatting",),
             tuple(ListItem(n, _sgr_sample(n)) for n in ("Directory", "SymbolicLink", "Executable"))
             + (ListItem("Extension", _extension_styles),)),
    ListView(f"{_PSSTYLE}+ForegroundColor", (f"{_PSSTYLE}+ForegroundColor",),
             tuple(ListItem(n, _sgr_sample(n)) for n in _COLOR_ORDER)),
    ListView(f"{_PSSTYLE}+BackgroundColor", (f"{_PSSTYLE}+BackgroundColor",),
             tuple(ListItem(n, _sgr_sample(n)) for n in _COLOR_ORDER)),
    CustomView("DateTime", ("System.DateTime",), _datetime_view),
    TableView("System.Globalization.CultureInfo", ("System.Globalization.CultureInfo",), (
        Column(None, "LCID", width=16),
        Column(None, "Name", width=16),
        Column(None, "DisplayName"),
    )),
    TableView("System.Version", ("System.Version",), (
        Column(None, "Major", width=6), Column(None, "Minor", width=6),
        Column(None, "Build", width=6), Column(None, "Revision", width=8),
    )),
    TableView("System.Management.Automation.SemanticVersion", ("System.Management.Automation.SemanticVersion",), (
        Column(None, "Major", width=6), Column(None, "Minor", width=6), Column(None, "Patch", width=6),
        Column(None, "PreReleaseLabel", width=15), Column(None, "BuildLabel", width=11),
    )),
    TableView("System.Guid", ("System.Guid",), (Column(None, "Guid"),)),
    # DotNetTypes.format.ps1xml: a type literal at the prompt ([int])
    TableView("System.RuntimeType", ("System.RuntimeType",), (
        Column("IsPublic", "IsPublic", None, 8), Column("IsSerial", "IsSerializable", None, 8),
        Column("Name", "Name", None, 40), Column("BaseType", "BaseType"))),
    # PowerShellCore.format.ps1xml: a method named without calling it ("abc".ToUpper)
    TableView("System.Management.Automation.PSMethod", ("System.Management.Automation.PSMethod",), (
        Column("OverloadDefinitions", _overload_definitions),), wrap=True),

    # FileSystem.format.ps1xml (Unix: childrenWithUnixStat first)
    TableView("childrenWithUnixStat", _FILE_TYPES, (
        Column("UnixMode", "UnixMode", LEFT, 10),
        Column("User", "User", RIGHT, 10),
        Column("Group", "Group", LEFT, 10),
        Column("LastWriteTime", _lastwrite, RIGHT, _lastwrite_width),
        Column("Size", "Size", RIGHT, 12),
        Column("Name", _file_name, LEFT),
    ), wrap=True, group_by=_FILE_GROUP),
    ListView("children", _FILE_TYPES, (
        ListItem(None, "Name"), ListItem(None, "CreationTime"), ListItem(None, "LastWriteTime"),
        ListItem(None, "LastAccessTime"), ListItem(None, "Mode"), ListItem(None, "LinkType"),
        ListItem(None, "Target"),
    ), by_type=((("System.IO.FileInfo",), (
        ListItem(None, "Name"), ListItem("Length", "LengthString"), ListItem(None, "CreationTime"),
        ListItem(None, "LastWriteTime"), ListItem(None, "LastAccessTime"), ListItem(None, "Mode"),
        ListItem(None, "LinkType"), ListItem(None, "Target"), ListItem(None, "VersionInfo"))),),
        group_by=_FILE_GROUP),
    WideView("children", _FILE_TYPES, "Name", by_type=((("System.IO.DirectoryInfo",), "Name", "[{0}]"),),
             group_by=_FILE_GROUP),

    # PowerShellCore.format.ps1xml
    TableView("Microsoft.PowerShell.Commands.MemberDefinition", ("Microsoft.PowerShell.Commands.MemberDefinition",), (
        Column("Name", "Name"), Column("MemberType", "MemberType"), Column("Definition", "Definition"),
    ), autosize=True, group_by=GroupBy("TypeName")),
    TableView("Microsoft.PowerShell.Commands.GroupInfo", ("Microsoft.PowerShell.Commands.GroupInfo",), (
        Column("Count", "Count", RIGHT, 5), Column(None, "Name", width=25), Column(None, "Group"),
    )),
    ListView("Microsoft.PowerShell.Commands.GroupInfo", ("Microsoft.PowerShell.Commands.GroupInfo",), (
        ListItem(None, "Name"), ListItem(None, "Count"), ListItem(None, "Group"), ListItem(None, "Values"))),
    TableView("Microsoft.PowerShell.Commands.GroupInfoNoElement", ("Microsoft.PowerShell.Commands.GroupInfoNoElement",), (
        Column("Count", "Count", RIGHT, 5), Column(None, "Name", width=25),
    )),
    CustomView("MatchInfo", ("Microsoft.PowerShell.Commands.MatchInfo",), _match_info),
    CustomView("MatchInfo", ("Deserialized.Microsoft.PowerShell.Commands.MatchInfo",),
               lambda o, ctx: str(prop_value(o, "Line") or "")),
    ListView("Microsoft.PowerShell.Commands.GenericMeasureInfo", ("Microsoft.PowerShell.Commands.GenericMeasureInfo",),
             tuple(ListItem(None, p) for p in ("Count", "Average", "Sum", "Maximum", "Minimum",
                                               "StandardDeviation", "Property"))),
    ListView("Microsoft.PowerShell.Commands.GenericMeasureInfo",
             ("Deserialized.Microsoft.PowerShell.Commands.GenericMeasureInfo",),
             tuple(ListItem(None, p) for p in ("Count", "Average", "Sum", "Maximum", "Minimum", "Property"))),
    TableView("Microsoft.PowerShell.Commands.TextMeasureInfo",
              ("Deserialized.Microsoft.PowerShell.Commands.TextMeasureInfo",), tuple(
                  Column(p, p) for p in ("Lines", "Words", "Characters", "Property"))),
    TableView("Job", _JOB_TYPES, (
        Column("Id", "Id", LEFT, 6),
        Column("Name", "Name", LEFT, 15),
        Column("PSJobTypeName", "PSJobTypeName", LEFT, 15),
        Column("State", "State", LEFT, 13),
        Column("HasMoreData", "HasMoreData", LEFT, 15),
        Column("Location", "Location", LEFT, 20),
        Column("Command", "Command", LEFT, 25),
    )),
    TableView("PSSession", ("System.Management.Automation.Runspaces.PSSession",), (
        Column("Id", "Id", RIGHT, 3), Column("Name", "Name", LEFT, 15), Column("Transport", "Transport", LEFT, 9),
        Column("ComputerName", "ComputerName", LEFT, 15), Column("ComputerType", "ComputerType", LEFT, 15),
        Column("State", "State", LEFT, 13), Column("ConfigurationName", "ConfigurationName", LEFT, 20),
        Column("Availability", "Availability", RIGHT, 13),
    )),
    TableView("Variable", ("System.Management.Automation.PSVariable",), (
        Column(None, "Name", width=30), Column(None, "Value"))),
    TableView("PathInfo", ("System.Management.Automation.PathInfo",), (Column(None, "Path"),)),
    TableView("CommandInfo", _COMMAND_TYPES, (
        Column("CommandType", "CommandType", width=15),
        Column("Name", _alias_aware_name, width=50),
        Column("Version", "Version", width=10),
        Column("Source", "Source"),
    )),
    TableView("CommandInfo", ("System.Management.Automation.CommandInfo",), (
        Column(None, "CommandType", width=15), Column(None, "Name"))),
    CustomView("ErrorInstance", ("System.Management.Automation.ErrorRecord",), _error_record_view, out_of_band=True),
    CustomView("WarningRecord", ("System.Management.Automation.WarningRecord",), _stream_record_view("WARNING: "),
               out_of_band=True),
    CustomView("VerboseRecord", ("System.Management.Automation.VerboseRecord",), _stream_record_view("VERBOSE: "),
               out_of_band=True),
    CustomView("DebugRecord", ("System.Management.Automation.DebugRecord",), _stream_record_view("DEBUG: "),
               out_of_band=True),
    CustomView("InformationRecord", ("System.Management.Automation.InformationRecord",), _information_view,
               out_of_band=True),
    CustomView("ScriptBlock", ("System.Management.Automation.ScriptBlock",), _scriptblock_view, out_of_band=True),
    CustomView("Exception", ("System.Exception",), _exception_view, out_of_band=True),
]

_SHAPES = {"table": TableView, "list": ListView, "wide": WideView, "custom": CustomView}


def register_view(view: View, first: bool = False) -> None:
    """Add a view; `first=True` makes it the default for its types."""
    if first:
        VIEWS.insert(0, view)
    else:
        VIEWS.append(view)


def _find(names: list, shape: Optional[str], name: Optional[str], out_of_band: Optional[bool]) -> Optional[View]:
    for tn in names:
        for v in VIEWS:
            if tn not in v.types:
                continue
            if shape is not None and v.shape != shape:
                continue
            if name is not None and v.name.casefold() != name.casefold():
                continue
            if out_of_band is not None and getattr(v, "out_of_band", False) != out_of_band:
                continue
            return v
    return None


def view_for(type_names: list, shape: Optional[str] = None, name: Optional[str] = None,
             out_of_band: Optional[bool] = None) -> Optional[View]:
    """The view for an object's type names (first defined for the most derived type); None if there is none."""
    names = [t for t in (type_names or []) if isinstance(t, str)]
    v = _find(names, shape, name, out_of_band)
    if v is not None:
        return v
    masked = [mask_deserialized(t) for t in names if t.startswith("Deserialized.")]
    if masked:
        return _find(masked, shape, name, out_of_band)
    return None


def out_of_band_view(type_names: list) -> Optional[CustomView]:
    v = view_for(type_names, out_of_band=True)
    return v if isinstance(v, CustomView) else None


def view_applies(view: View, type_names: list) -> bool:
    """FormatViewGenerator.IsObjectApplicable for a registered view."""
    names = [t for t in (type_names or []) if isinstance(t, str)]
    if any(t in view.types for t in names):
        return True
    return any(mask_deserialized(t) in view.types for t in names if t.startswith("Deserialized."))


def column_width(col: Column, ctx) -> int:
    w = col.width
    if callable(w):
        try:
            return int(w(ctx))
        except Exception:
            return 0
    return int(w or 0)


def eval_prop(prop: Prop, obj: Any, ctx) -> tuple[bool, Any]:
    """(resolved, value) of a view's property or callable."""
    if prop is None:
        return False, None
    if isinstance(prop, str):
        return get_prop(obj, prop)
    try:
        return True, prop(obj, ctx)
    except Exception:
        return True, None
