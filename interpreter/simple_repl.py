"""A plain line-based interactive loop (used when the full prompt_toolkit REPL is not available)."""
from __future__ import annotations

import os
import sys

BANNER = ("pslark {version}: PowerShell 7.4 scripts, jobs and remoting in Python.\n"
          "Type 'Get-Help' for help, 'exit' to leave.\n")


def prompt_text(engine, ctx) -> str:
    """The prompt: the user's `prompt` function if there is one, else pwsh's `PS /path> `."""
    from pslark.runtime.conversion import to_string
    from pslark.runtime.remoting import interactive
    if interactive.in_session(ctx):          # Enter-PSSession: `[Server01]: PS /root> `
        return interactive.remote_prompt(ctx)
    if ctx.session.lookup_function("prompt") is not None:
        items: list = []
        engine.run_text(ctx, "prompt", out=items.append)
        if items:
            return "".join(to_string(i) for i in items)
    return f"PS {ctx.location}> "


def load_profile(engine, ctx) -> None:
    var = ctx.session.lookup("PROFILE")
    path = var.value if var is not None else None
    if path and os.path.isfile(path):
        with open(path, encoding="utf-8-sig") as fh:
            engine.run_text(ctx, fh.read(), path)


def run_repl(engine, ctx, opts) -> int:
    from pslark.interpreter.parser import is_incomplete
    from pslark.runtime.runspace import PSLARK_VERSION
    if not opts.no_logo:
        sys.stdout.write(BANNER.format(version=PSLARK_VERSION))
    if not opts.no_profile:
        load_profile(engine, ctx)
    while True:
        try:
            line = input(prompt_text(engine, ctx))
        except EOFError:
            sys.stdout.write("\n")
            return 0
        except KeyboardInterrupt:
            sys.stdout.write("\n")
            continue
        buffer = line
        try:
            while is_incomplete(buffer):
                buffer += "\n" + input(">> ")
        except EOFError:
            return 0
        except KeyboardInterrupt:
            sys.stdout.write("\n")
            continue
        if not buffer.strip():
            continue
        ctx.stop_event.clear()
        from pslark.runtime.remoting import interactive
        if interactive.in_session(ctx):      # Enter-PSSession: the line runs in the remote runspace
            interactive.run_remote(ctx, buffer)
            continue
        result = engine.run_text(ctx, buffer)
        if result.exited:
            return result.exit_code
