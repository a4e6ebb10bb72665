"""ScriptBlock.GetSteppablePipeline(): a pipeline run step by step (Begin / Process / End / Clean / Dispose).

The script block must hold exactly one pipeline of commands. Its commands are set up (their arguments evaluated)
when the steppable pipeline is made; Begin runs their begin blocks, each Process feeds one input, End runs the
end blocks. The output of a step comes back from Process and End (what Begin wrote comes with the first
Process) unless Begin was given a $PSCmdlet: the output then goes straight to that command's output, as in a
proxy function. A step that fails runs the clean blocks before the error goes on; the clean blocks also run
after End, on Clean() and on Dispose() -- once.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from pslark.interpreter import ast as A
from pslark.runtime import errors as E
from pslark.runtime.conversion import to_bool, unwrap
from pslark.runtime.objects import AUTOMATION_NULL
from pslark.runtime.pipeline import StopUpstream


class SteppablePipeline:
    type_names = ["System.Management.Automation.SteppablePipeline", "System.Object"]
    ps_properties = ()

    def __init__(self, ctx, processors: list):
        self.ctx = ctx
        self.processors = processors
        self.output: list = []
        self.sink: Callable[[Any], None] = self.output.append
        self.expect_input = False
        self.begun = False
        self.ended = False
        self.disposed = False

    def ps_to_string(self) -> str:
        return "System.Management.Automation.SteppablePipeline"

    @property
    def net_methods(self) -> dict:
        return steppable_methods()

    # ---- steps
    def begin(self, args: list) -> None:
        from pslark.interpreter.functions import PSCmdletProxy
        first = unwrap(args[0]) if args else False
        if isinstance(first, PSCmdletProxy):
            command = first._p
            self.expect_input = bool(command.expects_input)
            self.sink = command._out
        else:
            self.expect_input = to_bool(first)
        procs = self.processors
        n = len(procs)
        for i, proc in enumerate(procs):
            proc.expects_input = i > 0 or self.expect_input
        held: list[list] = [[] for _ in range(n)]
        for i, proc in enumerate(procs):
            proc.emit = held[i].append
        self._step(lambda: [proc.begin() for proc in procs])
        for i, proc in enumerate(procs):
            proc.emit = procs[i + 1].process if i + 1 < n else self._emit
        for i, items in enumerate(held):
            downstream = procs[i + 1].process if i + 1 < n else self._emit
            for item in items:
                self._step(lambda item=item, downstream=downstream: downstream(item))
        self.begun = True

    def process(self, args: list) -> list:
        self._check_begun()
        first = self.processors[0]
        if args:
            self._step(lambda: first.process(args[0]))
        else:
            self._step(first.process_no_input)
        return self._take()

    def end(self) -> list:
        self._check_begun()
        if not self.ended:
            self.ended = True

            def run_ends():
                for proc in self.processors:
                    try:
                        proc.end()
                    except StopUpstream:
                        pass
            self._step(run_ends)
            self.dispose()
        return self._take()

    def dispose(self) -> None:
        """Clean() and Dispose(): the clean blocks run once."""
        if self.disposed:
            return
        self.disposed = True
        for proc in self.processors:
            try:
                proc.dispose()
            except Exception:   # cleaning up must not hide anything else
                pass

    # ---- helpers
    def _emit(self, item: Any) -> None:
        self.sink(item)

    def _take(self) -> list:
        out = [x for x in self.output if x is not AUTOMATION_NULL]
        self.output.clear()
        return out

    def _check_begun(self) -> None:
        if not self.begun:
            raise E.PSInvalidOperationException("The steppable pipeline has not been started. Call Begin first.")

    def _step(self, fn) -> None:
        try:
            fn()
        except StopUpstream:
            pass
        except BaseException as exc:
            self.dispose()
            if isinstance(exc, E.PSException):
                exc.no_method_wrap = True       # $step.Begin() & co. let the pipeline's error through as it is
            raise


def get_steppable_pipeline(sb, args: list) -> SteppablePipeline:
    """$scriptBlock.GetSteppablePipeline([CommandOrigin[, args]])."""
    from pslark.interpreter.commands import compile_element
    from pslark.interpreter.compiler import Compiler
    from pslark.interpreter.engine import current_context
    ast = sb.ast
    body = ast.end.body.statements if ast.end is not None else ()
    pipeline = body[0] if len(body) == 1 else None
    if (ast.begin is not None or ast.process is not None or ast.clean is not None or ast.param_block is not None
            or not isinstance(pipeline, A.PipelineAst) or pipeline.background
            or not all(isinstance(el, A.CommandAst) for el in pipeline.elements)):
        raise E.PSInvalidOperationException(
            "Only a script block that contains exactly one pipeline or command can be converted. Expressions or "
            "control structures are not permitted. Verify that the script block contains exactly one pipeline or "
            "command.", error_id="CanOnlyConvertOnePipeline")
    compiler = Compiler()
    n = len(pipeline.elements)
    makers = [compile_element(compiler, el, i, n) for i, el in enumerate(pipeline.elements)]
    ctx = current_context()
    return SteppablePipeline(ctx, [m(ctx) for m in makers])


def _methods():
    from pslark.runtime.types import NetMethod, _methods as build
    return build(
        NetMethod("Begin", ("void Begin(bool expectInput)",
                            "void Begin(System.Management.Automation.Internal.InternalCommand command)",
                            "void Begin(bool expectInput, System.Management.Automation.EngineIntrinsics "
                            "contextToRedirectTo)"), lambda s, a: s.begin(a)),
        NetMethod("Process", ("array Process(System.Object input)", "array Process(psobject input)",
                              "array Process()"), lambda s, a: s.process(a)),
        NetMethod("End", ("array End()",), lambda s, a: s.end()),
        NetMethod("Clean", ("void Clean()",), lambda s, a: s.dispose()),
        NetMethod("Dispose", ("void Dispose()", "void IDisposable.Dispose()"), lambda s, a: s.dispose()),
    )


_METHODS: Optional[dict] = None


def steppable_methods() -> dict:
    global _METHODS
    if _METHODS is None:
        _METHODS = _methods()
    return _METHODS
