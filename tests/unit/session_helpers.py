"""Run pslark text in-process in a fresh runspace and collect what a user would see (80 columns)."""
from __future__ import annotations

from typing import Optional


class Run:
    def __init__(self, out: str, err: str, ctx, result):
        self.out = out
        self.err = err
        self.ctx = ctx
        self.result = result

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def var(self, name: str):
        v = self.ctx.session.get_variable(name)
        return None if v is None else v.value


def run(script: str, location: Optional[str] = None, ctx=None) -> Run:
    """Run `script` at the top level of a runspace located at `location`; stdout/stderr as text."""
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.host import CollectingHost
    eng = get_engine()
    if ctx is None:
        host = CollectingHost(width=80)
        ctx = eng.new_runspace(host, location=location)
    else:
        host = ctx.host
        host.out.clear()
        host.err.clear()
    result = eng.run_text(ctx, script)
    return Run(host.stdout_text, host.stderr_text, ctx, result)


def error_ids(ctx) -> list[str]:
    """FullyQualifiedErrorIds in $Error, oldest first."""
    errs = ctx.session.global_scope.variables["error"].value
    return [getattr(e, "fully_qualified_error_id", None) for e in reversed(errs)]
