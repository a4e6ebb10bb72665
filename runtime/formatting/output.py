"""The output step (pwsh's OutCommandInner, OutputQueue.cs): format instructions in, text lines out.

Column widths of tables whose first column has no width are taken from the rows that arrive while the group
is being cached: until the group ends, or until a packet arrives more than 300 ms after the group started
(`-AutoSize` and autosize views cache the whole group). Cached packets keep their order, out-of-band ones
included; only rows count for the widths.
"""
from __future__ import annotations

import time
from typing import Callable, Optional

from pslark.runtime.formatting import packets as P
from pslark.runtime.formatting.style import Style
from pslark.runtime.formatting.text import cells, generate_lines, split_lines
from pslark.runtime.formatting.writers import ListWriter, TableWriter, wide_items_per_row

CACHE_SECONDS = 0.3
UNLIMITED = 1 << 30


class _GroupQueue:
    """OutputGroupQueue: caches a group (by count or by time) and hands it back with a sizing hint."""

    def __init__(self, notify: Callable, clock: Callable[[], float], object_count: int = 0,
                 duration: Optional[float] = None):
        self.notify = notify
        self.clock = clock
        self.object_count = object_count
        self.duration = duration
        self.queue: list = []
        self.processing = False
        self.count = 0
        self.started: Optional[float] = None
        self.format_start: Optional[P.FormatStart] = None

    def add(self, p) -> list:
        if isinstance(p, P.FormatStart):
            self.format_start = p
        if isinstance(p, P.Entry) and not p.out_of_band:
            self.count += 1
        if not self.processing and isinstance(p, P.GroupStart):
            self.processing = True
            self.count = 0
            self.started = self.clock() if self.duration is not None else None
            self.queue.append(p)
            return []
        timed_out = self.started is not None and (self.clock() - self.started) > self.duration
        if self.processing and (isinstance(p, P.GroupEnd) or (self.object_count > 0 and self.count >= self.object_count)
                                or timed_out):
            self.count = 0
            self.started = None
            self.queue.append(p)
            self.notify(self.format_start, [x for x in self.queue if not (isinstance(x, P.Entry) and x.out_of_band)])
            self.processing = False
            out, self.queue = self.queue, []
            return out
        if self.processing:
            self.queue.append(p)
            return []
        return [p]

    def drain(self) -> list:
        out, self.queue = self.queue, []
        return out


class _Ctx:
    """The output context of an open document: lines for a group start, each entry and the group end."""

    def __init__(self, owner: "OutputWriter"):
        self.owner = owner

    def group_start(self) -> list[str]:
        return []

    def payload(self, e: P.Entry) -> list[str]:
        return []

    def group_end(self) -> list[str]:
        return []


class _TableCtx(_Ctx):
    def __init__(self, owner: "OutputWriter", fs: P.FormatStart, hint: Optional[list]):
        super().__init__(owner)
        self.fs = fs
        self.writer = TableWriter(owner.style, owner.word_wrap)
        cols = fs.columns
        if not cols:
            self.writer.disabled = True
            return
        widths = [hint[k] if hint is not None and k < len(hint) else c.width for k, c in enumerate(cols)]
        self.writer.initialize(owner.table_width, widths, [c.align or "left" for c in cols],
                               [c.header_matches_property for c in cols], fs.hide_header)

    def group_start(self) -> list[str]:
        if not self.fs.columns:
            return []
        return self.writer.header([c.label or "" for c in self.fs.columns])

    def payload(self, e: P.Entry) -> list[str]:
        n = len(self.fs.columns)
        if n == 0 or not isinstance(e, P.TableRow):
            return []
        values = [(e.values[k] if k < len(e.values) else "") for k in range(n)]
        aligns = [(e.aligns[k] if k < len(e.aligns) else "left") for k in range(n)]
        return self.writer.row(values, aligns, e.multiline)


class _ListCtx(_Ctx):
    def payload(self, e: P.Entry) -> list[str]:
        if not isinstance(e, P.ListFields):
            return []
        lines = ListWriter(self.owner.style, self.owner.word_wrap).write(e.fields, self.owner.line_width)
        lines.append("")
        return lines


class _WideCtx(_Ctx):
    def __init__(self, owner: "OutputWriter", fs: P.FormatStart, hint: Optional[int]):
        super().__init__(owner)
        per_row = 2
        screen = owner.table_width
        if hint is not None and hint > 0:
            per_row = wide_items_per_row(hint, screen)
        elif fs.wide_columns > 0:
            per_row = fs.wide_columns
        self.per_row = per_row
        self.buffer: list[str] = []
        self.writer = TableWriter(owner.style, owner.word_wrap)
        self.writer.initialize(screen, [0] * per_row, ["left"] * per_row, [], False)

    def payload(self, e: P.Entry) -> list[str]:
        if not isinstance(e, P.WideItem):
            return []
        self.buffer.append(e.text)
        if len(self.buffer) >= self.per_row:
            return self._flush()
        return []

    def _flush(self) -> list[str]:
        if not self.buffer:
            return []
        values = self.buffer + [""] * (self.per_row - len(self.buffer))
        self.buffer = []
        return self.writer.row(values, None, False)

    def group_end(self) -> list[str]:
        return self._flush()


class _CustomCtx(_Ctx):
    def payload(self, e: P.Entry) -> list[str]:
        text = getattr(e, "text", "")
        return complex_lines(text, self.owner.line_width, self.owner.word_wrap)


def complex_lines(text: str, width: int, word_wrap: bool) -> list[str]:
    """ComplexWriter.WriteString: the text split at newlines and wrapped at `width`."""
    if width >= UNLIMITED:
        return split_lines(text or "")
    return generate_lines(text or "", width, width, word_wrap)


class OutputWriter:
    """Format instructions to lines for one output (Out-Default / Out-String)."""

    def __init__(self, line_width: int, table_width: Optional[int] = None, style: Optional[Style] = None,
                 word_wrap: bool = True, clock: Optional[Callable[[], float]] = None,
                 cache_seconds: float = CACHE_SECONDS):
        self.line_width = line_width
        self.table_width = table_width if table_width is not None else line_width
        self.style = style if style is not None else Style(False)
        self.word_wrap = word_wrap
        self.clock = clock or time.monotonic
        self.cache_seconds = cache_seconds
        self._queue: Optional[_GroupQueue] = None
        self._hint = None
        self._stack: list = []          # [('format', FormatStart) | ('group', ctx)]
        self.error_lines: list[str] = []

    # cache -----------------------------------------------------------------------------------
    def _on_cached_group(self, fs: Optional[P.FormatStart], objects: list) -> None:
        self._hint = None
        if fs is None:
            return
        if fs.shape == "table" and fs.columns:
            widths = [cells(c.label or "") for c in fs.columns]
            for o in objects:
                if isinstance(o, P.TableRow):
                    for k, v in enumerate(o.values[:len(widths)]):
                        n = cells(v or "")
                        if n > widths[k]:
                            widths[k] = n
            self._hint = ("table", widths)
        elif fs.shape == "wide" and fs.wide_columns == 0:
            max_len = 0
            for o in objects:
                if isinstance(o, P.WideItem) and o.text:
                    max_len = max(max_len, cells(o.text))
            self._hint = ("wide", max_len)

    def _take_hint(self, kind: str):
        h, self._hint = self._hint, None
        if h is not None and h[0] == kind:
            return h[1]
        return None

    def write(self, packet) -> list[str]:
        """Lines ready to print after this packet (none while a group is being cached)."""
        if isinstance(packet, P.FormatStart):
            if packet.autosize:
                self._queue = _GroupQueue(self._on_cached_group, self.clock, object_count=0)
            elif packet.shape == "table" and packet.columns and packet.columns[0].width == 0:
                self._queue = _GroupQueue(self._on_cached_group, self.clock, duration=self.cache_seconds)
        if self._queue is None:
            return self._process(packet)
        out: list[str] = []
        for p in self._queue.add(packet):
            out.extend(self._process(p))
        return out

    def close(self) -> list[str]:
        """Drain anything still cached (an unterminated group)."""
        out: list[str] = []
        if self._queue is not None:
            for p in self._queue.drain():
                out.extend(self._process(p))
        return out

    @property
    def caching(self) -> bool:
        return self._queue is not None and self._queue.processing

    # contexts --------------------------------------------------------------------------------
    def _format_start(self) -> Optional[P.FormatStart]:
        for kind, item in reversed(self._stack):
            if kind == "format":
                return item
        return None

    def _group_ctx(self):
        if self._stack and self._stack[-1][0] == "group":
            return self._stack[-1][1]
        return None

    def _process(self, p) -> list[str]:
        if isinstance(p, P.FormatStart):
            self._stack.append(("format", p))
            return [""]
        if isinstance(p, P.FormatEnd):
            fs = None
            while self._stack:
                kind, item = self._stack.pop()
                if kind == "format":
                    fs = item
                    break
            if fs is not None and fs.shape == "list":
                return []
            return [""]
        if isinstance(p, P.GroupStart):
            fs = self._format_start()
            shape = fs.shape if fs is not None else "table"
            if shape == "table":
                ctx = _TableCtx(self, fs, self._take_hint("table"))
            elif shape == "list":
                ctx = _ListCtx(self)
            elif shape == "wide":
                ctx = _WideCtx(self, fs, self._take_hint("wide"))
            else:
                ctx = _CustomCtx(self)
            self._stack.append(("group", ctx))
            out = []
            if p.label is not None:
                out.extend(complex_lines(p.label, self.line_width, self.word_wrap))
                out.append("")
            out.extend(ctx.group_start())
            return out
        if isinstance(p, P.GroupEnd):
            ctx = self._group_ctx()
            if ctx is None:
                return []
            self._stack.pop()
            return ctx.group_end()
        if isinstance(p, P.Entry):
            ctx = self._group_ctx()
            if p.out_of_band or ctx is None:
                return self._out_of_band(p)
            return ctx.payload(p)
        return []

    def _out_of_band(self, e: P.Entry) -> list[str]:
        if isinstance(e, P.RawText):
            return e.text.replace("\r\n", "\n").split("\n") if e.text else [""]
        if isinstance(e, P.CustomText):
            return complex_lines(e.text, UNLIMITED, self.word_wrap)
        if isinstance(e, P.ListFields):
            lines = [""]
            lines.extend(ListWriter(self.style, self.word_wrap).write(e.fields, self.line_width))
            lines.append("")
            return lines
        if isinstance(e, P.WideItem):
            return [e.text]
        if isinstance(e, P.TableRow):
            return [" ".join(e.values)]
        return []
