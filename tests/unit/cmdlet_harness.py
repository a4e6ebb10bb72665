"""Run cmdlet classes directly (no parser needed): bind arguments like a command line, collect output/errors."""
from __future__ import annotations

from typing import Any

from pslark.runtime.binder import NO_VALUE, CommandArgument
from pslark.runtime.cmdlet import CMDLETS
from pslark.runtime.errors import InvocationInfo
from pslark.runtime.pipeline import CmdletProcessor, run_pipeline


class Result:
    def __init__(self, output: list, errors: list, warnings: list):
        self.output = output
        self.errors = errors
        self.warnings = warnings

    @property
    def value(self):
        return self.output[0] if len(self.output) == 1 else self.output

    @property
    def error_ids(self) -> list[str]:
        return [e.fully_qualified_error_id for e in self.errors]

    @property
    def messages(self) -> list[str]:
        return [e.message for e in self.errors]


def new_context(location: str | None = None):
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.host import CollectingHost
    eng = get_engine()
    host = CollectingHost()
    ctx = eng.new_runspace(host, location=location)
    return ctx


def run(ctx, command: str, *positional: Any, input: Any = None, switches: tuple = (), **named: Any) -> Result:
    """run(ctx, 'Get-Variable', 'x', ValueOnly=True) ~ `Get-Variable x -ValueOnly`.
    `input` (a list) is piped in. Named values of True become switches; use switches=('Force',) too."""
    from pslark.interpreter.engine import ActiveContext
    info = CMDLETS[command.casefold()]
    args = []
    for name, value in named.items():
        if value is True:
            args.append(CommandArgument(name, NO_VALUE))
        else:
            args.append(CommandArgument(name, value, used_colon=True))
    for s in switches:
        args.append(CommandArgument(s, NO_VALUE))
    for v in positional:
        args.append(CommandArgument(None, v))
    errors: list = []
    warnings: list = []
    streams = ctx.streams.derive(error=errors.append, warning=warnings.append)
    out: list = []
    with ActiveContext(ctx):
        proc = CmdletProcessor(ctx, info, args, InvocationInfo(info.name), streams)
        run_pipeline(ctx, [proc], out.append, input)
    return Result(out, errors, warnings)
