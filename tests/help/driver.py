"""Runs help-topic examples the way a person types them at the prompt: each `PS>` input on its own, through
the interactive session's run_input (its own Out-Default per input). Used by examples.py in a subprocess:

    python -m tests.help.driver CASE.json

CASE.json holds {"commands": [...]}. Standard error is merged into standard output (as on a terminal),
a line "\\x1e<n>" is written before command n, and a JSON list telling which commands wrote to standard
error is written to file descriptor $PSLARK_EXAMPLE_RESULT_FD at the end.
"""
from __future__ import annotations

import json
import os
import sys


class _Flagging:
    """sys.stderr that remembers whether anything was written during the current command."""

    def __init__(self, stream):
        self.stream = stream
        self.used = False

    def write(self, text):
        if text:
            self.used = True
        return self.stream.write(text)

    def flush(self):
        self.stream.flush()

    def isatty(self):
        return False

    def __getattr__(self, name):
        return getattr(self.stream, name)


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as fh:
        case = json.load(fh)
    result_fd = int(os.environ["PSLARK_EXAMPLE_RESULT_FD"])
    sys.stdout.flush()
    os.dup2(1, 2)
    err = _Flagging(sys.stderr)
    sys.stderr = err
    from pslark.interpreter import engine as engine_module
    from pslark.interpreter.engine import get_engine
    from pslark.interpreter.simple_repl import run_input
    from pslark.runtime.host import ConsoleHost
    engine = get_engine()
    ctx = engine.new_runspace(ConsoleHost(stdout=sys.stdout, stderr=err, interactive=True))
    engine_module.main_context = ctx
    wrote_error = []
    try:
        for i, command in enumerate(case["commands"]):
            sys.stdout.write(f"\x1e{i}\n")
            sys.stdout.flush()
            err.used = False
            run_input(engine, ctx, command)
            sys.stdout.flush()
            wrote_error.append(err.used)
    finally:
        if ctx.jobs is not None:
            ctx.jobs.shutdown()
        with os.fdopen(result_fd, "w") as fh:
            json.dump(wrote_error, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
