"""Display-cell arithmetic and line breaking, as pwsh's DisplayCells and StringManipulationHelper do it.

Widths count East Asian wide characters as 2 cells and ANSI escape sequences as 0, so colour never changes a
layout. Line breaking follows `FormatAndOutput/common/ComplexWriter.cs`: word wrap for the cultures pwsh lists
(en, fr, de, it, pt, es), character wrap for every other culture (the invariant culture included).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ESC = "\x1b"
RESET = "\x1b[0m"
ELLIPSIS = "\u2026"
SOFT_HYPHEN = "\u00ad"
HARD_HYPHEN = "\u2011"
NBSP = "\u00a0"

_ANSI_RE = re.compile(r"\x1b\[[0-9:;<=>?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

WORD_WRAP_LANGUAGES = frozenset({"en", "fr", "de", "it", "pt", "es"})


def strip_ansi(s: str) -> str:
    """The text without escape sequences."""
    if ESC not in s:
        return s
    return _ANSI_RE.sub("", s)


@lru_cache(maxsize=4096)
def char_cells(c: str) -> int:
    """Display cells of one character: 2 for East Asian wide/full-width (W, F), else 1."""
    if c < "\u1100":
        return 1
    eaw = unicodedata.east_asian_width(c)
    if eaw in ("W", "F"):
        return 2
    return 1


def cells(s: str) -> int:
    """Display length of a string (escape sequences count 0)."""
    if not s:
        return 0
    if ESC in s:
        s = _ANSI_RE.sub("", s)
    if s.isascii():
        return len(s)
    return sum(char_cells(c) for c in s)


def units(s: str) -> list[tuple[str, int]]:
    """The string as (piece, cells) units: each escape sequence is one zero-width unit, each char one unit."""
    out: list[tuple[str, int]] = []
    if ESC not in s:
        return [(c, char_cells(c)) for c in s]
    pos = 0
    for m in _ANSI_RE.finditer(s):
        for c in s[pos:m.start()]:
            out.append((c, char_cells(c)))
        out.append((m.group(0), 0))
        pos = m.end()
    for c in s[pos:]:
        out.append((c, char_cells(c)))
    return out


def _finish_vt(s: str) -> str:
    """Append a reset if the text carries escape codes and does not end with one."""
    if ESC in s and not s.endswith(RESET):
        return s + RESET
    return s


def _take_cells(pieces, max_cells: int) -> tuple[list[str], bool]:
    """Pieces in the given order until `max_cells` display cells are used; escape codes are always kept."""
    out = []
    used = 0
    vt = False
    for piece, w in pieces:
        if w == 0 and piece.startswith(ESC):
            out.append(piece)
            vt = True
            continue
        if used + w > max_cells:
            break
        out.append(piece)
        used += w
    return out, vt


def head(s: str, max_cells: int) -> str:
    """The longest prefix of `s` with at most `max_cells` display cells (escape codes kept)."""
    if cells(s) <= max_cells:
        return s
    out, vt = _take_cells(units(s), max_cells)
    r = "".join(out)
    return _finish_vt(r) if vt else r


def tail(s: str, max_cells: int) -> str:
    """The longest suffix of `s` with at most `max_cells` display cells."""
    if cells(s) <= max_cells:
        return s
    out, vt = _take_cells(reversed(units(s)), max_cells)
    r = "".join(reversed(out))
    return _finish_vt(r) if vt else r


def truncate_at_newline(s: str) -> str:
    """Cut at the first CR or LF and add an ellipsis (pwsh's TruncateAtNewLine)."""
    if not s:
        return ""
    i_n = s.find("\n")
    i_r = s.find("\r")
    idx = min(i for i in (i_n, i_r) if i >= 0) if (i_n >= 0 or i_r >= 0) else -1
    if idx < 0:
        return s
    return s[:idx] + ELLIPSIS


def split_lines(s: str) -> list[str]:
    """Split on LF (CR removed), carrying open escape codes across lines like pwsh's SplitLines."""
    if not s or "\n" not in s:
        return [s.replace("\r", "") if s else s]
    if ESC not in s:
        return s.replace("\r", "").split("\n")
    result = []
    buf: list[str] = []
    open_seqs: list[str] = []
    for piece, w in units(s):
        if piece.startswith(ESC):
            buf.append(piece)
            if piece == RESET:
                open_seqs = []
            else:
                open_seqs.append(piece)
            continue
        if piece == "\n":
            line = "".join(buf)
            if open_seqs and not line.endswith(RESET):
                line += RESET
            result.append(line)
            buf = list(open_seqs)
        elif piece != "\r":
            buf.append(piece)
    line = "".join(buf)
    if open_seqs:
        if line == "".join(open_seqs):
            line = ""
        elif not line.endswith(RESET):
            line += RESET
    result.append(line)
    return result


def _get_words(s: str) -> list[tuple[str, str]]:
    """(word, delimiter) pairs as pwsh's GetWords: space, tab and soft hyphen split; NBSP/hard hyphen break silently."""
    words = []
    buf: list[str] = []
    for piece, _w in units(s):
        if piece in (" ", "\t", SOFT_HYPHEN):
            words.append(("".join(buf), piece))
            buf = []
        elif piece in (HARD_HYPHEN, NBSP):
            words.append(("".join(buf), ""))
            buf = []
        else:
            buf.append(piece)
    words.append(("".join(buf), ""))
    return words


def _lines_word_wrap(val: str, first_len: int, following_len: int) -> list[str]:
    ret: list[str] = []
    for line in split_lines(val):
        if cells(line) <= first_len:
            ret.append(line)
            continue
        spaces_left = first_len
        line_width = first_len
        first_line = True
        single: list[str] = []
        for word, delim in _get_words(line):
            to_add = word
            suffix = None
            if delim == SOFT_HYPHEN:
                if cells(word) + 1 == spaces_left:
                    suffix = "-"
            elif delim:
                suffix = delim
            if suffix is not None:
                to_add = to_add + suffix
            word_width = cells(to_add)
            if line_width == 0:
                if first_line:
                    first_line = False
                    line_width = following_len
                if line_width == 0:
                    break
                spaces_left = line_width
            if word_width > line_width:
                for piece, cw in units(to_add):
                    if cw == 0:
                        single.append(piece)
                        continue
                    if cw > line_width:
                        piece, cw = "?", 1
                    if cw > spaces_left:
                        ret.append("".join(single))
                        single = [piece]
                        if first_line:
                            first_line = False
                            line_width = following_len
                        spaces_left = line_width - cw
                    else:
                        single.append(piece)
                        spaces_left -= cw
            else:
                if word_width > spaces_left:
                    ret.append("".join(single))
                    single = [to_add]
                    if first_line:
                        first_line = False
                        line_width = following_len
                    spaces_left = line_width - word_width
                else:
                    single.append(to_add)
                    spaces_left -= word_width
        ret.append("".join(single))
    return ret


def _lines_char_wrap(val: str, first_len: int, following_len: int) -> list[str]:
    ret: list[str] = []
    for line in split_lines(val):
        if cells(line) <= first_len:
            ret.append(line)
            continue
        us = units(line)
        i = 0
        added_first = False
        while i < len(us):
            active = following_len if added_first else first_len
            rest = sum(w for _, w in us[i:])
            if rest - active > 0:
                taken = []
                used = 0
                j = i
                while j < len(us):
                    piece, w = us[j]
                    if used + w > active:
                        break
                    taken.append(piece)
                    used += w
                    j += 1
                if j == i:
                    ret.append("?")
                    i += 1
                else:
                    ret.append("".join(taken))
                    i = j
                added_first = True
            else:
                ret.append("".join(p for p, _ in us[i:]))
                break
    return ret


def generate_lines(val: str, first_len: int, following_len: int, word_wrap: bool = True) -> list[str]:
    """Break a value into lines of at most the given widths (pwsh's StringManipulationHelper.GenerateLines)."""
    if not val:
        return [val or ""]
    if word_wrap:
        return _lines_word_wrap(val, first_len, following_len)
    return _lines_char_wrap(val, first_len, following_len)


def uses_word_wrap(culture) -> bool:
    """pwsh word-wraps only for en, fr, de, it, pt and es; the invariant culture breaks at characters."""
    lang = getattr(culture, "two_letter", None) or "iv"
    return lang in WORD_WRAP_LANGUAGES
