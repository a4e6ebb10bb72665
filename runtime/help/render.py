"""Turning a command's help (metadata + written text) into the text Get-Help prints, in pwsh's layout.

Views: 'default' (NAME, SYNOPSIS, SYNTAX, DESCRIPTION, RELATED LINKS, REMARKS), 'detailed' (+ parameter
descriptions and examples), 'full' (+ parameter attribute tables, INPUTS, OUTPUTS, NOTES), 'examples',
and 'parameter' (only the named parameters). Text paragraphs are wrapped to the width given; code and
example blocks are kept as written.
"""
from __future__ import annotations

import textwrap
from typing import Optional

from pslark.runtime.help import metadata as M
from pslark.runtime.help.source import Block, CommandHelpText, ParameterHelp
from pslark.runtime.help.strings import strings_for


class CommandHelp:
    """Everything known about one command's help: its metadata and, when written, its text."""

    def __init__(self, name: str, category: str, md, text: Optional[CommandHelpText], aliases: list,
                 module: str = "", language: str = "en", show_common: bool = True, defaults: Optional[dict] = None):
        self.name = name
        self.category = category          # Cmdlet | Function | Filter | ExternalScript
        self.md = md
        self.text = text
        self.aliases = aliases
        self.module = module
        self.language = language
        self.show_common = show_common
        self.defaults = defaults or {}          # parameter name (folded) -> default value text (script params)

    @property
    def synopsis(self) -> str:
        if self.text is not None and self.text.synopsis:
            return self.text.synopsis
        return ""

    @property
    def syntax(self) -> list[str]:
        if self.md is None:
            return [self.name]
        return M.syntax_lines(self.name, self.md)

    def parameter_text(self, name: str) -> Optional[ParameterHelp]:
        if self.text is None:
            return None
        return self.text.parameters.get(name.casefold())


# ------------------------------------------------------------------------------------------------
# wrapping helpers

def wrap(text: str, indent: int, width: int, hanging: int = 0) -> list[str]:
    if not text:
        return []
    avail = max(20, width)
    return textwrap.wrap(text, width=avail, initial_indent=" " * indent, subsequent_indent=" " * (indent + hanging),
                         break_long_words=False, break_on_hyphens=False) or [" " * indent]


def render_blocks(blocks: list, indent: int, width: int) -> list[str]:
    """Paragraphs wrapped, list items with a hanging indent, code verbatim; a blank line between blocks."""
    out: list[str] = []
    prev: Optional[Block] = None
    for b in blocks:
        if prev is not None and not (prev.kind == "item" and b.kind == "item"):
            out.append("")
        if b.kind == "para":
            out.extend(wrap(b.text, indent, width))
        elif b.kind == "item":
            marker = b.marker + " "
            out.extend(wrap(marker + b.text, indent + b.indent, width, hanging=len(marker)))
        else:
            # output lines (tables at full width) must not wrap; long command lines wrap anyway
            pad = indent if all(len(line) + indent <= width for line in b.lines
                                if not line.startswith(("PS> ", ">> "))) else 0
            out.extend((" " * pad + line).rstrip() for line in b.lines)
        prev = b
    return out


# ------------------------------------------------------------------------------------------------
# the views

def render_command(h: CommandHelp, view: str, width: int, parameters: Optional[list] = None) -> str:
    s = strings_for(h.language)
    if view == "parameter":
        return _render_parameter_view(h, parameters or [], width, s)
    if h.text is None:
        return _render_generated(h, view, width, s)
    out: list[str] = [""]
    out += [s["NAME"], "    " + h.name, ""]
    out += [s["SYNOPSIS"]] + (wrap(h.synopsis, 4, width) or ["    "]) + [""]
    if view == "examples":
        out += _examples(h, width, s)
        return _finish(out)
    out += ["", s["SYNTAX"]]
    for i, line in enumerate(h.syntax):
        if i:
            out.append("")
        out += wrap(line, 4, width, hanging=0)
    out += ["", "", s["DESCRIPTION"]]
    out += render_blocks(h.text.description, 4, width)
    out += ["", ""]
    if view in ("detailed", "full"):
        out += [s["PARAMETERS"]]
        out += _parameters(h, width, s, table=(view == "full"))
        if view == "full":
            out += _types(h, s["INPUTS"], h.text.inputs, width, s)
            out += _types(h, s["OUTPUTS"], h.text.outputs, width, s)
            if h.text.notes:
                out += [s["NOTES"], ""]
                out += render_blocks(h.text.notes, 8, width)
                out += ["", ""]
        out += _examples(h, width, s)
        out.append("")
    if view != "detailed":
        out += [s["RELATED LINKS"]]
        out += ["    " + link for link in h.text.links]
        out.append("")
    if view in ("default", "detailed"):
        out += [s["REMARKS"]]
        out += ["    " + r.format(h.name) for r in s["remarks"]]
        out.append("")
    return _finish(out)


def _finish(out: list[str]) -> str:
    while len(out) > 1 and out[-1] == "" and out[-2] == "":
        out.pop()
    return "\n".join(line.rstrip() for line in out)


def _parameters(h: CommandHelp, width: int, s: dict, table: bool) -> list[str]:
    out: list[str] = []
    params = M.own_parameters(h.md) if h.md is not None else []
    for p in params:
        out += _parameter_block(h, p, width, s, table)
        out.append("")
    if h.md is not None and h.md.common and h.show_common:
        out += ["    <CommonParameters>"] + wrap(s["common"], 8, width) + [""]
    out.append("")
    return out


def _parameter_block(h: CommandHelp, p, width: int, s: dict, table: bool) -> list[str]:
    if M.is_switch(p):
        head = f"    -{p.name} [<SwitchParameter>]"
    else:
        head = f"    -{p.name} <{M.type_display(p.type)}>"
    out = [head]
    ph = h.parameter_text(p.name)
    body: list[str] = []
    if ph is not None and ph.blocks:
        body = render_blocks(ph.blocks, 8, width)
    elif p.help:
        body = wrap(p.help, 8, width)
    out += body
    if table:
        if body:
            out.append("")
        out += _attribute_table(p, ph, s, h.defaults.get(p.name.casefold()))
    return out


def _attribute_table(p, ph: Optional[ParameterHelp], s: dict, default_text: Optional[str] = None) -> list[str]:
    labels = [s["Required?"], s["Position?"], s["Default value"], s["Accept pipeline input?"], s["Aliases"],
              s["Accept wildcard characters?"]]
    pad = max(29, max(len(x) for x in labels) + 1)
    default = ph.default if ph is not None and ph.default else (default_text or s["None"])
    if default == "None" and s["None"] != "None":
        default = s["None"]
    values = [M.parameter_required(p), M.parameter_position(p), default, M.pipeline_input(p),
              ", ".join(p.aliases) if p.aliases else s["None"],
              "true" if (ph is not None and ph.wildcards) else "false"]
    return [f"        {label.ljust(pad)}{value}" for label, value in zip(labels, values)]


def _types(h: CommandHelp, title: str, items: list, width: int, s: dict) -> list[str]:
    out = [title]
    if not items:
        out += ["    " + s["input_none"], "", ""]
        return out
    for name, blocks in items:
        out.append("    " + name)
        out += render_blocks(blocks, 8, width)
        out.append("")
    out.append("")
    return out


def _examples(h: CommandHelp, width: int, s: dict) -> list[str]:
    out: list[str] = []
    for n, ex in enumerate(h.text.examples, 1):
        title = ex.title
        low = title.casefold()
        if not (low.startswith("example") or low.startswith("beispiel")):
            title = f"{s['Example']} {n}: {title}"
        dashes = 26 if title.startswith("EXAMPLE ") and title[8:].isdigit() else 10   # comment-based help
        out.append("    " + "-" * dashes + " " + title + " " + "-" * dashes)
        out.append("")
        out += render_blocks(ex.blocks, 4, width)
        out.append("")
    return out


def _render_parameter_view(h: CommandHelp, params: list, width: int, s: dict) -> str:
    out: list[str] = [""]
    for p in params:
        out += _parameter_block(h, p, width, s, table=True)
        out.append("")
    return _finish(out)


def _render_generated(h: CommandHelp, view: str, width: int, s: dict) -> str:
    """pwsh's page for a command without help files: NAME, SYNTAX, (PARAMETERS), ALIASES, REMARKS."""
    out: list[str] = ["", s["NAME"], "    " + h.name, "", s["SYNTAX"]]
    for i, line in enumerate(h.syntax):
        if i:
            out.append("")
        out += wrap(line, 4, width)
    out += ["", ""]
    if view in ("detailed", "full"):
        out += [s["PARAMETERS"]]
        out += _parameters(h, width, s, table=(view == "full"))
    out += [s["ALIASES"]]
    out += ["    " + a for a in h.aliases] or ["    " + s["None"]]
    out += ["", "", s["REMARKS"]]
    if h.category in ("Function", "Filter", "ExternalScript"):
        out += ["    " + s["function_remarks"]]
    else:
        out += wrap(s["generated"], 4, width)
    out += ["", ""]
    return _finish(out)
