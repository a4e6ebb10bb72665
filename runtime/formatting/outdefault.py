"""Out-Default, Out-String and the Format-* commands: the public face of the formatter.

    od = OutDefault(width=79, culture=current_culture())
    for obj in pipeline_output:
        for line in od.write(obj): print(line)
    for line in od.close(): print(line)

`width` is the usable line width: the terminal's columns minus 1 (pwsh never writes the last screen column),
79 when output is redirected. `clock` (seconds, monotonic) is injectable so that the 300 ms column-sizing
window is deterministic in tests.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Union

from pslark.runtime import psstyle
from pslark.runtime.formatting import values as V
from pslark.runtime.formatting.formatter import FormatParams, Formatter
from pslark.runtime.formatting.output import CACHE_SECONDS, UNLIMITED, OutputWriter
from pslark.runtime.formatting.style import style_for
from pslark.runtime.formatting.text import uses_word_wrap
from pslark.runtime.formatting.views import RenderContext


def _culture(culture):
    if culture is not None:
        return culture
    from pslark.runtime.culture import current_culture
    return current_culture()


def _frozen_clock() -> float:
    return 0.0


class OutDefault:
    """One Out-Default (one per top-level pipeline, or one for a whole `pslark -File` script run)."""

    def __init__(self, width: int = 79, culture=None, ansi: Union[bool, Callable[[], bool]] = False, *,
                 clock: Optional[Callable[[], float]] = None, enumeration_limit: int = 4,
                 location: Union[str, Callable[[], str], None] = None, error_view: str = "ConciseView",
                 error_width: Optional[int] = None, cache_seconds: float = CACHE_SECONDS,
                 table_width: Optional[int] = None):
        culture = _culture(culture)
        self._ansi = ansi
        self._generation = psstyle.generation()
        self.style = style_for(ansi() if callable(ansi) else ansi)
        self._location = location
        self.ctx = RenderContext(culture=culture, style=self.style, width=width, enumeration_limit=enumeration_limit,
                                 location=None, error_view=error_view,
                                 error_width=error_width if error_width is not None else width + 1)
        self.formatter = Formatter(self.ctx)
        self.writer = OutputWriter(line_width=width, table_width=table_width if table_width is not None else width,
                                   style=self.style, word_wrap=uses_word_wrap(culture), clock=clock,
                                   cache_seconds=cache_seconds)
        self.closed = False

    @classmethod
    def for_out_string(cls, width: Optional[int] = None, culture=None, ansi: bool = False, *,
                       console_width: int = 120, **kw) -> "OutDefault":
        """A streaming Out-String (-Stream): lists and text unlimited unless `width`, tables `width` or the console's.

        Its clock never advances, so tables are sized over all their rows, as a whole Out-String would.
        """
        return cls(width=width or UNLIMITED, culture=culture, ansi=ansi, clock=_frozen_clock,
                   table_width=width or console_width, error_width=width or console_width, **kw)

    def _refresh_location(self) -> None:
        loc = self._location
        if callable(loc):
            try:
                loc = loc()
            except Exception:
                loc = None
        self.ctx.location = loc

    def _refresh_style(self) -> None:
        """Colour as things are now: `ansi` may be the host's live answer ($PSStyle.OutputRendering), and a
        script may have changed $PSStyle since the last object."""
        ansi = self._ansi
        if ansi is False or psstyle.generation() == self._generation:
            return
        self._generation = psstyle.generation()
        st = style_for(ansi() if callable(ansi) else ansi)
        if st is not self.style:
            self.style = self.ctx.style = self.writer.style = st

    def _packets(self, obj: Any) -> list:
        return self.formatter.process(obj)

    def write(self, obj: Any) -> list[str]:
        """Lines to print now for one pipeline object (empty while a table is still being sized)."""
        self._refresh_location()
        self._refresh_style()
        try:
            out: list[str] = []
            for p in self._packets(obj):
                out.extend(self.writer.write(p))
            return out
        except Exception:
            try:
                return V.to_text(obj, self.ctx.culture).split("\n")
            except Exception:
                return []

    def write_all(self, objects: Iterable[Any]) -> list[str]:
        out: list[str] = []
        for o in objects:
            out.extend(self.write(o))
        return out

    def close(self) -> list[str]:
        """Lines still to print at the end of the pipeline (the cached table, the closing blank line)."""
        if self.closed:
            return []
        self.closed = True
        self._refresh_style()
        out: list[str] = []
        try:
            for p in self.formatter.end():
                out.extend(self.writer.write(p))
            out.extend(self.writer.close())
        except Exception:
            pass
        return out

    @property
    def pending(self) -> bool:
        """True while rows are held back to size a table."""
        return self.writer.caching


def out_string(objects: Any, width: Optional[int] = None, *, stream: bool = False, no_newline: bool = False,
               culture=None, ansi: bool = False, console_width: int = 120, enumeration_limit: int = 4,
               location: Optional[str] = None) -> Union[str, list[str]]:
    """Out-String: the whole input rendered as text (tables use `width` or the console width, lists `width` or none).

    `objects` is the list of pipeline objects (a single non-list object is one object). With `stream=True`
    the lines are returned as a list (Out-String -Stream); otherwise one string, every line ending in a newline
    (`no_newline=True`: the lines concatenated, as -NoNewline). `console_width` is what pwsh uses for tables
    when no -Width is given: the window width, or 120 when there is none.
    """
    culture = _culture(culture)
    style = style_for(ansi)
    ctx = RenderContext(culture=culture, style=style, width=width or UNLIMITED, enumeration_limit=enumeration_limit,
                        location=location, error_width=width or console_width)
    formatter = Formatter(ctx)
    writer = OutputWriter(line_width=width or UNLIMITED, table_width=width or console_width, style=style,
                          word_wrap=uses_word_wrap(culture), clock=_frozen_clock)
    items = objects if isinstance(objects, (list, tuple)) else [objects]
    lines: list[str] = []
    for obj in items:
        try:
            for p in formatter.process(obj):
                lines.extend(writer.write(p))
        except Exception:
            lines.extend(V.to_text(obj, culture).split("\n"))
    try:
        for p in formatter.end():
            lines.extend(writer.write(p))
        lines.extend(writer.close())
    except Exception:
        pass
    if stream:
        return lines
    if no_newline:
        return "".join(lines)
    if not lines:
        return ""
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------
# Format-Table / Format-List / Format-Wide

class FormatCommand:
    """The streaming core of Format-Table (`shape='table'`), Format-List ('list'), Format-Wide ('wide').

    `process(obj)` returns the format instructions for one input object, `end()` the closing ones; pipe
    them to Out-Default / Out-String unchanged.
    """

    def __init__(self, shape: str, *, properties: Optional[list] = None, autosize: Optional[bool] = None,
                 wrap: Optional[bool] = None, hide_table_headers: Optional[bool] = None, group_by: Any = None,
                 view: Optional[str] = None, column: Optional[int] = None, force: bool = False,
                 expand: Optional[str] = None, exclude_property: Optional[list] = None, repeat_header: bool = False,
                 culture=None, enumeration_limit: int = 4, ansi: bool = False, error_width: int = 120):
        if isinstance(properties, (str, dict)) or (properties is not None and not isinstance(properties, (list, tuple))):
            properties = [properties]
        if isinstance(exclude_property, str):
            exclude_property = [exclude_property]
        self.params = FormatParams(properties=list(properties) if properties else None,
                                   exclude_property=list(exclude_property) if exclude_property else None,
                                   autosize=autosize, wrap=wrap, hide_table_headers=hide_table_headers,
                                   repeat_header=repeat_header, group_by=group_by, view=view, column=column,
                                   force=force, expand=expand)
        if self.params.exclude_property and not self.params.properties and shape in ("list", "wide"):
            self.params.properties = ["*"]
        self.ctx = RenderContext(culture=_culture(culture), style=style_for(ansi), width=UNLIMITED,
                                 enumeration_limit=enumeration_limit, error_width=error_width)
        self.formatter = Formatter(self.ctx, shape=shape, params=self.params)

    def process(self, obj: Any) -> list:
        return self.formatter.process(obj)

    def end(self) -> list:
        return self.formatter.end()

    def run(self, objects: Iterable[Any]) -> list:
        out: list = []
        for o in objects:
            out.extend(self.process(o))
        out.extend(self.end())
        return out


def _as_input(objects: Any) -> list:
    if isinstance(objects, (list, tuple)):
        return list(objects)
    return [objects]


def format_table(objects: Any, properties: Optional[list] = None, **options) -> list:
    """Format-Table over a list of input objects: the format instructions (see FormatCommand for options)."""
    return FormatCommand("table", properties=properties, **options).run(_as_input(objects))


def format_list(objects: Any, properties: Optional[list] = None, **options) -> list:
    """Format-List: a registered list view if the type has one, else the properties (DefaultDisplayPropertySet)."""
    return FormatCommand("list", properties=properties, **options).run(_as_input(objects))


def format_wide(objects: Any, property: Any = None, **options) -> list:
    """Format-Wide: one property per item (the display name by default), `column=N` or `autosize=True`."""
    props = [property] if property is not None else None
    return FormatCommand("wide", properties=props, **options).run(_as_input(objects))


def format_custom(objects: Any, **options) -> list:
    """Format-Custom for types with a custom view (DateTime, MatchInfo); others print their ToString."""
    return FormatCommand("custom", **options).run(_as_input(objects))
