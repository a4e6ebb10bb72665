"""Location cmdlets: Get-Location, Set-Location (with `-`/`+` history), Push-Location, Pop-Location
(pwsh's Navigation.cs and SessionStateLocationAPIs.cs). The location is runspace state; `$PWD` follows it."""
from __future__ import annotations

import os
from typing import Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import (
    InvalidOperationException, ItemNotFoundException, PSArgumentException, PSException,
)
from pslark.runtime.paths import PathInfo, PathInfoStack, check_drive, expand_wildcards, to_provider_path

MANAGEMENT = "Microsoft.PowerShell.Management"
DEFAULT_STACK = "default"
MAX_HISTORY = 20


def _history(session) -> dict:
    """Per-session navigation history for `Set-Location -` / `+` (pwsh keeps 20 entries)."""
    h = session.__dict__.get("_pslark_location_history")
    if h is None:
        h = {"back": [], "forward": []}
        session.__dict__["_pslark_location_history"] = h
    return h


def _stacks(session) -> dict:
    stacks = getattr(session, "location_stacks", None)
    if stacks is None:
        stacks = {}
        session.location_stacks = stacks
    return stacks


def _default_stack_name(session) -> str:
    return session.__dict__.get("_pslark_default_stack", DEFAULT_STACK)


def resolve_container(cmd: Cmdlet, path: str, literal: bool) -> str:
    """The single existing directory a Set-Location path names, or raise pwsh's error."""
    session = cmd.ctx.session
    check_drive(path)
    if literal:
        candidates = [to_provider_path(session, path)]
    else:
        candidates = expand_wildcards(session, path)
        if not candidates:
            raise ItemNotFoundException(f"Cannot find path '{path}' because it does not exist.",
                                        error_id="PathNotFound", category="ObjectNotFound", target=path)
    if len(candidates) > 1:
        raise PSArgumentException(
            f"Cannot process argument because the value of argument \"path\" is not valid. Change the value of the "
            f"\"path\" argument and run the operation again.", error_id="Argument", category="InvalidArgument",
            target=path)
    target = candidates[0]
    if not os.path.isdir(target):
        raise ItemNotFoundException(f"Cannot find path '{target}' because it does not exist.",
                                    error_id="PathNotFound", category="ObjectNotFound", target=target)
    return target


def change_location(cmd: Cmdlet, path: str, literal: bool = False, record: bool = True) -> PathInfo:
    """SessionState.Path.SetLocation: resolve, check, move, remember the old location for `-`."""
    session = cmd.ctx.session
    target = resolve_container(cmd, path, literal)
    if not os.access(target, os.X_OK):
        from pslark.runtime.errors import UnauthorizedAccessException
        raise UnauthorizedAccessException(f"Access to the path '{target}' is denied.", error_id="PermissionDenied",
                                          category="PermissionDenied", target=target)
    old = session.location
    session.location = target
    if record:
        h = _history(session)
        h["back"].append(old)
        del h["back"][:-MAX_HISTORY]
        h["forward"].clear()
    return PathInfo(target)


class _LocationCommand(Cmdlet):
    def fq_suffix(self) -> str:
        return "Microsoft.PowerShell.Commands." + type(self).__name__ + "Command"

    def report(self, exc: PSException, target=None) -> None:
        error_id = exc.error_id or type(exc).__name__
        self.write_error(self.error_record(exc.message, error_id, exc.category or exc.default_category,
                                           target if target is not None else exc.target, exc))


@cmdlet("Get-Location", aliases=("gl", "pwd"), default_set="Location", module=MANAGEMENT)
class GetLocation(_LocationCommand):
    ps_provider = Parameter("string[]", name="PSProvider", by_property_name=True, sets=("Location",))
    ps_drive = Parameter("string[]", name="PSDrive", by_property_name=True, sets=("Location",))
    stack = Parameter("switch", sets=("Stack",))
    stack_name = Parameter("string[]", by_property_name=True, sets=("Stack",))

    def process_record(self):
        session = self.ctx.session
        if self.parameter_set == "Stack" or self.stack or self.stack_name is not None:
            from pslark.runtime.cmdlets.variables import as_str_list
            names = as_str_list(self.stack_name) if self.stack_name is not None else [None]
            for name in names:
                key = name or _default_stack_name(session)
                stack = _stacks(session).get(key.casefold())
                if stack is None and name is not None:
                    exc = PSArgumentException(f"The location stack '{name}' does not exist.",
                                              error_id="Argument", category="InvalidArgument", target=name)
                    self.report(exc)
                    continue
                items = [PathInfo(p) for p in reversed(stack or [])]
                self.write_object(PathInfoStack(key, items))
            return
        if self.ps_drive is not None:
            from pslark.runtime.cmdlets.variables import as_str_list
            for d in as_str_list(self.ps_drive):
                if d.rstrip(":") not in ("/", ""):
                    from pslark.runtime.errors import DriveNotFoundException
                    exc = DriveNotFoundException(f"Cannot find drive. A drive with the name '{d}' does not exist.",
                                                 error_id="GetLocationNoMatchingDrive", category="ObjectNotFound",
                                                 target=d)
                    self.report(exc)
                    continue
                self.write_object(PathInfo(session.location))
            return
        if self.ps_provider is not None:
            from pslark.runtime.cmdlets.variables import as_str_list, matcher
            for p in as_str_list(self.ps_provider):
                short = p.rsplit("\\", 1)[-1]
                if matcher([short])("FileSystem"):
                    self.write_object(PathInfo(session.location))
                else:
                    from pslark.runtime.errors import RuntimeException
                    exc = RuntimeException(f"Cannot find a provider with the name '{p}'.",
                                           error_id="GetLocationNoMatchingProvider", category="ObjectNotFound",
                                           target=p)
                    self.report(exc)
            return
        self.write_object(PathInfo(session.location))


@cmdlet("Set-Location", aliases=("sl", "cd", "chdir"), default_set="Path", module=MANAGEMENT)
class SetLocation(_LocationCommand):
    path = Parameter("string", position=0, pipeline=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}})
    pass_thru = Parameter("switch")
    stack_name = Parameter("string", by_property_name=True, sets=("Stack",))

    def process_record(self):
        session = self.ctx.session
        result = None
        if self.parameter_set == "Stack":
            name = self.stack_name or DEFAULT_STACK
            session.__dict__["_pslark_default_stack"] = name
            stack = _stacks(session).get(name.casefold(), [])
            result = PathInfoStack(name, [PathInfo(p) for p in reversed(stack)])
        else:
            literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
            path = self.literal_path if literal else self.path
            path = "" if path is None else str(path)
            try:
                if not literal and path in ("-", "+"):
                    result = self.navigate(path)
                else:
                    if path == "":
                        path = session.home
                        literal = True
                    result = change_location(self, path, literal)
            except InvalidOperationException as exc:
                self.throw_terminating(self.error_record(exc.message, "System.InvalidOperationException",
                                                         "InvalidOperation", None, exc))
            except PSException as exc:
                self.report(exc)
                return
        if self.pass_thru and result is not None:
            self.write_object(result)

    def navigate(self, direction: str) -> PathInfo:
        session = self.ctx.session
        h = _history(session)
        if direction == "-":
            if not h["back"]:
                raise InvalidOperationException("There is no location history left to navigate backwards.")
            target = h["back"].pop()
            h["forward"].append(session.location)
        else:
            if not h["forward"]:
                raise InvalidOperationException("There is no location history left to navigate forwards.")
            target = h["forward"].pop()
            h["back"].append(session.location)
        if not os.path.isdir(target):
            raise ItemNotFoundException(f"Cannot find path '{target}' because it does not exist.",
                                        error_id="PathNotFound", category="ObjectNotFound", target=target)
        session.location = target
        return PathInfo(target)


@cmdlet("Push-Location", aliases=("pushd",), default_set="Path", module=MANAGEMENT)
class PushLocation(_LocationCommand):
    path = Parameter("string", position=0, pipeline=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string", by_property_name=True, aliases=("PSPath", "LP"), sets=("LiteralPath", "Path"),
                             per_set={"Path": {"hidden": True}})
    pass_thru = Parameter("switch")
    stack_name = Parameter("string", by_property_name=True)

    def process_record(self):
        session = self.ctx.session
        name = self.stack_name or _default_stack_name(session)
        _stacks(session).setdefault(name.casefold(), []).append(session.location)
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        path = self.literal_path if literal else self.path
        if path is None:
            return
        try:
            result = change_location(self, str(path), literal)
        except PSException as exc:
            self.report(exc)
            return
        if self.pass_thru:
            self.write_object(result)


@cmdlet("Pop-Location", aliases=("popd",), module=MANAGEMENT)
class PopLocation(_LocationCommand):
    pass_thru = Parameter("switch")
    stack_name = Parameter("string", by_property_name=True)

    def process_record(self):
        session = self.ctx.session
        name = self.stack_name or _default_stack_name(session)
        stacks = _stacks(session)
        stack = stacks.get(name.casefold())
        if not stack:
            if self.stack_name and name.casefold() != DEFAULT_STACK and stack is None:
                exc = PSArgumentException(f"The location stack '{name}' does not exist.", error_id="Argument",
                                          category="InvalidArgument", target=name)
                self.report(exc)
            return
        target = stack.pop()
        if not stack and name.casefold() != DEFAULT_STACK:
            del stacks[name.casefold()]
        try:
            result = change_location(self, target, literal=True)
        except PSException as exc:
            self.report(exc)
            return
        if self.pass_thru:
            self.write_object(result)
