"""Get-Help: pages generated from cmdlet metadata plus pslark's written help, about topics,
comment-based help of functions and scripts, in the language of $PSUICulture. It writes pwsh's help objects
(help/objects.py); their views print the pages."""
from __future__ import annotations

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import ArgumentException, PSException, SystemException

CORE = "Microsoft.PowerShell.Core"
CATEGORIES = ("Alias", "Cmdlet", "Provider", "General", "FAQ", "Glossary", "HelpFile", "ScriptCommand", "Function",
              "Filter", "ExternalScript", "All", "DefaultHelp", "DscResource", "Class", "Configuration")


class HelpNotFoundException(SystemException):
    dotnet_type = "System.Management.Automation.HelpNotFoundException"


@cmdlet("Get-Help", default_set="AllUsersView", module=CORE)
class GetHelp(Cmdlet):
    name = Parameter("string", position=0, by_property_name=True)
    path = Parameter("string")
    category = Parameter("string[]", validate_set=CATEGORIES)
    detailed = Parameter("switch", mandatory=True, sets=("DetailedView",))
    full = Parameter("switch", sets=("AllUsersView",))
    examples = Parameter("switch", mandatory=True, sets=("Examples",))
    parameter = Parameter("string[]", mandatory=True, sets=("Parameters",))
    component = Parameter("string[]")
    functionality = Parameter("string[]")
    role = Parameter("string[]")
    online = Parameter("switch", mandatory=True, sets=("Online",))
    show_window = Parameter("switch", mandatory=True, sets=("ShowWindow",))

    def process_record(self):
        from pslark.runtime.help import objects as O
        from pslark.runtime.help import topics
        from pslark.runtime.help import views  # noqa: F401  (registers the help views)
        from pslark.runtime.wildcard import has_wildcard
        name = self.name if self.name not in (None, "") else None
        filters = {k: [str(v) for v in getattr(self, k)] for k in ("component", "role", "functionality")
                   if getattr(self, k)}
        if name is None and filters:
            name = "*"
        entries = topics.find(self.ctx, name, list(self.category) if self.category else None)
        if filters:
            entries = [e for e in entries if topics.matches_filters(e, filters)]
        try:
            if not entries:
                if name is None or not has_wildcard(name):
                    msg = f"Get-Help could not find {name} in a help file in this session."
                    exc = HelpNotFoundException(msg)
                    self.write_error(self.error_record(msg, "HelpNotFound", "ResourceUnavailable", name, exc))
                return
            if len(entries) > 1:
                for e in entries:
                    if self.parameter and not self._parameters_of(e):
                        continue
                    self.write_object(O.HelpItem(e.name, e.category, e.module, e.synopsis,
                                                 *topics.user_defined_data(e)))
                return
            self._show(entries[0])
        finally:
            self.write_progress_completed()

    def write_progress_completed(self) -> None:
        """pwsh's Get-Help ends every search with a Completed progress record (HelpSystem_OnComplete)."""
        from pslark.runtime.records import ProgressRecord
        self.write_progress(ProgressRecord("Get-Help", "Completed", activity_id=0, completed=True))

    def _parameters_of(self, entry) -> list:
        from pslark.runtime.help import metadata as M
        from pslark.runtime.help.topics import CommandEntry
        if not isinstance(entry, CommandEntry) or entry.help.md is None:
            return []
        return M.find_parameters(entry.help.md, [str(p) for p in self.parameter])

    def _show(self, entry) -> None:
        from pslark.runtime.help import objects as O
        from pslark.runtime.help.topics import AboutEntry, AliasEntry, CommandEntry
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
        if self.parameter:
            params = self._parameters_of(entry)
            if not params:
                self._no_parameter(entry.name)
                return
            for p in params:
                self.write_object(O.parameter_object(entry.help, p))
            return
        if self.show_window:
            viewer = getattr(self.ctx.host, "show_help_window", None)
            if viewer is not None:
                try:
                    wide = max(40, self.ctx.host.width - 4)
                    if viewer(entry.name, entry.render(view, wide)):
                        return
                except Exception:   # no viewer after all (no terminal): print the help instead, as below
                    pass
        if isinstance(entry, CommandEntry):
            self.write_object(O.command_object(entry.help, view))
        elif isinstance(entry, AboutEntry):
            self.write_object(O.about_object(entry.name, entry.topic.text))
        elif isinstance(entry, AliasEntry):
            self.write_object(O.alias_object(entry.name, entry.definition))

    def _no_parameter(self, target) -> None:
        text = ", ".join(str(p) for p in self.parameter)
        msg = f"No parameter matches criteria {text}."
        self.write_error(self.error_record(msg, "NoParmsFound", "InvalidArgument", target, ArgumentException(msg)))
