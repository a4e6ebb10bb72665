"""Tab completion, independent of any user interface (pwsh's CommandCompletion.CompleteInput).

`complete_input(ctx, text, cursor)` returns a CommandCompletion: the span of `text` to replace and the
candidates, each with pwsh's ResultType (Command, Parameter, ParameterValue, Variable, Property, Method,
ProviderItem, ProviderContainer, HelpTopic). Everything comes from the same places the engine uses:
cmdlet metadata (the binder's), functions' param blocks, the session's variables, aliases and jobs, the
value layer's members, and the file system seen from the runspace's location. The REPL (interpreter/repl)
only adapts this to prompt_toolkit.

The input before the cursor is scanned with a small tolerant scanner rather than the parser: input being
typed is usually incomplete (an open quote, a half-written parameter) and must still complete.
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional


class CompletionResult:
    __slots__ = ("completion_text", "list_item_text", "result_type", "tooltip")

    def __init__(self, completion_text: str, list_item_text: Optional[str] = None, result_type: str = "Text",
                 tooltip: Optional[str] = None):
        self.completion_text = completion_text
        self.list_item_text = list_item_text if list_item_text is not None else completion_text
        self.result_type = result_type
        self.tooltip = tooltip if tooltip is not None else self.list_item_text

    def __repr__(self):
        return f"CompletionResult({self.completion_text!r}, {self.result_type})"


class CommandCompletion:
    """The text[replacement_index : replacement_index + replacement_length] is replaced by a match."""

    __slots__ = ("replacement_index", "replacement_length", "matches")

    def __init__(self, replacement_index: int, replacement_length: int, matches: list):
        self.replacement_index = replacement_index
        self.replacement_length = replacement_length
        self.matches = matches

    @property
    def texts(self) -> list[str]:
        return [m.completion_text for m in self.matches]


# ------------------------------------------------------------------------------------------------
# scanning

class Tok:
    __slots__ = ("kind", "start", "end", "text")

    def __init__(self, kind: str, start: int, end: int, text: str):
        self.kind = kind      # word | param | var | str | op | open | close | sep | comment
        self.start = start
        self.end = end
        self.text = text

    def __repr__(self):
        return f"Tok({self.kind}, {self.text!r})"


_SEPARATORS = {";", "|", "&&", "||", "\n", "="}
_VAR_CHARS = re.compile(r"[\w:?^$]")


def scan(text: str) -> list[Tok]:
    """Tokens of (possibly incomplete) PowerShell input; an unterminated string runs to the end."""
    toks: list[Tok] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in " \t\r":
            i += 1
            continue
        if c == "`" and i + 1 < n and text[i + 1] == "\n":
            i += 2
            continue
        if c == "\n":
            toks.append(Tok("sep", i, i + 1, "\n"))
            i += 1
            continue
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            toks.append(Tok("comment", i, j, text[i:j]))
            i = j
            continue
        if text.startswith("<#", i):
            j = text.find("#>", i + 2)
            j = n if j < 0 else j + 2
            toks.append(Tok("comment", i, j, text[i:j]))
            i = j
            continue
        if c in "'\"":
            j = _string_end(text, i)
            toks.append(Tok("str", i, j, text[i:j]))
            i = j
            continue
        if text.startswith(("@(", "$(", "@{"), i):
            toks.append(Tok("open", i, i + 2, text[i:i + 2]))
            i += 2
            continue
        if c in "({[":
            toks.append(Tok("open", i, i + 1, c))
            i += 1
            continue
        if c in ")}]":
            toks.append(Tok("close", i, i + 1, c))
            i += 1
            continue
        if text.startswith(("&&", "||"), i):
            toks.append(Tok("sep", i, i + 2, text[i:i + 2]))
            i += 2
            continue
        if c in ";|":
            toks.append(Tok("sep", i, i + 1, c))
            i += 1
            continue
        if c == "=" and not (toks and toks[-1].kind == "param"):
            toks.append(Tok("sep", i, i + 1, "="))
            i += 1
            continue
        if c == "," :
            toks.append(Tok("op", i, i + 1, c))
            i += 1
            continue
        if c == "$":
            j = _variable_end(text, i)
            toks.append(Tok("var", i, j, text[i:j]))
            i = j
            continue
        if c in "&." and (i + 1 >= n or text[i + 1] in " \t"):
            toks.append(Tok("op", i, i + 1, c))
            i += 1
            continue
        j = i
        while j < n and text[j] not in " \t\r\n;|(){}'\",":
            if text[j] == "`" and j + 1 < n:
                j += 2
                continue
            if text[j] == "$" and j > i:
                break
            j += 1
        if j == i:
            j = i + 1
        word = text[i:j]
        kind = "param" if word.startswith("-") and not _is_number(word) and not word.startswith("--") else "word"
        toks.append(Tok(kind, i, j, word))
        i = j
    return toks


def _string_end(text: str, i: int) -> int:
    q = text[i]
    j = i + 1
    n = len(text)
    while j < n:
        c = text[j]
        if q == '"' and c == "`":
            j += 2
            continue
        if c == q:
            if j + 1 < n and text[j + 1] == q:
                j += 2
                continue
            return j + 1
        j += 1
    return n


def _variable_end(text: str, i: int) -> int:
    n = len(text)
    j = i + 1
    if j < n and text[j] == "{":
        k = text.find("}", j)
        return n if k < 0 else k + 1
    if j < n and text[j] in "$?^_" and (j + 1 >= n or not (text[j + 1].isalnum() or text[j + 1] == "_")):
        j += 1
    else:
        while j < n and (text[j].isalnum() or text[j] in "_:?"):
            j += 1
    # member access chain: $x.Prop.Sub (stop at a call's parenthesis or an index)
    while j < n and text[j] == "." and (j + 1 >= n or text[j + 1] != "."):
        k = j + 1
        while k < n and (text[k].isalnum() or text[k] == "_"):
            k += 1
        j = k
    return j


def _is_number(word: str) -> bool:
    try:
        float(word.replace("_", ""))
        return True
    except ValueError:
        return bool(re.fullmatch(r"-?\d+(\.\d+)?(kb|mb|gb|tb|pb|l|d)?", word, re.IGNORECASE))


# ------------------------------------------------------------------------------------------------
# the entry point

def complete_input(ctx, text: str, cursor: Optional[int] = None) -> CommandCompletion:
    """What Tab offers at `cursor` (default: the end) of `text`."""
    if cursor is None:
        cursor = len(text)
    try:
        return _complete(ctx, text, cursor)
    except Exception:   # completion must never break the prompt
        if os.environ.get("PSLARK_DEBUG"):
            raise
        return CommandCompletion(cursor, 0, [])


def _complete(ctx, text: str, cursor: int) -> CommandCompletion:
    before = text[:cursor]
    toks = scan(before)
    current: Optional[Tok] = None
    if toks and toks[-1].end == cursor and toks[-1].kind not in ("sep", "open", "close", "op"):
        current = toks[-1]
    if current is not None and current.kind == "comment":
        return CommandCompletion(cursor, 0, [])
    segment = _command_segment(toks[:-1] if current is not None else toks)
    word = current.text if current is not None else ""
    start = current.start if current is not None else cursor
    empty = CommandCompletion(cursor, 0, [])

    if current is not None and current.kind == "var":
        return _complete_variable(ctx, current, cursor) or empty

    # what command are we in?
    cmd_tokens = [t for t in segment if t.kind != "comment"]
    if cmd_tokens and cmd_tokens[0].kind == "op" and cmd_tokens[0].text in "&.":
        cmd_tokens = cmd_tokens[1:]
    if not cmd_tokens:
        # command position
        if current is not None and current.kind == "str":
            return _complete_path(ctx, word, start, cursor) or empty
        if _looks_like_path(word):
            return _complete_path(ctx, word, start, cursor, commands=True) or empty
        matches = complete_command_names(ctx, word)
        return CommandCompletion(start, cursor - start, matches)
    name_tok = cmd_tokens[0]
    if name_tok.kind not in ("word", "str"):
        # an expression statement: nothing but variables and paths make sense
        if current is not None and _looks_like_path(word):
            return _complete_path(ctx, word, start, cursor) or empty
        return empty
    command_name = _unquote(name_tok.text)
    md, info = _metadata_for(ctx, command_name)
    args = cmd_tokens[1:]

    if current is not None and current.kind == "param":
        if ":" in word:
            pname, _, value = word[1:].partition(":")
            param = _find_param(md, pname)
            if param is not None:
                vstart = start + len(pname) + 2
                result = _complete_value(ctx, info, param, value, vstart, cursor)
                if result is not None:
                    return result
            return empty
        return CommandCompletion(start, cursor - start, complete_parameter_names(md, word[1:]))
    if current is None and args and args[-1].kind == "param" and ":" not in args[-1].text:
        prev_param = _find_param(md, args[-1].text[1:])
        if prev_param is not None and not prev_param.is_switch:
            result = _complete_value(ctx, info, prev_param, "", cursor, cursor)
            if result is not None:
                return result
    if current is not None and len(args) >= 1 and args[-1].kind == "param" and ":" not in args[-1].text:
        prev_param = _find_param(md, args[-1].text[1:])
        if prev_param is not None and not prev_param.is_switch:
            result = _complete_value(ctx, info, prev_param, _unquote(word), start, cursor, quoted=_quote_of(word))
            if result is not None:
                return result
    # a positional argument: the parameter it binds to, when it has known values
    if md is not None:
        position = _positional_index(md, args)
        param = _positional_parameter(md, position)
        if param is not None:
            result = _complete_value(ctx, info, param, _unquote(word), start, cursor, quoted=_quote_of(word),
                                     positional=True)
            if result is not None:
                return result
    return _complete_path(ctx, word, start, cursor) or empty


def _command_segment(toks: list[Tok]) -> list[Tok]:
    """The tokens of the command the cursor is in (after the last separator at the cursor's nesting level)."""
    stack: list[int] = []
    seg_start = 0
    starts: list[int] = []
    for i, t in enumerate(toks):
        if t.kind == "open":
            starts.append(seg_start)
            stack.append(i)
            seg_start = i + 1
        elif t.kind == "close":
            if stack:
                stack.pop()
                seg_start = starts.pop() if starts else 0
        elif t.kind == "sep":
            seg_start = i + 1
    return toks[seg_start:]


def _quote_of(word: str) -> str:
    return word[:1] if word[:1] in ("'", '"') else ""


def _unquote(text: str) -> str:
    if len(text) >= 1 and text[0] in "'\"":
        body = text[1:-1] if len(text) >= 2 and text[-1] == text[0] else text[1:]
        return body.replace(text[0] * 2, text[0])
    return text.replace("`", "")


def _looks_like_path(word: str) -> bool:
    return word.startswith(("/", "./", "../", "~", ".\\")) or word in (".", "..")


# ------------------------------------------------------------------------------------------------
# commands

def complete_command_names(ctx, prefix: str) -> list[CompletionResult]:
    from pslark.runtime.cmdlet import CMDLETS
    key = prefix.casefold()
    has_wild = any(c in prefix for c in "*?[")
    rx = None
    if has_wild:
        from pslark.runtime.wildcard import wildcard_to_regex
        rx = wildcard_to_regex(prefix if prefix.endswith("*") else prefix + "*")

    def ok(name: str) -> bool:
        return bool(rx.match(name)) if rx is not None else name.casefold().startswith(key)

    found: dict[str, CompletionResult] = {}
    session = ctx.session
    for info in CMDLETS.values():
        if ok(info.name):
            found.setdefault(info.name.casefold(), CompletionResult(info.name, info.name, "Command", info.name))
    for key_, func in session.visible_functions().items():
        if ok(func.name):
            found.setdefault(func.name.casefold(), CompletionResult(func.name, func.name, "Command", func.name))
    for key_, alias in session.visible_aliases().items():
        if ok(alias.name):
            found.setdefault(alias.name.casefold(), CompletionResult(alias.name, alias.name, "Command",
                                                                     f"{alias.name} -> {alias.definition}"))
    if prefix and not has_wild:
        for name in _executables(prefix):
            found.setdefault(name.casefold(), CompletionResult(name, name, "Command", name))
    return sorted(found.values(), key=lambda r: r.completion_text.casefold())


def _executables(prefix: str) -> list[str]:
    out = set()
    for d in os.environ.get("PATH", "").split(os.pathsep):
        try:
            for entry in os.scandir(d or "."):
                if entry.name.startswith(prefix) and entry.is_file() and os.access(entry.path, os.X_OK):
                    out.add(entry.name)
        except OSError:
            continue
    return sorted(out)


# ------------------------------------------------------------------------------------------------
# parameters

def _metadata_for(ctx, name: str):
    """(CommandMetadata or None, the resolved command info) for a command name as typed."""
    from pslark.runtime.cmdlet import CMDLETS
    session = ctx.session
    target = name
    for _ in range(10):
        alias = session.lookup_alias(target)
        if alias is None:
            break
        target = str(alias.definition)
    func = session.lookup_function(target)
    if func is not None:
        try:
            from pslark.interpreter.functions import script_metadata
            return script_metadata(func.script_block, func.name), func
        except Exception:   # a param block that does not compile has no parameters to offer
            return None, func
    info = CMDLETS.get(target.casefold())
    if info is not None:
        return info.metadata, info
    return None, None


def _find_param(md, name: str):
    if md is None or not name:
        return None
    found = md.find(name)
    return found[0] if len(found) == 1 else None


def complete_parameter_names(md, prefix: str) -> list[CompletionResult]:
    if md is None:
        return []
    from pslark.runtime.help.metadata import type_display
    key = prefix.casefold()
    out = []
    for p in md.parameters:
        if p.dont_show:
            continue
        if p.name.casefold().startswith(key):
            tip = f"[{'switch' if p.is_switch else type_display(p.type)}] {p.name}"
            out.append(CompletionResult("-" + p.name, p.name, "ParameterName", tip))
    return out


def _positional_index(md, args: list[Tok]) -> int:
    """How many positional arguments come before the one being typed."""
    count = 0
    i = 0
    while i < len(args):
        t = args[i]
        if t.kind == "param":
            if ":" not in t.text:
                p = _find_param(md, t.text[1:])
                if p is not None and not p.is_switch:
                    i += 2
                    continue
            i += 1
            continue
        if t.kind in ("word", "str", "var"):
            count += 1
        i += 1
    return count


def _positional_parameter(md, position: int):
    sets = [md.default_set] + [s for s in md.sets if s != md.default_set]
    for s in sets:
        for p in md.parameters:
            if p.in_set(s) and (p.position_in(s) if s != "__AllParameterSets" else p.position) == position:
                return p
    return None


# ------------------------------------------------------------------------------------------------
# parameter values

_JOB_CMDLETS = {"get-job", "receive-job", "wait-job", "stop-job", "remove-job", "suspend-job", "resume-job"}
_PATH_PARAMS = {"path", "literalpath", "filepath", "destination", "workingdirectory", "pspath", "outfile",
                "initializationscript_file"}


def _complete_value(ctx, info, param, prefix: str, start: int, cursor: int, quoted: str = "",
                    positional: bool = False) -> Optional[CommandCompletion]:
    values = _known_values(ctx, info, param)
    if values is None:
        pname = param.name.casefold()
        if pname in _PATH_PARAMS or (positional and pname in ("name",) and _is_location_cmd(info)):
            return _complete_path(ctx, quoted + prefix, start, cursor,
                                  directories_only=_is_location_cmd(info))
        if _is_location_cmd(info):
            return _complete_path(ctx, quoted + prefix, start, cursor, directories_only=True)
        return None
    key = prefix.casefold()
    matches = []
    for value, tip, kind in values:
        if str(value).casefold().startswith(key):
            text = str(value)
            if kind != "raw" and _needs_quotes(text):
                text = "'" + text.replace("'", "''") + "'"
            matches.append(CompletionResult(text, str(value), "ParameterValue", tip))
    return CommandCompletion(start, cursor - start, matches)


def _is_location_cmd(info) -> bool:
    name = getattr(info, "name", "")
    return isinstance(name, str) and name.casefold() in ("set-location", "push-location")


def _needs_quotes(text: str) -> bool:
    return any(c in text for c in " \t'\"`$;,|&(){}@#<>")


def _known_values(ctx, info, param) -> Optional[list]:
    """[(value, tooltip, kind)] for parameters whose values are known, else None."""
    from pslark.runtime.help.metadata import enum_values
    cmd = getattr(info, "name", "")
    cmd_key = cmd.casefold() if isinstance(cmd, str) else ""
    pname = param.name.casefold()
    if param.validate_set:
        return [(v, v, "") for v in param.validate_set]
    enum = enum_values(param.type)
    if enum:
        return [(v, v, "") for v in enum]
    t = (param.type or "").casefold()
    if t in ("bool", "system.boolean", "boolean"):
        return [("$true", "$true", "raw"), ("$false", "$false", "raw")]
    if cmd_key in _JOB_CMDLETS or (cmd_key.endswith("-job") and pname in ("id", "name", "job")):
        jobs = ctx.jobs.all_jobs() if getattr(ctx, "jobs", None) is not None else []
        if pname == "id":
            return [(str(j.id), f"{j.name} ({j.state_info.state}) {j.command.strip()}", "raw") for j in jobs]
        if pname == "name":
            return [(j.name, f"Id {j.id} ({j.state_info.state})", "") for j in jobs]
        if pname == "job":
            return [(f"(Get-Job -Id {j.id})", j.name, "raw") for j in jobs]
        if pname == "instanceid":
            return [(str(j.instance_id), j.name, "") for j in jobs]
    if cmd_key == "get-help" and pname == "name":
        return _help_topic_values(ctx)
    if cmd_key == "get-help" and pname == "parameter":
        return None
    if cmd_key in ("get-command", "get-help") or (pname == "name" and cmd_key in ("get-command",)):
        return [(r.completion_text, r.tooltip, "") for r in complete_command_names(ctx, "")]
    if pname == "name" and cmd_key in ("get-variable", "set-variable", "remove-variable", "clear-variable"):
        return [(v.name, str(type(v.value).__name__), "") for v in ctx.session.visible_variables().values()]
    if pname == "name" and cmd_key in ("get-alias", "remove-alias"):
        return [(a.name, f"{a.name} -> {a.definition}", "") for a in ctx.session.visible_aliases().values()]
    return None


def _help_topic_values(ctx) -> list:
    from pslark.runtime.cmdlet import CMDLETS
    from pslark.runtime.help.topics import all_about_names, ui_culture
    out = [(n, n, "") for n in all_about_names(ui_culture(ctx))]
    out += [(i.name, i.name, "") for i in CMDLETS.values()]
    out += [(f.name, f.name, "") for f in ctx.session.visible_functions().values()]
    return sorted(out, key=lambda v: v[0].casefold())


# ------------------------------------------------------------------------------------------------
# variables and members

_SCOPES = ("global:", "script:", "local:", "private:", "using:", "env:", "variable:")


def _complete_variable(ctx, tok: Tok, cursor: int) -> Optional[CommandCompletion]:
    text = tok.text
    sigil = "$"
    body = text[1:]
    if body.startswith("{"):
        return None
    if "." in body:
        return _complete_member(ctx, tok, cursor)
    prefix = ""
    low = body.casefold()
    for scope in _SCOPES:
        if low.startswith(scope):
            prefix, body = body[:len(scope)], body[len(scope):]
            break
    key = body.casefold()
    matches = []
    if prefix.casefold() == "env:":
        for name in sorted(os.environ, key=str.casefold):
            if name.casefold().startswith(key):
                matches.append(CompletionResult(sigil + prefix + name, name, "Variable", os.environ[name]))
        return CommandCompletion(tok.start, cursor - tok.start, matches)
    names = sorted(ctx.session.visible_variables().values(), key=lambda v: v.name.casefold())
    for var in names:
        if var.name.casefold().startswith(key):
            name = var.name
            shown = sigil + prefix + (name if re.fullmatch(r"[\w?^$:]+", name) else "{" + name + "}")
            matches.append(CompletionResult(shown, name, "Variable", _type_tip(var.value) + " " + sigil + name))
    if not prefix:
        for scope in _SCOPES[:3] + ("env:",):
            if scope.startswith(key) and key:
                matches.append(CompletionResult(sigil + scope, scope, "Variable", scope))
    return CommandCompletion(tok.start, cursor - tok.start, matches)


def _type_tip(value: Any) -> str:
    try:
        from pslark.runtime.members import type_names
        names = type_names(value) if value is not None else ["null"]
        return "[" + str(names[0]).rsplit(".", 1)[-1] + "]"
    except Exception:   # tooltip only
        return ""


def _complete_member(ctx, tok: Tok, cursor: int) -> Optional[CommandCompletion]:
    text = tok.text
    dot = text.rfind(".")
    chain = text[1:dot].split(".")
    partial = text[dot + 1:]
    var = ctx.session.get_variable(chain[0])
    if var is None:
        return None
    value = var.value
    for member in chain[1:]:
        value = _safe_member(value, member)
        if value is None:
            return None
    start = tok.start + dot + 1
    matches = complete_members(value, partial)
    return CommandCompletion(start, cursor - start, matches)


def _safe_member(value: Any, name: str) -> Any:
    """A property's value, read the way the engine reads it (never a method call)."""
    try:
        getter = getattr(value, "ps_get", None)
        if getter is not None:
            try:
                return getter(name)
            except (AttributeError, KeyError):
                pass
        from pslark.runtime.members import get_member
        return get_member(value, name)
    except Exception:   # a property that throws gives no completions, not an error
        return None


def member_list(value: Any) -> list[tuple[str, str]]:
    """[(name, 'Property'|'Method')] of a value, from the value layer (as Get-Member sees it)."""
    from pslark.runtime.objects import Hashtable, PSObject
    out: list[tuple[str, str]] = []
    seen: set = set()

    def add(name: str, kind: str):
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append((name, kind))

    try:
        from pslark.runtime import members
        for m in members.get_members(value) or []:
            if isinstance(m, (tuple, list)):
                name, mtype = str(m[0]), str(m[1]) if len(m) > 1 else "Property"
            else:
                name = str(getattr(m, "name", "") or getattr(m, "Name", ""))
                mtype = str(getattr(m, "member_type", "") or getattr(m, "MemberType", "Property"))
            add(name, "Method" if "method" in mtype.casefold() else "Property")
    except Exception:   # fall back to the declared properties below
        pass
    if isinstance(value, PSObject):
        for name in value.property_names():
            add(name, "Property")
    elif isinstance(value, Hashtable):
        for k in value.keys():
            if isinstance(k, str):
                add(k, "Property")
        for name in ("Count", "Keys", "Values"):
            add(name, "Property")
    for name in getattr(value, "ps_properties", ()) or ():
        add(name, "Property")
    if isinstance(value, str):
        add("Length", "Property")
        for m in ("Contains", "EndsWith", "IndexOf", "Replace", "Split", "StartsWith", "Substring", "ToLower",
                  "ToUpper", "Trim", "TrimEnd", "TrimStart"):
            add(m, "Method")
    elif isinstance(value, list):
        for name in ("Count", "Length"):
            add(name, "Property")
        if value:
            for name, kind in member_list(value[0]):
                add(name, kind)
    return out


def complete_members(value: Any, prefix: str) -> list[CompletionResult]:
    key = prefix.casefold()
    props = []
    methods = []
    for name, kind in member_list(value):
        if not name.casefold().startswith(key):
            continue
        if kind == "Method":
            if name.startswith(("get_", "set_", "add_", "remove_", "op_")):
                continue
            methods.append(CompletionResult(name + "(", name, "Method", name + "()"))
        else:
            props.append(CompletionResult(name, name, "Property", name))
    return sorted(props, key=lambda r: r.list_item_text.casefold()) + \
        sorted(methods, key=lambda r: r.list_item_text.casefold())


# ------------------------------------------------------------------------------------------------
# paths

def _complete_path(ctx, word: str, start: int, cursor: int, commands: bool = False,
                   directories_only: bool = False) -> Optional[CommandCompletion]:
    quote = ""
    typed = word
    if typed[:1] in ("'", '"'):
        quote = typed[0]
        typed = typed[1:]
        if typed.endswith(quote):
            typed = typed[:-1]
    typed = typed.replace("`", "") if not quote else typed
    location = ctx.session.location
    head, _, tail = typed.rpartition("/")
    if "/" in typed:
        dir_typed = head + "/"
    else:
        dir_typed = ""
    base_dir = dir_typed
    if base_dir.startswith("~"):
        base_dir = os.path.expanduser(base_dir)
    real_dir = base_dir if os.path.isabs(base_dir) else os.path.join(location, base_dir)
    try:
        entries = sorted(os.scandir(real_dir or "/"), key=lambda e: e.name.casefold())
    except OSError:
        return None
    show_hidden = tail.startswith(".")
    exact = [e for e in entries if e.name.startswith(tail)]
    if not exact:
        exact = [e for e in entries if e.name.casefold().startswith(tail.casefold())]
    matches = []
    for e in exact:
        if e.name.startswith(".") and not show_hidden:
            continue
        try:
            is_dir = e.is_dir()
        except OSError:
            is_dir = False
        if directories_only and not is_dir:
            continue
        if commands and not is_dir and not (e.name.casefold().endswith(".ps1") or os.access(e.path, os.X_OK)):
            continue
        rel = dir_typed + e.name
        if not dir_typed and not os.path.isabs(rel):
            rel = "./" + rel
        shown = rel + ("/" if is_dir else "")
        q = quote or ("'" if _needs_quotes(shown) else "")
        text = f"{q}{shown.replace(q, q * 2) if q == chr(39) else shown}{q}" if q else shown
        if q and is_dir:
            text = text[:-1] if text.endswith(q) else text   # leave the quote open so the path can go on
        kind = "ProviderContainer" if is_dir else "ProviderItem"
        matches.append(CompletionResult(text, e.name + ("/" if is_dir else ""), kind, os.path.join(real_dir, e.name)))
    return CommandCompletion(start, cursor - start, matches)
