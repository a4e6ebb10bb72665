"""CommandInfo objects for aliases, external scripts and native applications (cmdlets: runtime.cmdlet)."""
from __future__ import annotations

import os


class AliasInfo:
    type_names = ["System.Management.Automation.AliasInfo", "System.Management.Automation.CommandInfo",
                  "System.Object"]
    ps_properties = ("CommandType", "Name", "Version", "Source")

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
            return f"{self.name} -> {self.definition}"
        if key in ("definition", "referencedcommand", "resolvedcommandname"):
            return self.definition
        if key in ("version", "source"):
            return ""
        if key == "description":
            return self.description
        if key == "options":
            return ", ".join(sorted(self.options)) if self.options else "None"
        raise AttributeError(name)

    def __str__(self):
        return self.name


class ExternalScriptInfo:
    type_names = ["System.Management.Automation.ExternalScriptInfo", "System.Management.Automation.CommandInfo",
                  "System.Object"]
    ps_properties = ("CommandType", "Name", "Version", "Source")

    def __init__(self, path: str):
        self.path = path
        self.name = os.path.basename(path)

    def ps_get(self, name: str):
        key = name.casefold()
        return {"commandtype": "ExternalScript", "name": self.name, "version": "", "source": self.path,
                "path": self.path, "definition": self.path}[key]

    def __str__(self):
        return self.path


class ApplicationInfo:
    type_names = ["System.Management.Automation.ApplicationInfo", "System.Management.Automation.CommandInfo",
                  "System.Object"]
    ps_properties = ("CommandType", "Name", "Version", "Source")

    def __init__(self, path: str):
        self.path = path
        self.name = os.path.basename(path)

    def ps_get(self, name: str):
        key = name.casefold()
        return {"commandtype": "Application", "name": self.name, "version": "0.0.0.0", "source": self.path,
                "path": self.path, "definition": self.path}[key]

    def __str__(self):
        return self.name
