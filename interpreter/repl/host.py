"""The console host used when standard output is a terminal: progress bars (Write-Progress, and progress
that jobs replay through Receive-Job) and Get-Help -ShowWindow's viewer.

No heavy import here: `pslark -Command` on a terminal uses this host too; prompt_toolkit is imported only
when a help window is actually opened.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Optional

from pslark.runtime.host import ConsoleHost


class TerminalHost(ConsoleHost):
    """A ConsoleHost on a terminal: draws progress below the output and erases it before writing more."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._progress: dict = {}           # activity id -> ProgressRecord (insertion order = display order)
        self._drawn_lines = 0               # progress lines currently on the screen (the cursor is above them)
        self._last_draw = 0.0
        self._at_line_start = True
        self._osc_shown = False             # the terminal's OSC 9;4 indicator is on ($PSStyle.Progress.UseOSCIndicator)
        self.progress_enabled = _isatty(self.stdout) and os.environ.get("TERM", "") not in ("dumb",)

    # ---- output that must not be overwritten by a progress bar
    def write_out(self, text: str) -> None:
        if not text:
            return
        with self.lock:
            self._erase_progress()
            super().write_out(text)
            self._at_line_start = text.endswith("\n")
            self._draw_progress()

    def write_err(self, text: str) -> None:
        if not text:
            return
        with self.lock:
            self._erase_progress()
            super().write_err(text)
            self._at_line_start = text.endswith("\n")
            self._draw_progress()

    # ---- progress
    def write_progress(self, record) -> None:
        if not self.progress_enabled:
            return
        with self.lock:
            key = (getattr(record, "source_id", 0), record.activity_id)
            is_new = key not in self._progress
            if record.completed:
                self._progress.pop(key, None)
            else:
                self._progress[key] = record
            now = time.monotonic()
            if record.completed or is_new or now - self._last_draw >= 0.05:
                self._erase_progress()
                self._osc_indicator(record)
                self._draw_progress()
                self._last_draw = now

    def end_progress(self) -> None:
        """The command finished: its progress bars go away (as in pwsh)."""
        with self.lock:
            self._progress.clear()
            self._erase_progress()
            if self._osc_shown:
                self._osc_shown = False
                from pslark.interpreter.repl.progress import OSC_INDICATOR_OFF
                self._raw_write(OSC_INDICATOR_OFF)

    def _osc_indicator(self, record) -> None:
        if not self.ansi:
            return
        from pslark.interpreter.repl.progress import ProgressSettings, osc_indicator
        if ProgressSettings().osc_indicator:
            self._osc_shown = True
            self._raw_write(osc_indicator(record.percent))

    def _raw_write(self, text: str) -> None:
        try:
            self.stdout.write(text)
            self.stdout.flush()
        except (OSError, ValueError):
            pass

    def _erase_progress(self) -> None:
        if self._drawn_lines:
            try:
                self.stdout.write("\r\x1b[J")
                self.stdout.flush()
            except (OSError, ValueError):
                pass
            self._drawn_lines = 0

    def _draw_progress(self) -> None:
        if not self._progress or not self.progress_enabled or not self._at_line_start:
            return
        from pslark.interpreter.repl.progress import render_progress
        width = max(21, self.width)
        lines = render_progress([(r, self._depth(r)) for r in self._progress.values()], width, self.ansi)
        lines = lines[:max(1, _terminal_rows() - 2)]
        text = "\n".join(lines)
        up = len(lines) - 1
        try:
            self.stdout.write(text + (f"\x1b[{up}A" if up else "") + "\r")
            self.stdout.flush()
        except (OSError, ValueError):
            return
        self._drawn_lines = len(lines)

    def _depth(self, record) -> int:
        depth = 0
        parent = record.parent_id
        seen = set()
        while parent is not None and parent >= 0 and parent not in seen:
            seen.add(parent)
            found = None
            for r in self._progress.values():
                if r.activity_id == parent:
                    found = r
                    break
            if found is None:
                break
            depth += 1
            parent = found.parent_id
        return depth

    # ---- Get-Help -ShowWindow
    def show_help_window(self, title: str, text: str) -> bool:
        """Show text in a full-screen viewer; False when there is no terminal to show it on."""
        if not (_isatty(self.stdout) and _isatty(self.stdin)):
            return False
        with self.lock:
            self._erase_progress()
            from pslark.interpreter.repl.pager import show_text
            return show_text(title, text)


def _terminal_rows() -> int:
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).lines
    except (OSError, ValueError, AttributeError):
        return 24


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def make_console_host(interactive: bool) -> ConsoleHost:
    """TerminalHost when stdout is a terminal, else the plain ConsoleHost; either follows $PSStyle.OutputRendering."""
    from pslark.runtime.psstyle import register_host
    host = TerminalHost(interactive=interactive) if _isatty(sys.stdout) else ConsoleHost(interactive=interactive)
    register_host(host)
    return host


def end_of_command(host) -> None:
    fn: Optional[object] = getattr(host, "end_progress", None)
    if callable(fn):
        fn()
