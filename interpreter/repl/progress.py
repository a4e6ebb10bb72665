"""Progress bars as pwsh's console host draws them (ProgressNode.cs, PendingProgress.cs), following $PSStyle.Progress:
View Minimal (one line per activity, the bar in reverse video, Progress.Style, at most Progress.MaxWidth wide) or
Classic (a block of full-width lines in the host's progress colours), and UseOSCIndicator (a terminal tab indicator).
"""
from __future__ import annotations

from typing import Iterable, Optional

from pslark.runtime.formatting.text import cells, head

RESET = "\x1b[0m"
REVERSE = "\x1b[7m"
REVERSE_OFF = "\x1b[27m"
ELLIPSIS = "…"
CLASSIC_COLOURS = "\x1b[93;46m"     # $Host.PrivateData.ProgressForegroundColor Yellow on ProgressBackgroundColor DarkCyan


class ProgressSettings:
    """$PSStyle.Progress as it is now (the defaults while no script has touched $PSStyle)."""

    __slots__ = ("style", "max_width", "view", "osc_indicator")

    def __init__(self):
        from pslark.runtime.psstyle import current
        ps = current()
        p = ps.Progress if ps is not None else None
        self.style = str(p.ps_get("Style")) if p is not None else "\x1b[33;1m"
        self.max_width = int(p.ps_get("MaxWidth")) if p is not None else 120
        self.view = str(p.ps_get("View")) if p is not None else "Minimal"
        self.osc_indicator = bool(p.ps_get("UseOSCIndicator")) if p is not None else False


def osc_indicator(percent: Optional[int]) -> str:
    """OSC 9;4: the terminal's own progress indicator (Windows Terminal's tab), 0-100."""
    return f"\x1b]9;4;1;{max(0, min(100, percent if percent is not None else 0))}\x1b\\"


OSC_INDICATOR_OFF = "\x1b]9;4;0\x1b\\"


def render_progress(nodes: Iterable[tuple], width: int, ansi: bool, settings: Optional[ProgressSettings] = None) -> list:
    """The lines for the outstanding activities, `nodes` being (record, depth) in display order; `width` is the
    terminal's columns."""
    settings = settings or ProgressSettings()
    nodes = list(nodes)
    if settings.view == "Classic":
        return render_classic(nodes, width - 1, ansi)
    if ansi:
        return [render_minimal(r, width, depth * 2, settings) for r, depth in nodes]
    return [render_plain(r, width - 1, depth) for r, depth in nodes]


def render_minimal(record, max_width: int, indentation: int, settings: ProgressSettings) -> str:
    """ProgressNode.RenderAnsi: `Activity [status ... 12s]`, the done part of the bar in reverse video."""
    indent = " " * indentation
    activity_text = str(record.activity or "")
    status = str(record.status or "")
    seconds = record.seconds_remaining
    sec_remain = f"{seconds}s" if seconds is not None and seconds >= 0 else ""
    sec_remain_len = len(sec_remain) + 1
    if 0 < settings.max_width < max_width:
        max_width = settings.max_width
    half = max_width // 2
    activity = head(activity_text, half) + ELLIPSIS if cells(activity_text) > half else activity_text
    bar_width = max_width - cells(activity) - indentation - 4
    max_status = bar_width - sec_remain_len - 1
    if max_status > 0 and cells(status) > bar_width - sec_remain_len:
        content = head(status, bar_width - sec_remain_len - 1) + ELLIPSIS
    else:
        content = status
    pad = bar_width - cells(content) - sec_remain_len
    if pad > 0:
        content += " " * pad
    content += sec_remain
    percent = record.percent if record.percent is not None else -1
    if 0 <= percent < 100 and bar_width > 0:
        bar_len = min(percent * bar_width // 100, bar_width - 1)
        done = head(content, bar_len)
        bar = REVERSE + done + REVERSE_OFF + content[len(done):]
    else:
        bar = REVERSE + content + REVERSE_OFF
    return f"{indent}{settings.style}{activity} [{bar}]{RESET}"


def render_plain(record, width: int, depth: int = 0) -> str:
    """Without colour: `Activity [=====>    ] 12s status` (the bar drawn with characters)."""
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
        activity = activity[:max_activity - 1] + ELLIPSIS
    percent = record.percent if record.percent is not None else -1
    after = len(status) + 1 if percent >= 0 and status else 0        # the status follows a percentage bar
    bar_width = max(10, width - len(indent) - len(activity) - len(tail) - 3 - after)
    if percent >= 0:
        done = min(bar_width, int(bar_width * min(100, percent) / 100))
        bar = ("=" * max(0, done - 1) + (">" if done else "")).ljust(bar_width)
        return f"{indent}{activity} [{bar}]{tail} {status}"[:width]
    return f"{indent}{activity} [{status[:bar_width].ljust(bar_width)}]{tail}"


def render_classic(nodes: list, max_width: int, ansi: bool) -> list:
    """PendingProgress.Render in the Classic view: a blank border line, each activity in the FullPlus style
    (activity, status, `[ooo   ]` thermometer, time remaining, current operation), a blank border line."""
    lines = [" " * max_width]
    for record, depth in nodes:
        lines.extend(_classic_node(record, depth * 2, max_width))
    lines.append(" " * max_width)
    lines = [line + " " * max(0, max_width - cells(line)) for line in lines]
    if ansi:
        return [f"{CLASSIC_COLOURS}{line}{RESET}" for line in lines]
    return lines


def _classic_node(record, indentation: int, max_width: int) -> list:
    out: list = []
    indent = " " * indentation
    out.append(head(f" {indent}{record.activity or ''} ", max_width))
    indentation += 3
    indent = " " * indentation
    _full_description(str(record.status or ""), indent, max_width, out)
    percent = record.percent if record.percent is not None else -1
    if percent >= 0:
        percent = min(percent, 100)
        thermo = max(3, max_width - indentation - 2 - 2 - 5)
        mercury = percent * thermo // 100
        if percent < 100 and mercury == thermo:
            mercury -= 1
        out.append(head(f" {indent}[{'o' * mercury}{' ' * (thermo - mercury)}] ", max_width))
    seconds = record.seconds_remaining
    if seconds is not None and seconds >= 0:
        out.append(head(f" {indent}{_timespan(seconds)} remaining.  ", max_width))
    if record.current_operation:
        out.append(" ")
        _full_description(str(record.current_operation), indent, max_width, out)
    return out


def _full_description(description: str, indent: str, max_width: int, out: list) -> None:
    """RenderFullDescription (FullPlus): the text wrapped over as many lines as it needs."""
    old = f" {indent}{description} "
    while True:
        new = head(old, max_width)
        out.append(new)
        if len(new) >= len(old) or not new:
            break
        old = f" {indent}{old[len(new):]}"


def _timespan(seconds: int) -> str:
    """TimeSpan.ToString(): [d.]hh:mm:ss."""
    days, rest = divmod(int(seconds), 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    return (f"{days}." if days else "") + f"{h:02}:{m:02}:{s:02}"
