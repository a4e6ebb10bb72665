"""$PSStyle defaults (FormatAndOutput/common/PSStyle.cs) as plain SGR strings, and the Style a renderer colours with."""
from __future__ import annotations

from pslark.runtime import psstyle

RESET = "\x1b[0m"
TABLE_HEADER = "\x1b[32;1m"
CUSTOM_TABLE_HEADER_LABEL = "\x1b[32;1;3m"
FORMAT_ACCENT = "\x1b[32;1m"
ERROR_ACCENT = "\x1b[36;1m"
ERROR = "\x1b[31;1m"
WARNING = "\x1b[33;1m"
VERBOSE = "\x1b[33;1m"
DEBUG = "\x1b[33;1m"
DIRECTORY = "\x1b[44;1m"
SYMBOLIC_LINK = "\x1b[36;1m"
EXECUTABLE = "\x1b[32;1m"
EXTENSIONS = {ext: "\x1b[31;1m" for ext in (".zip", ".tgz", ".gz", ".tar", ".nupkg", ".cab", ".7z")}
EXTENSIONS.update({ext: "\x1b[33;1m" for ext in (".ps1", ".psd1", ".psm1", ".ps1xml")})
REVERSE = "\x1b[7m"
REVERSE_OFF = "\x1b[27m"


class Style:
    """The colours one renderer uses; every field is '' when ANSI is off. With ANSI on they are $PSStyle's
    current values (runtime/psstyle.py), so a script's `$PSStyle.Formatting.TableHeader = ...` is honoured."""

    __slots__ = ("on", "reset", "table_header", "custom_table_header_label", "format_accent", "error_accent",
                 "error", "warning", "verbose", "debug", "directory", "symbolic_link", "executable", "extensions")

    def __init__(self, ansi: bool = False, psstyle=None):
        self.on = bool(ansi)
        self.reset = RESET if ansi else ""
        f = psstyle.Formatting if ansi and psstyle is not None else None
        c = (lambda name, default: str(f.ps_get(name)) if f is not None else default) if ansi else (lambda n, d: "")
        self.table_header = c("TableHeader", TABLE_HEADER)
        self.custom_table_header_label = c("CustomTableHeaderLabel", CUSTOM_TABLE_HEADER_LABEL)
        self.format_accent = c("FormatAccent", FORMAT_ACCENT)
        self.error_accent = c("ErrorAccent", ERROR_ACCENT)
        self.error = c("Error", ERROR)
        self.warning = c("Warning", WARNING)
        self.verbose = c("Verbose", VERBOSE)
        self.debug = c("Debug", DEBUG)
        fi = psstyle.FileInfo if ansi and psstyle is not None else None
        if not ansi:
            self.directory = self.symbolic_link = self.executable = ""
            self.extensions: dict = {}
        elif fi is None:
            self.directory, self.symbolic_link, self.executable = DIRECTORY, SYMBOLIC_LINK, EXECUTABLE
            self.extensions = dict(EXTENSIONS)
        else:
            self.directory = str(fi.ps_get("Directory"))
            self.symbolic_link = str(fi.ps_get("SymbolicLink"))
            self.executable = str(fi.ps_get("Executable"))
            self.extensions = fi.ps_get("Extension").snapshot()

    def stream(self, prefix: str) -> str:
        """The style of a `WARNING: ` / `VERBOSE: ` / `DEBUG: ` line."""
        p = prefix[:1].upper()
        return self.warning if p == "W" else self.verbose if p == "V" else self.debug


PLAIN = Style(False)
ANSI = Style(True)
_current = (-1, ANSI)


def style_for(ansi: bool) -> Style:
    """The colours for a renderer: none, or $PSStyle's as they are now (rebuilt only after a change)."""
    global _current
    if not ansi:
        return PLAIN
    ps = psstyle.current()
    if ps is None:
        return ANSI
    gen = psstyle.generation()
    cached = _current
    if cached[0] != gen:
        cached = _current = (gen, Style(True, ps))
    return cached[1]
