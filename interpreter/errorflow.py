"""What happens when a statement fails: traps, try/catch/finally, and pwsh's statement- vs
script-terminating rules.

A failing statement (a statement-terminating error) is reported and the script goes on with the next
statement, unless a try block is active (then it is caught) or a trap handles it. Errors from `throw`
and from ErrorAction Stop end the script when nothing catches them.
"""
from __future__ import annotations

from typing import Any

from pslark.interpreter import ast as A
from pslark.interpreter.compiler import attach_extent, internal_error
from pslark.runtime import errors as E
from pslark.runtime.errors import (
    ActionPreferenceStopException, BreakSignal, ContinueSignal, FlowSignal, PSException,
)


def exception_matches(exc: PSException, type_names: list) -> bool:
    """Does `catch [T]` / `trap [T]` apply? The exception or one it wraps must be a T."""
    if not type_names:
        return True
    chain = []
    e = exc
    while e is not None and len(chain) < 10:
        chain.append(e)
        e = getattr(e, "inner", None)
    record = getattr(exc, "error_record", None)
    if record is not None and record.exception is not exc and getattr(record.exception, "inner", None) is exc:
        chain.append(record.exception)      # the RuntimeException wrapping a .NET exception (catch [RuntimeException])
    for tn in type_names:
        klass = E.exception_class(tn.name)
        if klass is None:
            from pslark.interpreter.compiler import resolve_type_or_fail
            t = resolve_type_or_fail(tn)
            klass = getattr(t, "exception_class", None)
            if klass is None:
                continue
        for item in chain:
            if isinstance(item, klass):
                return True
        if klass is E.CmdletInvocationException and getattr(exc, "escaped_cmdlet", False):
            return True
    return False


def _record(exc: PSException, extent):
    attach_extent(exc, extent)
    return exc.error_record


def _with_dollar_under(ctx, record, body, out):
    session = ctx.session
    old = session.current.variables.get("_")
    old_value = old.value if old is not None else None
    session.set_local("_", record)
    session.set_local("PSItem", record)
    try:
        body(ctx, out)
    finally:
        if old is not None:
            session.set_local("_", old_value)
            session.set_local("PSItem", old_value)


def handle_statement_error(ctx, exc: PSException, extent, traps, out) -> None:
    record = _record(exc, extent)
    ctx.last_command_failed = True
    var = ctx.session.global_scope.variables.get("?")
    if var is not None:
        var.value = False
    for type_name, body in traps:
        if exception_matches(exc, [type_name] if type_name is not None else []):
            try:
                _with_dollar_under(ctx, record, body, out)
            except ContinueSignal as c:
                if c.label is None:
                    ctx.record_error(record)
                    return
                raise
            except BreakSignal as b:
                if b.label is None:
                    raise exc
                raise
            ctx.streams.write_error(record, "Continue")
            return
    if exc.was_thrown and ctx.try_depth == 0 and getattr(ctx, "trap_depth", 0) == 0 and \
            not isinstance(exc, ActionPreferenceStopException) and \
            str(ctx.preference("ErrorActionPreference", "Continue")).casefold() in ("silentlycontinue", "ignore"):
        # pwsh's CheckActionPreference: outside try/catch and trap, a `throw` under SilentlyContinue or Ignore (a
        # function called with -ErrorAction SilentlyContinue) is suppressed -- kept in $Error, the next statement runs
        ctx.record_error(record)
        return
    if ctx.try_depth > 0 or exc.was_thrown or isinstance(exc, ActionPreferenceStopException) \
            or isinstance(exc, E.ScriptCallDepthException) or isinstance(exc, E.PipelineStoppedException):
        raise exc
    ctx.streams.write_error(record)


def compile_try(compiler, node: A.TryAst):
    body = compiler.compile_statement_list(node.body)
    compiler.catch_depth = getattr(compiler, "catch_depth", 0) + 1   # a bare `throw` in a catch rethrows
    try:
        catches = [(list(c.types), compiler.compile_statement_list(c.body)) for c in node.catches]
    finally:
        compiler.catch_depth -= 1
    finally_body = compiler.compile_statement_list(node.finally_body) if node.finally_body is not None else None
    extent = node.extent

    def run(ctx, out):
        try:
            ctx.try_depth += 1
            try:
                body(ctx, out)
            finally:
                ctx.try_depth -= 1
        except PSException as exc:
            handled = _catch(ctx, exc, extent, catches, out)
            if not handled:
                raise
        except (FlowSignal, KeyboardInterrupt):
            raise
        except Exception as exc:   # a pslark bug inside the try body: still catchable, never a traceback
            wrapped = internal_error(exc, extent)
            if not _catch(ctx, wrapped, extent, catches, out):
                raise wrapped from None
        finally:
            if finally_body is not None:
                finally_body(ctx, out)
    return run


def _catch(ctx, exc: PSException, extent, catches, out) -> bool:
    if isinstance(exc, E.PipelineStoppedException) and ctx.stop_event.is_set():
        return False
    record = _record(exc, extent)
    for types, cbody in catches:
        if exception_matches(exc, types):
            ctx.record_error(record)   # pwsh saves the error in $Error before it runs the catch block
            ctx.streams.note_caught(record)     # and in the -ErrorVariable of the command around the try
            stack = ctx.__dict__.setdefault("catch_exceptions", [])
            stack.append(exc)
            try:
                _with_dollar_under(ctx, record, cbody, out)
            finally:
                stack.pop()
            return True
    return False
