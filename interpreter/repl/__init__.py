"""The interactive interpreter. This package is the only place that imports prompt_toolkit (design.md §2),
and only when a session actually starts: importing the package itself is cheap."""
from __future__ import annotations

import os


def run_interactive(engine, ctx, opts) -> int:
    """The prompt_toolkit session on a capable terminal, else the plain line loop."""
    from pslark.interpreter.repl.session import usable
    from pslark.interpreter.simple_repl import run_repl
    if usable():
        from pslark.interpreter.repl.session import SessionFailed, run_session
        try:
            return run_session(engine, ctx, opts)
        except SessionFailed as exc:
            # the line editor could not run on this terminal: say so in one line and carry on plainly
            if os.environ.get("PSLARK_DEBUG"):
                raise exc.__cause__ or exc
            ctx.host.write_err(f"pslark: the line editor is not available here ({exc}); using a plain prompt.\n")
            opts.no_logo = True
            opts.no_profile = True
    return run_repl(engine, ctx, opts)
