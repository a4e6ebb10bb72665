"""The session-state providers behind the Env:, Variable:, Alias: and Function: drives (pwsh's
EnvironmentProvider, VariableProvider, AliasProvider and FunctionProvider over SessionStateProviderBase).

Each drive is a flat table of named items; the *-Item, *-ChildItem and *-Content cmdlets and Test-Path reach
it through a `drive:name` path and ask the provider to list, get, set, create or remove an item.
"""
from __future__ import annotations

import os
from typing import Any, Optional

from pslark.runtime.errors import (
    ItemNotFoundException, PSArgumentException, SessionStateUnauthorizedAccessException,
)
from pslark.runtime.shouldprocess import Operation


def provider_operations(provider: Optional[str] = None) -> dict:
    """SessionStateProviderBaseStrings.resx: what -WhatIf and -Confirm show for a session-state item, asked
    inside the provider's SetItem, RemoveItem ... call."""
    texts = {"set": ("Set Item", "Item: {0} Value: {1}", "SetItem"),
             "clear": ("Clear Item", "Item: {0}", "ClearItem"),
             "remove": ("Remove Item", "Item: {0}", "RemoveItem"),
             "new": ("New Item", "Item: {0} Type: {1} Value: {2}", "NewItem"),
             "copy": ("Copy Item", "Item: {0} Destination: {1}", "CopyItem"),
             "rename": ("Rename Item", "Item: {0} NewName: {1}", "RenameItem")}
    return {key: Operation(action, target, call, provider) for key, (action, target, call) in texts.items()}


OPERATIONS = provider_operations()


class SessionStateProvider:
    """A flat table of named items shown as a drive."""

    name = ""               # the provider: "Environment"
    drive = ""              # the drive: "Env"
    case_sensitive = False  # are item names matched exactly (environment variables on Unix)?

    def __init__(self):
        self.operations = provider_operations(self.name)

    # ---- what each provider supplies
    def table(self, ctx) -> dict:
        """name -> item, as the session sees it now (the scoped drives: what the current scope sees)."""
        visible = getattr(ctx.session, "visible_" + self.scope_table)()
        return {entry.name: entry for key, entry in visible.items() if not key.startswith("\x00")}

    def write(self, ctx, name: str, value: Any, force: bool) -> Any:
        """SetSessionStateItem: create or change the item; returns it."""
        raise NotImplementedError

    # the scope table holding a scoped drive's items, and SessionStateStrings' refusals ({0}: the item's name)
    scope_table = ""
    not_removable = ("", "")
    not_writable = ("", "")

    def delete(self, ctx, name: str, force: bool) -> None:
        """RemoveSessionStateItem: from the nearest scope that has it; a constant item (or a read-only one
        without -Force) stays."""
        key = name.casefold()
        for scope in ctx.session.iter_scopes():
            table = getattr(scope, self.scope_table)
            entry = table.get(key)
            if entry is not None:
                self.check_options(entry, force, self.not_removable)
                del table[key]
                return

    @staticmethod
    def check_options(entry: Any, force: bool, refusal: tuple) -> None:
        options = getattr(entry, "options", None) or frozenset()
        if "Constant" in options or ("ReadOnly" in options and not force):
            message, error_id = refusal
            raise SessionStateUnauthorizedAccessException(message.format(entry.name), error_id=error_id,
                                                          category="WriteError", target=entry.name)

    def value_of(self, item: Any) -> Any:
        """GetValueOfItem: what Get-Content reads and Copy-Item copies."""
        return item

    # ---- shared behaviour
    @property
    def qualified_name(self) -> str:
        return "Microsoft.PowerShell.Core\\" + self.name

    def items(self, ctx) -> list:
        """(name, item) pairs sorted as GetChildItems sorts them (culture, ignoring case)."""
        return sorted(self.table(ctx).items(), key=lambda kv: (kv[0].casefold(), kv[0]))

    def get(self, ctx, name: str) -> Optional[Any]:
        table = self.table(ctx)
        if self.case_sensitive:
            return table.get(name)
        key = name.casefold()
        return next((item for n, item in table.items() if n.casefold() == key), None)

    def exact_name(self, ctx, name: str) -> str:
        """The item's own spelling of a name (variable names keep their case)."""
        item = self.get(ctx, name)
        return getattr(item, "name", None) or getattr(item, "Key", None) or name

    def match(self, ctx, pattern: str) -> list:
        """(name, item) pairs a name or wildcard pattern selects; wildcards ignore case on every drive."""
        from pslark.runtime.wildcard import has_wildcard, unescape_wildcard, wildcard_to_regex
        if not pattern:
            return self.items(ctx)
        if not has_wildcard(pattern):
            name = unescape_wildcard(pattern) if "`" in pattern else pattern
            item = self.get(ctx, name)
            return [] if item is None else [(self.exact_name(ctx, name), item)]
        rx = wildcard_to_regex(pattern)
        return [(n, item) for n, item in self.items(ctx) if rx.match(n)]

    def display_path(self, name: str) -> str:
        """The drive-qualified path the globber names in its errors ('Env:/NOPE' on Unix)."""
        return f"{self.drive}:/{name}"

    def not_found(self, name: str, path: Optional[str] = None) -> ItemNotFoundException:
        shown = path if path is not None else self.display_path(name)
        return ItemNotFoundException(f"Cannot find path '{shown}' because it does not exist.", error_id="PathNotFound",
                                     category="ObjectNotFound", target=shown)

    def already_exists(self, name: str) -> PSArgumentException:
        """SessionStateStrings.NewItemAlreadyExists."""
        return PSArgumentException(f"The item at path '{name}' already exists.", error_id="Argument",
                                   category="InvalidArgument", target=name)


def _to_text(value: Any) -> str:
    from pslark.runtime.conversion import to_string
    from pslark.runtime.objects import PSObject
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    return to_string(value)


class EnvironmentProvider(SessionStateProvider):
    name = "Environment"
    drive = "Env"
    case_sensitive = os.name != "nt"

    def table(self, ctx) -> dict:
        from pslark.runtime.formatting import DictionaryEntry
        return {k: DictionaryEntry(k, v) for k, v in os.environ.items()}

    def write(self, ctx, name: str, value: Any, force: bool) -> Any:
        from pslark.runtime.formatting import DictionaryEntry
        if value is None:
            os.environ.pop(name, None)
            return None
        text = _to_text(value.Value if hasattr(value, "Value") and hasattr(value, "Key") else value)
        os.environ[name] = text
        return DictionaryEntry(name, text)

    def delete(self, ctx, name: str, force: bool) -> None:
        os.environ.pop(name, None)

    def value_of(self, item: Any) -> Any:
        return item.Value


class VariableProvider(SessionStateProvider):
    name = "Variable"
    drive = "Variable"
    scope_table = "variables"
    not_removable = ("Cannot remove variable {0} because it is constant or read-only. If the variable is read-only, "
                     "try the operation again specifying the Force option.", "VariableNotRemovable")

    def write(self, ctx, name: str, value: Any, force: bool) -> Any:
        from pslark.runtime.session import PSVariable
        if isinstance(value, PSVariable):
            value = value.value
        return ctx.session.set_variable(name, value, force=force)

    def value_of(self, item: Any) -> Any:
        return item.value


class AliasProvider(SessionStateProvider):
    name = "Alias"
    drive = "Alias"
    scope_table = "aliases"
    not_removable = ("Alias was not removed because alias {0} is constant or read-only.", "AliasNotRemovable")
    not_writable = ("Alias is not writeable because alias {0} is read-only or constant and cannot be written to.",
                    "AliasNotWritable")

    def write(self, ctx, name: str, value: Any, force: bool) -> Any:
        from pslark.runtime.commandinfo import AliasInfo
        existing = self.get(ctx, name)
        options = frozenset()
        if existing is not None:
            self.check_options(existing, force, self.not_writable)
            options = getattr(existing, "options", None) or frozenset()
        definition = value.definition if isinstance(value, AliasInfo) else _to_text(value)
        alias = AliasInfo(existing.name if existing is not None else name, definition,
                          getattr(existing, "description", ""), options)
        ctx.session.current.aliases[name.casefold()] = alias
        return alias

    def value_of(self, item: Any) -> Any:
        return item.definition


class FunctionProvider(SessionStateProvider):
    name = "Function"
    drive = "Function"
    scope_table = "functions"
    not_removable = ("Cannot remove function {0} because it is constant.", "FunctionNotRemovable")
    not_writable = ("Cannot write to function {0} because it is read-only or constant.", "FunctionNotWritable")

    def write(self, ctx, name: str, value: Any, force: bool) -> Any:
        from pslark.interpreter.functions import FunctionInfo
        from pslark.runtime.objects import PSObject
        from pslark.runtime.scriptblock import ScriptBlock
        if isinstance(value, PSObject) and value.base is not None:
            value = value.base
        if value is None:
            self.delete(ctx, name, force)
            return None
        if isinstance(value, FunctionInfo):
            value = value.script_block
        elif isinstance(value, str):
            value = ctx.engine.script_block_from_text(value)
        if not isinstance(value, ScriptBlock):
            raise PSArgumentException(
                'Cannot process argument because the value of argument "value" is not valid. Change the value of '
                'the "value" argument and run the operation again.', error_id="Argument", category="InvalidArgument")
        existing = self.get(ctx, name)
        if existing is not None:
            self.check_options(existing, force, self.not_writable)
        info = FunctionInfo(existing.name if existing is not None else name, value, False, None)
        ctx.session.set_function(info.name, info)
        return info

    def value_of(self, item: Any) -> Any:
        return item.script_block


PROVIDERS = {p.drive.casefold(): p for p in (EnvironmentProvider(), VariableProvider(), AliasProvider(),
                                               FunctionProvider())}
_QUALIFIED = {p.qualified_name.casefold() + "::": p for p in PROVIDERS.values()}
_QUALIFIED.update({p.name.casefold() + "::": p for p in PROVIDERS.values()})


def provider_of(path: Any) -> Optional[tuple[SessionStateProvider, str]]:
    """(provider, item name) for `env:PATH`, `Env:\\PATH`, `Variable:/x`, `Alias::ls`...; None for a FileSystem
    path. The name is '' for the drive itself."""
    if not isinstance(path, str):
        return None
    low = path.casefold()
    for prefix, provider in _QUALIFIED.items():
        if low.startswith(prefix):
            return provider, path[len(prefix):].lstrip("/\\")
    idx = path.find(":")
    if idx <= 0 or path.startswith("::", idx):
        return None
    provider = PROVIDERS.get(low[:idx])
    if provider is None:
        return None
    return provider, path[idx + 1:].lstrip("/\\")
