"""Session state: scopes with variables, functions and aliases; the location; the variable drives.

PowerShell scopes are dynamic: a function's scope is a child of the scope it was called from, so the
scope chain is the call chain. `global:` is the root, `script:` the nearest script scope, `local:` the
current one, `private:` hides a variable from child scopes.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterator, Optional

from pslark.runtime.errors import (
    ItemNotFoundException, RuntimeException, SessionStateUnauthorizedAccessException,
)

SCOPE_PREFIXES = ("global", "local", "script", "private", "using")


def unix_module_path() -> list[str]:
    """pwsh's module folders on Unix: the user's, the machine's, then $PSHOME/Modules."""
    home = os.path.expanduser("~")
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    return [os.path.join(data, "powershell", "Modules"), "/usr/local/share/powershell/Modules",
            "/opt/microsoft/powershell/7/Modules"]


def ensure_module_path_env() -> None:
    """pwsh sets $env:PSModulePath at start-up (child processes see it too) when it is missing."""
    if not os.environ.get("PSModulePath"):
        os.environ["PSModulePath"] = os.pathsep.join(unix_module_path())


class PSVariable:
    """A variable: name, value, options (ReadOnly, Constant, Private, AllScope) and validation attributes."""

    __slots__ = ("name", "value", "options", "attributes", "description", "type_constraint")

    def __init__(self, name: str, value: Any = None, options: frozenset = frozenset(), attributes: tuple = (),
                 type_constraint=None):
        self.name = name
        self.value = value
        self.options = options
        self.attributes = attributes      # callables(value) -> value that validate/transform on assignment
        self.description = ""
        self.type_constraint = type_constraint   # a PSType or None ([int]$x = ...)

    type_names = ["System.Management.Automation.PSVariable", "System.Object"]
    ps_properties = ("Name", "Value", "Description", "Options", "Visibility")

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "name":
            return self.name
        if key == "value":
            return self.value
        if key == "description":
            return self.description
        if key == "options":
            order = ("ReadOnly", "Constant", "Private", "AllScope")     # ScopedItemOptions flag order
            opts = [o for o in order if o in self.options]
            return ", ".join(opts) if opts else "None"
        if key == "visibility":
            return "Public"
        raise AttributeError(name)


class LazyVariable(PSVariable):
    """A read-only automatic variable whose value is built on first read ($PSVersionTable imports the type
    layer; most scripts never look at it)."""

    __slots__ = ("_factory", "_value", "_built")

    def __init__(self, name: str, factory, options: frozenset = frozenset({"ReadOnly"})):
        super().__init__(name, None, options)
        self._factory = factory
        self._built = False

    @property
    def value(self):
        if not self._built:
            self._value = self._factory()
            self._built = True
        return self._value

    @value.setter
    def value(self, new):
        self._value = new
        self._built = True


class Scope:
    __slots__ = ("parent", "variables", "functions", "aliases", "is_script", "drives_cache")

    def __init__(self, parent: Optional["Scope"] = None, is_script: bool = False):
        self.parent = parent
        self.variables: dict[str, PSVariable] = {}
        self.functions: dict[str, Any] = {}
        self.aliases: dict[str, Any] = {}
        self.is_script = is_script


_SCOPE_PREFIXES = (None, "global", "script", "local", "private", "variable")


def split_scope(name: str) -> tuple[Optional[str], str]:
    """'global:x' -> ('global', 'x'); 'env:PATH' -> ('env', 'PATH'); 'x' -> (None, 'x')."""
    if ":" in name:
        prefix, _, rest = name.partition(":")
        if prefix and rest:
            return prefix.casefold(), rest
    return None, name


class SessionState:
    """The state of one runspace: scope chain, location stack, variable providers."""

    def __init__(self, home: Optional[str] = None, location: Optional[str] = None):
        self.global_scope = Scope(is_script=True)
        self.current = self.global_scope
        self.location = location or os.getcwd()
        self.location_stacks: dict[str, list[str]] = {}
        self.home = home or os.path.expanduser("~")
        self.dynamic_variables: dict[str, Callable[[], Any]] = {}   # $PWD, $PID ... computed on read
        self.env = os.environ                                       # the process environment (shared)

    @property
    def location(self) -> str:
        return self._location

    @location.setter
    def location(self, path: str) -> None:
        """Every location change keeps $PWD (a PathInfo, global scope) in sync, as pwsh's automatic $PWD."""
        self._location = path
        from pslark.runtime.paths import PathInfo
        var = self.global_scope.variables.get("pwd")
        if var is None:
            self.global_scope.variables["pwd"] = PSVariable("PWD", PathInfo(path))
        else:
            var.value = PathInfo(path)

    # ---- scopes
    def push_scope(self, is_script: bool = False) -> Scope:
        scope = Scope(self.current, is_script)
        self.current = scope
        return scope

    def pop_scope(self, scope: Scope) -> None:
        self.current = scope.parent or self.global_scope

    def script_scope(self) -> Scope:
        s = self.current
        while s is not None:
            if s.is_script:
                return s
            s = s.parent
        return self.global_scope

    def scope_for(self, prefix: Optional[str]) -> Scope:
        if prefix == "global":
            return self.global_scope
        if prefix == "script":
            return self.script_scope()
        return self.current

    def scope_by_number(self, scope: Any) -> Scope:
        """For -Scope parameters: 'Global', 'Script', 'Local', or a number of levels up (0 = current)."""
        if isinstance(scope, str) and not scope.isdigit():
            key = scope.casefold()
            if key in ("global", "script", "local", "private"):
                return self.scope_for(key if key != "private" else None)
            raise RuntimeException(f"The scope number '{scope}' exceeds the number of active scopes.")
        n = int(scope)
        s = self.current
        for _ in range(n):
            if s.parent is None:
                raise RuntimeException(
                    f"The scope number '{n}' exceeds the number of active scopes. (Parameter 'Scope')",
                    error_id="ArgumentOutOfRange")
            s = s.parent
        return s

    # ---- variables
    def lookup(self, name: str) -> Optional[PSVariable]:
        """Find a variable by its plain name along the scope chain (private ones only in their own scope)."""
        key = name.casefold()
        s = self.current
        var = s.variables.get(key)
        if var is not None:
            return var
        s = s.parent
        while s is not None:
            var = s.variables.get(key)
            if var is not None and "Private" not in var.options:
                return var
            s = s.parent
        return None

    def get_variable(self, path: str) -> Optional[PSVariable]:
        prefix, name = split_scope(path)
        if prefix not in _SCOPE_PREFIXES:
            prefix, name = None, path       # `$variable:a:b` is the variable named 'a:b'
        if prefix is None:
            return self.lookup(name)
        if prefix == "local":
            return self.current.variables.get(name.casefold())
        if prefix == "private":
            return self.current.variables.get(name.casefold())
        if prefix in ("global", "script"):
            return self.scope_for(prefix).variables.get(name.casefold())
        if prefix == "variable":
            return self.get_variable(name)
        return None

    def set_variable(self, path: str, value: Any, *, force: bool = False) -> PSVariable:
        prefix, name = split_scope(path)
        if prefix not in _SCOPE_PREFIXES:
            prefix, name = None, path
        if prefix == "variable":
            return self.set_variable(name, value, force=force)
        key = name.casefold()
        if prefix in ("global", "script"):
            scope = self.scope_for(prefix)
        else:
            scope = self.current
        var = scope.variables.get(key)
        if var is None:
            if prefix is None:
                # an assignment creates the variable in the current scope, unless an AllScope one is visible
                visible = self.lookup(name)
                if visible is not None and "AllScope" in visible.options:
                    var = visible
            if var is None:
                var = PSVariable(name, None, frozenset({"Private"}) if prefix == "private" else frozenset())
                scope.variables[key] = var
        if var.options and ("ReadOnly" in var.options or "Constant" in var.options) and not (
                force and "Constant" not in var.options):
            raise SessionStateUnauthorizedAccessException(
                f"Cannot overwrite variable {var.name} because it is read-only or constant.",
                error_id="VariableNotWritable", category="WriteError", target=var.name)
        if var.attributes or var.type_constraint is not None:
            value = self.check_variable_value(var, value)
        var.value = value
        return var

    @staticmethod
    def check_variable_value(var: PSVariable, value: Any) -> Any:
        if var.type_constraint is not None:
            value = convert_to_constraint(var.type_constraint, value)
        for check in var.attributes:
            value = check(value)
        return value

    def new_variable(self, name: str, value: Any, scope: Optional[Scope] = None, options: frozenset = frozenset(),
                     type_constraint=None, attributes: tuple = ()) -> PSVariable:
        scope = scope or self.current
        var = PSVariable(name, value, options, attributes, type_constraint)
        scope.variables[name.casefold()] = var
        return var

    def set_local(self, name: str, value: Any) -> None:
        """Fast path for automatic variables ($_, $args, $input ...) in the current scope."""
        key = name.casefold()
        var = self.current.variables.get(key)
        if var is None:
            self.current.variables[key] = PSVariable(name, value)
        else:
            var.value = value

    def remove_variable(self, path: str, scope: Optional[Scope] = None) -> bool:
        prefix, name = split_scope(path)
        key = name.casefold()
        if scope is None:
            if prefix in ("global", "script"):
                scope = self.scope_for(prefix)
            else:
                s = self.current
                while s is not None:
                    if key in s.variables:
                        scope = s
                        break
                    s = s.parent
        if scope is None or key not in scope.variables:
            return False
        var = scope.variables[key]
        if "Constant" in var.options or "ReadOnly" in var.options:
            raise SessionStateUnauthorizedAccessException(
                f"Cannot remove variable {var.name} because it is constant or read-only. If the variable is read-only, "
                f"try the operation again specifying the Force option.", error_id="VariableNotRemovable",
                category="WriteError", target=var.name)
        del scope.variables[key]
        return True

    def visible_variables(self) -> dict[str, PSVariable]:
        """All variables visible from the current scope, nearest first wins (for Get-Variable)."""
        seen: dict[str, PSVariable] = {}
        s = self.current
        first = True
        while s is not None:
            for key, var in s.variables.items():
                if key not in seen and (first or "Private" not in var.options):
                    seen[key] = var
            first = False
            s = s.parent
        return seen

    # ---- functions and aliases (also scoped)
    def lookup_function(self, name: str):
        key = name.casefold()
        s = self.current
        while s is not None:
            f = s.functions.get(key)
            if f is not None:
                return f
            s = s.parent
        return None

    def set_function(self, name: str, info, scope: Optional[Scope] = None) -> None:
        prefix, plain = split_scope(name)
        if prefix in ("global", "script", "local", "private"):
            scope = self.scope_for(prefix if prefix != "private" else None)
            name = plain
        (scope or self.current).functions[name.casefold()] = info

    def visible_functions(self) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        s = self.current
        while s is not None:
            for key, f in s.functions.items():
                seen.setdefault(key, f)
            s = s.parent
        return seen

    def lookup_alias(self, name: str):
        key = name.casefold()
        s = self.current
        while s is not None:
            a = s.aliases.get(key)
            if a is not None:
                return a
            s = s.parent
        return None

    def visible_aliases(self) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        s = self.current
        while s is not None:
            for key, a in s.aliases.items():
                seen.setdefault(key, a)
            s = s.parent
        return seen

    # ---- location
    def resolve_path(self, path: str) -> str:
        """A provider path relative to the current location, with `~` expanded (no wildcard expansion)."""
        if path is None or path == "":
            return self.location
        if path.startswith("~"):
            path = self.home + path[1:]
        if path.casefold().startswith("microsoft.powershell.core\\filesystem::"):
            path = path.split("::", 1)[1]
        if path.casefold().startswith("filesystem::"):
            path = path.split("::", 1)[1]
        path = path.replace("\\", "/") if os.sep == "/" else path
        if not os.path.isabs(path):
            path = os.path.join(self.location, path)
        return os.path.normpath(path) if path != "/" else path

    def set_location(self, path: str) -> str:
        target = self.resolve_path(path)
        if not os.path.isdir(target):
            if os.path.exists(target):
                raise ItemNotFoundException(f"Cannot find path '{target}' because it does not exist.",
                                            error_id="PathNotFound", target=path)
            raise ItemNotFoundException(f"Cannot find path '{target}' because it does not exist.",
                                        error_id="PathNotFound", target=path)
        self.location = target
        return target

    def iter_scopes(self) -> Iterator[Scope]:
        s = self.current
        while s is not None:
            yield s
            s = s.parent


def convert_to_constraint(type_constraint, value: Any) -> Any:
    """Convert a value for a type-constrained variable; failures are pwsh's MetadataError, same message."""
    from pslark.runtime.errors import ArgumentTransformationMetadataException, PSException
    try:
        return type_constraint.convert(value)
    except ArgumentTransformationMetadataException:
        raise
    except PSException as exc:
        raise ArgumentTransformationMetadataException(exc.message, inner=exc) from None
