"""Session-state cmdlets: *-Variable, *-Alias, Get-Command, Set-StrictMode (pwsh's Var.cs, *AliasCommand.cs,
GetCommandCommand.cs, SetStrictModeCommand)."""
from __future__ import annotations

import os
from typing import Any, Iterable, Optional

from pslark.runtime.cmdlet import CMDLETS, Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import (
    CommandNotFoundException, ItemNotFoundException, PSArgumentException, PSException, RuntimeException,
    SessionStateUnauthorizedAccessException,
)
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.shouldprocess import Operation

UTILITY = "Microsoft.PowerShell.Utility"
CORE = "Microsoft.PowerShell.Core"


class SessionStateException(RuntimeException):
    dotnet_type = "System.Management.Automation.SessionStateException"


# ------------------------------------------------------------------------------------------------
# helpers shared by the family

def as_list(value: Any) -> list:
    """A string[]-typed argument as a Python list (the binder may hand over a scalar)."""
    if value is None or value is AUTOMATION_NULL:
        return []
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            if isinstance(v, PSObject) and v.base is not None:
                v = v.base
            out.append(v)
        return out
    return [value]


def as_str_list(value: Any) -> list[str]:
    from pslark.runtime.conversion import to_string
    return [to_string(v) if not isinstance(v, str) else v for v in as_list(value) if v is not None]


def text(value: Any) -> str:
    from pslark.runtime.conversion import to_string
    if value is None or value is AUTOMATION_NULL:
        return ""
    return to_string(value)


def matcher(patterns: Iterable[str]):
    """A predicate: does a name match any of these wildcard patterns (case-insensitive)?"""
    from pslark.runtime.wildcard import wildcard_to_regex
    regexes = [wildcard_to_regex(p) for p in patterns]
    return lambda name: any(rx.match(name) for rx in regexes)


def culture_sort_key(name: str):
    return (name.casefold(), name)


_OPTION_NAMES = ("None", "ReadOnly", "Constant", "Private", "AllScope", "Unspecified")
_OPTION_VALUES = {"None": 0, "ReadOnly": 1, "Constant": 2, "Private": 4, "AllScope": 8, "Unspecified": 16}


def parse_options(cmd: Cmdlet, value: Any) -> frozenset:
    """A ScopedItemOptions argument ('ReadOnly', 'ReadOnly, AllScope', an array, a number) -> option names."""
    names: set[str] = set()
    for item in as_list(value):
        if isinstance(item, bool):
            item = int(item)
        if isinstance(item, int):
            for n, bit in _OPTION_VALUES.items():
                if bit and item & bit:
                    names.add(n)
            continue
        for part in text(item).split(","):
            part = part.strip()
            if not part:
                continue
            match = next((n for n in _OPTION_NAMES if n.casefold() == part.casefold()), None)
            if match is None:
                from pslark.runtime.binder import binding_error
                raise binding_error(
                    cmd.fq_suffix(),
                    f"Cannot bind parameter 'Option'. Cannot convert value \"{text(item)}\" to type "
                    f"\"System.Management.Automation.ScopedItemOptions\". Error: \"Unable to match the identifier name "
                    f"{part} to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
                    f"None, ReadOnly, Constant, Private, AllScope, Unspecified\"",
                    "CannotConvertArgumentNoMessage")
            names.add(match)
    names.discard("None")
    names.discard("Unspecified")
    return frozenset(names)


def options_text(options: Iterable[str]) -> str:
    """ScopedItemOptions.ToString(): flag names in enum order, 'None' when empty."""
    opts = [n for n in _OPTION_NAMES if n in set(options)]
    return ", ".join(opts) if opts else "None"


def _hidden_key(key: str) -> bool:
    return key.startswith("\x00")


def resolve_scope(cmd: Cmdlet, scope: Any):
    """-Scope Global/Local/Script/Private/N -> a Scope, with pwsh's errors as terminating errors."""
    session = cmd.ctx.session
    s = text(scope)
    if s.casefold() in ("global", "local", "script", "private"):
        return session.scope_for(s.casefold() if s.casefold() != "private" else None)
    if not s.lstrip("-").isdigit():
        # neither a scope name nor a number: SessionStateInternal.GetScopeByID's PSArgumentException
        msg = ('Cannot process argument because the value of argument "Scope" is not valid. Valid values are '
               '"Global", "Local", or "Script", or a number relative to the current scope (0 through the number of '
               'scopes where 0 is the current scope and 1 is its parent). Change the value of the "Scope" argument '
               'and run the operation again.')
        exc = PSArgumentException(msg, error_id="Argument", category="InvalidArgument", target=s)
        cmd.throw_terminating(cmd.error_record(msg, "Argument", "InvalidArgument", s, exc))
    try:
        n = int(s)
        if n >= 0:
            return session.scope_by_number(n)
    except PSException:
        pass
    exc = PSArgumentOutOfRangeError(
        f"The scope number '{s}' exceeds the number of active scopes. (Parameter 'scopeID')\nActual value was {s}.",
        error_id="ArgumentOutOfRange", category="InvalidArgument", target=s)
    cmd.throw_terminating(cmd.error_record(exc.message, "ArgumentOutOfRange", "InvalidArgument", s, exc))


class PSArgumentOutOfRangeError(RuntimeException):
    dotnet_type = "System.Management.Automation.PSArgumentOutOfRangeException"


# ------------------------------------------------------------------------------------------------
# *-Variable

class _VariableCommand(Cmdlet):
    scope = Parameter("string", validate_not_null_or_empty=True)

    def fq_suffix(self) -> str:
        return "Microsoft.PowerShell.Commands." + type(self).__name__ + "Command"

    def variable_table(self, scope_name: Optional[str]) -> dict:
        session = self.ctx.session
        if not scope_name:
            table = session.visible_variables()
        else:
            table = dict(resolve_scope(self, scope_name).variables)
        return {k: v for k, v in table.items() if not _hidden_key(k)}

    def matching(self, name: str, scope_name: Optional[str], include=(), exclude=()):
        """GetMatchingVariables: (variables, was_filtered)."""
        from pslark.runtime.wildcard import has_wildcard
        if not name:
            name = "*"
        wild = has_wildcard(name)
        name_match = matcher([name])
        inc = matcher(include) if include else (lambda n: True)
        exc = matcher(exclude) if exclude else (lambda n: False)
        if not wild and (not inc(name) or exc(name)):
            return [], True
        filtered = False
        result = []
        for var in self.variable_table(scope_name).values():
            if name_match(var.name):
                if inc(var.name) and not exc(var.name):
                    result.append(var)
                else:
                    filtered = True
            elif wild:
                filtered = True
        return result, filtered

    def not_found(self, name: str) -> None:
        exc = ItemNotFoundException(f"Cannot find a variable with the name '{name}'.", error_id="VariableNotFound",
                                    category="ObjectNotFound", target=name)
        self.write_error(self.error_record(exc.message, "VariableNotFound", "ObjectNotFound", name, exc))

    def not_writable(self, var) -> None:
        exc = SessionStateUnauthorizedAccessException(
            f"Cannot overwrite variable {var.name} because it is read-only or constant.",
            error_id="VariableNotWritable", category="WriteError", target=var.name)
        self.write_error(self.error_record(exc.message, "VariableNotWritable", "WriteError", var.name, exc))

    def assign(self, var, value: Any) -> bool:
        """Set a value through the variable's type constraint and validation attributes."""
        try:
            if var.attributes or var.type_constraint is not None:
                value = self.ctx.session.check_variable_value(var, value)
        except PSException as exc:
            self.write_error(self.error_record(exc.message, exc.error_id or "SetVariableError",
                                               exc.category or "InvalidArgument", var.name, exc))
            return False
        except (TypeError, ValueError, ArithmeticError) as err:
            from pslark.runtime.errors import PSInvalidCastException
            exc = PSInvalidCastException(f"Cannot convert value to the type of variable {var.name}: {err}")
            self.write_error(self.error_record(exc.message, "ArgumentTransformationMetadataException",
                                               "InvalidArgument", var.name, exc))
            return False
        var.value = value
        return True


@cmdlet("Get-Variable", aliases=("gv",), module=UTILITY)
class GetVariable(_VariableCommand):
    name = Parameter("string[]", position=0, pipeline=True, by_property_name=True, validate_not_null_or_empty=True)
    value_only = Parameter("switch")
    include = Parameter("string[]")
    exclude = Parameter("string[]")

    def process_record(self):
        names = as_str_list(self.name) if self.name is not None else ["*"]
        include = as_str_list(self.include)
        exclude = as_str_list(self.exclude)
        for n in names:
            found, filtered = self.matching(n, self.scope, include, exclude)
            found.sort(key=lambda v: culture_sort_key(v.name))
            for var in found:
                if self.value_only:
                    self.write_object(var.value, enumerate_collection=True)
                else:
                    self.write_object(var)
            if not found and not filtered:
                self.not_found(n)


@cmdlet("New-Variable", aliases=("nv",), should_process=True, module=UTILITY)
class NewVariable(_VariableCommand):
    operations = {"new": Operation("New variable", "Name: {0} Value: {1}")}     # VariableCommandStrings.resx
    name = Parameter("string", position=0, mandatory=True, by_property_name=True)
    value = Parameter("object", position=1, pipeline=True, by_property_name=True)
    description = Parameter("string")
    option = Parameter("object")
    visibility = Parameter("string", validate_set=("Public", "Private"))
    force = Parameter("switch")
    pass_thru = Parameter("switch")

    def process_record(self):
        session = self.ctx.session
        name = self.name
        target_scope = resolve_scope(self, self.scope) if self.scope else session.current
        options = parse_options(self, self.option) if self.option is not None else frozenset()
        value = self.value if self.value is not AUTOMATION_NULL else None
        key = name.casefold()
        existing = target_scope.variables.get(key)
        if existing is not None and not self.force:
            exc = SessionStateException(f"A variable with name '{name}' already exists.",
                                        error_id="VariableAlreadyExists", category="ResourceExists", target=name)
            self.write_error(self.error_record(exc.message, "VariableAlreadyExists", "ResourceExists", name, exc))
            return
        if not self.should_process("new", name, value):
            return
        if existing is not None and "Constant" in existing.options:
            self.not_writable(existing)
            return
        if self.scope and text(self.scope).casefold() == "private":
            options = options | {"Private"}
        var = session.new_variable(name, value, target_scope, options)
        var.description = self.description or ""
        if self.pass_thru:
            self.write_object(var)


@cmdlet("Set-Variable", aliases=("sv", "set"), should_process=True, module=UTILITY)
class SetVariable(_VariableCommand):
    operations = {"set": Operation("Set variable", "Name: {0} Value: {1}")}
    name = Parameter("string[]", position=0, mandatory=True, by_property_name=True)
    value = Parameter("object", position=1, pipeline=True, by_property_name=True, default=AUTOMATION_NULL)
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    description = Parameter("string")
    option = Parameter("object")
    force = Parameter("switch")
    visibility = Parameter("string", validate_set=("Public", "Private"))
    pass_thru = Parameter("switch")

    def begin_processing(self):
        self.name_formal = self.is_bound("Name")
        self.value_formal = self.is_bound("Value")
        self.values: Optional[list] = None
        self.options = parse_options(self, self.option) if self.option is not None else None

    def process_record(self):
        if self.name_formal and self.value_formal:
            return
        if self.name_formal and not self.value_formal:
            if self.value is not AUTOMATION_NULL:
                if self.values is None:
                    self.values = []
                self.values.append(self.value)
        else:
            self.set_variables(as_str_list(self.name), self.value)

    def end_processing(self):
        if not self.name_formal:
            return
        names = as_str_list(self.name)
        if self.value_formal:
            self.set_variables(names, self.value)
        elif self.values is not None:
            if len(self.values) == 1:
                self.set_variables(names, self.values[0])
            else:
                self.set_variables(names, list(self.values))
        else:
            self.set_variables(names, AUTOMATION_NULL)

    def set_variables(self, names: list[str], value: Any) -> None:
        session = self.ctx.session
        include = as_str_list(self.include)
        exclude = as_str_list(self.exclude)
        for name in names:
            found, filtered = self.matching(name, self.scope or "local", include, exclude)
            if not found and not filtered:
                self.create(name, value)
                continue
            for var in found:
                self.update(var, value)

    def create(self, name: str, value: Any) -> None:
        session = self.ctx.session
        options = frozenset()
        if self.scope and text(self.scope).casefold() == "private":
            options = frozenset({"Private"})
        if self.options is not None:
            options = options | self.options
        if value is AUTOMATION_NULL:
            value = None
        if not self.should_process("set", name, value):
            return
        if self.scope:
            scope = resolve_scope(self, self.scope)
            var = session.new_variable(name, value, scope, options)
        else:
            visible = session.lookup(name)
            if visible is not None and "AllScope" in visible.options:
                self.update(visible, value, asked=True)
                return
            var = session.new_variable(name, value, session.current, options)
        var.description = self.description or ""
        if self.pass_thru:
            self.write_object(var)

    def update(self, var, value: Any, asked: bool = False) -> None:
        if not asked and not self.should_process("set", var.name, None if value is AUTOMATION_NULL else value):
            return
        opts = var.options
        if "Constant" in opts or ("ReadOnly" in opts and not self.force):
            self.not_writable(var)
            return
        if self.options is not None and "Constant" in self.options and "Constant" not in opts:
            exc = SessionStateUnauthorizedAccessException(
                f"Existing variable {var.name} cannot be made constant. Variables can be made constant only at "
                f"creation time.", error_id="VariableCannotBeMadeConstant", category="WriteError", target=var.name)
            self.write_error(self.error_record(exc.message, "VariableCannotBeMadeConstant", "WriteError",
                                               var.name, exc))
            return
        if value is not AUTOMATION_NULL:
            if not self.assign(var, value):
                return
        if self.description is not None:
            var.description = self.description
        if self.options is not None:
            var.options = frozenset(self.options)
        if self.pass_thru:
            self.write_object(var)


@cmdlet("Remove-Variable", aliases=("rv",), should_process=True, module=UTILITY)
class RemoveVariable(_VariableCommand):
    operations = {"remove": Operation("Remove variable", "Name: {0}")}
    name = Parameter("string[]", position=0, mandatory=True, by_property_name=True)
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    force = Parameter("switch")

    def process_record(self):
        scope_name = self.scope or "local"
        scope = resolve_scope(self, scope_name)
        include = as_str_list(self.include)
        exclude = as_str_list(self.exclude)
        for name in as_str_list(self.name):
            found, filtered = self.matching(name, scope_name, include, exclude)
            if not found and not filtered:
                self.not_found(name)
                continue
            for var in found:
                if not self.should_process("remove", var.name):
                    continue
                if "Constant" in var.options or ("ReadOnly" in var.options and not self.force):
                    exc = SessionStateUnauthorizedAccessException(
                        f"Cannot remove variable {var.name} because it is constant or read-only. If the variable is "
                        f"read-only, try the operation again specifying the Force option.",
                        error_id="VariableNotRemovable", category="WriteError", target=var.name)
                    self.write_error(self.error_record(exc.message, "VariableNotRemovable", "WriteError",
                                                       var.name, exc))
                    continue
                key = var.name.casefold()
                if scope.variables.get(key) is var:
                    del scope.variables[key]


@cmdlet("Clear-Variable", aliases=("clv",), should_process=True, module=UTILITY)
class ClearVariable(_VariableCommand):
    operations = {"clear": Operation("Clear variable", "Name: {0}")}
    name = Parameter("string[]", position=0, mandatory=True, by_property_name=True)
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    force = Parameter("switch")
    pass_thru = Parameter("switch")

    def process_record(self):
        include = as_str_list(self.include)
        exclude = as_str_list(self.exclude)
        for name in as_str_list(self.name):
            found, filtered = self.matching(name, self.scope, include, exclude)
            if not found and not filtered:
                self.not_found(name)
                continue
            for var in found:
                if not self.should_process("clear", var.name):
                    continue
                if "Constant" in var.options or ("ReadOnly" in var.options and not self.force):
                    self.not_writable(var)
                    continue
                if self.scope is None and not var.attributes and var.type_constraint is None:
                    # pwsh's ClearValue without -Scope sets $null as an assignment would: a variable found in a
                    # parent scope gets a local $null one, the parent's stays as it was
                    var = self.ctx.session.set_variable(var.name, None, force=True)
                elif not self.assign(var, None):
                    continue
                if self.pass_thru:
                    self.write_object(var)


# ------------------------------------------------------------------------------------------------
# *-Alias

def _alias_table(cmd: Cmdlet, scope_name: Optional[str]) -> dict:
    if scope_name:
        return dict(resolve_scope(cmd, scope_name).aliases)
    return cmd.ctx.session.visible_aliases()


@cmdlet("Get-Alias", aliases=("gal",), default_set="Default", module=UTILITY)
class GetAlias(Cmdlet):
    name = Parameter("string[]", position=0, pipeline=True, by_property_name=True, sets=("Default",),
                     validate_not_null_or_empty=True)
    exclude = Parameter("string[]")
    scope = Parameter("string")
    definition = Parameter("string[]", sets=("Definition",), validate_not_null_or_empty=True)

    def process_record(self):
        if self.parameter_set == "Definition":
            for d in as_str_list(self.definition):
                self.write_matches(d, by_definition=True)
        else:
            names = as_str_list(self.name) if self.name is not None else ["*"]
            for n in names:
                self.write_matches(n, by_definition=False)

    def write_matches(self, value: str, by_definition: bool) -> None:
        from pslark.runtime.wildcard import has_wildcard
        table = _alias_table(self, self.scope)
        wild = has_wildcard(value)
        match = matcher([value])
        excludes = as_str_list(self.exclude)
        excluded = matcher(excludes) if excludes else (lambda n: False)
        results = []
        for key, alias in table.items():
            subject = alias.definition if by_definition else alias.name
            if not match(subject) or excluded(subject):
                continue
            results.append(alias)
        results.sort(key=lambda a: culture_sort_key(a.name))
        for alias in results:
            self.write_object(alias)
        if not results and not wild and not excludes:
            kind = "definition" if by_definition else "name"
            exc = ItemNotFoundException(
                f"This command cannot find a matching alias because an alias with the {kind} '{value}' does not "
                f"exist.", error_id="ItemNotFoundException", category="ObjectNotFound", target=value)
            self.write_error(self.error_record(exc.message, "ItemNotFoundException", "ObjectNotFound", value, exc))


class _WriteAliasCommand(Cmdlet):
    name = Parameter("string", position=0, mandatory=True, by_property_name=True)
    value = Parameter("string", position=1, mandatory=True, by_property_name=True)
    description = Parameter("string")
    option = Parameter("object")
    pass_thru = Parameter("switch")
    scope = Parameter("string")
    force = Parameter("switch")

    def target_scope(self):
        if self.scope:
            return resolve_scope(self, self.scope)
        return None

    def write_alias(self, existing_check: bool) -> None:
        from pslark.runtime.commandinfo import AliasInfo
        session = self.ctx.session
        name = self.name
        options = parse_options(self, self.option) if self.option is not None else frozenset()
        if self.scope and text(self.scope).casefold() == "private":
            options = options | {"Private"}
        scope = self.target_scope()
        if existing_check and not self.force:
            existing = scope.aliases.get(name.casefold()) if scope is not None else session.lookup_alias(name)
            if existing is not None:
                exc = SessionStateException(
                    f"The alias is not allowed, because an alias with the name '{name}' already exists.",
                    error_id="AliasAlreadyExists", category="ResourceExists", target=name)
                self.write_error(self.error_record(exc.message, "AliasAlreadyExists", "ResourceExists", name, exc))
                return
        if not self.should_process("write", name, self.value):
            return
        if scope is None:
            scope = session.current
            visible = session.lookup_alias(name)
            if visible is not None and "AllScope" in getattr(visible, "options", ()):
                # an AllScope alias is the same entry in every scope
                for s in session.iter_scopes():
                    if s.aliases.get(name.casefold()) is visible:
                        scope = s
                        break
        existing = scope.aliases.get(name.casefold())
        if existing is not None:
            opts = getattr(existing, "options", frozenset())
            if "Constant" in opts or ("ReadOnly" in opts and not self.force):
                exc = SessionStateUnauthorizedAccessException(
                    f"Alias was not written because alias {existing.name} is read-only or constant and cannot be "
                    f"written to.", error_id="AliasNotWritable", category="WriteError", target=name)
                self.write_error(self.error_record(exc.message, "AliasNotWritable", "WriteError", name, exc))
                return
            if "Constant" in options:
                exc = SessionStateUnauthorizedAccessException(
                    f"Existing alias {existing.name} cannot be made constant. Aliases can be made constant only at "
                    f"creation time.", error_id="AliasCannotBeMadeConstant", category="WriteError", target=name)
                self.write_error(self.error_record(exc.message, "AliasCannotBeMadeConstant", "WriteError", name,
                                                   exc))
                return
        alias = AliasInfo(existing.name if existing is not None and self.option is None and False else name,
                          self.value, self.description or "", options)
        scope.aliases[name.casefold()] = alias
        if self.pass_thru:
            self.write_object(alias)


@cmdlet("Set-Alias", aliases=("sal",), should_process=True, module=UTILITY)
class SetAlias(_WriteAliasCommand):
    operations = {"write": Operation("Set Alias", "Name: {0} Value: {1}")}    # AliasCommandStrings.resx

    def process_record(self):
        self.write_alias(existing_check=False)


@cmdlet("New-Alias", aliases=("nal",), should_process=True, module=UTILITY)
class NewAlias(_WriteAliasCommand):
    operations = {"write": Operation("New Alias", "Name: {0} Value: {1}")}

    def process_record(self):
        self.write_alias(existing_check=True)


@cmdlet("Remove-Alias", should_process=False, module=UTILITY)
class RemoveAlias(Cmdlet):
    name = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True)
    scope = Parameter("string")
    force = Parameter("switch")

    def process_record(self):
        session = self.ctx.session
        for name in as_str_list(self.name):
            scope = resolve_scope(self, self.scope) if self.scope else None
            owner = None
            if scope is not None:
                owner = scope if name.casefold() in scope.aliases else None
            else:
                for s in session.iter_scopes():
                    if name.casefold() in s.aliases:
                        owner = s
                        break
            if owner is None:
                exc = ItemNotFoundException(
                    f"This command cannot find a matching alias because an alias with the name '{name}' does not "
                    f"exist.", error_id="ItemNotFoundException", category="ObjectNotFound", target=name)
                self.write_error(self.error_record(exc.message, "ItemNotFoundException", "ObjectNotFound", name,
                                                   exc))
                continue
            alias = owner.aliases[name.casefold()]
            opts = getattr(alias, "options", frozenset())
            if "Constant" in opts or ("ReadOnly" in opts and not self.force):
                exc = SessionStateUnauthorizedAccessException(
                    f"Alias was not removed because alias {alias.name} is constant or read-only.",
                    error_id="AliasNotRemovable", category="WriteError", target=name)
                self.write_error(self.error_record(exc.message, "AliasNotRemovable", "WriteError", name, exc))
                continue
            del owner.aliases[name.casefold()]


# ------------------------------------------------------------------------------------------------
# Get-Command

_COMMAND_TYPE_ORDER = {"Alias": 1, "Function": 2, "Filter": 4, "Cmdlet": 8, "ExternalScript": 16,
                       "Application": 32, "Script": 64, "Configuration": 256}
_COMMAND_TYPE_NAMES = tuple(_COMMAND_TYPE_ORDER) + ("All",)


def command_type_of(info) -> str:
    ct = getattr(info, "command_type", None)
    if isinstance(ct, str):
        return ct
    try:
        return str(info.ps_get("CommandType"))
    except Exception:
        return "Cmdlet"


def command_module(info) -> str:
    for attr in ("module",):
        v = getattr(info, attr, None)
        if isinstance(v, str):
            return v
        if v is not None and hasattr(v, "name"):
            return v.name
    return ""


def split_verb_noun(name: str) -> tuple[str, str]:
    if "-" not in name:
        return "", ""
    verb, _, noun = name.partition("-")
    return verb, noun


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def syntax_of(info, name: Optional[str] = None) -> str:
    """CommandInfo.Syntax: one line per parameter set (`Name [-P] <type> ... [<CommonParameters>]`)."""
    from pslark.runtime.cmdlet import ALL_SETS, CmdletInfo
    ct = command_type_of(info)
    if ct == "Alias":
        return f"{info.name} -> {info.definition}"
    if ct == "Application":
        return info.path
    md = None
    if isinstance(info, CmdletInfo):
        md = info.metadata
    else:
        try:
            md = info.ps_get("Metadata")
        except Exception:
            md = None
    if md is None:
        sb = getattr(info, "script_block", None)
        try:
            from pslark.interpreter.functions import script_metadata
            md = script_metadata(sb, info.name) if sb is not None else None
        except Exception:
            md = None
    shown = name or info.name
    if md is None:
        return f"\n{shown}\n"
    lines = []
    sets = md.sets or [ALL_SETS]
    own = list(md.own_parameters)
    klass = getattr(info, "klass", None)
    if klass is not None:
        # .NET reflection lists a cmdlet's own properties before its base class's
        order = []
        for k in klass.__mro__:
            for attr, value in k.__dict__.items():
                if isinstance(value, Parameter) and value not in order:
                    order.append(value)
        own = [p for p in order if p in own] + [p for p in own if p not in order]
    for set_name in sets:
        parts = [shown]
        params = [p for p in own if p.in_set(set_name) and not p.dont_show
                  and not p.per_set.get(set_name, {}).get("hidden")]
        positional = sorted((p for p in params if p.position_in(set_name) is not None),
                            key=lambda p: p.position_in(set_name))
        named = [p for p in params if p.position_in(set_name) is None]
        ordered = positional + [p for p in named if p.mandatory_in(set_name)] + \
            [p for p in named if not p.mandatory_in(set_name)]
        for p in ordered:
            parts.append(_syntax_param(p, set_name))
        if getattr(md, "should_process", False):
            parts += ["[-WhatIf]", "[-Confirm]"]
        if md.common:
            parts.append("[<CommonParameters>]")
        lines.append(" ".join(parts))
    return "\n" + "\n\n".join(lines) + "\n"


def _syntax_type(type_name: str) -> str:
    t = type_name
    mapping = {"psobject": "psobject", "object": "Object", "string": "string", "string[]": "string[]",
               "int": "int", "long": "long", "scriptblock": "scriptblock", "hashtable": "hashtable",
               "datetime": "datetime", "object[]": "Object[]", "double": "double", "bool": "bool"}
    return mapping.get(t.casefold(), t)


def _syntax_param(p, set_name: str) -> str:
    mandatory = p.mandatory_in(set_name)
    pos = p.position_in(set_name)
    if p.is_switch:
        s = f"-{p.name}"
        return s if mandatory else f"[{s}]"
    name = f"-{p.name}"
    if pos is not None:
        name = f"[{name}]"
    s = f"{name} <{_syntax_type(p.type)}>"
    return s if mandatory else f"[{s}]"


@cmdlet("Get-Command", aliases=("gcm",), default_set="CmdletSet", module=CORE)
class GetCommand(Cmdlet):
    name = Parameter("string[]", position=0, pipeline=True, by_property_name=True, sets=("AllCommandSet",))
    verb = Parameter("string[]", by_property_name=True, sets=("CmdletSet",))
    noun = Parameter("string[]", by_property_name=True, sets=("CmdletSet",))
    module = Parameter("string[]", by_property_name=True, aliases=("PSSnapin",))
    fully_qualified_module = Parameter("object", by_property_name=True)
    command_type = Parameter("string[]", by_property_name=True, aliases=("Type",), sets=("AllCommandSet",))
    total_count = Parameter("int", by_property_name=True, default=-1)
    syntax = Parameter("switch", by_property_name=True)
    show_command_info = Parameter("switch")
    # pwsh declares ArgumentList (position 1) in every set; pslark's binder would then put a lone positional
    # name into it under the default CmdletSet, so it is declared in AllCommandSet only.
    argument_list = Parameter("object[]", position=1, remaining=True, aliases=("Args",), sets=("AllCommandSet",))
    all = Parameter("switch", by_property_name=True)
    list_imported = Parameter("switch", by_property_name=True)
    parameter_name = Parameter("string[]")
    parameter_type = Parameter("string[]")
    use_fuzzy_matching = Parameter("switch", sets=("AllCommandSet",))
    use_abbreviation_expansion = Parameter("switch", sets=("AllCommandSet",))

    def begin_processing(self):
        self.results: list = []
        self.any_wildcard = False
        self.names_given = False
        self.seen: set = set()

    def process_record(self):
        from pslark.runtime.wildcard import has_wildcard
        types = self.requested_types()
        if self.parameter_set == "AllCommandSet" and self.name is not None:
            self.names_given = True
            for name in as_str_list(self.name):
                wild = has_wildcard(name)
                self.any_wildcard = self.any_wildcard or wild
                found = self.find(name, types, wild)
                if not found and not wild:
                    self.not_found(name)
        else:
            self.any_wildcard = True
            if self.parameter_set == "AllCommandSet":
                types = types
            else:
                types = {"Alias", "Function", "Filter", "Cmdlet", "Configuration"}
            self.find("*", types, True)

    def requested_types(self) -> set:
        if self.command_type is None:
            return set(_COMMAND_TYPE_ORDER)
        out = set()
        for t in as_str_list(self.command_type):
            for part in t.split(","):
                part = part.strip()
                match = next((n for n in _COMMAND_TYPE_NAMES if n.casefold() == part.casefold()), None)
                if match is None:
                    from pslark.runtime.binder import binding_error
                    raise binding_error(
                        self.fq_suffix(),
                        f"Cannot bind parameter 'CommandType'. Cannot convert value \"{part}\" to type "
                        f"\"System.Management.Automation.CommandTypes\". Error: \"Unable to match the identifier name "
                        f"{part} to a valid enumerator name. Specify one of the following enumerator names and try "
                        f"again:\nAlias, Function, Filter, Cmdlet, ExternalScript, Application, Script, Configuration, "
                        f"All\"", "CannotConvertArgumentNoMessage")
                if match == "All":
                    out |= set(_COMMAND_TYPE_ORDER)
                else:
                    out.add(match)
        return out

    def filters_ok(self, info) -> bool:
        name = info.name
        if self.verb is not None or self.noun is not None:
            verb, noun = split_verb_noun(name)
            if not verb:
                return False
            if self.verb is not None and not matcher(as_str_list(self.verb))(verb):
                return False
            if self.noun is not None and not matcher(as_str_list(self.noun))(noun):
                return False
        if self.module is not None:
            mod = command_module(info)
            if not mod or not matcher(as_str_list(self.module))(mod):
                return False
        return True

    def add(self, info) -> bool:
        key = (command_type_of(info), info.name.casefold(), getattr(info, "path", None))
        if key in self.seen:
            return False
        self.seen.add(key)
        self.results.append(info)
        return True

    def find(self, pattern: str, types: set, wild: bool) -> bool:
        session = self.ctx.session
        match = matcher([pattern])
        found = False
        if "\\" in pattern and not wild:
            mod, _, short = pattern.rpartition("\\")
            info = CMDLETS.get(short.casefold())
            if info is not None and "Cmdlet" in types and info.module.casefold() == mod.casefold():
                return self.add(info) or True
        candidates: list = []
        if "Alias" in types:
            for alias in session.visible_aliases().values():
                if match(alias.name):
                    candidates.append(alias)
        if types & {"Function", "Filter"}:
            for f in session.visible_functions().values():
                if match(f.name) and command_type_of(f) in types:
                    candidates.append(f)
        if "Cmdlet" in types:
            for info in CMDLETS.values():
                if match(info.name):
                    candidates.append(info)
        if not wild and candidates and not self.all:
            # exact name: the first command in resolution order (alias, function, cmdlet)
            candidates = candidates[:1]
        for c in candidates:
            if self.filters_ok(c):
                self.add(c)
                found = True
        if (not found or wild or self.all) and types & {"Application", "ExternalScript"} and \
                self.verb is None and self.noun is None and self.module is None:
            for info in self.find_on_path(pattern, wild, types):
                self.add(info)
                found = True
                if not wild and not self.all:
                    break
        return found

    def find_on_path(self, pattern: str, wild: bool, types: set) -> list:
        from pslark.runtime.commandinfo import ApplicationInfo, ExternalScriptInfo
        session = self.ctx.session
        out = []
        if not wild and ("/" in pattern or pattern.startswith(".") or pattern.startswith("~")):
            full = session.resolve_path(pattern)
            if os.path.isfile(full):
                if full.casefold().endswith(".ps1"):
                    if "ExternalScript" in types:
                        out.append(ExternalScriptInfo(full))
                elif os.access(full, os.X_OK) and "Application" in types:
                    out.append(ApplicationInfo(full))
            return out
        match = matcher([pattern])
        dirs = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d]
        for d in dirs:
            if wild:
                try:
                    entries = sorted(os.listdir(d))
                except OSError:
                    continue
            else:
                entries = [pattern]
            for entry in entries:
                if not match(entry):
                    continue
                full = os.path.join(d, entry)
                if entry.casefold().endswith(".ps1"):
                    if "ExternalScript" in types and os.path.isfile(full):
                        out.append(ExternalScriptInfo(full))
                elif "Application" in types and _is_executable(full):
                    out.append(ApplicationInfo(full))
        return out

    def not_found(self, name: str) -> None:
        exc = CommandNotFoundException(
            f"The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable "
            f"program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct "
            f"and try again.", error_id="CommandNotFoundException", category="ObjectNotFound", target=name)
        self.write_error(self.error_record(exc.message, "CommandNotFoundException", "ObjectNotFound", name, exc))

    def end_processing(self):
        results = self.results
        if not self.names_given or self.any_wildcard:
            results = sorted(results, key=lambda i: (_COMMAND_TYPE_ORDER.get(command_type_of(i), 999),
                                                     i.name.casefold()))
        if self.total_count is not None and self.total_count >= 0:
            results = results[:self.total_count]
        for info in results:
            if self.syntax:
                shown = None
                if self.name is not None:
                    requested = as_str_list(self.name)
                    if command_type_of(info) == "Alias":
                        target = self.ctx.session.lookup_alias(info.name)
                        resolved = CMDLETS.get(info.definition.casefold()) or \
                            self.ctx.session.lookup_function(info.definition)
                        if resolved is not None:
                            body = syntax_of(resolved, info.name)
                            self.write_object(f"{info.name} (alias) -> {resolved.name}\n{body}")
                            continue
                    del requested
                self.write_object(syntax_of(info, shown))
            else:
                self.write_object(info)


# ------------------------------------------------------------------------------------------------
# Set-StrictMode: per scope, like SessionStateScope.StrictModeVersion

_STRICT_KEY = "\x00strictmode"


def _strict_get(runspace) -> int:
    s = runspace.session.current
    while s is not None:
        var = s.variables.get(_STRICT_KEY)
        if var is not None:
            return var.value
        s = s.parent
    return 0


def _strict_set(runspace, value: int) -> None:
    session = getattr(runspace, "session", None)
    if session is None:
        return
    scope = session.current
    if not value and scope is session.global_scope and _STRICT_KEY not in scope.variables:
        return
    from pslark.runtime.session import PSVariable
    var = scope.variables.get(_STRICT_KEY)
    if var is None:
        scope.variables[_STRICT_KEY] = PSVariable(_STRICT_KEY, int(value))
    else:
        var.value = int(value)


def install_scoped_strict_mode() -> None:
    """Make Runspace.strict_mode follow the scope chain (the evaluator reads ctx.strict_mode)."""
    from pslark.runtime.runspace import Runspace
    if not isinstance(Runspace.__dict__.get("strict_mode"), property):
        Runspace.strict_mode = property(_strict_get, _strict_set)


install_scoped_strict_mode()

_VALID_VERSIONS = {(1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (5, 1), (6, 0), (6, 1), (6, 2),
                   (7, 0), (7, 1), (7, 2), (7, 3), (7, 4)}


@cmdlet("Set-StrictMode", default_set="Version", module=CORE)
class SetStrictMode(Cmdlet):
    off = Parameter("switch", mandatory=True, sets=("Off",))
    version = Parameter("object", mandatory=True, sets=("Version",), aliases=("v",))

    def begin_processing(self):
        if self.parameter_set == "Off" or self.off:
            self.level = 0
        else:
            self.level = self.level_of(self.version)

    def end_processing(self):
        self.ctx.strict_mode = self.level

    def level_of(self, value: Any) -> int:
        raw = value.base if isinstance(value, PSObject) and value.base is not None else value
        major = minor = None
        if isinstance(raw, bool):
            raw = int(raw)
        if isinstance(raw, int):
            major, minor = raw, 0
        elif isinstance(raw, float):
            major, minor = int(raw), int(round((raw - int(raw)) * 10))
        else:
            s = text(raw).strip()
            if s.casefold() == "latest":
                return 3
            parts = s.split(".")
            try:
                major = int(parts[0])
                minor = int(parts[1]) if len(parts) > 1 else 0
            except (ValueError, IndexError):
                from pslark.runtime.binder import binding_error
                raise binding_error(
                    self.fq_suffix(),
                    f"Cannot validate argument on parameter 'Version'. The \"{s}\" argument does not specify a valid "
                    f"version of PowerShell.", "ParameterArgumentValidationError") from None
        if major is None or (major, minor) not in _VALID_VERSIONS:
            from pslark.runtime.binder import binding_error
            shown = f"{major}.{minor}"
            raise binding_error(
                self.fq_suffix(),
                f"Cannot validate argument on parameter 'Version'. The \"{shown}\" argument does not specify a valid "
                f"version of PowerShell.", "ParameterArgumentValidationError")
        return 1 if major == 1 else 2 if major == 2 else 3
