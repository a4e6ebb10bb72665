"""$PSStyle: pwsh's process-wide System.Management.Automation.PSStyle ([PSStyle]::Instance).

Its colours are the SGR strings of runtime/formatting/style.py. `$PSStyle.OutputRendering` (Host, PlainText,
Ansi) is passed on to the console hosts registered here, which decide from it whether to write colour.
"""
from __future__ import annotations

import threading
import weakref
from typing import Any

RENDERINGS = ("Ansi", "PlainText", "Host")
_hosts: "weakref.WeakSet" = weakref.WeakSet()
_lock = threading.Lock()
_instance = None


class _Bag:
    """A nested part of $PSStyle (Formatting, Progress, FileInfo, Foreground, Background)."""

    type_name = "System.Object"
    fields: tuple = ()

    def __init__(self, **values):
        self._values = dict(values)

    @property
    def type_names(self):
        return [self.type_name, "System.Object"]

    @property
    def ps_properties(self):
        return tuple(self._values)

    def _key(self, name: str) -> str:
        for k in self._values:
            if k.casefold() == name.casefold():
                return k
        raise AttributeError(name)

    def ps_get(self, name: str) -> Any:
        return self._values[self._key(name)]

    def ps_set(self, name: str, value: Any) -> bool:
        self._values[self._key(name)] = value
        return True

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.ps_get(name)

    def __str__(self):
        return self.type_name


class _Colors(_Bag):
    """Foreground / Background: the 16 console colours, and FromRgb(r, g, b)."""

    def __init__(self, type_name: str, base: int):
        names = ("Black", "Red", "Green", "Yellow", "Blue", "Magenta", "Cyan", "White")
        values = {}
        for i, n in enumerate(names):
            values[n] = f"\x1b[{base + i}m"
        for i, n in enumerate(names):
            values["Bright" + n] = f"\x1b[{base + 60 + i}m"
        super().__init__(**values)
        self.type_name = type_name
        self._base = base

    def ps_invoke(self, name: str, args: list):
        if name.casefold() == "fromrgb":
            if len(args) == 1:
                rgb = int(args[0])
                r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
            else:
                r, g, b = (int(a) for a in args[:3])
            return f"\x1b[{38 if self._base == 30 else 48};2;{r};{g};{b}m"
        raise AttributeError(name)


class PSStyle:
    type_names = ["System.Management.Automation.PSStyle", "System.Object"]
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
        self.Formatting = _Bag(FormatAccent=S.FORMAT_ACCENT, ErrorAccent=S.ERROR_ACCENT, Error=S.ERROR,
                               Warning=S.WARNING, Verbose=S.VERBOSE, Debug=S.DEBUG, TableHeader=S.TABLE_HEADER,
                               CustomTableHeaderLabel=S.CUSTOM_TABLE_HEADER_LABEL, FeedbackName="\x1b[33m",
                               FeedbackText="\x1b[96m", FeedbackAction="\x1b[97m")
        self.Formatting.type_name = "System.Management.Automation.PSStyle+FormattingData"
        self.Progress = _Bag(Style="\x1b[33;1m", MaxWidth=120, View="Minimal", UseOSCIndicator=False)
        self.Progress.type_name = "System.Management.Automation.PSStyle+ProgressConfiguration"
        self.FileInfo = _Bag(Directory="\x1b[44;1m", SymbolicLink="\x1b[36;1m", Executable="\x1b[32;1m",
                             Extension=None)
        self.FileInfo.type_name = "System.Management.Automation.PSStyle+FileInfoFormatting"
        self.Foreground = _Colors("System.Management.Automation.PSStyle+ForegroundColor", 30)
        self.Background = _Colors("System.Management.Automation.PSStyle+BackgroundColor", 40)

    # ---- OutputRendering
    @property
    def OutputRendering(self) -> str:
        return self._rendering

    @OutputRendering.setter
    def OutputRendering(self, value: Any) -> None:
        self._rendering = _rendering(value)
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
        raise AttributeError(name)

    def ps_invoke(self, name: str, args: list):
        key = name.casefold()
        if key == "formathyperlink" and len(args) == 2:
            return f"\x1b]8;;{args[1]}\x1b\\{args[0]}\x1b]8;;\x1b\\"
        if key == "formatlink":
            return str(args[0]) if args else ""
        raise AttributeError(name)

    def __getattr__(self, name: str) -> Any:
        if name in PSStyle._SGR:
            return PSStyle._SGR[name]
        raise AttributeError(name)

    def __str__(self):
        return "System.Management.Automation.PSStyle"


def _rendering(value: Any) -> str:
    text = str(getattr(value, "base", value) if value is not None else "").strip()
    for r in RENDERINGS:
        if r.casefold() == text.casefold():
            return r
    if isinstance(value, int) and 0 <= value < len(RENDERINGS):
        return RENDERINGS[value]
    from pslark.runtime.errors import PSInvalidCastException
    raise PSInvalidCastException(
        f'Cannot convert value "{text}" to type "System.Management.Automation.OutputRendering". Error: "Unable to '
        f'match the identifier name {text} to a valid enumerator name. Specify one of the following enumerator '
        f'names and try again:\n{", ".join(RENDERINGS)}"', error_id="InvalidCastFromStringToEnum")


def instance() -> PSStyle:
    """[PSStyle]::Instance: one per process."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = PSStyle()
    return _instance


def register_host(host) -> None:
    """A console host follows $PSStyle.OutputRendering from now on."""
    with _lock:
        _hosts.add(host)
    if _instance is not None:
        host.output_rendering = _instance.OutputRendering
