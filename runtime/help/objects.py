"""Get-Help's output objects, shaped like pwsh's help objects so that scripts can read them.

pwsh's Get-Help writes PSObjects, not text: a command page is a MamlCommandHelpInfo (written help) or an
ExtendedCmdletHelpInfo (generated from metadata) with `details`, `description`, `syntax`, `parameters`,
`examples` ... and the common notes Name, Category, Synopsis, Component, Role, Functionality; `-Parameter`
writes the `parameters.parameter` entries; an about topic is its text (a string) with those notes; a list is
HelpInfoShort entries. The format views (help/views.py) print them; a HelpObject remembers what it was built
from, so its view prints the page exactly as render.py lays it out.
"""
from __future__ import annotations

from typing import Any, Optional

from pslark.runtime.help import metadata as M
from pslark.runtime.objects import PSObject

VIEW_TOKENS = {"detailed": "DetailedView", "full": "FullView", "examples": "ExamplesView"}


class HelpObject(PSObject):
    """A help PSObject plus its source: ('command', CommandHelp, view), ('parameter', CommandHelp, Parameter),
    ('examples', CommandHelp), ('example', CommandHelp, index) or ('block', Block)."""

    __slots__ = ("source",)

    def __init__(self, properties=(), type_names: Optional[list] = None, source: Optional[tuple] = None):
        super().__init__(properties, list(type_names or []))
        self.source = source


def _obj(type_name: str, *properties, source=None) -> HelpObject:
    return HelpObject(properties, [type_name], source)


def with_view(type_names: list, view: str) -> list:
    """GetHelpCommand.TransformView: `T#FullView` (DetailedView, ExamplesView) before each type name."""
    token = VIEW_TOKENS.get(view)
    if token is None:
        return list(type_names)
    added = [f"{t}#{token}" for t in type_names if t.casefold() not in ("system.string", "system.object")]
    return added + list(type_names)


# ------------------------------------------------------------------------------------------------
# text items (MAML paragraphs and list items)

def text_item(block) -> HelpObject:
    if block.kind == "item":
        kind = "MamlOrderedListTextItem" if block.marker[:1].isdigit() else "MamlUnorderedListTextItem"
        return _obj(kind, ("Tag", block.marker + " "), ("Text", block.text), source=("block", block))
    text = block.text if block.kind == "para" else "\n".join(block.lines)
    return _obj("MamlParaTextItem", ("Text", text), source=("block", block))


def _para(text: str) -> HelpObject:
    from pslark.runtime.help.source import Block
    return text_item(Block("para", text))


def text_items(blocks: list) -> Optional[list]:
    return [text_item(b) for b in blocks] if blocks else None


# ------------------------------------------------------------------------------------------------
# command pages

def kind_of(h) -> str:
    return "MamlCommandHelpInfo" if h.text is not None else "ExtendedCmdletHelpInfo"


def base_type_names(h) -> list:
    if h.text is not None:
        return ["MamlCommandHelpInfo", "HelpInfo"]
    base = "ExtendedCmdletHelpInfo"
    return [f"{base}#{h.module}#command", f"{base}#{h.module}", base, "CmdletHelpInfo", "HelpInfo"]


def command_object(h, view: str = "default") -> HelpObject:
    """The page of a cmdlet, function or script, as Get-Help writes it for `view`."""
    kind = kind_of(h)
    text = h.text
    md = h.md
    verb, _, noun = h.name.partition("-") if "-" in h.name and h.category == "Cmdlet" else ("", "", "")
    details = [("name", h.name), ("noun", noun), ("verb", verb)]
    if h.synopsis:
        details.append(("description", [_para(h.synopsis)]))
    props: list = [("details", _obj(f"{kind}#details", *details))]
    props.append(("description", text_items(text.description) if text is not None else None))
    props.append(("syntax", _obj(f"{kind}#syntax", ("syntaxItem", _syntax_items(h, kind)))))
    props.append(("parameters", _obj(f"{kind}#parameters", ("parameter", parameter_objects(h)))))
    props.append(("inputTypes", _types(h, kind, "inputType", text.inputs if text is not None else None)))
    props.append(("returnValues", _types(h, kind, "returnValue", text.outputs if text is not None else None)))
    props.append(("aliases", "\n".join(h.aliases) if h.aliases else _none(h)))
    props.append(("remarks", _none(h)))
    props.append(("alertSet", _obj(f"{kind}#alertSet", ("alert", text_items(text.notes)))
                  if text is not None and text.notes else None))
    props.append(("examples", examples_object(h) if text is not None and text.examples else None))
    links = [_obj(f"{kind}#navigationLink", ("linkText", link), ("uri", link if "://" in link else ""))
             for link in (text.links if text is not None else [])]
    props.append(("relatedLinks", _obj(f"{kind}#relatedLinks", ("navigationLink", links)) if links else None))
    props.append(("CommonParameters", bool(md is not None and md.common)))
    props += common_notes(h.name, h.category, h.synopsis if text is not None else _generated_synopsis(h),
                          text)
    props.append(("ModuleName", h.module or ""))
    return HelpObject(props, with_view(base_type_names(h), view), ("command", h, view))


def _none(h) -> str:
    from pslark.runtime.help.strings import strings_for
    return strings_for(h.language)["None"]


def _generated_synopsis(h) -> str:
    """A command without written help: pwsh's CommandInfo.Syntax (one line per parameter set)."""
    return "\n".join(h.syntax)


def common_notes(name: str, category: str, synopsis: str, text=None) -> list:
    """HelpInfo.AddCommonHelpProperties: the notes every help object has."""
    return [("Name", name), ("Category", category), ("Synopsis", synopsis or ""),
            ("Component", getattr(text, "component", "") or ""), ("Role", getattr(text, "role", "") or ""),
            ("Functionality", getattr(text, "functionality", "") or "")]


def _syntax_items(h, kind: str) -> list:
    md = h.md
    if md is None:
        return [_obj(f"{kind}#syntaxItem", ("name", h.name), ("parameter", []))]
    items = []
    for set_name in M.parameter_sets(md):
        params, common = M.display_order(md, set_name)
        shown = [p for p in params if not (common and p.name.casefold() in M._COMMON_FOLDED)]
        items.append(_obj(f"{kind}#syntaxItem", ("name", h.name), ("CommonParameters", common),
                          ("parameter", [parameter_object(h, p, set_name) for p in shown])))
    return items


def parameter_objects(h, params: Optional[list] = None) -> list:
    """`parameters.parameter`: the documented parameters (all but the common ones), or the ones given."""
    if h.md is None:
        return []
    return [parameter_object(h, p) for p in (params if params is not None else M.own_parameters(h.md))]


def parameter_object(h, p, set_name: Optional[str] = None) -> HelpObject:
    from pslark.runtime.cmdlet import ALL_SETS
    kind = kind_of(h)
    ph = h.parameter_text(p.name)
    none = _none(h)
    if ph is not None and ph.blocks:
        description = text_items(ph.blocks)
    elif p.help:
        description = [_para(p.help)]
    else:
        description = None
    sets = [s for s in p.sets if s != ALL_SETS]
    default = ph.default if ph is not None and ph.default else h.defaults.get(p.name.casefold(), none)
    props: list = [
        ("name", p.name),
        ("required", M.parameter_required(p) if set_name is None else
         ("true" if (p.mandatory_in(set_name) if set_name != ALL_SETS else p.mandatory) else "false")),
        ("pipelineInput", M.pipeline_input(p, set_name if set_name not in (None, ALL_SETS) else None)),
        ("isDynamic", "false"),
        ("globbing", "true" if (ph is not None and ph.wildcards) else "false"),
        ("parameterSetName", ", ".join(sets) if sets else "(All)"),
        ("description", description),
    ]
    type_text = M.type_display(p.type)
    if not M.is_switch(p):
        group = M.value_group(p)
        if group:
            props.append(("parameterValueGroup", _obj(f"{kind}#parameterValueGroup",
                                                      ("parameterValue", list(group)))))
        props.append(("parameterValue", type_text))
    props.append(("type", _obj(f"{kind}#type", ("name", "SwitchParameter" if M.is_switch(p) else type_text))))
    position = M.parameter_position(p) if set_name in (None, ALL_SETS) else p.position_in(set_name)
    props.append(("position", "named" if position is None else str(position)))
    props.append(("aliases", ", ".join(p.aliases) if p.aliases else none))
    props.append(("defaultValue", default))
    return HelpObject(props, [f"{kind}#parameter"], ("parameter", h, p))


def _types(h, kind: str, item: str, entries) -> HelpObject:
    values = []
    for name, blocks in entries or []:
        values.append(_obj(f"{kind}#{item}", ("type", _obj(f"{kind}#type", ("name", name))),
                           ("description", text_items(blocks))))
    if not values:
        values.append(_obj(f"{kind}#{item}", ("type", _obj(f"{kind}#type", ("name", _none(h)))),
                           ("description", None)))
    container = "inputTypes" if item == "inputType" else "returnValues"
    return _obj(f"{kind}#{container}", (item, values[0] if len(values) == 1 else values))


def examples_object(h) -> HelpObject:
    kind = kind_of(h)
    items = []
    for n, ex in enumerate(h.text.examples):
        code = [b for b in ex.blocks if b.kind == "code"]
        remarks = [b for b in ex.blocks if b.kind != "code"]
        items.append(HelpObject([
            ("title", ex.title),
            ("introduction", [_para("PS > ")] if ex.title.startswith("EXAMPLE ") else None),
            ("code", "\n".join("\n".join(b.lines) for b in code)),
            ("remarks", text_items(remarks)),
        ], [f"{kind}#example"], ("example", h, n)))
    return HelpObject([("example", items)], [f"{kind}#examples"], ("examples", h))


# ------------------------------------------------------------------------------------------------
# about topics, aliases, lists

def about_object(name: str, text: str) -> PSObject:
    """An about topic: its text (a string) carrying the help notes; the synopsis is the 5th line, as in pwsh."""
    lines = text.splitlines()
    synopsis = lines[4].strip() if len(lines) >= 5 else ""
    obj = PSObject(common_notes(name, "HelpFile", synopsis), ["System.String", "System.Object"], base=text)
    return obj


def alias_object(name: str, target: str) -> PSObject:
    """AliasHelpInfo: what a wildcard search shows for an alias (an exact alias name shows its command)."""
    return PSObject(common_notes(name, "Alias", target), [f"AliasHelpInfo#{name}", "AliasHelpInfo", "HelpInfo"])


class HelpItem:
    """A topic in a Get-Help list (pwsh's HelpInfoShort): Name, Category, Module, Synopsis."""

    type_names = ["HelpInfoShort"]
    ps_properties = ("Name", "Category", "Module", "Synopsis", "Component", "Role", "Functionality")

    def __init__(self, name: str, category: str, module: str, synopsis: str, component: str = "", role: str = "",
                 functionality: str = ""):
        self.Name = name
        self.Category = category
        self.Module = module
        self.Synopsis = synopsis
        self.Component = component
        self.Role = role
        self.Functionality = functionality

    def ps_get(self, name: str) -> Any:
        for p in self.ps_properties:
            if p.casefold() == name.casefold():
                return getattr(self, p)
        raise AttributeError(name)

    def __str__(self):
        return self.Name
