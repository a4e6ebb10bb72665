"""Enter-PSSession / Exit-PSSession for an interactive loop: whatever REPL reads the lines calls these.

    in_session(ctx)                    -> True while a session is entered (lines go to the remote runspace)
    remote_prompt(ctx)                 -> the prompt text inside a session: `[Server01]: PS /root> `
    run_remote(ctx, text)              -> run one line there (`exit` / Exit-PSSession leave the session);
                                          returns a result with .exited False, like engine.run_text's

Remote lines run in the session's runspace and are formatted there (as pwsh's remote host does), so the
user sees the remote Out-Default text; errors, warnings and verbose records are shown by the local host.
"""
from __future__ import annotations

import re
import threading
from typing import Callable, Optional

_EXIT_RE = re.compile(r"^\s*(exit|exit-pssession)\s*;?\s*$", re.IGNORECASE)
PROMPT_SCRIPT = 'if ($function:prompt) { prompt } else { "PS $PWD> " }'


class _Pushed:
    def __init__(self, session, temporary: bool):
        self.session = session
        self.temporary = temporary


def current(ctx):
    pushed = getattr(ctx, "pushed_session", None)
    return pushed.session if pushed is not None else None


def in_session(ctx) -> bool:
    return getattr(ctx, "pushed_session", None) is not None


def push(ctx, session, temporary: bool = False) -> None:
    """Enter-PSSession: later lines go to `session` (a temporary one is closed on exit)."""
    ctx.pushed_session = _Pushed(session, temporary)
    refresh_prompt(ctx)


def pop(ctx) -> None:
    """Exit-PSSession: back to the local runspace."""
    pushed = getattr(ctx, "pushed_session", None)
    ctx.pushed_session = None
    if pushed is not None and pushed.temporary:
        from pslark.runtime.remoting.session import session_repository
        pushed.session.close()
        session_repository(ctx).remove(pushed.session)


def remote_prompt(ctx) -> str:
    session = current(ctx)
    text = session.prompt_location if session is not None and session.prompt_location else "PS> "
    name = session.computer_name if session is not None else "localhost"
    return f"[{name}]: {text}"


def prompt(engine, ctx, local_prompt: Callable) -> str:
    """The prompt for a loop: the remote one inside a session, else local_prompt(engine, ctx)."""
    if current(ctx) is None:
        return local_prompt(engine, ctx)
    return remote_prompt(ctx)


class LineResult:
    """What run_remote returns, shaped like the engine's RunResult (a remote line never exits the REPL)."""

    exited = False
    exit_code = 0
    terminated = False

    def __init__(self, success: bool):
        self.success = success


def refresh_prompt(ctx) -> None:
    """Ask the remote runspace for its prompt (its `prompt` function, or `PS <location>> `)."""
    session = current(ctx)
    if session is None:
        return
    texts: list[str] = []
    _invoke(ctx, session, PROMPT_SCRIPT, formatted=False, collect=texts)
    if texts:
        session.prompt_location = "".join(texts)


def run_remote(ctx, text: str) -> LineResult:
    """Run one interactive line in the entered session and show what it writes."""
    session = current(ctx)
    if session is None:
        return LineResult(True)
    if _EXIT_RE.match(text):
        pop(ctx)
        return LineResult(True)
    ok = _invoke(ctx, session, text, formatted=True)
    if not ok or session.state != "Opened":
        pop(ctx)
        return LineResult(False)
    refresh_prompt(ctx)
    return LineResult(True)


class _List(list):
    add = list.append


class _Records:
    """Stands in for a job's streams while one record is decoded."""

    def __init__(self):
        for name in ("error", "warning", "verbose", "debug", "information", "progress"):
            setattr(self, name, _List())


class _Printer:
    """Shows one interactive invocation's replies on the local host as they arrive."""

    def __init__(self, ctx, session, collect: Optional[list]):
        self.ctx = ctx
        self.session = session
        self.collect = collect
        self.done = threading.Event()
        self.lost: Optional[str] = None

    def on_message(self, message: dict) -> None:
        try:
            self._show(message)
        except Exception as exc:   # content that cannot be shown: end this line, never crash the REPL
            self.connection_lost(f"the server sent an invalid message ({type(exc).__name__}: {exc})")

    def _show(self, message: dict) -> None:
        from pslark.runtime.conversion import to_string
        from pslark.runtime.jobs.processjob import InvocationHandler
        kind = message.get("type")
        host = self.ctx.host
        if kind == "output":
            from pslark.runtime.wire.serialization import decode
            for item in message.get("items") or []:
                value = decode(item)
                if self.collect is not None:
                    self.collect.append(to_string(value))
        elif kind == "stream":
            # reuse the job machinery to decode the record, then show it
            job = _Records()
            InvocationHandler(job, None)._stream(str(message.get("stream") or ""), message.get("record"))
            for rec in job.error:
                self.ctx.record_error(rec)
                host.write_error_record(rec)
            for rec in job.warning:
                host.write_warning(rec.message)
            for rec in job.verbose:
                host.write_verbose(rec.message)
            for rec in job.debug:
                host.write_debug(rec.message)
            for rec in job.information:
                data = rec.message_data
                text = getattr(data, "message", None)
                if text is None:
                    text = to_string(data)
                if getattr(data, "no_newline", False):
                    host.write_out(text)
                else:
                    host.write_out(text + "\n")
        elif kind == "done":
            self.done.set()

    def connection_lost(self, reason: str) -> None:
        self.lost = reason
        self.done.set()


def _invoke(ctx, session, script: str, formatted: bool, collect: Optional[list] = None) -> bool:
    from pslark.runtime.remoting.session import transport_error
    from pslark.runtime.wire.protocol import ProtocolError
    link = session.link
    printer = _Printer(ctx, session, collect)
    message = {"script": script, "args": [], "using": {}}
    if formatted:
        message["format"] = True
        message["width"] = ctx.host.width
    with session.lock:
        session.busy += 1
    try:
        try:
            inv_id = link.connection.invoke(printer, message)
        except (OSError, ProtocolError, BrokenPipeError, ValueError) as exc:
            printer.connection_lost(f"the connection failed ({exc})")
            inv_id = None
        if link.connection.closed.is_set() and not printer.done.is_set():
            printer.connection_lost(link.connection.close_reason or "the connection was closed")
        stopped = False
        while not printer.done.wait(0.05):
            if ctx.stop_event.is_set() and not stopped and inv_id is not None:
                link.connection.stop(inv_id)      # Ctrl+C stops the remote pipeline
                stopped = True
    finally:
        with session.lock:
            session.busy -= 1
    if printer.lost is not None:
        session.broken_reason = printer.lost
        record = transport_error(session.computer_name, link.loss_message(printer.lost))
        ctx.record_error(record)
        ctx.host.write_error_record(record)
        return False
    return True
