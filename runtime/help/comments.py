"""Comment-based help (.SYNOPSIS, .DESCRIPTION, .PARAMETER, .EXAMPLE, .NOTES ...) for functions and scripts.

The parser drops comments, so help is read from the source text around the function's extent, in the
three places pwsh looks: just before the `function` keyword (at most one blank line between), at the start
of the body, and at the end of the body. A script's help is the first comment block of the file (only
comments and blank lines before it) or the last one. Parameter help can also be a comment just above the
parameter in the param() block.
"""
from __future__ import annotations

import re
from typing import Optional

from pslark.runtime.help.source import Block, CommandHelpText, Example, ParameterHelp

_KEYWORDS = ("synopsis", "description", "parameter", "example", "inputs", "outputs", "notes", "link",
             "component", "role", "functionality", "forwardhelptargetname", "forwardhelpcategory", "remotehelprunspace",
             "externalhelp")
_KEYWORD_LINE = re.compile(r"^\s*\.(" + "|".join(_KEYWORDS) + r")\b\s*(.*?)\s*$", re.IGNORECASE)


# ------------------------------------------------------------------------------------------------
# finding the comment text

def _block_comment_ending_at(text: str, end: int) -> Optional[tuple[int, str]]:
    """`<# ... #>` whose `#>` ends at `end`: (start, inner text)."""
    if not text[:end].endswith("#>"):
        return None
    start = text.rfind("<#", 0, end - 2)
    if start < 0:
        return None
    return start, text[start + 2:end - 2]


def _line_comments_ending_at(text: str, end: int) -> Optional[tuple[int, str]]:
    """Consecutive whole-line `#` comments whose last line ends at `end`: (start, text without the `#`)."""
    lines: list[str] = []
    pos = end
    start = None
    while True:
        line_start = text.rfind("\n", 0, pos) + 1
        line = text[line_start:pos]
        stripped = line.strip()
        if not stripped.startswith("#") or stripped.startswith("#>") or stripped.startswith("#requires"):
            break
        lines.append(stripped[1:])
        start = line_start
        if line_start == 0:
            break
        pos = line_start - 1
    if start is None:
        return None
    lines.reverse()
    return start, "\n".join(lines)


def comment_before(text: str, offset: int, max_blank_lines: int = 1) -> Optional[str]:
    """The help comment that ends right before `offset` (at most `max_blank_lines` blank lines between)."""
    i = offset
    newlines = 0
    while i > 0 and text[i - 1] in " \t\r\n":
        if text[i - 1] == "\n":
            newlines += 1
        i -= 1
    if newlines > max_blank_lines + 1:
        return None
    found = _block_comment_ending_at(text, i) or _line_comments_ending_at(text, i)
    return found[1] if found else None


def comment_after(text: str, offset: int, limit: Optional[int] = None) -> Optional[str]:
    """The comment that starts at `offset` after whitespace: a `<# #>` block or consecutive `#` lines."""
    n = len(text) if limit is None else limit
    i = offset
    while i < n and text[i] in " \t\r\n":
        i += 1
    if text.startswith("<#", i):
        end = text.find("#>", i + 2)
        if end < 0 or end > n:
            return None
        return text[i + 2:end]
    if text.startswith("#", i):
        lines = []
        while i < n:
            line_end = text.find("\n", i)
            if line_end < 0 or line_end > n:
                line_end = n
            stripped = text[i:line_end].strip()
            if not stripped.startswith("#"):
                break
            lines.append(stripped[1:])
            i = line_end + 1
            while i < n and text[i] in " \t\r":
                i += 1
        return "\n".join(lines)
    return None


# ------------------------------------------------------------------------------------------------
# parsing the keywords

def parse_comment_help(comment: Optional[str], name: str) -> Optional[CommandHelpText]:
    """The help in a comment, or None when the comment has no help keyword (then it is not help)."""
    if not comment:
        return None
    sections: list[tuple[str, str, list[str]]] = []
    for line in comment.splitlines():
        m = _KEYWORD_LINE.match(line)
        if m:
            sections.append((m.group(1).casefold(), m.group(2), []))
        elif sections:
            sections[-1][2].append(line.rstrip())
    if not sections:
        return None
    doc = CommandHelpText(name)
    for keyword, arg, lines in sections:
        body = _dedent(lines)
        if keyword == "synopsis":
            doc.synopsis = " ".join(s.strip() for s in body if s.strip())
        elif keyword == "description":
            doc.description = _paragraphs(body)
        elif keyword == "parameter" and arg:
            doc.parameters[arg.casefold()] = ParameterHelp(arg, _paragraphs(body))
        elif keyword == "example":
            doc.examples.append(_example(len(doc.examples) + 1, body))
        elif keyword in ("inputs", "outputs"):
            target = doc.inputs if keyword == "inputs" else doc.outputs
            first = next((s.strip() for s in body if s.strip()), "")
            rest = body[body.index(next(s for s in body if s.strip())) + 1:] if first else []
            target.append((first, _paragraphs(rest)))
        elif keyword == "notes":
            doc.notes = _paragraphs(body)
        elif keyword == "link":
            doc.links += [s.strip() for s in ([arg] if arg else []) + body if s.strip()]
        elif keyword in ("component", "role", "functionality"):
            setattr(doc, keyword, " ".join(s.strip() for s in ([arg] if arg else []) + body if s.strip()))
        elif keyword == "forwardhelptargetname":
            doc.forward_target = arg or next((s.strip() for s in body if s.strip()), "")
        elif keyword == "forwardhelpcategory":
            doc.forward_category = arg or next((s.strip() for s in body if s.strip()), "")
    return doc


def _dedent(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    indents = [len(s) - len(s.lstrip()) for s in lines if s.strip()]
    cut = min(indents) if indents else 0
    return [s[cut:] for s in lines]


def _paragraphs(lines: list[str]) -> list:
    blocks: list[Block] = []
    para: list[str] = []
    for line in lines + [""]:
        if line.strip():
            para.append(line.strip())
        elif para:
            blocks.append(Block("para", " ".join(para)))
            para = []
    return blocks


def _example(n: int, lines: list[str]) -> Example:
    code = [s for s in lines]
    blocks: list[Block] = []
    if code:
        first = code[0].strip()
        blocks.append(Block("code", lines=["PS > " + first]))
        rest = _dedent(code[1:])
        if rest:
            blocks.append(Block("code", lines=rest))
    return Example(f"EXAMPLE {n}", blocks)


# ------------------------------------------------------------------------------------------------
# functions and scripts

def function_help(info) -> Optional[CommandHelpText]:
    """Comment-based help of a FunctionInfo (its definition AST, or its script block when defined otherwise)."""
    ast = getattr(info, "ast", None)
    sb = getattr(info, "script_block", None)
    body = getattr(ast, "body", None) if ast is not None else getattr(sb, "ast", None)
    if body is None:
        return None
    text = body.extent.source.text
    name = info.name
    candidates = []
    if ast is not None and hasattr(ast, "body"):
        candidates.append(comment_before(text, ast.extent.start))
    candidates.append(comment_after(text, body.extent.start, body.extent.end))
    candidates.append(comment_before(text, body.extent.end, max_blank_lines=10 ** 6))
    for comment in candidates:
        doc = parse_comment_help(comment, name)
        if doc is not None:
            _parameter_comments(doc, body)
            return doc
    return None


def script_help(text: str, name: str, sb_ast=None) -> Optional[CommandHelpText]:
    """Help of a script file: its first comment block (after blank lines and comments only) or its last one."""
    comment = comment_after(text, 0)
    doc = parse_comment_help(comment, name)
    if doc is None:
        end = len(text.rstrip())
        doc = parse_comment_help(comment_before(text, end, max_blank_lines=10 ** 6), name)
    if doc is not None and sb_ast is not None:
        _parameter_comments(doc, sb_ast)
    return doc


def _parameter_comments(doc: CommandHelpText, body) -> None:
    """`# text` just above a parameter in param() describes it, unless .PARAMETER already did."""
    block = getattr(body, "param_block", None)
    if block is None:
        return
    text = body.extent.source.text
    for p in block.parameters:
        if p.name.casefold() in doc.parameters:
            continue
        comment = comment_before(text, p.extent.start, max_blank_lines=0)
        if comment and not _KEYWORD_LINE.match(comment.splitlines()[0] if comment else ""):
            doc.parameters[p.name.casefold()] = ParameterHelp(p.name, _paragraphs(_dedent(comment.splitlines())))
