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

REVERSE = "\x1b[7m"
REVERSE_OFF = "\x1b[27m"
RESET = "\x1b[0m"
PROGRESS_STYLE = "\x1b[33;1m"      # $PSStyle.Progress.Style


class TerminalHost(ConsoleHost):
    """A ConsoleHost on a terminal: draws progress below the output and erases it before writing more."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._progress: dict = {}           # activity id -> ProgressRecord (insertion order = display order)
        self._drawn_lines = 0               # progress lines currently on the screen (the cursor is above them)
        self._last_draw = 0.0
        self._at_line_start = True
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
                self._draw_progress()
                self._last_draw = now

    def end_progress(self) -> None:
        """The command finished: its progress bars go away (as in pwsh)."""
        with self.lock:
            self._progress.clear()
            self._erase_progress()

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
        width = max(20, self.width - 1)
        lines = [render_progress_line(r, width, self.ansi, self._depth(r)) for r in self._progress.values()]
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


def render_progress_line(record, width: int, ansi: bool, depth: int = 0) -> str:
    """pwsh's minimal progress view: `Activity [status text as a bar] 12s` (reverse video = done part)."""
    indent = "  " * depth
    activity = str(record.activity or "")
    status = str(record.status or "")
    if record.current_operation:
        status = f"{status} {record.current_operation}".strip()
    tail = ""
    if record.seconds_remaining is not None and record.seconds_remaining >= 0:
        tail = f" {record.seconds_remaining}s"
    max_activity = max(8, width // 3)
    if len(activity) > max_activity:
        activity = activity[:max_activity - 1] + "…"
    bar_width = max(10, width - len(indent) - len(activity) - len(tail) - 3)
    cells = status[:bar_width].ljust(bar_width)
    percent = record.percent if record.percent is not None else -1
    if percent < 0:
        done = 0
    else:
        done = min(bar_width, int(bar_width * min(100, percent) / 100))
    if ansi:
        bar = REVERSE + cells[:done] + REVERSE_OFF + cells[done:]
        return f"{indent}{PROGRESS_STYLE}{activity}{RESET} [{bar}]{tail}"
    if percent >= 0:
        cells = ("=" * max(0, done - 1) + (">" if done else "")).ljust(bar_width)
        return f"{indent}{activity} [{cells}]{tail} {status}"[:width]
    return f"{indent}{activity} [{cells}]{tail}"


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
