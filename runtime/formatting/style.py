"""$PSStyle defaults (FormatAndOutput/common/PSStyle.cs) as plain SGR strings."""
from __future__ import annotations

RESET = "\x1b[0m"
TABLE_HEADER = "\x1b[32;1m"
CUSTOM_TABLE_HEADER_LABEL = "\x1b[32;1;3m"
FORMAT_ACCENT = "\x1b[32;1m"
ERROR_ACCENT = "\x1b[36;1m"
ERROR = "\x1b[31;1m"
WARNING = "\x1b[33;1m"
VERBOSE = "\x1b[33;1m"
DEBUG = "\x1b[33;1m"
REVERSE = "\x1b[7m"
REVERSE_OFF = "\x1b[27m"


class Style:
    """The colours one renderer uses; every field is '' when ANSI is off."""

    __slots__ = ("on", "reset", "table_header", "custom_table_header_label", "format_accent", "error_accent",
                 "error", "warning", "verbose", "debug")

    def __init__(self, ansi: bool = False):
        self.on = bool(ansi)
        c = (lambda s: s) if ansi else (lambda s: "")
        self.reset = c(RESET)
        self.table_header = c(TABLE_HEADER)
        self.custom_table_header_label = c(CUSTOM_TABLE_HEADER_LABEL)
        self.format_accent = c(FORMAT_ACCENT)
        self.error_accent = c(ERROR_ACCENT)
        self.error = c(ERROR)
        self.warning = c(WARNING)
        self.verbose = c(VERBOSE)
        self.debug = c(DEBUG)


PLAIN = Style(False)
ANSI = Style(True)


def style_for(ansi: bool) -> Style:
    return ANSI if ansi else PLAIN
