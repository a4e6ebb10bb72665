"""The engine: parses and runs text in a runspace, and is what runtime calls back into (script-block
invocation, parsing for [scriptblock]::Create, script files).

One Engine per process; each thread runs one runspace at a time (`current_context()`).
"""
from __future__ import annotations

import os
import threading
from typing import Any, Callable, Optional

from pslark.interpreter import ast as A
from pslark.runtime import errors as E
from pslark.runtime.binder import CommandArgument
from pslark.runtime.errors import (
    BreakSignal, ContinueSignal, ErrorRecord, ExitSignal, InvocationInfo, PSException, ReturnSignal,
)
from pslark.runtime.objects import AUTOMATION_NULL
from pslark.runtime.runspace import Runspace
from pslark.runtime.scriptblock import UNSET, ScriptBlock, set_invoker

_tls = threading.local()
_engine: Optional["Engine"] = None
_engine_lock = threading.Lock()


def get_engine() -> "Engine":
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = Engine()
    return _engine


def current_context() -> Runspace:
    ctx = getattr(_tls, "ctx", None)
    if ctx is None:
        ctx = get_engine().bootstrap_context()
    return ctx


class ActiveContext:
    """`with ActiveContext(ctx):` makes ctx the current runspace of this thread."""

    def __init__(self, ctx: Runspace):
        self.ctx = ctx
        self.prev = None

    def __enter__(self):
        self.prev = getattr(_tls, "ctx", None)
        _tls.ctx = self.ctx
        return self.ctx

    def __exit__(self, *exc):
        _tls.ctx = self.prev
        return False


class Engine:
    def __init__(self):
        self._file_cache: dict[str, tuple[float, ScriptBlock]] = {}
        self._bootstrap: Optional[Runspace] = None
        set_invoker(self.invoke_script_block)
        Runspace.engine = self
        from pslark.runtime import cmdlets
        cmdlets.load()

    # ---- parsing
    def parse(self, text: str, path: Optional[str] = None) -> A.ScriptBlockAst:
        from pslark.interpreter.parser import parse
        return parse(text, path)

    def script_block_from_text(self, text: str, path: Optional[str] = None) -> ScriptBlock:
        return ScriptBlock(self.parse(text, path))

    def script_block_from_file(self, path: str) -> ScriptBlock:
        full = os.path.abspath(path)
        try:
            mtime = os.path.getmtime(full)
        except OSError:
            raise E.ItemNotFoundException(f"Cannot find path '{full}' because it does not exist.",
                                          error_id="PathNotFound", target=full)
        cached = self._file_cache.get(full)
        if cached is not None and cached[0] == mtime:
            return ScriptBlock(cached[1].ast)
        with open(full, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()        # line endings kept: a string literal spanning lines keeps the file's own
        sb = self.script_block_from_text(text, full)
        self._file_cache[full] = (mtime, sb)
        return sb

    def bootstrap_context(self) -> Runspace:
        if self._bootstrap is None:
            self._bootstrap = self.new_runspace()
        return self._bootstrap

    def new_runspace(self, host=None, location: Optional[str] = None) -> Runspace:
        from pslark.interpreter.builtin_functions import install_builtin_functions
        from pslark.runtime.cmdlets.aliases import install_default_aliases
        rs = Runspace(host, location)
        install_default_aliases(rs)
        install_builtin_functions(rs)
        return rs

    # ---- script-block invocation (runtime's ScriptBlock.invoke_with comes here)
    def invoke_script_block(self, sb: ScriptBlock, args: list, input_items, dollar_under, this, new_scope) -> list:
        from pslark.interpreter.functions import ScriptProcessor
        from pslark.runtime.pipeline import run_pipeline
        ctx = current_context()
        preset = {}
        if dollar_under is not UNSET:
            preset["_"] = dollar_under
            preset["PSItem"] = dollar_under
        if this is not UNSET:
            preset["this"] = this
        out: list = []
        proc = ScriptProcessor(ctx, sb, [CommandArgument(None, a) for a in args],
                               InvocationInfo(None, sb.ast.extent), new_scope=new_scope, preset=preset or None)
        run_pipeline(ctx, [proc], out.append, input_items)
        return out

    def dot_runner(self, sb: ScriptBlock, kind: str = "end") -> Optional[Callable]:
        """A fast runner for ForEach-Object / Where-Object blocks: run(ctx, dollar_under, out) in the caller's
        scope. Returns None when the block needs the full machinery (param blocks, named blocks)."""
        from pslark.interpreter.functions import compiled_of
        cb = compiled_of(sb)
        if cb.params or cb.begin is not None or cb.process is not None or cb.clean is not None:
            return None
        body = cb.end
        if body is None:
            return lambda ctx, item, out: None

        def run(ctx, item, out):
            session = ctx.session
            variables = session.current.variables
            var = variables.get("_")
            if var is None:
                session.set_local("_", item)
                var = variables["_"]
                old = None
            else:
                old = var.value
                var.value = item
            p = variables.get("psitem")
            if p is None:
                session.set_local("PSItem", item)
                p = variables["psitem"]
            else:
                p.value = item
            outer_failed = ctx.last_command_failed   # the block's statements set $? for themselves only
            try:
                body(ctx, out)
            except ReturnSignal as signal:
                for pending in getattr(signal, "pending_output", ()):
                    out(pending)
            finally:
                # a downstream ForEach-Object in the same scope must not leave its $_ behind for us
                var.value = old
                p.value = old
            ctx.last_command_failed = outer_failed
        return run

    # ---- top-level runs (CLI, REPL, jobs)
    def run_text(self, ctx: Runspace, text: str, path: Optional[str] = None, out: Optional[Callable] = None,
                 new_scope: bool = False) -> "RunResult":
        """Parse and run text at the top level of a runspace (like `pwsh -Command`)."""
        try:
            sb_ast = self.parse(text, path)
        except E.ParseException as exc:
            self.report_parse_error(ctx, exc)
            return RunResult(1, terminated=True)
        return self.run_ast(ctx, sb_ast, out=out)

    def run_ast(self, ctx: Runspace, sb_ast: A.ScriptBlockAst, out: Optional[Callable] = None,
                args: Optional[list] = None, script_path: Optional[str] = None) -> "RunResult":
        from pslark.interpreter.functions import ScriptProcessor
        from pslark.runtime.pipeline import run_pipeline
        formatter = None
        if out is None:
            formatter = ctx.host.new_out_default(ctx)
            host = ctx.host

            def out(obj, formatter=formatter, host=host):
                lines = formatter.write(obj)
                if lines:
                    host.write_lines(lines)
        result = RunResult(0)
        with ActiveContext(ctx):
            try:
                check_requires(sb_ast)
                sb = ScriptBlock(sb_ast)
                argv = [CommandArgument(None, a) if not isinstance(a, CommandArgument) else a for a in (args or [])]
                invocation = InvocationInfo(None, sb_ast.extent)
                proc = ScriptProcessor(ctx, sb, argv, invocation, name=os.path.basename(script_path or ""),
                                       new_scope=script_path is not None, script_path=script_path)
                run_pipeline(ctx, [proc], out)
            except ExitSignal as exit_signal:
                result.exit_code = exit_signal.code
                result.exited = True
            except (BreakSignal, ContinueSignal):
                pass   # break/continue outside a loop ends the script quietly, as in pwsh
            except PSException as exc:
                self.report_terminating(ctx, exc, sb_ast)
                result.exit_code = 1
                result.terminated = True
            except RecursionError as exc:
                from pslark.interpreter.compiler import internal_error
                self.report_terminating(ctx, internal_error(exc, sb_ast.extent), sb_ast)
                result.exit_code = 1
                result.terminated = True
            except KeyboardInterrupt:
                result.exit_code = 130
                result.terminated = True
            finally:
                if formatter is not None:
                    try:
                        lines = formatter.close()
                        if lines:
                            ctx.host.write_lines(lines)
                    except Exception:   # output formatting must never hide the result
                        pass
        var = ctx.session.global_scope.variables.get("?")
        result.success = bool(var.value) if var is not None else True
        return result

    def run_job_script(self, ctx: Runspace, sb_ast: A.ScriptBlockAst, args: list, input_items, out: Callable,
                       init_ast: Optional[A.ScriptBlockAst] = None,
                       script_path: Optional[str] = None, dollar_under: Any = UNSET) -> Optional[PSException]:
        """Run a job's (or remote command's) script block at the top of its runspace (dot-sourced into the global
        scope, so a remote session keeps its variables). Returns the terminating error, if one ended it."""
        from pslark.interpreter.compiler import attach_extent, internal_error
        from pslark.interpreter.functions import ScriptProcessor
        from pslark.runtime.pipeline import run_pipeline
        with ActiveContext(ctx):
            try:
                if init_ast is not None:
                    init = ScriptProcessor(ctx, ScriptBlock(init_ast), [], InvocationInfo(None, init_ast.extent),
                                           new_scope=False)
                    run_pipeline(ctx, [init], out)      # its output is the job's too, before the script's
                check_requires(sb_ast)
                argv = [a if isinstance(a, CommandArgument) else CommandArgument(None, a) for a in args]
                preset = None if dollar_under is UNSET else {"_": dollar_under, "PSItem": dollar_under}
                proc = ScriptProcessor(ctx, ScriptBlock(sb_ast), argv, InvocationInfo(None, sb_ast.extent),
                                       new_scope=script_path is not None, script_path=script_path, preset=preset)
                run_pipeline(ctx, [proc], out, input_items)
                return None
            except ExitSignal:
                return None
            except (BreakSignal, ContinueSignal):
                return None
            except PSException as exc:
                return attach_extent(exc, sb_ast.extent)
            except RecursionError as exc:
                return internal_error(exc, sb_ast.extent)
            except KeyboardInterrupt:
                return E.PipelineStoppedException()

    def using_values(self, ctx: Runspace, sb_ast: A.ScriptBlockAst, parallel: bool = False) -> dict:
        """Evaluate every `$using:x` in a script block (nested blocks included) in the caller's runspace.

        Thread jobs and -Parallel get the live values; process jobs and remoting serialize them. For -Parallel
        (`parallel=True`) the blocks of nested `ForEach-Object -Parallel` calls are left to those calls: their
        `$using:` refers to the enclosing -Parallel block, not to us."""
        from pslark.interpreter.variables import using_key
        values: dict = {}
        nodes = parallel_using_walk(sb_ast) if parallel else A.walk(sb_ast)
        for node in nodes:
            if isinstance(node, A.UsingExpr):
                key = using_key(node.variable)
                if key in values:
                    continue
                var = ctx.session.get_variable(node.variable.name)
                if var is None:
                    prefix, _, rest = node.variable.name.partition(":")
                    if rest and prefix.casefold() == "env":
                        values[key] = os.environ.get(rest)
                        continue
                    exc = E.RuntimeException(
                        f"The value of the using variable '$using:{node.variable.name}' cannot be retrieved because "
                        f"it has not been set in the local session.", error_id="UsingVariableIsUndefined",
                        category="InvalidOperation")
                    ErrorRecord(exc, "UsingVariableIsUndefined", "InvalidOperation", None,
                                InvocationInfo(None, node.extent))
                    raise exc
                values[key] = var.value
        return values

    def report_parse_error(self, ctx: Runspace, exc: E.ParseException) -> None:
        record = ErrorRecord(exc, exc.error_id or "ParseException", "ParserError", None,
                             InvocationInfo(None, exc.errors[0].extent if exc.errors else None))
        ctx.record_error(record)
        ctx.host.write_error_record(record)

    def report_terminating(self, ctx: Runspace, exc: PSException, sb_ast=None) -> None:
        if isinstance(exc, E.ParseException):
            self.report_parse_error(ctx, exc)
            return
        record = exc.error_record
        if record is None:
            record = ErrorRecord(exc, invocation_info=InvocationInfo(None, sb_ast.extent if sb_ast else None))
        if isinstance(exc, E.ActionPreferenceStopException) and exc.error_record is not None:
            record = exc.error_record
        ctx.record_error(record)
        ctx.host.write_error_record(record)


_FOREACH_NAMES = frozenset({"foreach-object", "%", "foreach", "microsoft.powershell.core\\foreach-object"})


def parallel_using_walk(root):
    """Like ast.walk, but skipping the script block given to a nested `ForEach-Object -Parallel`."""
    skip: set = set()
    for node in A.walk(root):
        if isinstance(node, A.CommandAst) and node.elements and isinstance(node.elements[0], A.StringConstantExpr) \
                and node.elements[0].value.casefold() in _FOREACH_NAMES:
            elements = node.elements
            for i, el in enumerate(elements):
                if isinstance(el, A.CommandParameterAst) and len(el.name) >= 2 and \
                        "parallel".startswith(el.name.casefold()):
                    target = el.argument if el.argument is not None else (
                        elements[i + 1] if i + 1 < len(elements) else None)
                    if isinstance(target, A.ScriptBlockExpr):
                        skip.add(id(target))
    stack = [root]
    while stack:
        n = stack.pop()
        if isinstance(n, A.Node):
            if id(n) in skip:
                continue
            yield n
            for name in n.__dataclass_fields__:
                if name != "extent":
                    stack.append(getattr(n, name))
        elif isinstance(n, (tuple, list)):
            stack.extend(n)


class RunResult:
    def __init__(self, exit_code: int = 0, terminated: bool = False):
        self.exit_code = exit_code
        self.terminated = terminated
        self.exited = False
        self.success = True


def check_requires(sb_ast: A.ScriptBlockAst) -> None:
    """#requires -Version N: pslark emulates 7.4; a higher version is refused as pwsh would."""
    for req in sb_ast.requires:
        for key, value in req.options:
            k = key.casefold()
            if k == "version":
                parts = [int(p) for p in value.split(".") if p.isdigit()]
                if parts and (parts[0], parts[1] if len(parts) > 1 else 0) > (7, 4):
                    exc = E.RuntimeException(
                        f"The script '{os.path.basename(req.extent.file or 'script')}' cannot be run because it "
                        f"contained a \"#requires\" statement for Windows PowerShell {value}. The version of Windows "
                        f"PowerShell that is required by the script does not match the currently running version of "
                        f"PowerShell 7.4.0.", error_id="ScriptRequiresUnmatchedPSVersion",
                        category="ResourceUnavailable")
                    raise exc
            elif k == "psedition" and value.casefold() == "desktop":
                raise E.RuntimeException(
                    "The script cannot be run because it contained a \"#requires\" statement for PowerShell "
                    "editions 'Desktop'. The edition of PowerShell that is required by the script does not match "
                    "the currently running PowerShell Core edition.", error_id="ScriptRequiresUnmatchedPSEdition",
                    category="ResourceUnavailable")
