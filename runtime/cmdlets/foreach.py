"""ForEach-Object and Where-Object: the script-block pipeline cmdlets (their blocks run in the caller's scope)."""
from __future__ import annotations

from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import PSException, RuntimeException
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.scriptblock import ScriptBlock


PARALLEL_SET = "ParallelParameterSet"


def block_runner(ctx, sb: ScriptBlock):
    """run(item, out) for a script block invoked per item in the caller's scope ($_ = item)."""
    engine = ctx.engine
    fast = engine.dot_runner(sb)
    if fast is not None:
        return lambda item, out: fast(ctx, item, out)

    def slow(item, out):
        for result in sb.invoke_with([], None, item, item, False):
            out(result)
    return slow


class _DollarUnderGuard:
    """Restores the caller's $_ after the cmdlet has finished."""

    def __init__(self, ctx):
        self.scope = ctx.session.current
        var = self.scope.variables.get("_")
        self.had = var is not None
        self.value = var.value if var is not None else None

    def restore(self, ctx):
        scope = self.scope
        if self.had:
            scope.variables["_"].value = self.value
            if "psitem" in scope.variables:
                scope.variables["psitem"].value = self.value
        else:
            scope.variables.pop("_", None)
            scope.variables.pop("psitem", None)


@cmdlet("ForEach-Object", aliases=("%", "foreach"), default_set="ScriptBlockSet",
        module="Microsoft.PowerShell.Core")
class ForEachObject(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    begin = Parameter("scriptblock", sets=("ScriptBlockSet",))
    process = Parameter("scriptblock[]", position=0, mandatory=True, sets=("ScriptBlockSet",), allow_null=True,
                        allow_empty_collection=True)
    end = Parameter("scriptblock", sets=("ScriptBlockSet",))
    remaining_scripts = Parameter("scriptblock[]", remaining=True, sets=("ScriptBlockSet",))
    member_name = Parameter("string", position=0, mandatory=True, sets=("PropertyAndMethodSet",))
    argument_list = Parameter("object[]", aliases=("Args",), sets=("PropertyAndMethodSet",), remaining=True)
    parallel = Parameter("scriptblock", mandatory=True, sets=(PARALLEL_SET,))
    throttle_limit = Parameter("int", sets=(PARALLEL_SET,), validate_range=(1, 2147483647), default=5)
    timeout_seconds = Parameter("int", sets=(PARALLEL_SET,), validate_range=(0, 2147483), default=0)
    as_job = Parameter("switch", sets=(PARALLEL_SET,))
    use_new_runspace = Parameter("switch", sets=(PARALLEL_SET,))

    def begin_processing(self):
        ctx = self.ctx
        self.guard = _DollarUnderGuard(ctx)
        if self.parameter_set == "PropertyAndMethodSet":
            return
        if self.parameter_set == PARALLEL_SET:
            self.runner = ParallelRunner(self)
            return
        blocks = list(self.process or []) + list(self.remaining_scripts or [])
        begin = self.begin
        end = self.end
        if not self.is_bound("Begin") and not self.is_bound("End") and len(blocks) > 1:
            # pwsh: two positional blocks are begin + process; more are begin, process..., end
            begin = blocks[0]
            if len(blocks) > 2:
                end = blocks[-1]
                blocks = blocks[1:-1]
            else:
                blocks = blocks[1:]
        self.runners = [block_runner(ctx, sb) for sb in blocks]
        self.end_block = end
        if begin is not None:
            block_runner(ctx, begin)(None, self.emit)

    def process_record(self):
        item = self.input_object
        if self.parameter_set == PARALLEL_SET:
            self.runner.process(item)
            return
        if item is AUTOMATION_NULL:
            item = None
        if self.parameter_set == "PropertyAndMethodSet":
            self._member(item)
            return
        emit = self.emit
        for run in self.runners:
            run(item, emit)

    def end_processing(self):
        if self.parameter_set == PARALLEL_SET:
            self.runner.end()
        elif self.parameter_set != "PropertyAndMethodSet" and self.end_block is not None:
            block_runner(self.ctx, self.end_block)(None, self.emit)
        self.guard.restore(self.ctx)

    def stop_processing(self):
        if self.parameter_set == PARALLEL_SET:
            self.runner.stop()

    def _member(self, item: Any):
        from pslark.runtime import members
        name = self.member_name
        if item is None:
            return
        args = list(self.argument_list or [])
        if not args and _has_property(item, name):
            value = members.get_member(item, name)
            if isinstance(value, list):
                for v in value:
                    self.write_object(v)
            else:
                self.write_object(value)
            return
        try:
            result = members.invoke_method(item, name, args)
        except PSException as exc:
            if exc.error_id == "MethodNotFound" or "does not contain a method" in exc.message:
                self.write_error(f'The input name "{name}" cannot be resolved to a member.',
                                 "PropertyOrMethodNotFound", "InvalidArgument", item)
                return
            raise
        if result is not None and result is not AUTOMATION_NULL:
            if isinstance(result, list):
                for v in result:
                    self.write_object(v)
            else:
                self.write_object(result)


_UNSUPPORTED_COMMON = ("ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "PipelineVariable")


class ParallelRunner:
    """The -Parallel parameter set of ForEach-Object (runtime/parallel.py runs the tasks)."""

    def __init__(self, cmd: "ForEachObject"):
        from pslark.runtime.errors import ErrorRecord, PSNotSupportedException, RuntimeException
        self.cmd = cmd
        ctx = cmd.ctx
        if any(cmd.is_bound(n) for n in _UNSUPPORTED_COMMON):
            cmd.throw_terminating(ErrorRecord(
                PSNotSupportedException("The following common parameters are not currently supported in the "
                                        "Parallel parameter set:\nErrorAction, WarningAction, InformationAction, "
                                        "ProgressAction, PipelineVariable"),
                f"ParallelCommonParametersNotSupported,{cmd.fq_suffix()}", "NotImplemented", cmd, cmd.invocation))
        if cmd.as_job and cmd.is_bound("TimeoutSeconds"):
            cmd.throw_terminating(ErrorRecord(
                PSNotSupportedException("The 'TimeoutSeconds' parameter cannot be used with the 'AsJob' parameter."),
                f"ParallelCannotUseTimeoutWithJob,{cmd.fq_suffix()}", "InvalidOperation", cmd, cmd.invocation))
        sb = cmd.parallel
        self.sb_ast = sb.ast
        try:
            using = ctx.engine.using_values(ctx, sb.ast, parallel=True)
        except PSException as exc:
            record = exc.error_record
            cmd.throw_terminating(ErrorRecord(exc, f"UsingVariableIsUndefined,{cmd.fq_suffix()}", "InvalidOperation",
                                              None, record.invocation_info if record else cmd.invocation))
        for value in using.values():
            base = value.base if isinstance(value, PSObject) and value.base is not None else value
            if isinstance(base, ScriptBlock):
                cmd.throw_terminating(ErrorRecord(
                    RuntimeException("A ForEach-Object -Parallel using variable cannot be a script block. Passed-in "
                                     "script block variables are not supported with ForEach-Object -Parallel, and "
                                     "can result in undefined behavior."),
                    f"ParallelUsingVariableCannotBeScriptBlock,{cmd.fq_suffix()}", "InvalidType", None,
                    cmd.invocation))
        self.using = using
        self.deadline = None
        if cmd.timeout_seconds:
            import time
            self.deadline = time.monotonic() + cmd.timeout_seconds
        self.timed_out = False
        import queue
        from pslark.runtime.parallel import JobReporter, PSTaskJob, QueueReporter, TaskPool
        throttle = cmd.throttle_limit or 5
        if cmd.as_job:
            self.results = None
            self.job = PSTaskJob(sb.text, lambda job: TaskPool(ctx, sb.ast, using, throttle,
                                                               bool(cmd.use_new_runspace),
                                                               lambda task: JobReporter(task.job)))
            self.pool = self.job.pool
        else:
            self.job = None
            self.results = queue.Queue()
            reporter = QueueReporter(self.results)
            self.pool = TaskPool(ctx, sb.ast, using, throttle, bool(cmd.use_new_runspace), lambda task: reporter)

    def process(self, item):
        from pslark.runtime.errors import ErrorRecord, RuntimeException
        from pslark.runtime.parallel import Task
        cmd = self.cmd
        if item is AUTOMATION_NULL:
            return
        base = item.base if isinstance(item, PSObject) and item.base is not None else item
        if isinstance(base, ScriptBlock):
            cmd.write_error(ErrorRecord(
                RuntimeException("A ForEach-Object -Parallel piped input object cannot be a script block. Passed-in "
                                 "script block variables are not supported with ForEach-Object -Parallel, and can "
                                 "result in undefined behavior."),
                f"ParallelPipedInputObjectCannotBeScriptBlock,{cmd.fq_suffix()}", "InvalidType", item,
                cmd.invocation))
            return
        if self.job is not None:
            self.job.add_item(item)
            return
        if self.timed_out:
            return
        task = Task(item)
        while not self.pool.try_submit(task, 0.02):
            self._drain()
            if self._check():
                return
        self._drain()

    def _check(self) -> bool:
        """Stop on Ctrl+C / Stop-Job, and at the -TimeoutSeconds deadline. True when input must be dropped."""
        import time
        try:
            self.cmd.ctx.check_stop()
        except PSException:
            self.pool.stop()
            raise
        if self.deadline is not None and not self.timed_out and time.monotonic() >= self.deadline:
            self.timed_out = True
            self.pool.stop()
        return self.timed_out

    def _drain(self) -> None:
        import queue
        cmd = self.cmd
        streams = cmd.streams
        while True:
            try:
                kind, payload = self.results.get_nowait()
            except queue.Empty:
                return
            if kind == "output":
                cmd.emit(payload)
            elif kind == "error":
                cmd.had_errors = True
                streams.write_error(payload, cmd.error_action)
            elif kind == "warning":
                cmd.write_warning(payload.message)
            elif kind == "verbose":
                cmd.write_verbose(payload.message)
            elif kind == "debug":
                cmd.write_debug(payload.message)
            elif kind == "information":
                cmd.write_information(payload)
            elif kind == "progress":
                cmd.write_progress(payload)

    def end(self):
        cmd = self.cmd
        if self.job is not None:
            cmd.ctx.get_jobs().add(self.job)
            self.job.start()
            cmd.write_object(self.job)
            return
        self.pool.close()
        while not self.pool.wait_idle(0.02):
            self._drain()
            self._check()
        self._drain()

    def stop(self):
        self.pool.stop()


def _has_property(item, name: str) -> bool:
    from pslark.runtime import members
    try:
        return any(n.casefold() == name.casefold() for n in members.property_names(item))
    except PSException:
        return False


_OPERATORS = {
    # switch name: (operator for binary(), set name)
    "EQ": "-eq", "CEQ": "-ceq", "NE": "-ne", "CNE": "-cne", "GT": "-gt", "CGT": "-cgt", "LT": "-lt", "CLT": "-clt",
    "GE": "-ge", "CGE": "-cge", "LE": "-le", "CLE": "-cle", "Like": "-like", "CLike": "-clike",
    "NotLike": "-notlike", "CNotLike": "-cnotlike", "Match": "-match", "CMatch": "-cmatch",
    "NotMatch": "-notmatch", "CNotMatch": "-cnotmatch", "Contains": "-contains", "CContains": "-ccontains",
    "NotContains": "-notcontains", "CNotContains": "-cnotcontains", "In": "-in", "CIn": "-cin",
    "NotIn": "-notin", "CNotIn": "-cnotin", "Is": "-is", "IsNot": "-isnot",
}
_SET_NAMES = {
    "EQ": "EqualSet", "CEQ": "CaseSensitiveEqualSet", "NE": "NotEqualSet", "CNE": "CaseSensitiveNotEqualSet",
    "GT": "GreaterThanSet", "CGT": "CaseSensitiveGreaterThanSet", "LT": "LessThanSet",
    "CLT": "CaseSensitiveLessThanSet", "GE": "GreaterOrEqualSet", "CGE": "CaseSensitiveGreaterOrEqualSet",
    "LE": "LessOrEqualSet", "CLE": "CaseSensitiveLessOrEqualSet", "Like": "LikeSet",
    "CLike": "CaseSensitiveLikeSet", "NotLike": "NotLikeSet", "CNotLike": "CaseSensitiveNotLikeSet",
    "Match": "MatchSet", "CMatch": "CaseSensitiveMatchSet", "NotMatch": "NotMatchSet",
    "CNotMatch": "CaseSensitiveNotMatchSet", "Contains": "ContainsSet", "CContains": "CaseSensitiveContainsSet",
    "NotContains": "NotContainsSet", "CNotContains": "CaseSensitiveNotContainsSet", "In": "InSet",
    "CIn": "CaseSensitiveInSet", "NotIn": "NotInSet", "CNotIn": "CaseSensitiveNotInSet", "Is": "IsSet",
    "IsNot": "IsNotSet", "Not": "NotSet",
}
_ALIASES = {"EQ": ("IEQ",), "NE": ("INE",), "GT": ("IGT",), "LT": ("ILT",), "GE": ("IGE",), "LE": ("ILE",),
            "Like": ("ILike",), "NotLike": ("INotLike",), "Match": ("IMatch",), "NotMatch": ("INotMatch",),
            "Contains": ("IContains",), "NotContains": ("INotContains",), "In": ("IIn",), "NotIn": ("INotIn",)}
_PROPERTY_SETS = tuple(_SET_NAMES.values())


def _where_class():
    attrs = {
        "input_object": Parameter("psobject", pipeline=True),
        "filter_script": Parameter("scriptblock", position=0, mandatory=True, sets=("ScriptBlockSet",)),
        "property": Parameter("string", position=0, mandatory=True, sets=_PROPERTY_SETS),
        "value": Parameter("object", position=1, sets=tuple(s for s in _PROPERTY_SETS if s != "NotSet")),
    }
    for name, set_name in _SET_NAMES.items():
        attrs["op_" + name.casefold()] = Parameter(
            "switch", name=name, mandatory=name != "EQ", sets=(set_name,), aliases=_ALIASES.get(name, ()))
    return attrs


class WhereObjectBase(Cmdlet):
    def begin_processing(self):
        self.guard = _DollarUnderGuard(self.ctx)
        if self.parameter_set == "ScriptBlockSet":
            self.runner = block_runner(self.ctx, self.filter_script)
        else:
            self.operator = None
            for name, op in _OPERATORS.items():
                if self.is_bound(name):
                    self.operator = op
            self.negate = self.is_bound("Not")

    def process_record(self):
        from pslark.runtime.conversion import to_bool
        item = self.input_object
        if item is AUTOMATION_NULL:
            return
        if self.parameter_set == "ScriptBlockSet":
            results: list = []
            self.runner(item, results.append)
            if results and (to_bool(results[0]) if len(results) == 1 else to_bool(results)):
                self.write_object(item)
            return
        from pslark.runtime import members, operators
        if item is None:
            return
        value = members.get_member(item, self.property) if _has_property(item, self.property) else None
        if self.operator is None:
            ok = to_bool(value)
            if self.negate:
                ok = not ok
        else:
            op = self.operator
            if op in ("-in", "-cin", "-notin", "-cnotin"):
                ok = to_bool(operators.binary(op, value, self.value))
            elif op in ("-contains", "-ccontains", "-notcontains", "-cnotcontains"):
                ok = to_bool(operators.binary(op, value, self.value))
            else:
                ok = to_bool(operators.binary(op, value, self.value, None))
        if ok:
            self.write_object(item)

    def end_processing(self):
        self.guard.restore(self.ctx)


WhereObject = cmdlet("Where-Object", aliases=("?", "where"), default_set="EqualSet",
                     module="Microsoft.PowerShell.Core")(type("WhereObject", (WhereObjectBase,), _where_class()))
