"""The fork server behind Start-Job: one process that has imported the interpreter once and forks a fresh
worker for every job, so a job starts in milliseconds instead of paying Python's and pslark's start-up.

The zygote listens on a Unix socket. A request is one line of JSON (the caller's environment); the zygote
forks, and the child serves the job protocol (interpreter/worker.py) on that connection in its own session
(so Stop-Job can kill it and everything it started). The zygote ends when its parent closes its stdin.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading

MAX_REQUEST = 4 * 1024 * 1024


def _watch_parent() -> None:
    """Exit as soon as the pslark process that started us goes away (its end of our stdin closes)."""
    try:
        while sys.stdin.buffer.read(1024):
            pass
    finally:
        os._exit(0)


def _read_request(conn: socket.socket) -> dict:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
        if len(data) > MAX_REQUEST:
            break
    try:
        request = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return request if isinstance(request, dict) else {}


def _serve_child(conn: socket.socket, request: dict) -> None:
    """In the forked child: become an ordinary worker talking over the connection."""
    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    env = request.get("env")
    if isinstance(env, dict):
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in env.items()})
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.close(devnull)
    from pslark.interpreter.cli import _run_in_big_stack
    from pslark.interpreter.worker import Server
    from pslark.runtime.wire.protocol import FrameReader, FrameWriter
    reader = conn.makefile("rb")
    writer = conn.makefile("wb")
    server = Server(FrameReader(reader), FrameWriter(writer))
    code = 1
    try:
        code = _run_in_big_stack(server.run)
    finally:
        os._exit(code or 0)


def main() -> None:
    path = sys.argv[1]
    from pslark.interpreter.engine import get_engine
    import pslark.interpreter.worker  # noqa: F401  (imported once here, inherited by every child)
    engine = get_engine()
    engine.parse("$x = 1; Write-Output $x | ForEach-Object { $_ }")   # load the parser tables now
    engine.new_runspace()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)     # children are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, daemon=True).start()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        conn, _ = listener.accept()
        try:
            request = _read_request(conn)
            pid = os.fork()
        except OSError:
            conn.close()
            continue
        if pid == 0:
            listener.close()
            _serve_child(conn, request)
        conn.close()


if __name__ == "__main__":
    main()
