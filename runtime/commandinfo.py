"""CommandInfo objects for aliases, external scripts and native applications (cmdlets: runtime.cmdlet)."""
from __future__ import annotations

import os


class AliasInfo:
    type_names = ["System.Management.Automation.AliasInfo", "System.Management.Automation.CommandInfo",
                  "System.Object"]
    ps_properties = ("HelpUri", "ResolvedCommandName", "DisplayName", "ReferencedCommand", "ResolvedCommand",
                     "Definition", "Options", "Description", "OutputType", "Name", "CommandType", "Source",
                     "Version", "Visibility", "ModuleName", "Module", "RemotingCapability", "Parameters",
                     "ParameterSets")
    command_type = "Alias"

    def __init__(self, name: str, definition: str, description: str = "", options: frozenset = frozenset()):
        self.name = name
        self.definition = definition
        self.description = description
        self.options = options

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "commandtype":
            return "Alias"
        if key == "name":
            return self.name
        if key == "displayname":
            return f"{self.name} -> {self.definition}"
        if key in ("definition", "referencedcommand", "resolvedcommandname", "resolvedcommand"):
            return self.definition
        if key in ("version", "source", "modulename", "helpuri"):
            return ""
        if key == "description":
            return self.description
        if key == "options":
            order = ("ReadOnly", "Constant", "Private", "AllScope")
            opts = [o for o in order if o in self.options]
            return ", ".join(opts) if opts else "None"
        if key == "visibility":
            return "Public"
        if key in ("module", "outputtype", "parameters", "parametersets", "remotingcapability"):
            return None
        raise AttributeError(name)

    def __str__(self):
        return self.name


class _PathCommandInfo:
    """A command that is a file: a script (ExternalScript) or a native program (Application)."""

    command_type = ""
    version = ""
    ps_properties = ("CommandType", "Name", "Version", "Source")

    def __init__(self, path: str):
        self.path = path
        self.name = os.path.basename(path)

    def ps_get(self, name: str):
        key = name.casefold()
        values = {"commandtype": self.command_type, "name": self.name, "version": self.version, "source": self.path,
                  "path": self.path, "definition": self.path}
        if key not in values:
            raise AttributeError(name)
        return values[key]


class ExternalScriptInfo(_PathCommandInfo):
    command_type = "ExternalScript"
    type_names = ["System.Management.Automation.ExternalScriptInfo", "System.Management.Automation.CommandInfo",
                  "System.Object"]

    def __str__(self):
        return self.path


class ApplicationInfo(_PathCommandInfo):
    command_type = "Application"
    version = "0.0.0.0"
    type_names = ["System.Management.Automation.ApplicationInfo", "System.Management.Automation.CommandInfo",
                  "System.Object"]

    def __str__(self):
        return self.name
