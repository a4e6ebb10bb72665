"""$PSStyle: pwsh's process-wide System.Management.Automation.PSStyle ([PSStyle]::Instance).

The renderers read it through runtime/formatting/style.py (table headers, list labels, errors, warnings, file names)
and the terminal host (progress). Every change bumps `generation()`, so they rebuild their colours only when a script
has customised something. `$PSStyle.OutputRendering` (Host, PlainText, Ansi) is passed on to the console hosts
registered here, which decide from it whether to write colour. Setters validate as pwsh's do (PSStyle.cs: a style
must be escape sequences only, Progress.MaxWidth at least 18).
"""
from __future__ import annotations

import re
import threading
import weakref
from typing import Any

RENDERINGS = ("Host", "PlainText", "Ansi")          # OutputRendering, in enum order
PROGRESS_VIEWS = ("Minimal", "Classic")             # ProgressView, in enum order
_hosts: "weakref.WeakSet" = weakref.WeakSet()
_lock = threading.Lock()
_instance = None
_generation = 0
_EXTENSION_METHODS = None
_PSSTYLE_METHODS = None

_NS = "System.Management.Automation.PSStyle"
# ValueStringDecorated's escape sequences: SGR, private-mode CSI (`e[?25h) and OSC 8 hyperlinks
_DECORATION = re.compile(r"\x1b\[\d+(?:;\d+)*m|\x1b\[\?\d+[hl]|\x1b\]8;;.*?\x1b\\")
_COLOR_NAMES = ("Black", "Red", "Green", "Yellow", "Blue", "Magenta", "Cyan", "White")
# [ConsoleColor] order (Black, DarkBlue, ... White) -> SGR offset from 30/40
_CONSOLE_COLORS = (("Black", 0), ("DarkBlue", 4), ("DarkGreen", 2), ("DarkCyan", 6), ("DarkRed", 1),
                   ("DarkMagenta", 5), ("DarkYellow", 3), ("Gray", 7), ("DarkGray", 60), ("Blue", 64),
                   ("Green", 62), ("Cyan", 66), ("Red", 61), ("Magenta", 65), ("Yellow", 63), ("White", 67))


def generation() -> int:
    """Rises on every change to a $PSStyle setting (renderers cache on it)."""
    return _generation


def _changed() -> None:
    global _generation
    _generation += 1


def _setting_error(name: str, message: str):
    """A .NET property setter that threw: pwsh's SetValueInvocationException."""
    from pslark.runtime.errors import SetValueInvocationException
    return SetValueInvocationException(f'Exception setting "{name}": "{message}"', error_id="ExceptionWhenSetting",
                                       category="NotSpecified")


def no_content(value: Any) -> str:
    """PSStyle.ValidateNoContent: a style may hold escape sequences only (`$null` converts to '')."""
    from pslark.runtime.conversion import to_string
    text = "" if value is None else to_string(value)
    content = _DECORATION.sub("", text)
    if content:
        from pslark.runtime.errors import ArgumentException
        raise ArgumentException("The specified string contains printable content when it should only contain ANSI "
                                f"escape sequences: {content}")
    return text


def _max_width(value: Any) -> int:
    from pslark.runtime.conversion import to_int
    width = to_int(value)
    if width < 18:
        from pslark.runtime.errors import ArgumentOutOfRangeException
        raise ArgumentOutOfRangeException("The MaxWidth for the Progress rendering must be at least 18 to render "
                                          "correctly. (Parameter 'MaxWidth')")
    return width


def _enum(value: Any, names: tuple, type_name: str) -> str:
    raw = getattr(value, "base", value)
    if isinstance(raw, int) and not isinstance(raw, bool):
        if 0 <= raw < len(names):
            return names[raw]
        return _enum_error(str(raw), names, type_name)
    text = "" if raw is None else str(raw).strip()
    for n in names:
        if n.casefold() == text.casefold():
            return n
    return _enum_error(text, names, type_name)


def _enum_error(text: str, names: tuple, type_name: str):
    from pslark.runtime.errors import PSInvalidCastException
    raise PSInvalidCastException(
        f'Cannot convert value "{text}" to type "{type_name}". Error: "Unable to match the identifier name {text} to '
        f'a valid enumerator name. Specify one of the following enumerator names and try again:\n'
        f'{", ".join(names)}"', error_id="InvalidCastFromStringToEnum")


def _view(value: Any) -> str:
    return _enum(value, PROGRESS_VIEWS, "System.Management.Automation.ProgressView")


def _bool(value: Any) -> bool:
    from pslark.runtime.conversion import to_bool
    return to_bool(value)


class _Part:
    """A nested part of $PSStyle (Formatting, Progress, FileInfo, Foreground, Background): named settings, each
    with the converter/validator its .NET setter applies (None: read-only)."""

    _methods = None

    def __init__(self, type_name: str, values: dict, setters: dict):
        self.type_name = type_name
        self._values = dict(values)
        self._setters = setters
        self._names = {k.casefold(): k for k in values}

    @property
    def type_names(self):
        return [self.type_name, "System.Object"]

    @property
    def ps_properties(self):
        return tuple(self._values)

    def ps_get(self, name: str) -> Any:
        key = self._names.get(name.casefold())
        if key is None:
            raise AttributeError(name)
        return self._values[key]

    def ps_set(self, name: str, value: Any) -> bool:
        key = self._names.get(name.casefold())
        if key is None:
            raise AttributeError(name)
        setter = self._setters.get(key)
        if setter is None:
            return False                   # read-only: the member layer reports it
        from pslark.runtime.errors import PSException
        try:
            new = setter(value)
        except PSException as exc:
            raise _setting_error(key, exc.message) from None
        self._values[key] = new
        _changed()
        return True

    @property
    def net_methods(self) -> dict:
        return self._methods or {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.ps_get(name)

    def __str__(self):
        return self.type_name


def _rgb(base: int):
    def from_rgb(target, args: list) -> str:
        from pslark.runtime.types import a_int
        if len(args) == 1:
            rgb = a_int(args, 0, "rgb")
            r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
        else:
            r, g, b = (_byte(args, i, p) for i, p in enumerate(("red", "green", "blue")))
        return f"\x1b[{base + 8};2;{r};{g};{b}m"
    return from_rgb


def _byte(args: list, i: int, param: str) -> int:
    from pslark.runtime import conversion as C
    from pslark.runtime.types import ArgConversionError
    try:
        n = C.to_int(args[i])
        if not 0 <= n <= 255:
            raise ValueError
    except Exception:
        raise ArgConversionError(args[i], param, "System.Byte",
                                 f'Cannot convert value "{C.to_string(args[i])}" to type "System.Byte". Error: '
                                 '"Value was either too large or too small for an unsigned byte."') from None
    return n


def _from_console_color(base: int):
    def from_console_color(target, args: list) -> str:
        return console_color_sgr(args[0], background=base == 40)
    return from_console_color


def console_color_sgr(color: Any, background: bool = False) -> str:
    """PSStyle.MapForegroundColorToEscapeSequence / MapBackgroundColorToEscapeSequence for a [ConsoleColor]."""
    raw = getattr(color, "base", color)
    offset = None
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < len(_CONSOLE_COLORS):
        offset = _CONSOLE_COLORS[raw][1]
    else:
        text = str(raw).strip().casefold()
        for n, off in _CONSOLE_COLORS:
            if n.casefold() == text:
                offset = off
    if offset is None:
        from pslark.runtime.types import ArgConversionError
        raise ArgConversionError(color, "color", "System.ConsoleColor",
                                 f'Cannot convert value "{raw}" to type "System.ConsoleColor". Error: "Unable to match '
                                 f'the identifier name {raw} to a valid enumerator name. Specify one of the following '
                                 'enumerator names and try again:\n' + ", ".join(n for n, _ in _CONSOLE_COLORS) + '"')
    return f"\x1b[{(40 if background else 30) + offset}m"


def _colors(kind: str, base: int) -> _Part:
    values = {n: f"\x1b[{base + i}m" for i, n in enumerate(_COLOR_NAMES)}
    values.update({"Bright" + n: f"\x1b[{base + 60 + i}m" for i, n in enumerate(_COLOR_NAMES)})
    part = _Part(f"{_NS}+{kind}", values, {})
    from pslark.runtime.types import NetMethod, _methods
    part._methods = _methods(
        NetMethod("FromRgb", ("string FromRgb(byte red, byte green, byte blue)", "string FromRgb(int rgb)"),
                  _rgb(base)),
        NetMethod("FromConsoleColor", ("string FromConsoleColor(System.ConsoleColor color)",), _from_console_color(base)))
    return part


class FileExtensionDictionary:
    """$PSStyle.FileInfo.Extension: extension -> style, case-insensitive; keys must start with '.'."""

    type_names = [f"{_NS}+FileInfoFormatting+FileExtensionDictionary", "System.Object"]
    ps_properties = ("Keys",)

    def __init__(self):
        from pslark.runtime.formatting.style import EXTENSIONS
        self._styles = {ext: (ext, style) for ext, style in EXTENSIONS.items()}   # folded extension -> (ext, style)

    @staticmethod
    def _extension(value: Any) -> str:
        from pslark.runtime.conversion import to_string
        text = "" if value is None else to_string(value)
        if not text.startswith("."):
            from pslark.runtime.errors import ArgumentException
            raise ArgumentException("When adding or removing extensions, the extension must start with a period.")
        return text

    def style(self, extension: str):
        """The style for an extension, or None (the renderers' lookup; no validation)."""
        found = self._styles.get(extension.casefold()) if extension else None
        return found[1] if found else None

    def snapshot(self) -> dict:
        return {k: v for k, (_, v) in self._styles.items()}

    @property
    def Keys(self) -> list:
        return [ext for ext, _ in self._styles.values()]

    def ps_get(self, name: str) -> Any:
        if name.casefold() == "keys":
            return self.Keys
        raise AttributeError(name)

    def ps_index(self, index: Any) -> Any:
        from pslark.runtime.errors import GetValueInvocationException, PSException
        try:
            ext = self._extension(index)
            found = self._styles.get(ext.casefold())
            if found is None:
                from pslark.runtime.errors import KeyNotFoundException
                raise KeyNotFoundException(f"The given key '{ext}' was not present in the dictionary.")
        except PSException as exc:
            raise GetValueInvocationException(f'Exception getting "Item": "{exc.message}"',
                                              error_id="ExceptionWhenGetting", category="NotSpecified") from None
        return found[1]

    def ps_set_index(self, index: Any, value: Any) -> None:
        from pslark.runtime.errors import PSException
        try:
            ext = self._extension(index)
            style = no_content(value)
        except PSException as exc:
            raise _setting_error("Item", exc.message) from None
        old = self._styles.get(ext.casefold())
        self._styles[ext.casefold()] = (old[0] if old else ext, style)
        _changed()

    def _add(self, args: list) -> None:
        ext = self._extension(args[0])
        style = no_content(args[1])
        if ext.casefold() in self._styles:
            from pslark.runtime.errors import ArgumentException
            raise ArgumentException(f"An item with the same key has already been added. Key: {ext}")
        self._styles[ext.casefold()] = (ext, style)
        _changed()

    def _remove(self, args: list) -> None:
        self._styles.pop(self._extension(args[0]).casefold(), None)
        _changed()

    def _clear(self, args: list) -> None:
        self._styles.clear()
        _changed()

    def _contains(self, args: list) -> bool:
        if args[0] is None or args[0] == "":
            return False
        return self._extension(args[0]).casefold() in self._styles

    @property
    def net_methods(self) -> dict:
        global _EXTENSION_METHODS
        if _EXTENSION_METHODS is None:        # built once: the member layer caches on the dict's identity
            from pslark.runtime.types import NetMethod, _methods
            _EXTENSION_METHODS = _methods(
                NetMethod("Add", ("void Add(string extension, string decoration)",), FileExtensionDictionary._add),
                NetMethod("Remove", ("void Remove(string extension)",), FileExtensionDictionary._remove),
                NetMethod("Clear", ("void Clear()",), FileExtensionDictionary._clear),
                NetMethod("ContainsKey", ("bool ContainsKey(string extension)",), FileExtensionDictionary._contains))
        return _EXTENSION_METHODS

    def __str__(self):
        return self.type_names[0]


class PSStyle:
    type_names = [_NS, "System.Object"]
    ps_properties = ("Reset", "BlinkOff", "Blink", "BoldOff", "Bold", "DimOff", "Dim", "Hidden", "HiddenOff",
                     "Reverse", "ReverseOff", "ItalicOff", "Italic", "UnderlineOff", "Underline", "StrikethroughOff",
                     "Strikethrough", "OutputRendering", "Formatting", "Progress", "FileInfo", "Foreground",
                     "Background")
    _SGR = {"Reset": "\x1b[0m", "BlinkOff": "\x1b[25m", "Blink": "\x1b[5m", "BoldOff": "\x1b[22m", "Bold": "\x1b[1m",
            "DimOff": "\x1b[22m", "Dim": "\x1b[2m", "Hidden": "\x1b[8m", "HiddenOff": "\x1b[28m",
            "Reverse": "\x1b[7m", "ReverseOff": "\x1b[27m", "ItalicOff": "\x1b[23m", "Italic": "\x1b[3m",
            "UnderlineOff": "\x1b[24m", "Underline": "\x1b[4m", "StrikethroughOff": "\x1b[29m",
            "Strikethrough": "\x1b[9m"}

    def __init__(self):
        from pslark.runtime.formatting import style as S
        self._rendering = "Host"
        styles = ("FormatAccent", "ErrorAccent", "Error", "Warning", "Verbose", "Debug", "TableHeader",
                  "CustomTableHeaderLabel", "FeedbackName", "FeedbackText", "FeedbackAction")
        self.Formatting = _Part(
            f"{_NS}+FormattingData",
            dict(zip(styles, (S.FORMAT_ACCENT, S.ERROR_ACCENT, S.ERROR, S.WARNING, S.VERBOSE, S.DEBUG, S.TABLE_HEADER,
                              S.CUSTOM_TABLE_HEADER_LABEL, "\x1b[33m", "\x1b[96m", "\x1b[97m"))),
            {name: no_content for name in styles})
        self.Progress = _Part(f"{_NS}+ProgressConfiguration",
                              {"Style": "\x1b[33;1m", "MaxWidth": 120, "View": "Minimal", "UseOSCIndicator": False},
                              {"Style": no_content, "MaxWidth": _max_width, "View": _view, "UseOSCIndicator": _bool})
        self.FileInfo = _Part(f"{_NS}+FileInfoFormatting",
                              {"Directory": S.DIRECTORY, "SymbolicLink": S.SYMBOLIC_LINK, "Executable": S.EXECUTABLE,
                               "Extension": FileExtensionDictionary()},
                              {"Directory": no_content, "SymbolicLink": no_content, "Executable": no_content})
        self.Foreground = _colors("ForegroundColor", 30)
        self.Background = _colors("BackgroundColor", 40)

    # ---- OutputRendering
    @property
    def OutputRendering(self) -> str:
        return self._rendering

    @OutputRendering.setter
    def OutputRendering(self, value: Any) -> None:
        from pslark.runtime.errors import PSException
        try:
            self._rendering = _enum(value, RENDERINGS, "System.Management.Automation.OutputRendering")
        except PSException as exc:
            raise _setting_error("OutputRendering", exc.message) from None
        _changed()
        with _lock:
            hosts = list(_hosts)
        for host in hosts:
            host.output_rendering = self._rendering

    # ---- member access (the value layer's protocol)
    def ps_get(self, name: str) -> Any:
        key = name.casefold()
        for k, v in self._SGR.items():
            if k.casefold() == key:
                return v
        for p in ("OutputRendering", "Formatting", "Progress", "FileInfo", "Foreground", "Background"):
            if p.casefold() == key:
                return getattr(self, p)
        raise AttributeError(name)

    def ps_set(self, name: str, value: Any) -> bool:
        if name.casefold() == "outputrendering":
            self.OutputRendering = value
            return True
        return False

    @property
    def net_methods(self) -> dict:
        global _PSSTYLE_METHODS
        if _PSSTYLE_METHODS is None:
            from pslark.runtime.types import NetMethod, _methods
            _PSSTYLE_METHODS = _methods(NetMethod("FormatHyperlink", ("string FormatHyperlink(string text, uri link)",),
                                                  _format_hyperlink))
        return _PSSTYLE_METHODS

    def __getattr__(self, name: str) -> Any:
        if name in PSStyle._SGR:
            return PSStyle._SGR[name]
        raise AttributeError(name)

    def __str__(self):
        return _NS


def _format_hyperlink(target, args: list) -> str:
    """PSStyle.FormatHyperlink(text, [uri]link): an OSC 8 link; the Uri prints with a '/' after a bare host."""
    from pslark.runtime.conversion import to_string
    text = "" if args[0] is None else to_string(args[0])
    link = "" if args[1] is None else to_string(args[1])
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+", link):
        link += "/"
    return f"\x1b]8;;{link}\x1b\\{text}\x1b]8;;\x1b\\"


def instance() -> PSStyle:
    """[PSStyle]::Instance: one per process."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = PSStyle()
    return _instance


def current():
    """The instance if a script has touched $PSStyle (else None: the renderers use the defaults)."""
    return _instance


def register_host(host) -> None:
    """A console host follows $PSStyle.OutputRendering from now on."""
    with _lock:
        _hosts.add(host)
    if _instance is not None:
        host.output_rendering = _instance.OutputRendering
