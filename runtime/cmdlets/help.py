"""Get-Help (alias `help`): pages generated from cmdlet metadata plus pslark's written help, about topics,
comment-based help of functions and scripts, in the language of $PSUICulture."""
from __future__ import annotations

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import PSException, SystemException

CORE = "Microsoft.PowerShell.Core"
CATEGORIES = ("Alias", "Cmdlet", "Provider", "General", "FAQ", "Glossary", "HelpFile", "ScriptCommand", "Function",
              "Filter", "ExternalScript", "All", "DefaultHelp", "DscResource", "Class", "Configuration")


class HelpNotFoundException(SystemException):
    dotnet_type = "System.Management.Automation.HelpNotFoundException"


class HelpItem:
    """A topic in a Get-Help list (pwsh's HelpInfoShort): Name, Category, Module, Synopsis."""

    type_names = ["HelpInfoShort", "System.Management.Automation.PSCustomObject", "System.Object"]
    ps_properties = ("Name", "Category", "Module", "Synopsis")

    def __init__(self, name: str, category: str, module: str, synopsis: str):
        self.Name = name
        self.Category = category
        self.Module = module
        self.Synopsis = synopsis

    def ps_get(self, name: str):
        for p in self.ps_properties:
            if p.casefold() == name.casefold():
                return getattr(self, p)
        raise AttributeError(name)

    def __str__(self):
        return self.Name


@cmdlet("Get-Help", aliases=("help",), default_set="AllUsersView", module=CORE)
class GetHelp(Cmdlet):
    name = Parameter("string", position=0, by_property_name=True)
    path = Parameter("string")
    category = Parameter("string[]", validate_set=CATEGORIES)
    full = Parameter("switch", sets=("AllUsersView",))
    detailed = Parameter("switch", mandatory=True, sets=("DetailedView",))
    examples = Parameter("switch", mandatory=True, sets=("Examples",))
    parameter = Parameter("string[]", mandatory=True, sets=("Parameters",))
    component = Parameter("string[]")
    functionality = Parameter("string[]")
    role = Parameter("string[]")
    online = Parameter("switch", mandatory=True, sets=("Online",))
    show_window = Parameter("switch", mandatory=True, sets=("ShowWindow",))

    def process_record(self):
        from pslark.runtime.help import topics
        name = self.name if self.name not in (None, "") else None
        entries = topics.find(self.ctx, name, list(self.category) if self.category else None)
        if not entries:
            msg = f"Get-Help could not find {name} in a help file in this session."
            exc = HelpNotFoundException(msg)
            self.write_error(self.error_record(msg, "HelpNotFound", "ResourceUnavailable", name, exc))
            return
        if len(entries) == 1 and isinstance(entries[0], topics.AliasEntry):
            resolved = topics.find(self.ctx, entries[0].definition)
            if resolved:
                entries = resolved
        if len(entries) > 1:
            for e in entries:
                self.write_object(HelpItem(e.name, e.category, e.module, e.synopsis))
            return
        self._show(entries[0])

    def _show(self, entry) -> None:
        from pslark.runtime.help import metadata as M
        from pslark.runtime.help.topics import CommandEntry
        width = max(40, self.ctx.host.width - 1)
        if self.online:
            msg = (f"pslark has no online help. Its help is built in: type \"Get-Help {entry.name} -Full\" or "
                   f"\"Get-Help {entry.name} -ShowWindow\".")
            self.write_error(self.error_record(msg, "InvalidOperation", "InvalidOperation", entry.name,
                                               PSException(msg)))
            return
        view = "default"
        if self.full or self.show_window:
            view = "full"
        elif self.detailed:
            view = "detailed"
        elif self.examples:
            view = "examples"
        params = None
        if self.parameter:
            if not isinstance(entry, CommandEntry) or entry.help.md is None:
                self._no_parameter()
                return
            params = M.find_parameters(entry.help.md, [str(p) for p in self.parameter])
            if not params:
                self._no_parameter()
                return
            view = "parameter"
        if self.show_window:
            viewer = getattr(self.ctx.host, "show_help_window", None)
            if viewer is not None:
                try:
                    wide = max(40, self.ctx.host.width - 4)
                    if viewer(entry.name, entry.render(view, wide)):
                        return
                except Exception:   # no viewer after all (no terminal): print the text instead, as below
                    pass
        self.write_object(entry.render(view, width, params))

    def _no_parameter(self) -> None:
        text = ", ".join(str(p) for p in self.parameter)
        msg = f"No parameter matches criteria {text}."
        self.write_error(self.error_record(msg, "NoParmsFound", "ObjectNotFound", text, PSException(msg)))
