"""Pipelines: a chain of command processors that push records downstream one at a time.

`a | b | c` runs every begin (left to right), then feeds the first command, each record flowing through
b and c before the next is produced, then every end (left to right). Select-Object -First stops the
upstream commands with StopUpstream.
"""
from __future__ import annotations

import os
import subprocess
import threading
from typing import Any, Callable, Optional

from pslark.runtime.binder import Binder, BindingResult, CommandArgument
from pslark.runtime.cmdlet import ALL_SETS, CmdletInfo, Parameter
from pslark.runtime.errors import (
    ErrorRecord, FlowSignal, InvocationInfo, ParameterBindingException, PSException, RuntimeException,
)
from pslark.runtime.objects import AUTOMATION_NULL, enumerate_value


class StopUpstream(FlowSignal):
    """Raised by a command that needs no more input (Select-Object -First): upstream commands stop."""

    def __init__(self, processor):
        super().__init__()
        self.processor = processor


class CommandProcessor:
    """One pipeline element."""

    expects_input = False
    name = ""

    def __init__(self):
        self.emit: Callable[[Any], None] = _discard

    def begin(self) -> None:
        pass

    def process(self, item: Any) -> None:
        pass

    def process_no_input(self) -> None:
        """The first command of a pipeline: its process step runs once with no input."""
        self.process(AUTOMATION_NULL)

    def end(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def dispose(self) -> None:
        pass


def _discard(_):
    return None


def run_pipeline(ctx, processors: list[CommandProcessor], sink: Callable[[Any], None],
                 input_items: Optional[Any] = None) -> None:
    """Run processors as one pipeline; `input_items` (an iterable) feeds the first one (e.g. `$input`)."""
    n = len(processors)
    for i, proc in enumerate(processors):
        proc.expects_input = i > 0 or input_items is not None
    # begin phase: output written during begin is held until every begin has run
    held: list[list] = [[] for _ in range(n)]
    for i, proc in enumerate(processors):
        proc.emit = held[i].append
    stop_index = None
    try:
        try:
            for proc in processors:
                proc.begin()
            for i, proc in enumerate(processors):
                proc.emit = processors[i + 1].process if i + 1 < n else sink
            for i, items in enumerate(held):
                downstream = processors[i + 1].process if i + 1 < n else sink
                for item in items:
                    downstream(item)
            first = processors[0]
            if input_items is None:
                first.process_no_input()
            else:
                check = ctx.check_stop
                process = first.process
                for item in input_items:
                    check()
                    process(item)
        except StopUpstream as signal:
            stop_index = _index_of(processors, signal.processor)
            if stop_index is None:
                raise
        start = 0 if stop_index is None else stop_index
        for proc in processors[start:]:
            try:
                proc.end()
            except StopUpstream as signal:
                idx = _index_of(processors, signal.processor)
                if idx is None:
                    raise
                # a command that stops its upstream during end: later ends still run
    finally:
        for proc in processors:
            try:
                proc.dispose()
            except Exception:   # disposal must not hide the real error
                pass


def _index_of(processors, target) -> Optional[int]:
    for i, p in enumerate(processors):
        if p is target:
            return i
    return None


# ------------------------------------------------------------------------------------------------
# Cmdlets

def parameter_converter(ctx) -> Callable[[Any, Parameter], Any]:
    """Converts an argument to a parameter's declared type (shared by cmdlets and script functions)."""
    from pslark.runtime import paramtypes
    return lambda value, param: paramtypes.convert_argument(ctx, value, param)


def get_property_for_binding(item: Any, name: str) -> tuple[bool, Any]:
    from pslark.runtime import members
    from pslark.runtime.objects import Hashtable, PSObject
    if isinstance(item, PSObject):
        entry = item.property_entry(name)
        if entry is not None:
            return True, item.get_property(name)
        if item.base is None:
            return False, None
        item = item.base
    if isinstance(item, str):
        # a string's one property, Length, binds by property name as in pwsh ('abc' | f binds -Length 3)
        return (True, len(item)) if name.casefold() == "length" else (False, None)
    if isinstance(item, (int, float, bool)) or item is None:
        return False, None
    if isinstance(item, Hashtable):
        return False, None
    try:
        names = members.property_names(item)
    except PSException:
        return False, None
    for n in names:
        if n.casefold() == name.casefold():
            return True, members.get_member(item, n)
    return False, None


class CmdletProcessor(CommandProcessor):
    """Runs a Cmdlet class: binds arguments now, pipeline input per record."""

    def __init__(self, ctx, info: CmdletInfo, args: list[CommandArgument], invocation: InvocationInfo,
                 streams=None):
        super().__init__()
        self.ctx = ctx
        self.info = info
        self.name = info.name
        self.cmdlet = info.klass(ctx, invocation)
        self.cmdlet.processor = self            # lets a cmdlet stop its upstream (Select-Object -First)
        self.cmdlet.streams = streams or ctx.streams
        md = info.klass.metadata()
        self.binder = Binder(md, info.name, self.cmdlet.fq_suffix(), parameter_converter(ctx), invocation=invocation)
        self.result: BindingResult = self.binder.bind_arguments(args)
        self.binder.apply_default_values(self.result, ctx)
        self.pipeline_bound: list[str] = []
        self.fast = None                    # see _fast_input
        self.out_variable: Optional[list] = None
        self.pipeline_variable: Optional[str] = None
        self._apply(self.result.values)
        self._apply_common(self.result.values)

    def _apply(self, values: dict) -> None:
        cmd = self.cmdlet
        params = self.binder.md.by_name
        for name, value in values.items():
            p = params[name.casefold()]
            if p.attr:
                setattr(cmd, p.attr, value)
            cmd.bound[p.name] = value

    def _apply_common(self, values: dict) -> None:
        cmd = self.cmdlet
        for name, value in values.items():
            key = name.casefold()
            if key == "erroraction":
                cmd.error_action = str(value)
            elif key == "warningaction":
                cmd.warning_action = str(value)
            elif key == "informationaction":
                cmd.information_action = str(value)
            elif key == "verbose":
                cmd.verbose = bool(value)
            elif key == "debug":
                cmd.debug = bool(value)
            elif key == "errorvariable":
                self._collect_variable("error_variable", str(value))
            elif key == "warningvariable":
                self._collect_variable("warning_variable", str(value))
            elif key == "informationvariable":
                self._collect_variable("information_variable", str(value))
            elif key == "outvariable":
                self.out_variable = []
                self._out_variable_name = str(value)
            elif key == "pipelinevariable":
                self.pipeline_variable = str(value)

    def _collect_variable(self, which: str, name: str) -> None:
        from pslark.runtime.objects import PSList
        append = name.startswith("+")
        name = name.lstrip("+")
        existing = self.ctx.session.get_variable(name) if append else None
        collection = existing.value if existing is not None and isinstance(existing.value, list) else PSList()
        self.ctx.session.set_variable(name, collection)
        self.cmdlet.streams = self.cmdlet.streams.with_variable(which[:-len("_variable")], collection)

    def begin(self) -> None:
        cmd = self.cmdlet
        if self.out_variable is not None or self.pipeline_variable is not None:
            cmd.emit = self._emit_tracked
        else:
            cmd.emit = self._forward
        cmd.expecting_input = self.expects_input
        self.cmdlet.parameter_set = self.binder.resolve_set(self.result, self.expects_input)
        missing = self.binder.missing_mandatory(self.result, self.cmdlet.parameter_set, self.expects_input)
        if missing:
            names = ", ".join(p.name for p in missing)
            raise self.binder.error(
                f"Cannot process command because of one or more missing mandatory parameters: {names}.",
                "MissingMandatoryParameter")
        self._with_own_streams(cmd.begin_processing)

    def _emit_tracked(self, obj):
        if self.out_variable is not None:
            self.out_variable.append(obj)
        if self.pipeline_variable is not None:
            self.ctx.session.set_variable(self.pipeline_variable, obj)
        self.emit(obj)

    def _forward(self, obj):
        self.emit(obj)

    def _fast_input(self):
        """The attribute that takes every pipeline object unconverted (a lone ByValue object/psobject parameter
        with no ByPropertyName rivals), or None when binding must run per object."""
        plan = self.binder._pipeline_plan(self.result)
        if len(plan) != 1:
            return None
        _set, by_value, by_prop = plan[0]
        values = self.result.values
        free_value = [p for p in by_value if p.name not in values]
        free_prop = [p for p in by_prop if p.name not in values]
        if len(free_value) != 1 or free_prop:
            return None
        p = free_value[0]
        if p.type.casefold() not in ("object", "psobject") or p.validate_not_null or p.validate_set or \
                p.validate_script is not None or p.validate_not_null_or_empty:
            return None
        return p

    def process(self, item: Any) -> None:
        ctx = self.ctx
        if self.cmdlet.streams is not ctx.streams:
            # a redirected or collected stream (2>$null, -ErrorVariable): script blocks the cmdlet runs
            # (ForEach-Object, Invoke-Expression ...) write to it too
            prev, ctx.streams = ctx.streams, self.cmdlet.streams
            try:
                self._process(item)
            finally:
                ctx.streams = prev
            return
        self._process(item)

    def _process(self, item: Any) -> None:
        cmd = self.cmdlet
        if item is not AUTOMATION_NULL and self.expects_input:
            fast = self.fast
            if fast is None and self.fast is not False:
                fast = self.fast = self._fast_input() or False
            if fast and not (item is None and fast.mandatory_somewhere and not fast.allow_null):
                setattr(cmd, fast.attr, item)
                cmd.bound[fast.name] = item
                cmd.process_record()
                return
            for name in self.pipeline_bound:
                p = self.binder.md.by_name[name.casefold()]
                setattr(cmd, p.attr, False if p.is_switch else p.default)
                cmd.bound.pop(p.name, None)
            try:
                bound = self.binder.bind_pipeline(self.result, item, get_property_for_binding)
            except ParameterBindingException as exc:
                # as CommandProcessor.Read: this input object fails, the next one is tried
                self.pipeline_bound = []
                self._input_error(exc, item)
                return
            self.pipeline_bound = list(bound)
            self._apply(bound)
            cmd.parameter_set = self.result.parameter_set if self.result.parameter_set != ALL_SETS \
                else cmd.parameter_set
        cmd.process_record()

    def _input_error(self, exc: ParameterBindingException, item: Any) -> None:
        """A pipeline object that cannot be bound: a non-terminating error with the object as its target."""
        record = exc.error_record or ErrorRecord(exc, invocation_info=self.cmdlet.invocation)
        record.target_object = item
        self.cmdlet.write_error(record)

    def process_no_input(self) -> None:
        self._with_own_streams(self.cmdlet.process_record)

    def _with_own_streams(self, fn) -> None:
        ctx = self.ctx
        if self.cmdlet.streams is ctx.streams:
            fn()
            return
        prev, ctx.streams = ctx.streams, self.cmdlet.streams
        try:
            fn()
        finally:
            ctx.streams = prev

    def end(self) -> None:
        self._with_own_streams(self.cmdlet.end_processing)
        if self.out_variable is not None:
            value = self.out_variable
            self.ctx.session.set_variable(self._out_variable_name,
                                          value[0] if len(value) == 1 else list(value))

    def stop(self) -> None:
        self.cmdlet.stop_processing()


# ------------------------------------------------------------------------------------------------
# Native executables

class NativeProcessor(CommandProcessor):
    """An executable found on PATH: stdout lines become strings, stderr goes to the error stream/console."""

    def __init__(self, ctx, path: str, name: str, args: list[str], invocation: InvocationInfo, streams=None,
                 stderr_redirected: bool = False):
        super().__init__()
        self.ctx = ctx
        self.path = path
        self.name = name
        self.args = args
        self.invocation = invocation
        self.streams = streams or ctx.streams
        self.stderr_redirected = stderr_redirected
        self.input_lines: Optional[list[str]] = None
        self.proc: Optional[subprocess.Popen] = None

    def process(self, item: Any) -> None:
        if item is AUTOMATION_NULL:
            return
        from pslark.runtime.conversion import to_string
        if self.input_lines is None:
            self.input_lines = []
        self.input_lines.append(to_string(item))

    def process_no_input(self) -> None:
        pass

    def end(self) -> None:
        ctx = self.ctx
        stdin_data = None
        if self.input_lines is not None:
            stdin_data = ("\n".join(self.input_lines) + "\n").encode()
        env = dict(os.environ)
        try:
            proc = subprocess.Popen([self.path] + self.args, cwd=ctx.location, env=env,
                                    stdin=subprocess.PIPE if stdin_data is not None else None,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=False)
        except OSError as exc:
            raise RuntimeException(
                f"An error occurred trying to start process '{self.path}' with working directory "
                f"'{ctx.location}'. {exc.strerror}.", error_id="NativeCommandFailed", category="ResourceUnavailable")
        self.proc = proc
        _register_child(ctx, proc)
        err_thread = threading.Thread(target=self._pump_stderr, args=(proc,), daemon=True)
        err_thread.start()
        if stdin_data is not None:
            writer = threading.Thread(target=_feed_stdin, args=(proc, stdin_data), daemon=True)
            writer.start()
        try:
            for raw in proc.stdout:
                text = raw.decode("utf-8", errors="replace").rstrip("\n").rstrip("\r")
                self.emit(text)
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            err_thread.join(timeout=5)
            _unregister_child(ctx, proc)
        code = proc.returncode
        if code < 0:
            code = 128 - code
        ctx.session.set_variable("global:LASTEXITCODE", code)
        ctx.last_command_failed = code != 0
        self._errors_flush()

    def _pump_stderr(self, proc) -> None:
        self._stderr_lines = []
        for raw in proc.stderr:
            text = raw.decode("utf-8", errors="replace").rstrip("\n").rstrip("\r")
            if self.stderr_redirected:
                self._stderr_lines.append(text)
            else:
                self.ctx.host.write_err(text + "\n")

    def _errors_flush(self) -> None:
        for i, text in enumerate(getattr(self, "_stderr_lines", ())):
            exc = RuntimeException(text)
            # the first stderr line is NativeCommandError, the lines after it NativeCommandErrorMessage
            record = ErrorRecord(exc, "NativeCommandError" if i == 0 else "NativeCommandErrorMessage",
                                 "NotSpecified", text, self.invocation)
            record.native = True
            self.streams.write_error(record, "Continue")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()


def _feed_stdin(proc, data: bytes) -> None:
    try:
        proc.stdin.write(data)
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass


def _register_child(ctx, proc) -> None:
    children = getattr(ctx, "child_processes", None)
    if children is None:
        ctx.child_processes = children = set()
    children.add(proc)


def _unregister_child(ctx, proc) -> None:
    children = getattr(ctx, "child_processes", None)
    if children is not None:
        children.discard(proc)
