"""Finding help: what `Get-Help <name>` means (an alias, a function, a cmdlet, a script, an about topic, a
wildcard pattern, a word to search for) and in which language (from $PSUICulture)."""
from __future__ import annotations

import os
from typing import Optional

from pslark.runtime.help import source as S
from pslark.runtime.help.render import CommandHelp, render_command
from pslark.runtime.help.strings import language_of

CATEGORY_ORDER = {"Alias": 0, "Function": 1, "Filter": 1, "Cmdlet": 2, "ExternalScript": 3, "HelpFile": 4}


def ui_culture(ctx) -> str:
    var = ctx.session.lookup("PSUICulture") if ctx is not None else None
    value = var.value if var is not None else None
    if value:
        return str(value)
    from pslark.runtime.runspace import culture_names
    return culture_names()[1]


class HelpEntry:
    """One help topic found for a name."""

    category = ""
    module = ""

    def __init__(self, name: str):
        self.name = name

    @property
    def synopsis(self) -> str:
        return ""

    def render(self, view: str, width: int, parameters=None) -> str:
        raise NotImplementedError


class CommandEntry(HelpEntry):
    def __init__(self, help_: CommandHelp):
        super().__init__(help_.name)
        self.help = help_
        self.category = help_.category
        self.module = help_.module

    @property
    def synopsis(self) -> str:
        if self.help.synopsis:
            return self.help.synopsis
        return " ".join(self.help.syntax) if self.help.md is not None else ""

    def render(self, view: str, width: int, parameters=None) -> str:
        return render_command(self.help, view, width, parameters)


class AboutEntry(HelpEntry):
    category = "HelpFile"

    def __init__(self, topic: S.AboutTopic):
        super().__init__(topic.name)
        self.topic = topic

    @property
    def synopsis(self) -> str:
        """pwsh's HelpFileHelpInfo: the 5th line of the file, trimmed."""
        lines = self.topic.text.splitlines()
        return lines[4].strip() if len(lines) >= 5 else ""

    def render(self, view: str, width: int, parameters=None) -> str:
        return self.topic.text


class AliasEntry(HelpEntry):
    """Shown in lists only; asking for an alias by its exact name shows its command's help."""

    category = "Alias"

    def __init__(self, name: str, definition: str):
        super().__init__(name)
        self.definition = definition

    @property
    def synopsis(self) -> str:
        return self.definition

    def render(self, view: str, width: int, parameters=None) -> str:
        return self.definition


# ------------------------------------------------------------------------------------------------
# building entries

def aliases_of(ctx, command_name: str) -> list[str]:
    out = []
    for key, alias in ctx.session.visible_aliases().items():
        if str(getattr(alias, "definition", "")).casefold() == command_name.casefold():
            out.append(alias.name)
    return sorted(out, key=str.casefold)


def cmdlet_entry(ctx, info, culture: str) -> CommandEntry:
    text = None
    for c in S.cultures_for(culture):
        text = S.command_help_text(info.name, c)
        if text is not None:
            break
    lang = language_of(culture)
    return CommandEntry(CommandHelp(info.name, "Cmdlet", info.metadata, text, aliases_of(ctx, info.name),
                                    module=info.module, language=lang))


def function_entry(ctx, info, culture: str) -> CommandEntry:
    from pslark.runtime.help.comments import function_help
    md = None
    try:
        from pslark.interpreter.functions import script_metadata   # the binder's view of the param block
        md = script_metadata(info.script_block, info.name)
    except Exception:   # a function whose parameters cannot be compiled still gets a page
        md = None
    text = function_help(info)
    category = "Filter" if getattr(info, "is_filter", False) else "Function"
    return CommandEntry(CommandHelp(info.name, category, md, text, aliases_of(ctx, info.name),
                                    module=getattr(info, "module", "") or "", language=language_of(culture),
                                    defaults=_defaults(getattr(info, "ast", None), getattr(info.script_block, "ast", None))))


def _defaults(*asts) -> dict:
    """The default value text of each parameter (`$Count = 1` -> '1'), from param() or `function f($a = 1)`."""
    out: dict = {}
    for node in asts:
        params = list(getattr(node, "parameters", ()) or ())
        block = getattr(getattr(node, "body", node), "param_block", None)
        if block is not None:
            params += list(block.parameters)
        for p in params:
            default = getattr(p, "default", None)
            if default is not None and getattr(default, "extent", None) is not None:
                out.setdefault(p.name.casefold(), default.extent.text)
    return out


def script_entry(ctx, path: str, culture: str) -> Optional[CommandEntry]:
    from pslark.runtime.help.comments import script_help
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except OSError:
        return None
    md = None
    sb_ast = None
    try:
        sb = ctx.engine.script_block_from_text(text, path)
        sb_ast = sb.ast
        from pslark.interpreter.functions import script_metadata
        md = script_metadata(sb, os.path.basename(path))
    except Exception:   # a script that does not parse still shows its comment help
        md = None
    name = os.path.basename(path)
    doc = script_help(text, name, sb_ast)
    return CommandEntry(CommandHelp(name, "ExternalScript", md, doc, [], language=language_of(culture),
                                    defaults=_defaults(sb_ast)))


def about_entry(name: str, culture: str, ctx=None) -> Optional[AboutEntry]:
    for c in S.cultures_for(culture):
        topic = S.about_topic(name, c)
        if topic is not None:
            return AboutEntry(topic)
    for folder in user_help_folders(ctx, culture):
        path = _about_file(folder, name)
        if path is not None:
            topic = S.read_about_topic(path)
            if topic is not None:
                return AboutEntry(topic)
    return None


def all_about_names(culture: str, ctx=None) -> list[str]:
    names: dict[str, str] = {}
    for c in S.cultures_for(culture):
        for n in S.about_names(c):
            if n.casefold() != "default":
                names.setdefault(n.casefold(), n)
    for folder in user_help_folders(ctx, culture):
        for n in _about_names_in(folder):
            names.setdefault(n.casefold(), n)
    return sorted(names.values(), key=str.casefold)


# ------------------------------------------------------------------------------------------------
# about topics installed by the user or by modules (read fresh each time: they come and go)

def user_help_root(ctx) -> str:
    """pwsh's CurrentUser help folder on Unix: $XDG_DATA_HOME/powershell/Help (~/.local/share/powershell/Help)."""
    home = getattr(getattr(ctx, "session", None), "home", None) or os.path.expanduser("~")
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    return os.path.join(data, "powershell", "Help")


def user_help_folders(ctx, culture: str) -> list[str]:
    """Where pwsh also looks for about_*.help.txt: the CurrentUser help folder and the base folders of the
    imported modules, each in the UI culture's folder, its language's folder and en-US."""
    if ctx is None:
        return []
    names = []
    if culture:
        names += [culture, culture.split("-")[0]]
    names += ["en-US", ""] if not culture else ["en-US"]
    bases = [user_help_root(ctx)]
    for module in list(getattr(ctx, "module_table", {}).values()):
        base = getattr(module, "module_base", "")
        if base:
            bases.append(base)
    out: list[str] = []
    for base in bases:
        for n in names:
            folder = os.path.join(base, n) if n else base
            if folder not in out and os.path.isdir(folder):
                out.append(folder)
    return out


def _about_names_in(folder: str) -> list[str]:
    try:
        files = os.listdir(folder)
    except OSError:
        return []
    return sorted(f[:-len(".help.txt")] for f in files
                  if f.casefold().startswith("about_") and f.casefold().endswith(".help.txt"))


def _about_file(folder: str, name: str) -> Optional[str]:
    for n in _about_names_in(folder):
        if n.casefold() == name.casefold():
            return os.path.join(folder, n + ".help.txt")
    return None


def default_entry(culture: str) -> Optional[AboutEntry]:
    return about_entry("default", culture)


# ------------------------------------------------------------------------------------------------
# lookup

def _command_for(ctx, name: str, culture: str) -> Optional[CommandEntry]:
    from pslark.runtime.cmdlet import CMDLETS
    session = ctx.session
    seen = 0
    target = name
    while seen < 10:
        alias = session.lookup_alias(target)
        if alias is None:
            break
        target = str(alias.definition)
        seen += 1
    func = session.lookup_function(target)
    if func is not None:
        entry = function_entry(ctx, func, culture)
        forward = getattr(entry.help.text, "forward_target", "") if entry.help.text is not None else ""
        if forward and forward.casefold() != target.casefold():
            # .FORWARDHELPTARGETNAME: the function's help is another command's (pwsh's `help` shows Get-Help's)
            info = CMDLETS.get(forward.casefold())
            if info is not None:
                return cmdlet_entry(ctx, info, culture)
        return entry
    info = CMDLETS.get(target.casefold())
    if info is None and "\\" in target:
        info = CMDLETS.get(target.rsplit("\\", 1)[1].casefold())
    if info is not None:
        return cmdlet_entry(ctx, info, culture)
    path = _script_path(ctx, target)
    if path is not None:
        return script_entry(ctx, path, culture)
    return None


def _script_path(ctx, name: str) -> Optional[str]:
    if not name.casefold().endswith(".ps1") and "/" not in name and not name.startswith("."):
        return None
    full = ctx.session.resolve_path(name)
    if os.path.isfile(full) and full.casefold().endswith(".ps1"):
        return full
    if os.path.isfile(full + ".ps1"):
        return full + ".ps1"
    import shutil
    found = shutil.which(name)
    if found and found.casefold().endswith(".ps1"):
        return found
    return None


def _all_entries(ctx, culture: str, with_aliases: bool = True) -> list:
    """Every named topic (lazily rendered): aliases, functions, cmdlets, about topics."""
    from pslark.runtime.cmdlet import CMDLETS
    out: list = []
    if with_aliases:
        for key, alias in ctx.session.visible_aliases().items():
            out.append(("Alias", alias.name, lambda a=alias: AliasEntry(a.name, str(a.definition))))
    for key, func in ctx.session.visible_functions().items():
        out.append(("Function", func.name, lambda f=func: function_entry(ctx, f, culture)))
    for info in CMDLETS.values():
        out.append(("Cmdlet", info.name, lambda i=info: cmdlet_entry(ctx, i, culture)))
    for n in all_about_names(culture, ctx):
        out.append(("HelpFile", n, lambda n=n: about_entry(n, culture, ctx)))
    return out


def find(ctx, name: Optional[str], categories: Optional[list] = None) -> list:
    """The entries `Get-Help name` means: one entry (show it) or several (list them); [] when none."""
    from pslark.runtime.wildcard import has_wildcard, wildcard_match
    culture = ui_culture(ctx)
    cats = {c.casefold() for c in categories} if categories else None

    def allowed(category: str) -> bool:
        if cats is None or "all" in cats:
            return True
        if category in ("Function", "Filter"):
            return bool(cats & {"function", "filter", "scriptcommand"})
        return category.casefold() in cats

    if not name:
        entry = default_entry(culture)
        return [entry] if entry is not None else []
    if not has_wildcard(name):
        if allowed("Cmdlet") or allowed("Function") or allowed("ExternalScript"):
            entry = _command_for(ctx, name, culture)
            if entry is not None and allowed(entry.category):
                return [entry]
        if allowed("HelpFile"):
            entry = about_entry(name, culture, ctx)
            if entry is not None:
                return [entry]
        pattern = f"*{name}*"
    else:
        pattern = name
    matches = []
    seen = set()
    for category, entry_name, make in _all_entries(ctx, culture, with_aliases=has_wildcard(name)):
        if not allowed(category):
            continue
        if wildcard_match(pattern, entry_name) and (category, entry_name.casefold()) not in seen:
            seen.add((category, entry_name.casefold()))
            matches.append((category, entry_name, make))
    if not matches and not has_wildcard(name):
        # last resort, as pwsh: topics whose text mentions the word (cmdlet pages, then about topics)
        word = name.casefold()
        if allowed("Cmdlet"):
            from pslark.runtime.cmdlet import CMDLETS
            for info in CMDLETS.values():
                if _page_mentions(info.name, culture, word):
                    matches.append(("Cmdlet", info.name, lambda i=info: cmdlet_entry(ctx, i, culture)))
        for n in all_about_names(culture, ctx):
            entry = about_entry(n, culture, ctx)
            if entry is not None and word in entry.topic.text.casefold() and allowed("HelpFile"):
                matches.append(("HelpFile", n, lambda e=entry: e))
    matches.sort(key=lambda m: (CATEGORY_ORDER.get(m[0], 9), m[1].casefold()))
    entries = [m[2]() for m in matches]
    return [e for e in entries if e is not None]


def _page_mentions(name: str, culture: str, word: str) -> bool:
    """Does the written help of a cmdlet (synopsis, description, parameters) mention the word?"""
    for c in S.cultures_for(culture):
        text = S.command_help_text(name, c)
        if text is None:
            continue
        parts = [text.synopsis] + [b.text for b in text.description]
        for ph in text.parameters.values():
            parts += [b.text for b in ph.blocks]
        return any(word in (part or "").casefold() for part in parts)
    return False


# ------------------------------------------------------------------------------------------------
# -Component, -Role, -Functionality

def user_defined_data(entry) -> tuple:
    """(Component, Role, Functionality) of a topic: from comment-based help; empty for the others."""
    text = getattr(getattr(entry, "help", None), "text", None)
    return tuple(getattr(text, k, "") or "" for k in ("component", "role", "functionality"))


def matches_filters(entry, filters: dict) -> bool:
    """pwsh's CommandHelpProvider.Match: each given filter must match the topic's value (wildcards allowed);
    only command topics carry these values."""
    from pslark.runtime.wildcard import wildcard_match
    if not isinstance(entry, CommandEntry):
        return False
    values = dict(zip(("component", "role", "functionality"), user_defined_data(entry)))
    for key, patterns in filters.items():
        value = values.get(key, "")
        if not value or not any(wildcard_match(p, value) for p in patterns):
            return False
    return True
