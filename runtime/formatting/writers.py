"""Line writers: tables (TableWriter.cs, ColumnWidthManager.cs), lists (ListWriter.cs), wide rows.

Faithful ports, including pwsh's quirks: one-space separators, the last column never padded on the right,
right-aligned cells keeping the tail when cut, `…` for cut text, columns dropped from the right when the
line is too narrow, width-0 columns sharing the spare width round-robin.
"""
from __future__ import annotations

from typing import Optional, Sequence

from pslark.runtime.formatting.style import Style
from pslark.runtime.formatting.text import (ELLIPSIS, ESC, RESET, cells, generate_lines, head, split_lines, tail,
                                            truncate_at_newline)

SEPARATOR = 1
MIN_SCREEN_COLUMNS = 5
MIN_COLUMN_WIDTH = 1


def calculate_column_widths(widths: list[int], table_width: int) -> list[int]:
    """ColumnWidthManager.CalculateColumnWidths: fill width-0 columns, else trim from the right (-1 = hidden)."""
    w = list(widths)
    if _assign(w, table_width):
        return w
    _trim_to_fit(w, table_width)
    return w


def _current_width(w: list[int]) -> int:
    vis = [x for x in w if x > 0]
    return sum(vis) + SEPARATOR * (len(vis) - 1)


def _assign(w: list[int], table_width: int) -> bool:
    if all(x > 0 for x in w):
        return sum(w) + SEPARATOR * (len(w) - 1) <= table_width
    fixed = [x > 0 for x in w]
    for k in range(len(w)):
        if w[k] == 0:
            w[k] = MIN_COLUMN_WIDTH
    available = table_width - _current_width(w)
    if available < 0:
        return False
    if available == 0:
        return True
    while available > 0:
        for k in range(len(w)):
            if fixed[k]:
                continue
            w[k] += 1
            available -= 1
            if available == 0:
                break
    return True


def _last_visible(w: list[int]) -> int:
    for k, x in enumerate(w):
        if x < 0:
            return k - 1
    return len(w) - 1


def _trim_to_fit(w: list[int], table_width: int) -> None:
    while True:
        excess = _current_width(w) - table_width
        if excess <= 0:
            return
        last = _last_visible(w)
        if last < 0:
            return
        new = w[last] - excess
        if new < MIN_COLUMN_WIDTH:
            w[last] = -1
        else:
            w[last] = new


def _row_field(val: str, width: int, align: Optional[str], add_padding: bool) -> str:
    """TableWriter.GenerateRowField: one single-line cell, padded or cut to `width`."""
    s = truncate_at_newline(val or "")
    n = cells(s)
    if n < width:
        pad = width - n
        if align == "right":
            s = " " * pad + s
        elif align == "center":
            left = pad // 2
            s = " " * left + s
            if add_padding:
                s += " " * (pad - left)
        elif add_padding:
            s += " " * pad
    elif n > width:
        keep = width - 1
        if keep > 0:
            s = ELLIPSIS + tail(s, keep) if align == "right" else head(s, keep) + ELLIPSIS
        else:
            s = tail(s, width) if align == "right" else head(s, width)
    final = cells(s)
    if final == width:
        return s
    if final < width and n > width:
        if align == "right":
            s = " " + s
        elif add_padding:
            s += " "
    return s


class TableWriter:
    """Renders header and rows of one table group."""

    def __init__(self, style: Style, word_wrap: bool):
        self.style = style
        self.word_wrap = word_wrap
        self.disabled = False
        self.hide_header = False
        self.widths: list[int] = []
        self.aligns: list[Optional[str]] = []
        self.header_matches: list[bool] = []
        self._header: Optional[list[str]] = None

    def initialize(self, screen_columns: int, widths: Sequence[int], aligns: Sequence[Optional[str]],
                   header_matches: Sequence[bool], hide_header: bool) -> None:
        if screen_columns < MIN_SCREEN_COLUMNS:
            self.disabled = True
            return
        self.hide_header = hide_header
        w = calculate_column_widths(list(widths), screen_columns)
        if not any(x >= MIN_COLUMN_WIDTH for x in w):
            self.disabled = True
            return
        self.widths = w
        self.aligns = list(aligns)
        self.header_matches = list(header_matches) if header_matches else [True] * len(w)

    # header ----------------------------------------------------------------------------------
    def header(self, labels: list[str]) -> list[str]:
        if self.disabled or self.hide_header:
            return []
        if self._header is not None:
            return list(self._header)
        lines = self._multi_line_row(labels, self.aligns, is_header=True)
        dashes = []
        for k, lab in enumerate(labels):
            if self.widths[k] <= 0:
                dashes.append("")
                continue
            count = self.widths[k]
            if lab:
                count = min(count, cells(lab))
            dashes.append("-" * count)
        lines.append(self._single_line_row(dashes, self.aligns, is_header=True))
        self._header = lines
        return list(lines)

    # rows ------------------------------------------------------------------------------------
    def row(self, values: list[str], aligns: Optional[list] = None, multiline: bool = False) -> list[str]:
        if self.disabled:
            return []
        cur = []
        for k in range(len(self.widths)):
            a = aligns[k] if aligns and k < len(aligns) else None
            cur.append(a if a is not None else self.aligns[k])
        if multiline:
            return self._multi_line_row(values, cur, is_header=False)
        return [self._single_line_row(values, cur, is_header=False)]

    def _single_line_row(self, values: list[str], aligns: list, is_header: bool) -> str:
        st = self.style
        out = []
        n = len(self.widths)
        for k in range(n):
            add_padding = k != n - 1
            if self.widths[k] <= 0:
                continue
            if k > 0:
                out.append(" " * SEPARATOR)
            field = _row_field(values[k] if k < len(values) else "", self.widths[k], aligns[k], add_padding)
            if is_header:
                out.append(st.table_header)
            out.append(field)
            if is_header:
                out.append(st.reset)
            elif ESC in field and not field.rstrip().endswith(RESET):
                out.append(RESET)
        return "".join(out)

    def _multi_line_field(self, val: str, k: int, align: Optional[str], add_padding: bool) -> list[str]:
        width = self.widths[k]
        lines = generate_lines(val or "", width, width, self.word_wrap)
        if add_padding or align in ("right", "center"):
            lines = [_row_field(x, width, align, add_padding) if cells(x) < width else x for x in lines]
        return lines

    def _multi_line_row(self, values: list[str], aligns: list, is_header: bool) -> list[str]:
        valid = [k for k in range(len(self.widths)) if self.widths[k] > 0]
        if not valid:
            return []
        columns: list[list[str]] = []
        for i, k in enumerate(valid):
            add_padding = i != len(valid) - 1
            col = self._multi_line_field(values[k] if k < len(values) else "", k, aligns[k], add_padding)
            if i > 0:
                col = [" " * SEPARATOR + x for x in col]
            columns.append(col)
        screen_rows = max(len(c) for c in columns)
        last_with_content = [0] * screen_rows
        for row in range(screen_rows):
            for ci, col in enumerate(columns):
                if len(col) > row:
                    last_with_content[row] = ci
        for ci, col in enumerate(columns):
            pad = 0
            if ci < len(columns) - 1:
                pad = self.widths[valid[ci]] + (SEPARATOR if ci > 0 else 0)
            for row in range(len(col), screen_rows):
                col.append("" if ci > last_with_content[row] else " " * pad)
        st = self.style
        rows = []
        for row in range(screen_rows):
            parts = []
            for ci, col in enumerate(columns):
                value = col[row]
                if ci == last_with_content[row] and screen_rows > 1:
                    value = value.rstrip()
                if is_header:
                    matches = self.header_matches[ci] if ci < len(self.header_matches) else True
                    if matches:
                        parts.append(st.table_header)
                    elif value and st.on:
                        at = 0 if ci == 0 else 1
                        value = value[:at] + st.custom_table_header_label + value[at:]
                parts.append(value)
                if is_header:
                    parts.append(st.reset)
            rows.append("".join(parts))
        return rows


class ListWriter:
    """ListWriter.cs: `Label : value` lines, labels padded to the longest label of the entry."""

    SEPARATOR = " : "

    def __init__(self, style: Style, word_wrap: bool):
        self.style = style
        self.word_wrap = word_wrap

    def write(self, fields: list[tuple[str, str]], column_width: int) -> list[str]:
        if not fields:
            return []
        sep = self.SEPARATOR
        if column_width - len(sep) - 1 - 1 < 0:
            return []
        max_allowed = column_width - len(sep) - 1
        label_cells = [cells(lab or "") for lab, _ in fields]
        width = min(max(label_cells), max_allowed)
        labels = []
        for (lab, _), n in zip(fields, label_cells):
            lab = lab or ""
            if n < width:
                lab = lab + " " * (width - n)
            elif n > width:
                lab = head(lab, width)
            labels.append(lab + sep)
        label_len = width + len(sep)
        out: list[str] = []
        for label, (_, value) in zip(labels, fields):
            for i, line in enumerate(split_lines(value or "")):
                prefix = label if i == 0 else " " * label_len
                out.extend(self._single_line(prefix, line, column_width - label_len, label_len))
        return out

    def _single_line(self, prefix: str, line: str, field_cells: int, label_len: int) -> list[str]:
        st = self.style
        pieces = generate_lines(line or "", field_cells, field_cells, self.word_wrap)
        out = []
        for k, s in enumerate(pieces):
            if k == 0:
                if not prefix.strip() or not st.on:
                    text = prefix + s
                else:
                    text = st.format_accent + prefix + st.reset + s
            else:
                text = " " * label_len + s
            if ESC in s and not s.endswith(RESET):
                text += RESET
            out.append(text)
        return out


def wide_items_per_row(string_len: int, screen_columns: int) -> int:
    """TableWriter.ComputeWideViewBestItemsPerRowFit."""
    if string_len <= 0 or screen_columns < 1:
        return 1
    if string_len >= screen_columns:
        return 1
    n = 1
    while True:
        nxt = n + 1
        width = string_len * nxt + (nxt - 1) * SEPARATOR
        if width >= screen_columns:
            return n
        n += 1
