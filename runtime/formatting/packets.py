"""Format instructions: what Format-Table/-List/-Wide emit and Out-Default/Out-String render.

They mirror pwsh's FormatStartData / GroupStartData / FormatEntryData / GroupEndData / FormatEndData, so that
`... | Format-Table | Out-Default` renders exactly what Out-Default would, without formatting twice.
Column widths are resolved when rendering (they depend on the output width), never here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

_NS = "Microsoft.PowerShell.Commands.Internal.Format."


class Packet:
    """Base of all format instructions."""

    __slots__ = ()
    type_names = [_NS + "PacketInfoData", "System.Object"]

    def ps_to_string(self) -> str:
        return self.type_names[0]


@dataclass(eq=False)
class ColumnInfo:
    """A table column as the output step sees it: label, width (0 = auto), alignment, header style flag."""
    label: str
    width: int = 0
    align: Optional[str] = None
    header_matches_property: bool = True


@dataclass(eq=False)
class FormatStart(Packet):
    shape: str                                  # 'table' | 'list' | 'wide' | 'custom'
    columns: list = field(default_factory=list)  # ColumnInfo, tables only
    hide_header: bool = False
    repeat_header: bool = False
    autosize: bool = False                      # cache the whole group to size the columns
    wide_columns: int = 0                       # Format-Wide -Column (0 = let the writer decide)
    type_names = [_NS + "FormatStartData", _NS + "StartData", _NS + "PacketInfoData", "System.Object"]


@dataclass(eq=False)
class GroupStart(Packet):
    label: Optional[str] = None                 # the group header text ("    Directory: /tmp"), None = no header
    type_names = [_NS + "GroupStartData", _NS + "StartData", _NS + "PacketInfoData", "System.Object"]


@dataclass(eq=False)
class GroupEnd(Packet):
    type_names = [_NS + "GroupEndData", _NS + "PacketInfoData", "System.Object"]


@dataclass(eq=False)
class FormatEnd(Packet):
    type_names = [_NS + "FormatEndData", _NS + "PacketInfoData", "System.Object"]


@dataclass(eq=False)
class Entry(Packet):
    """FormatEntryData: one row / list entry / wide item / custom text; `out_of_band` entries stand alone."""
    out_of_band: bool = False
    stream: str = "output"                      # 'output' | 'error' (ErrorRecords rendered by the error view)
    type_names = [_NS + "FormatEntryData", _NS + "PacketInfoData", "System.Object"]


@dataclass(eq=False)
class TableRow(Entry):
    values: list = field(default_factory=list)
    aligns: list = field(default_factory=list)  # per cell: None = the column's alignment
    multiline: bool = False


@dataclass(eq=False)
class ListFields(Entry):
    fields: list = field(default_factory=list)  # [(label, text)]


@dataclass(eq=False)
class WideItem(Entry):
    text: str = ""


@dataclass(eq=False)
class CustomText(Entry):
    text: str = ""


@dataclass(eq=False)
class RawText(Entry):
    """An out-of-band object written with its ToString, as is."""
    text: str = ""


def is_packet(obj) -> bool:
    return isinstance(obj, Packet)
