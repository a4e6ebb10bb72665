"""$ExecutionContext.InvokeCommand (CommandInvocationIntrinsics): GetCommand, GetCmdlet, ExpandString,
NewScriptBlock and InvokeScript, run in the caller's scope. Proxy functions made by [ProxyCommand]::Create
find the command they wrap with GetCommand."""
from __future__ import annotations

from typing import Any

from pslark.runtime import conversion as C


def _run(text: str, args: list = (), new_scope: bool = False) -> list:
    from pslark.runtime.types import scriptblock_create
    return scriptblock_create(text).invoke_with(list(args), new_scope=new_scope)


class CommandInvocationIntrinsics:
    type_names = ["System.Management.Automation.CommandInvocationIntrinsics", "System.Object"]
    ps_properties = ("HasErrors", "CommandNotFoundAction", "PreCommandLookupAction", "PostCommandLookupAction",
                     "LocationChangedAction")

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "haserrors":
            return False
        if key in ("commandnotfoundaction", "precommandlookupaction", "postcommandlookupaction",
                   "locationchangedaction"):
            return None
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return "System.Management.Automation.CommandInvocationIntrinsics"

    @property
    def net_methods(self) -> dict:
        return _methods()


def _get_command(name: Any, types: Any = None) -> Any:
    text = C.to_string(C.unwrap(name))
    kinds = C.to_string(C.unwrap(types)) if types is not None else "All"
    found = _run("param($n, $t) Get-Command -Name $n -CommandType $t -ErrorAction Ignore | Select-Object -First 1",
                 [text, kinds], new_scope=True)
    return found[0] if found else None


def _expand_string(value: Any) -> str:
    """The text as the inside of a double-quoted string: $variables and $(...) expand, in the caller's scope."""
    text = C.to_string(C.unwrap(value))
    out = _run('@"\n' + text + '\n"@')
    return C.to_string(out[0]) if out else ""


_METHODS = None


def _methods() -> dict:
    global _METHODS
    if _METHODS is None:
        from pslark.runtime.types import NetMethod, _methods as build
        _METHODS = build(
            NetMethod("GetCommand", ("System.Management.Automation.CommandInfo GetCommand(string commandName, "
                                     "System.Management.Automation.CommandTypes type)",
                                     "System.Management.Automation.CommandInfo GetCommand(string commandName, "
                                     "System.Management.Automation.CommandTypes type, System.Object[] arguments)"),
                      lambda s, a: _get_command(a[0], a[1])),
            NetMethod("GetCmdlet", ("System.Management.Automation.CmdletInfo GetCmdlet(string commandName)",),
                      lambda s, a: _get_command(a[0], "Cmdlet")),
            NetMethod("ExpandString", ("string ExpandString(string source)",), lambda s, a: _expand_string(a[0])),
            NetMethod("NewScriptBlock", ("scriptblock NewScriptBlock(string scriptText)",),
                      lambda s, a: __import__("pslark.runtime.types", fromlist=["scriptblock_create"])
                      .scriptblock_create(a[0])),
            NetMethod("InvokeScript", ("System.Collections.ObjectModel.Collection[psobject] InvokeScript("
                                       "string script)",
                                       "System.Collections.ObjectModel.Collection[psobject] InvokeScript("
                                       "string script, Params System.Object[] args)"),
                      lambda s, a: _run(C.to_string(C.unwrap(a[0])), list(a[1:]))),
        )
    return _METHODS


class ProviderIntrinsics:
    """$ExecutionContext.SessionState.Provider: Get(name) of the FileSystem provider (the one pslark has)."""

    type_names = ["System.Management.Automation.ProviderIntrinsics", "System.Object"]
    ps_properties = ()

    def __init__(self, home: str):
        self.home = home

    def ps_to_string(self) -> str:
        return "System.Management.Automation.ProviderIntrinsics"

    @property
    def net_methods(self) -> dict:
        return _provider_methods()


def _get_provider(intrinsics: ProviderIntrinsics, args: list) -> list:
    from pslark.runtime.errors import ProviderNotFoundException
    from pslark.runtime.paths import ProviderInfo
    name = C.to_string(C.unwrap(args[0])) if args else ""
    if name.casefold() not in ("filesystem", "microsoft.powershell.core\\filesystem"):
        raise ProviderNotFoundException(f"Cannot find a provider with the name '{name}'.",
                                        error_id="ProviderNotFound", category="ObjectNotFound", target=name)
    return [ProviderInfo(intrinsics.home)]


_PROVIDER_METHODS = None


def _provider_methods() -> dict:
    global _PROVIDER_METHODS
    if _PROVIDER_METHODS is None:
        from pslark.runtime.types import NetMethod, _methods as build
        _PROVIDER_METHODS = build(
            NetMethod("Get", ("System.Collections.ObjectModel.Collection[System.Management.Automation.ProviderInfo] "
                              "Get(string name)",), _get_provider),
            NetMethod("GetOne", ("System.Management.Automation.ProviderInfo GetOne(string name)",),
                      lambda s, a: _get_provider(s, a)[0]),
        )
    return _PROVIDER_METHODS
