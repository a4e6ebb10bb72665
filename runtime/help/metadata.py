"""What help and tab completion read from command metadata: parameter sets in pwsh's display order, type
names as pwsh writes them in SYNTAX, enum values, and the SYNTAX lines themselves.

Everything here is generated from runtime.cmdlet.CommandMetadata, the same metadata the binder uses, so a
cmdlet added later gets a correct SYNTAX without anyone writing it down.
"""
from __future__ import annotations

from typing import Iterable, Optional

from pslark.runtime.cmdlet import ALL_SETS, COMMON_PARAMETERS, CommandMetadata, Parameter

COMMON_NAMES = tuple(p.name for p in COMMON_PARAMETERS)
_COMMON_FOLDED = frozenset(n.casefold() for n in COMMON_NAMES)

# pwsh shows these type accelerators in lower case; anything else keeps its (namespace-free) spelling.
_ACCELERATORS = {
    "int": "int", "int32": "int", "system.int32": "int", "long": "long", "int64": "long", "system.int64": "long",
    "string": "string", "system.string": "string", "bool": "bool", "boolean": "bool", "system.boolean": "bool",
    "double": "double", "system.double": "double", "float": "float", "single": "float", "decimal": "decimal",
    "char": "char", "system.char": "char", "byte": "byte", "system.byte": "byte", "datetime": "datetime",
    "system.datetime": "datetime", "timespan": "timespan", "system.timespan": "timespan", "guid": "guid",
    "system.guid": "guid", "version": "version", "system.version": "version", "hashtable": "hashtable",
    "system.collections.hashtable": "hashtable", "scriptblock": "scriptblock",
    "system.management.automation.scriptblock": "scriptblock", "psobject": "psobject",
    "system.management.automation.psobject": "psobject", "pscustomobject": "pscustomobject", "regex": "regex",
    "uri": "uri", "xml": "xml", "type": "type", "array": "array", "pscredential": "pscredential",
    "securestring": "securestring", "ipaddress": "ipaddress", "ordered": "ordered", "switch": "switch",
    "object": "Object", "system.object": "Object", "bigint": "bigint", "sbyte": "sbyte", "short": "short",
    "ushort": "ushort", "uint": "uint", "ulong": "ulong", "cultureinfo": "cultureinfo", "encoding": "Encoding",
}


def enum_values(type_name: str) -> Optional[tuple]:
    """The names of an enum parameter type (JobState, ActionPreference ...), else None."""
    if not isinstance(type_name, str):
        return None
    key = type_name.casefold().strip()
    if key.endswith("[]"):
        key = key[:-2]
    key = key.rsplit(".", 1)[-1]
    if key == "jobstate":
        from pslark.runtime.jobs.model import JOB_STATES
        return tuple(JOB_STATES)
    if key == "actionpreference":
        from pslark.runtime.cmdlet import ACTION_PREFERENCES
        return tuple(ACTION_PREFERENCES)
    return _KNOWN_ENUMS.get(key)


_KNOWN_ENUMS = {
    "psmembertypes": ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "Properties",
                      "PropertySet", "Method", "CodeMethod", "ScriptMethod", "Methods", "ParameterizedProperty",
                      "MemberSet", "Event", "Dynamic", "InferredProperty", "All"),
    "scopeditemoptions": ("None", "ReadOnly", "Constant", "Private", "AllScope", "Unspecified"),
    "commandtypes": ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script",
                     "Configuration", "All"),
    "helpcategory": ("Alias", "Cmdlet", "Provider", "General", "FAQ", "Glossary", "HelpFile", "ScriptCommand",
                     "Function", "Filter", "ExternalScript", "All", "DefaultHelp", "DscResource", "Class",
                     "Configuration"),
}


def type_display(type_name: str) -> str:
    """A parameter type as pwsh's SYNTAX writes it: `int[]`, `string`, `Object[]`, `Job[]`, `JobState`."""
    text = (type_name or "object").strip()
    suffix = ""
    while text.endswith("[]"):
        suffix += "[]"
        text = text[:-2]
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    key = text.casefold()
    if key in _ACCELERATORS:
        return _ACCELERATORS[key] + suffix
    short = text.rsplit(".", 1)[-1]
    return short + suffix


def is_switch(p: Parameter) -> bool:
    return p.is_switch or (p.type or "").casefold() in ("switch", "[switch]")


def value_group(p: Parameter) -> Optional[tuple]:
    """ValidateSet values, else an enum's names: what help shows as `{A | B | C}`."""
    if p.validate_set:
        return tuple(p.validate_set)
    return enum_values(p.type)


def parameter_sets(md: CommandMetadata) -> list[str]:
    """Parameter set names in pwsh's order: the default set first, then the others as declared."""
    sets = [s for s in md.sets if s != ALL_SETS]
    if not sets:
        return [ALL_SETS]
    default = md.default_set if md.default_set in sets else sets[0]
    return [default] + [s for s in sets if s != default]


def parameters_in_set(md: CommandMetadata, set_name: str, include_common: bool = True) -> list[Parameter]:
    out = []
    for p in md.parameters:
        if p.dont_show:
            continue
        if not include_common and p.name.casefold() in _COMMON_FOLDED:
            continue
        if set_name == ALL_SETS or p.in_set(set_name):
            out.append(p)
    return out


def display_order(md: CommandMetadata, set_name: str) -> tuple[list[Parameter], bool]:
    """(parameters, common) in pwsh's GenerateParametersInDisplayOrder: positional by position, then named
    mandatory, then named optional; `common` when every common parameter is present (shown as one
    `[<CommonParameters>]`)."""
    positional: dict[int, Parameter] = {}
    mandatory: list[Parameter] = []
    named: list[Parameter] = []
    common: list[Parameter] = []
    for p in parameters_in_set(md, set_name):
        pos = p.position_in(set_name) if set_name != ALL_SETS else p.position
        if pos is not None and not is_switch(p):
            positional.setdefault(pos, p)
        elif p.mandatory_in(set_name) if set_name != ALL_SETS else p.mandatory:
            mandatory.append(p)
        elif p.name.casefold() in _COMMON_FOLDED:
            common.append(p)
        else:
            named.append(p)
    ordered = [positional[k] for k in sorted(positional)] + mandatory + named
    has_common = len(common) == len(COMMON_NAMES)
    if not has_common:
        ordered += common
    return ordered, has_common


def syntax_parameter(p: Parameter, set_name: str, value_groups: bool = True) -> str:
    """One parameter in SYNTAX notation: `[[-Id] <int[]>]`, `-Name <string[]>`, `[-Force]`, `{A | B}`."""
    mandatory = p.mandatory_in(set_name) if set_name != ALL_SETS else p.mandatory
    position = p.position_in(set_name) if set_name != ALL_SETS else p.position
    if is_switch(p):
        return f"-{p.name}" if mandatory else f"[-{p.name}]"
    group = value_group(p) if value_groups else None
    if group:
        value = "{" + " | ".join(group) + "}"
    else:
        value = f"<{type_display(p.type)}>"
    name = f"[-{p.name}]" if position is not None else f"-{p.name}"
    text = f"{name} {value}"
    return text if mandatory else f"[{text}]"


def syntax_lines(name: str, md: CommandMetadata, value_groups: bool = True) -> list[str]:
    """One line per parameter set: `Get-Job [[-Id] <int[]>] [-IncludeChildJob] ... [<CommonParameters>]`."""
    lines = []
    for set_name in parameter_sets(md):
        params, common = display_order(md, set_name)
        parts = [name] + [syntax_parameter(p, set_name, value_groups) for p in params]
        if common:
            parts.append("[<CommonParameters>]")
        lines.append(" ".join(parts))
    return lines


def pipeline_input(p: Parameter, set_name: Optional[str] = None) -> str:
    """'false', 'True (ByValue)', 'True (ByPropertyName)' or 'True (ByValue, ByPropertyName)'."""
    sets = [set_name] if set_name else ([s for s in p.sets if s != ALL_SETS] or [ALL_SETS])
    by_value = any(p.pipeline_in(s) if s != ALL_SETS else p.pipeline for s in sets)
    by_name = any(p.by_property_name_in(s) if s != ALL_SETS else p.by_property_name for s in sets)
    kinds = [k for k, on in (("ByValue", by_value), ("ByPropertyName", by_name)) if on]
    return f"True ({', '.join(kinds)})" if kinds else "false"


def parameter_position(p: Parameter) -> str:
    positions = {p.position_in(s) if s != ALL_SETS else p.position for s in p.sets}
    positions.discard(None)
    if not positions:
        return "named"
    return str(min(positions))


def parameter_required(p: Parameter) -> str:
    sets = list(p.sets)
    values = {p.mandatory_in(s) if s != ALL_SETS else p.mandatory for s in sets}
    if values == {True}:
        return "true"
    if True in values:
        return "true (" + ", ".join(s for s in sets if p.mandatory_in(s)) + "), false (" + \
            ", ".join(s for s in sets if not p.mandatory_in(s)) + ")"
    return "false"


def own_parameters(md: CommandMetadata) -> list[Parameter]:
    """The parameters a help page documents (no common parameters, no hidden ones), in declaration order."""
    return [p for p in md.parameters if not p.dont_show and p.name.casefold() not in _COMMON_FOLDED]


def find_parameters(md: CommandMetadata, patterns: Iterable[str]) -> list[Parameter]:
    from pslark.runtime.wildcard import wildcard_match
    out: list[Parameter] = []
    params = [p for p in md.parameters if not p.dont_show]
    for pattern in patterns:
        for p in params:
            if wildcard_match(pattern, p.name) and p not in out:
                out.append(p)
    return out
