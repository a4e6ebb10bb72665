"""Reading pslark's help files: cmdlet pages (a small subset of platyPS markdown) and about topics (plain text).

A cmdlet page, `<culture>/cmdlets/<Name>.txt`:

    # Get-Job
    ## SYNOPSIS            one paragraph
    ## DESCRIPTION         paragraphs, `- ` lists, fenced blocks
    ## PARAMETERS
    ### -Id                optional first lines `Default value: ...`, `Accept wildcard characters: true`
    ## INPUTS / ## OUTPUTS ### <type name> then text
    ## NOTES
    ## EXAMPLES
    ### Example 1: title   a fenced ```powershell block (PS> lines and their output), then remarks
    ## RELATED LINKS       `- Name` lines

An about topic, `<culture>/about_<Name>.help.txt`, is shown as written, except that the lines opening and
closing fenced blocks are dropped. Fenced blocks are the examples that tests run: the info string is
`powershell` (a runnable example whose commands start with `PS> `, continuation lines with `>> `) or `text`
(shown only), followed by flags: `error` (the example shows an error on purpose), `remote` (it needs the
test SSH hosts), `unordered` (output lines may come in any order), `continue` (same session as the block
before it). In the shown output, a line `...` stands for any number of lines and `...` inside a line for
any text.
"""
from __future__ import annotations

import os
import re
from typing import Optional

HELP_DIR = os.path.dirname(os.path.abspath(__file__))


# ------------------------------------------------------------------------------------------------
# blocks: the unit of text the renderer wraps

class Block:
    """kind: 'para' (text to wrap), 'item' (a list item: marker + text), 'code' (verbatim lines)."""

    __slots__ = ("kind", "text", "lines", "marker", "info", "indent")

    def __init__(self, kind: str, text: str = "", lines: Optional[list] = None, marker: str = "",
                 info: str = "", indent: int = 0):
        self.kind = kind
        self.text = text
        self.lines = lines or []
        self.marker = marker
        self.info = info
        self.indent = indent

    def __repr__(self):
        return f"Block({self.kind!r}, {self.text or self.lines!r})"


class Fence:
    """A fenced block found in a help file: where it is and what the tests must do with it."""

    __slots__ = ("lines", "info", "flags", "line_number", "topic")

    def __init__(self, lines: list, info: str, line_number: int, topic: str = ""):
        self.lines = lines
        words = info.split()
        self.info = words[0] if words else ""
        self.flags = frozenset(w.casefold() for w in words[1:])
        self.line_number = line_number
        self.topic = topic

    @property
    def runnable(self) -> bool:
        return self.info.casefold() in ("powershell", "pwsh", "ps")

    def commands(self) -> list[str]:
        """The input a person types: each `PS> ` line (or `[Server01]: PS> ` inside Enter-PSSession) with its
        `>> ` continuation lines."""
        out: list[str] = []
        for line in self.lines:
            command = prompt_command(line)
            if command is not None:
                out.append(command)
            elif (line.startswith(">> ") or line == ">>") and out:
                out[-1] += "\n" + line[3:]
        return out

    def expected_output(self) -> list[str]:
        return [line for line in self.lines
                if prompt_command(line) is None and not (line.startswith(">> ") or line == ">>")]


_REMOTE_PROMPT = re.compile(r"^\[[^\]]+\]: PS> ?")


def prompt_command(line: str) -> Optional[str]:
    """The command typed on a prompt line of an example, or None for an output line."""
    if line.startswith("PS> ") or line == "PS>":
        return line[4:]
    m = _REMOTE_PROMPT.match(line)
    if m:
        return line[m.end():]
    return None


_FENCE = re.compile(r"^(\s*)```(.*)$")
_LIST = re.compile(r"^(\s*)([-*]|\d+\.)\s+(.*)$")


def parse_blocks(lines: list[str], fences: Optional[list] = None, topic: str = "", first_line: int = 1) -> list:
    """Markdown-ish body text -> blocks. Fenced blocks are kept verbatim (and recorded in `fences`)."""
    blocks: list[Block] = []
    para: list[str] = []
    i = 0

    def flush():
        if para:
            text = " ".join(s.strip() for s in para)
            m = _LIST.match(para[0])
            if m:
                blocks.append(Block("item", " ".join([m.group(3)] + [s.strip() for s in para[1:]]),
                                    marker=m.group(2), indent=len(m.group(1))))
            else:
                blocks.append(Block("para", text))
            para.clear()

    while i < len(lines):
        line = lines[i]
        m = _FENCE.match(line)
        if m:
            flush()
            indent = len(m.group(1))
            info = m.group(2).strip()
            body = []
            i += 1
            start = i
            while i < len(lines) and not _FENCE.match(lines[i]):
                body.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i].lstrip())
                i += 1
            i += 1
            blocks.append(Block("code", lines=body, info=info))
            if fences is not None:
                fences.append(Fence(body, info, first_line + start, topic))
            continue
        if not line.strip():
            flush()
        elif _LIST.match(line) and para:
            flush()
            para.append(line)
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


# ------------------------------------------------------------------------------------------------
# cmdlet pages

class Example:
    __slots__ = ("title", "blocks")

    def __init__(self, title: str, blocks: list):
        self.title = title
        self.blocks = blocks


class ParameterHelp:
    __slots__ = ("name", "blocks", "default", "wildcards")

    def __init__(self, name: str, blocks: list, default: Optional[str] = None, wildcards: bool = False):
        self.name = name
        self.blocks = blocks
        self.default = default
        self.wildcards = wildcards


class CommandHelpText:
    """The written parts of a cmdlet's help (everything metadata cannot say)."""

    def __init__(self, name: str):
        self.name = name
        self.synopsis = ""
        self.description: list = []
        self.parameters: dict[str, ParameterHelp] = {}
        self.inputs: list[tuple[str, list]] = []
        self.outputs: list[tuple[str, list]] = []
        self.notes: list = []
        self.examples: list[Example] = []
        self.links: list[str] = []
        self.component = ""          # .COMPONENT / .ROLE / .FUNCTIONALITY of comment-based help
        self.role = ""
        self.functionality = ""
        self.forward_target = ""     # .FORWARDHELPTARGETNAME / .FORWARDHELPCATEGORY
        self.forward_category = ""
        self.fences: list[Fence] = []
        self.path = ""


_ATTR_LINE = re.compile(r"^(Default value|Standardwert|Accept wildcard characters|Platzhalterzeichen akzeptieren)"
                        r"\??:\s*(.*)$", re.IGNORECASE)


def _sections(lines: list[str], marker: str) -> list[tuple[str, list[str], int]]:
    """Split lines at headings that start with `marker` (outside fences): [(heading, body lines, first line)]."""
    out: list = []
    current_title = None
    current: list[str] = []
    start = 0
    in_fence = False
    for n, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith(marker) and not line.startswith(marker + "#"):
            if current_title is not None or any(s.strip() for s in current):
                out.append((current_title, current, start))
            current_title = line[len(marker):].strip()
            current = []
            start = n + 1
            continue
        current.append(line)
    if current_title is not None or any(s.strip() for s in current):
        out.append((current_title, current, start))
    return out


def parse_command_help(text: str, path: str = "") -> CommandHelpText:
    lines = text.splitlines()
    name = ""
    for line in lines:
        if line.startswith("# "):
            name = line[2:].strip()
            break
    doc = CommandHelpText(name)
    doc.path = path
    topic = name
    for title, body, start in _sections(lines, "## "):
        if title is None:
            continue
        key = title.casefold()
        first = start + 1
        if key == "synopsis":
            blocks = parse_blocks(body, doc.fences, topic, first)
            doc.synopsis = " ".join(b.text for b in blocks if b.kind == "para")
        elif key == "description":
            doc.description = parse_blocks(body, doc.fences, topic, first)
        elif key == "notes":
            doc.notes = parse_blocks(body, doc.fences, topic, first)
        elif key in ("parameters", "inputs", "outputs", "examples"):
            for sub, sub_body, sub_start in _sections(body, "### "):
                if sub is None:
                    continue
                sub_first = first + sub_start
                if key == "parameters":
                    default = None
                    wildcards = False
                    rest = list(sub_body)
                    while rest and (not rest[0].strip() or _ATTR_LINE.match(rest[0].strip())):
                        m = _ATTR_LINE.match(rest.pop(0).strip())
                        if m:
                            label = m.group(1).casefold()
                            if label in ("default value", "standardwert"):
                                default = m.group(2).strip()
                            else:
                                wildcards = m.group(2).strip().casefold() in ("true", "yes", "ja", "wahr")
                        sub_first += 1
                    pname = sub.lstrip("-").strip()
                    doc.parameters[pname.casefold()] = ParameterHelp(
                        pname, parse_blocks(rest, doc.fences, topic, sub_first), default, wildcards)
                elif key == "examples":
                    doc.examples.append(Example(sub, parse_blocks(sub_body, doc.fences, topic, sub_first)))
                else:
                    target = doc.inputs if key == "inputs" else doc.outputs
                    target.append((sub, parse_blocks(sub_body, doc.fences, topic, sub_first)))
        elif key == "related links":
            for line in body:
                s = line.strip()
                if s.startswith(("- ", "* ")):
                    doc.links.append(s[2:].strip())
                elif s:
                    doc.links.append(s)
    return doc


# ------------------------------------------------------------------------------------------------
# about topics

class AboutTopic:
    def __init__(self, name: str, text: str, path: str = ""):
        self.name = name
        self.path = path
        self.fences: list[Fence] = []
        shown: list[str] = []
        raw = text.splitlines()
        parse_blocks(raw, self.fences, name)   # records the fences (with their line numbers)
        for line in raw:
            if _FENCE.match(line):
                continue
            shown.append(line.rstrip())
        while shown and not shown[-1]:
            shown.pop()
        self.text = "\n".join(shown)
        self.synopsis = _about_synopsis(shown)


_SHORT_HEADINGS = ("short description", "kurzbeschreibung", "kurze beschreibung")


def _about_synopsis(lines: list[str]) -> str:
    for i, line in enumerate(lines):
        if line.strip().casefold() in _SHORT_HEADINGS:
            para: list[str] = []
            for s in lines[i + 1:]:
                if not s.strip():
                    if para:
                        break
                    continue
                para.append(s.strip())
            return " ".join(para)
    return ""


# ------------------------------------------------------------------------------------------------
# finding files

def cultures_for(ui_culture: str) -> list[str]:
    """The folders to look in, most specific first, ending with en-US (pwsh's fallback)."""
    out: list[str] = []
    name = (ui_culture or "").strip()
    if name:
        out.append(name)
        lang = name.split("-")[0]
        for folder in _culture_folders():
            if folder.split("-")[0].casefold() == lang.casefold() and folder not in out:
                out.append(folder)
    if "en-US" not in out:
        out.append("en-US")
    return [c for c in out if os.path.isdir(os.path.join(HELP_DIR, c))]


_folders_cache: Optional[list] = None


def _culture_folders() -> list[str]:
    global _folders_cache
    if _folders_cache is None:
        _folders_cache = sorted(d for d in os.listdir(HELP_DIR)
                                if os.path.isdir(os.path.join(HELP_DIR, d)) and re.match(r"^[a-z]{2}-[A-Z]{2}$", d))
    return _folders_cache


_cmd_cache: dict = {}
_about_cache: dict = {}


def command_help_text(name: str, culture: str) -> Optional[CommandHelpText]:
    """The written help of a cmdlet in a culture folder, or None."""
    key = (name.casefold(), culture)
    if key in _cmd_cache:
        return _cmd_cache[key]
    doc = None
    path = os.path.join(HELP_DIR, culture, "cmdlets", name + ".txt")
    if not os.path.isfile(path):
        folder = os.path.join(HELP_DIR, culture, "cmdlets")
        if os.path.isdir(folder):
            for f in os.listdir(folder):
                if f.casefold() == (name + ".txt").casefold():
                    path = os.path.join(folder, f)
                    break
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            doc = parse_command_help(fh.read(), path)
    _cmd_cache[key] = doc
    return doc


def about_names(culture: str) -> list[str]:
    folder = os.path.join(HELP_DIR, culture)
    if not os.path.isdir(folder):
        return []
    return sorted(f[:-len(".help.txt")] for f in os.listdir(folder) if f.endswith(".help.txt"))


def about_topic(name: str, culture: str) -> Optional[AboutTopic]:
    key = (name.casefold(), culture)
    if key in _about_cache:
        return _about_cache[key]
    topic = None
    for candidate in about_names(culture):
        if candidate.casefold() == name.casefold():
            path = os.path.join(HELP_DIR, culture, candidate + ".help.txt")
            with open(path, encoding="utf-8") as fh:
                topic = AboutTopic(candidate, fh.read(), path)
            break
    _about_cache[key] = topic
    return topic


def read_about_topic(path: str) -> Optional[AboutTopic]:
    """An about topic outside pslark's folders (the user's help folder, a module's), read as it is now."""
    name = os.path.basename(path)[:-len(".help.txt")]
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            return AboutTopic(name, fh.read(), path)
    except OSError:
        return None


def command_help_names(culture: str) -> list[str]:
    folder = os.path.join(HELP_DIR, culture, "cmdlets")
    if not os.path.isdir(folder):
        return []
    return sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".txt"))
