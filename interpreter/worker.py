"""The server side of the message protocol: `pslark -s` (a Start-Job worker) and `pslark -sshs` (the SSH
subsystem). One server process is one runspace: variables and functions persist between invocations.

Stdout carries only protocol frames (anything else the process prints goes to stderr). A reader thread
takes `stop` and `close` at any time; invocations run one after another on a large-stack thread. When the
client goes away (stdin closes) the server ends, with every process it started.
"""
from __future__ import annotations

import os
import queue
import signal
import socket
import sys
import threading
from typing import Any, Optional

from pslark.runtime.host import Host
from pslark.runtime.wire import protocol
from pslark.runtime.wire.protocol import FrameReader, FrameWriter, ProtocolError
from pslark.runtime.wire.serialization import decode, encode, encode_error


class WorkerHost(Host):
    """Host output inside a worker: text goes to the client as information records (tag PSHOST)."""

    name = "ServerRemoteHost"

    def __init__(self, server: "Server"):
        super().__init__()
        self.server = server
        self.columns = 80          # the client's width when it asks for formatted output (Enter-PSSession)

    @property
    def width(self) -> int:
        return self.columns

    def write_out(self, text: str) -> None:
        self.server.host_text(text)

    def write_err(self, text: str) -> None:
        self.server.host_text(text)


class Server:
    def __init__(self, reader: FrameReader, writer: FrameWriter):
        from pslark.interpreter.engine import get_engine
        self.reader = reader
        self.writer = writer
        self.engine = get_engine()
        self.host = WorkerHost(self)
        self.ctx = self.engine.new_runspace(self.host, os.getcwd())
        self.queue: "queue.Queue[Optional[dict]]" = queue.Queue()
        self.current_id: Optional[int] = None
        self.lock = threading.Lock()
        self.closing = False

    # ---- sending
    def send(self, message: dict) -> None:
        try:
            self.writer.send(message)
        except (OSError, ProtocolError, BrokenPipeError, ValueError):
            self.shutdown(1)

    def host_text(self, text: str) -> None:
        inv = self.current_id
        if inv is None or not text:
            return
        for line in text.splitlines():
            self.send({"type": "stream", "id": inv, "stream": "information",
                       "record": {"host": True, "text": line, "tags": ["PSHOST"], "source": ""}})

    # ---- reading
    def read_loop(self) -> None:
        try:
            while True:
                message = self.reader.recv()
                if message is None:
                    break
                kind = message.get("type")
                if kind == "invoke":
                    self.queue.put(message)
                elif kind == "stop":
                    if protocol.valid_id(message) == self.current_id:
                        self.stop_current()
                elif kind == "ping":
                    self.send({"type": "pong"})      # the client's keep-alive (remoting watchdog)
                elif kind == "close":
                    break
        except (ProtocolError, OSError, ValueError) as exc:
            try:
                self.writer.send({"type": "fatal", "message": str(exc)})
            except (OSError, ProtocolError, ValueError):
                pass
        self.closing = True
        self.stop_current()
        self.queue.put(None)

    def stop_current(self) -> None:
        ctx = self.ctx
        ctx.stop_event.set()
        for proc in list(getattr(ctx, "child_processes", ()) or ()):
            try:
                proc.kill()
            except OSError:
                pass

    # ---- running
    def run(self) -> int:
        hello = protocol.hello(str(self.ctx.instance_id), socket.gethostname(), os.getpid())
        hello["caps"] = ["ping", "format"]
        self.send(hello)
        threading.Thread(target=self.read_loop, name="pslark-server-reader", daemon=True).start()
        while True:
            message = self.queue.get()
            if message is None:
                break
            self.invoke(message)
            if self.closing:
                break
        self.shutdown(0)
        return 0

    def invoke(self, message: dict) -> None:
        from pslark.runtime.errors import ParseException
        from pslark.runtime.streams import Streams
        inv_id = protocol.valid_id(message)
        if inv_id is None:
            return
        ctx = self.ctx
        ctx.stop_event.clear()
        self.current_id = inv_id
        location = protocol.text_field(message, "location")
        if location and os.path.isdir(location):
            ctx.session.location = location
        using = message.get("using")
        ctx.using_values = {str(k): decode(v) for k, v in using.items()} if isinstance(using, dict) else {}
        args = [decode(a) for a in protocol.list_field(message, "args")]
        input_items = None
        if "input" in message and isinstance(message.get("input"), list):
            input_items = [decode(i) for i in message["input"]]
        ctx.streams = Streams(ctx, **self._sinks(inv_id))
        batch: list = []

        def flush():
            if batch:
                self.send({"type": "output", "id": inv_id, "items": list(batch)})
                batch.clear()

        def out(obj):
            batch.append(encode(obj))
            flush()
        formatter = None
        if message.get("format") is True:
            # Enter-PSSession: format here, as pwsh's remote host does, and send the text
            width = message.get("width")
            if isinstance(width, int) and not isinstance(width, bool) and 20 <= width <= 1000:
                self.host.columns = width
            formatter = self.host.new_out_default(ctx)

            def out(obj):
                lines = formatter.write(obj)
                if lines:
                    self.host.write_lines(lines)
        self.send({"type": "state", "id": inv_id, "state": "Running"})
        state = "Completed"
        try:
            script = protocol.text_field(message, "script")
            init = protocol.text_field(message, "init")
            sb_ast = self.engine.parse(script)
            init_ast = self.engine.parse(init) if init else None
            failure = self.engine.run_job_script(ctx, sb_ast, args, input_items, out, init_ast=init_ast)
        except ParseException as exc:
            failure = exc
        if formatter is not None:
            try:
                lines = formatter.close()
                if lines:
                    self.host.write_lines(lines)
            except Exception:   # formatting must not hide the command's end
                pass
        flush()
        if ctx.stop_event.is_set():
            state = "Stopped"
        elif failure is not None:
            from pslark.runtime.errors import ErrorRecord
            record = failure.error_record or ErrorRecord(failure)
            encoded = encode_error(record)
            # the record also goes as error data (for clients that only show streams); "failure" marks it
            self.send({"type": "stream", "id": inv_id, "stream": "error", "record": encoded, "failure": True})
            self.send({"type": "state", "id": inv_id, "state": "Failed", "reason": encoded})
            state = "Failed"
        self.send({"type": "done", "id": inv_id, "state": state})
        self.current_id = None

    def _sinks(self, inv_id: int) -> dict:
        def send(stream: str, record: dict) -> None:
            self.send({"type": "stream", "id": inv_id, "stream": stream, "record": record})

        def information(rec) -> None:
            from pslark.runtime.records import HostInformationMessage
            data = rec.message_data
            if isinstance(data, HostInformationMessage):
                send("information", {"host": True, "text": data.message, "no_newline": data.no_newline,
                                     "tags": list(rec.tags), "source": rec.source})
            else:
                send("information", {"data": encode(data), "tags": list(rec.tags), "source": rec.source})

        def progress(rec) -> None:
            send("progress", {"activity": rec.activity, "status": rec.status, "id": rec.activity_id,
                              "parent": rec.parent_id, "percent": rec.percent, "seconds": rec.seconds_remaining,
                              "operation": rec.current_operation, "completed": rec.completed})
        return {
            "error": lambda rec: send("error", encode_error(rec)),
            "warning": lambda rec: send("warning", {"message": rec.message}),
            "verbose": lambda rec: send("verbose", {"message": rec.message}),
            "debug": lambda rec: send("debug", {"message": rec.message}),
            "information": information,
            "progress": progress,
        }

    def shutdown(self, code: int) -> None:
        self.stop_current()
        jobs = self.ctx.jobs
        if jobs is not None:
            try:
                jobs.shutdown()
            except Exception:   # exiting anyway
                pass
        try:
            sys.stderr.flush()
        finally:
            os._exit(code)


def serve_stdio() -> int:
    """`pslark -s` / `pslark -sshs`: the protocol on stdin/stdout."""
    from pslark.interpreter.cli import _run_in_big_stack
    stdin = sys.stdin.buffer
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr          # nothing but frames may reach the real stdout
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):
        pass
    server = Server(FrameReader(stdin), FrameWriter(stdout))
    return _run_in_big_stack(server.run)
