"""The plain line-based interactive loop, and what it shares with the full session (interpreter/repl).

The loop here is the fallback when the prompt_toolkit session cannot run (TERM=dumb, no terminal on one
side). Both loops take the prompt from `prompt_text` and run what was typed with `run_input`, so a hook
placed in those two functions (the remote prompt and remote execution of Enter-PSSession, for instance)
works in both.
"""
from __future__ import annotations

import os
import sys

BANNER = {
    "en": ("pslark {version}: PowerShell 7.4 scripts, jobs and remoting in Python.\n"
           "Type 'Get-Help' for help, 'Get-Help about_pslark' for what differs from pwsh, 'exit' to leave.\n\n"),
    "de": ("pslark {version}: PowerShell-7.4-Skripte, Jobs und Remoting in Python.\n"
           "'Get-Help' zeigt die Hilfe, 'Get-Help about_pslark' die Unterschiede zu pwsh, 'exit' beendet.\n\n"),
}


def banner_text(ctx) -> str:
    from pslark.runtime.help.strings import language_of
    from pslark.runtime.runspace import PSLARK_VERSION
    var = ctx.session.lookup("PSUICulture")
    lang = language_of(str(var.value) if var is not None and var.value else "")
    return BANNER[lang].format(version=PSLARK_VERSION)


def prompt_text(engine, ctx) -> str:
    """The prompt: the user's `prompt` function if there is one, else pwsh's `PS /path> `."""
    try:
        return _prompt_text(engine, ctx)
    except Exception:   # a broken prompt (or a pslark bug in it): pwsh falls back to "PS>"
        if os.environ.get("PSLARK_DEBUG"):
            raise
        return "PS> "


def _prompt_text(engine, ctx) -> str:
    from pslark.runtime.conversion import to_string
    from pslark.runtime.remoting import interactive
    if interactive.in_session(ctx):          # Enter-PSSession: `[Server01]: PS /root> `
        return interactive.remote_prompt(ctx)
    if ctx.session.lookup_function("prompt") is not None:
        items: list = []
        result = engine.run_text(ctx, "prompt", out=items.append)
        ctx.stop_event.clear()
        if items:
            return "".join(to_string(i) for i in items)
        if result.terminated:
            return "PS>"
    return f"PS {ctx.location}> "


def load_profile(engine, ctx) -> None:
    """Dot-source $PROFILE (if it exists) into the global scope, as pwsh does without -NoProfile."""
    var = ctx.session.lookup("PROFILE")
    path = var.value if var is not None else None
    if path and os.path.isfile(str(path)):
        try:
            with open(str(path), encoding="utf-8-sig") as fh:
                text = fh.read()
        except OSError as exc:
            ctx.host.write_err(f"pslark: cannot read the profile '{path}': {exc.strerror}\n")
            return
        try:
            engine.run_text(ctx, text, str(path))
        except Exception as exc:   # a pslark bug while running the profile must not end the session
            if os.environ.get("PSLARK_DEBUG"):
                raise
            ctx.host.write_err(f"pslark internal error in the profile: {type(exc).__name__}: {exc}\n")
        ctx.stop_event.clear()


def run_input(engine, ctx, text: str):
    """Run one complete input the way an interactive session does (its own Out-Default, progress cleared
    afterwards, Ctrl+C stopping only this input)."""
    from pslark.interpreter.repl.host import end_of_command
    from pslark.runtime.errors import PipelineStoppedException
    host = ctx.host
    write_error_record = host.write_error_record

    def quiet_when_stopped(record):
        # Ctrl+C returns to the prompt silently, as in pwsh: no "The pipeline has been stopped." here
        if ctx.stop_event.is_set() and isinstance(getattr(record, "exception", None), PipelineStoppedException):
            return
        write_error_record(record)

    import datetime
    started = datetime.datetime.now()
    stopped = False
    ctx.stop_event.clear()
    host.write_error_record = quiet_when_stopped
    try:
        from pslark.runtime.remoting import interactive
        if interactive.in_session(ctx):      # Enter-PSSession: the line runs in the remote runspace
            result = interactive.run_remote(ctx, text)
        else:
            result = engine.run_text(ctx, text)
    except Exception as exc:   # a pslark bug: one line for the user, the session goes on (PSLARK_DEBUG shows it)
        if os.environ.get("PSLARK_DEBUG"):
            raise
        ctx.host.write_err(f"pslark internal error: {type(exc).__name__}: {exc}\n")
        from pslark.interpreter.engine import RunResult
        result = RunResult(1, terminated=True)
        result.success = False
    finally:
        try:
            del host.write_error_record
        except AttributeError:
            host.write_error_record = write_error_record
        end_of_command(ctx.host)
        stopped = ctx.stop_event.is_set()
        ctx.stop_event.clear()
        if stopped:
            ctx.host.write_out("\n")
    _add_history(ctx, text, "Stopped" if stopped else ("Completed" if result.success else "Failed"), started)
    return result


def _add_history(ctx, text: str, status: str, started) -> None:
    """Record the input for Get-History (the history cmdlets keep HistoryInfo objects in ctx.history)."""
    import datetime
    try:
        from pslark.runtime.cmdlets.history import add_history
    except ImportError:
        history = getattr(ctx, "history", None)
        if isinstance(history, list):
            history.append(text)
        return
    add_history(ctx, text, status, started, datetime.datetime.now())


def run_repl(engine, ctx, opts) -> int:
    from pslark.interpreter.parser import is_incomplete
    if not opts.no_logo:
        ctx.host.write_out(banner_text(ctx))
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
        result = run_input(engine, ctx, buffer)
        if result.exited:
            return result.exit_code
