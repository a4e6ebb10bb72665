"""Format instructions: what Format-Table/-List/-Wide emit and Out-Default/Out-String render.

They mirror pwsh's FormatStartData / GroupStartData / FormatEntryData / GroupEndData / FormatEndData, so that
`... | Format-Table | Out-Default` renders exactly what Out-Default would, without formatting twice.
Column widths are resolved when rendering (they depend on the output width), never here.
"""
from __future__ import annotations

from typing import Optional

_NS = "Microsoft.PowerShell.Commands.Internal.Format."


class Packet:
    """Base of all format instructions."""

    __slots__ = ()
    type_names = [_NS + "PacketInfoData", "System.Object"]

    def ps_to_string(self) -> str:
        return self.type_names[0]

    def __repr__(self):
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in _all_slots(type(self)))
        return f"{type(self).__name__}({fields})"


def _all_slots(cls) -> list:
    out = []
    for klass in reversed(cls.__mro__):
        out.extend(getattr(klass, "__slots__", ()))
    return out


class ColumnInfo:
    """A table column as the output step sees it: label, width (0 = auto), alignment, header style flag."""

    __slots__ = ("label", "width", "align", "header_matches_property")

    def __init__(self, label: str, width: int = 0, align: Optional[str] = None, header_matches_property: bool = True):
        self.label = label
        self.width = width
        self.align = align
        self.header_matches_property = header_matches_property

    def __repr__(self):
        return f"ColumnInfo({self.label!r}, {self.width}, {self.align!r})"


class FormatStart(Packet):
    """shape: 'table' | 'list' | 'wide' | 'custom'; columns (ColumnInfo) for tables; autosize caches the group."""

    __slots__ = ("shape", "columns", "hide_header", "repeat_header", "autosize", "wide_columns")
    type_names = [_NS + "FormatStartData", _NS + "StartData", _NS + "PacketInfoData", "System.Object"]

    def __init__(self, shape: str, columns: Optional[list] = None, hide_header: bool = False,
                 repeat_header: bool = False, autosize: bool = False, wide_columns: int = 0):
        self.shape = shape
        self.columns = list(columns) if columns else []
        self.hide_header = hide_header
        self.repeat_header = repeat_header
        self.autosize = autosize
        self.wide_columns = wide_columns


class GroupStart(Packet):
    """label: the group header text ("    Directory: /tmp"), None = no header."""

    __slots__ = ("label",)
    type_names = [_NS + "GroupStartData", _NS + "StartData", _NS + "PacketInfoData", "System.Object"]

    def __init__(self, label: Optional[str] = None):
        self.label = label


class GroupEnd(Packet):
    __slots__ = ()
    type_names = [_NS + "GroupEndData", _NS + "PacketInfoData", "System.Object"]


class FormatEnd(Packet):
    __slots__ = ()
    type_names = [_NS + "FormatEndData", _NS + "PacketInfoData", "System.Object"]


class Entry(Packet):
    """FormatEntryData: one row / list entry / wide item / custom text; `out_of_band` entries stand alone."""

    __slots__ = ("out_of_band", "stream")
    type_names = [_NS + "FormatEntryData", _NS + "PacketInfoData", "System.Object"]

    def __init__(self, out_of_band: bool = False, stream: str = "output"):
        self.out_of_band = out_of_band
        self.stream = stream          # 'output' | 'error' (ErrorRecords rendered by the error view)


class TableRow(Entry):
    """values: cell texts; aligns: per cell, None = the column's alignment."""

    __slots__ = ("values", "aligns", "multiline")

    def __init__(self, values: Optional[list] = None, aligns: Optional[list] = None, multiline: bool = False,
                 out_of_band: bool = False, stream: str = "output"):
        super().__init__(out_of_band, stream)
        self.values = list(values) if values else []
        self.aligns = list(aligns) if aligns else []
        self.multiline = multiline


class ListFields(Entry):
    """fields: [(label, text)]."""

    __slots__ = ("fields",)

    def __init__(self, fields: Optional[list] = None, out_of_band: bool = False, stream: str = "output"):
        super().__init__(out_of_band, stream)
        self.fields = list(fields) if fields else []


class _TextEntry(Entry):
    """An entry that is one piece of text (the kinds below stay distinct classes: writers tell them apart)."""

    __slots__ = ("text",)

    def __init__(self, text: str = "", out_of_band: bool = False, stream: str = "output"):
        super().__init__(out_of_band, stream)
        self.text = text


class WideItem(_TextEntry):
    __slots__ = ()


class CustomText(_TextEntry):
    __slots__ = ()


class RawText(_TextEntry):
    """An out-of-band object written with its ToString, as is."""

    __slots__ = ()


def is_packet(obj) -> bool:
    return isinstance(obj, Packet)
