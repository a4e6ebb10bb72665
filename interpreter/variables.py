"""Reading and writing variables: scopes, `$env:`, `$function:`, `$alias:`, `$variable:`, `$using:`."""
from __future__ import annotations

import os
from typing import Any, Callable

from pslark.interpreter import ast as A
from pslark.runtime.errors import InvocationInfo, ErrorRecord, RuntimeException
from pslark.runtime.objects import AUTOMATION_NULL
from pslark.runtime.session import split_scope

SCOPES = ("global", "local", "script", "private")


def _undefined(ctx, name: str, extent):
    if ctx.strict_mode >= 1:
        exc = RuntimeException(f"The variable '${name}' cannot be retrieved because it has not been set.",
                               error_id="VariableIsUndefined", category="InvalidOperation", target=name)
        ErrorRecord(exc, "VariableIsUndefined", "InvalidOperation", name, InvocationInfo(None, extent))
        raise exc
    return None


def variable_getter(node: A.VariableExpr) -> Callable[[Any], Any]:
    name = node.name
    extent = node.extent
    prefix, plain = split_scope(name)
    if prefix is None:
        key = name.casefold()

        def get_plain(ctx):
            s = ctx.session.current
            var = s.variables.get(key)
            if var is not None:
                return var.value
            s = s.parent
            while s is not None:
                var = s.variables.get(key)
                if var is not None and "Private" not in var.options:
                    return var.value
                s = s.parent
            return _undefined(ctx, name, extent)
        return get_plain
    if prefix in SCOPES or prefix == "variable":
        def get_scoped(ctx):
            var = ctx.session.get_variable(name)
            if var is None:
                return _undefined(ctx, name, extent)
            return var.value
        return get_scoped
    if prefix == "env":
        return lambda ctx: os.environ.get(plain)
    if prefix == "function":
        def get_function(ctx):
            info = ctx.session.lookup_function(plain)
            return info.script_block if info is not None else None
        return get_function
    if prefix == "alias":
        def get_alias(ctx):
            a = ctx.session.lookup_alias(plain)
            return a.definition if a is not None else None
        return get_alias
    if prefix == "using":
        return using_getter(A.UsingExpr(extent, A.VariableExpr(extent, plain)))

    def get_drive(ctx):
        # ${C:\path} style drive-qualified variables: read the item's content
        from pslark.runtime.errors import DriveNotFoundException
        raise DriveNotFoundException(
            f"Cannot find drive. A drive with the name '{prefix}' does not exist.", error_id="DriveNotFound",
            target=prefix)
    return get_drive


def variable_setter(node: A.VariableExpr) -> Callable[[Any, Any], None]:
    name = node.name
    prefix, plain = split_scope(name)
    if plain.casefold() == "null" and prefix in (None, "global", "local", "script"):
        return lambda ctx, value: None      # `$null = ...` discards the value
    if prefix is None:
        key = name.casefold()

        def set_plain(ctx, value):
            var = ctx.session.current.variables.get(key)
            if var is not None and not var.options and not var.attributes and var.type_constraint is None:
                var.value = value       # AutomationNull is kept: `$x = & {}; @($x).Count` is 0 in pwsh
            elif var is None:
                ctx.session.set_variable(name, value)
            else:
                ctx.session.set_variable(name, None if value is AUTOMATION_NULL else value)
        return set_plain
    if prefix in SCOPES or prefix == "variable":
        def set_scoped(ctx, value):
            ctx.session.set_variable(name, None if value is AUTOMATION_NULL else value)
        return set_scoped
    if prefix == "env":
        def set_env(ctx, value):
            if value is None or value is AUTOMATION_NULL or value == "":
                os.environ.pop(plain, None)
            else:
                from pslark.runtime.conversion import to_string
                os.environ[plain] = to_string(value)
        return set_env
    if prefix == "function":
        def set_function(ctx, value):
            from pslark.interpreter.functions import FunctionInfo
            from pslark.runtime.scriptblock import ScriptBlock
            if value is None:
                scope = ctx.session.current
                while scope is not None:
                    if scope.functions.pop(plain.casefold(), None) is not None:
                        break
                    scope = scope.parent
                return
            if not isinstance(value, ScriptBlock):
                from pslark.interpreter.engine import get_engine
                value = get_engine().script_block_from_text(str(value))
            ctx.session.set_function(plain, FunctionInfo(plain, value, False, None))
        return set_function
    if prefix == "using":
        def set_using(ctx, value):
            raise RuntimeException("Cannot assign to a $using: variable.", error_id="UsingVariableIsReadOnly")
        return set_using

    def set_other(ctx, value):
        from pslark.runtime.errors import DriveNotFoundException
        raise DriveNotFoundException(
            f"Cannot find drive. A drive with the name '{prefix}' does not exist.", error_id="DriveNotFound",
            target=prefix)
    return set_other


def using_key(variable: A.VariableExpr) -> str:
    return variable.name.casefold()


def using_getter(node: A.UsingExpr) -> Callable[[Any], Any]:
    key = using_key(node.variable)
    name = node.variable.name
    extent = node.extent

    def get_using(ctx):
        values = ctx.using_values
        if values is None:
            exc = RuntimeException(
                "A Using variable cannot be retrieved. A Using variable can be used only with Invoke-Command, "
                "Start-Job, or InlineScript in the script workflow. When it is used with Invoke-Command, the Using "
                "variable is valid only if the script block is invoked on a remote computer.",
                error_id="UsingWithoutInvokeCommand", category="InvalidOperation")
            ErrorRecord(exc, "UsingWithoutInvokeCommand", "InvalidOperation", None, InvocationInfo(None, extent))
            raise exc
        if key not in values:
            exc = RuntimeException(
                f"The value of the using variable '$using:{name}' cannot be retrieved because it has not been set "
                f"in the local session.", error_id="UsingVariableIsUndefined", category="InvalidOperation")
            ErrorRecord(exc, "UsingVariableIsUndefined", "InvalidOperation", None, InvocationInfo(None, extent))
            raise exc
        return values[key]
    return get_using
